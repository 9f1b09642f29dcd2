// Row-preserving operators: where, project*, extend, sort/top, take, count, getschema.
#include "alertdrill/text.hpp"
#include "kql/engine.hpp"

#include <algorithm>

namespace alertdrill::kql {

namespace {

void split_and(const ExprPtr& e, std::vector<ExprPtr>& out) {
    if (e->kind == Expr::Binary && e->name == "and") {
        split_and(e->args[0], out);
        split_and(e->args[1], out);
    } else {
        out.push_back(e);
    }
}

void require_bool(const BExpr& b, const Expr& e, const char* op) {
    if (b.type != ColumnType::Bool && b.type != ColumnType::Dynamic)
        throw QueryError(e.pos, std::string(op) + " needs a true/false condition, not a " +
                                    std::string(column_type_name(b.type)) + " value");
}

Column eval_column(Engine& eng, const Table& t, const BExpr& b, const std::string& name) {
    Column c(name, b.type);
    c.reserve(t.row_count());
    RowCtx ctx = eng.ctx(t);
    for (size_t r = 0; r < t.row_count(); ++r) {
        ctx.row = r;
        push_value(c, eval(b, ctx));
    }
    return c;
}

} // namespace

Frame Engine::op_where(const Frame& in, const Op& op) {
    std::vector<ExprPtr> conj;
    split_and(op.pred, conj);
    const Table& t = in.t();
    size_t n = t.row_count();
    std::vector<uint32_t> sel;
    bool all = true; // sel not materialised yet: every row
    for (const auto& c : conj) {
        BExpr b = bind(*c, t, m_scope);
        require_bool(b, *c, "where");
        size_t count = all ? n : sel.size();
        charge(count, op.pos);
        if (b.fn == Fn::Lit) {
            if (!truthy(b.lit)) {
                sel.clear();
                all = false;
            }
            continue;
        }
        std::vector<int> refs;
        column_refs(b, refs);
        std::vector<uint32_t> next;
        next.reserve(all ? n / 4 : sel.size());
        // Keeps the rows (all of them, or the current selection) for which keep(row) holds.
        auto keep_rows = [&](auto keep) {
            if (all) {
                for (uint32_t r = 0; r < n; ++r)
                    if (keep(r)) next.push_back(r);
            } else {
                for (uint32_t r : sel)
                    if (keep(r)) next.push_back(r);
            }
        };
        const Column* col = refs.size() == 1 ? &t.columns()[size_t(refs[0])] : nullptr;
        // Column == "literal" on a string column: one dictionary lookup, then compare codes.
        if (col && col->type() == ColumnType::String && (b.fn == Fn::Eq || b.fn == Fn::Neq) &&
            b.args[0].fn == Fn::Col && b.args[1].fn == Fn::Lit &&
            b.args[1].lit.type == ColumnType::String) {
            std::optional<uint32_t> code = col->find_code(b.args[1].lit.s);
            bool eq = b.fn == Fn::Eq;
            auto keep = [&](uint32_t r) { return (code && col->code(r) == *code) == eq; };
            keep_rows(keep);
            sel = std::move(next);
            all = false;
            continue;
        }
        if (col && (col->type() == ColumnType::String || col->type() == ColumnType::Dynamic) &&
            col->dictionary().size() < count) {
            // Evaluate once per distinct value, then filter rows by dictionary code.
            const auto& dict = col->dictionary();
            std::vector<uint8_t> ok(dict.size());
            RowCtx cx = ctx(t);
            cx.sub_col = refs[0];
            Value sub;
            cx.sub_val = &sub;
            for (size_t code = 0; code < dict.size(); ++code) {
                if (col->type() == ColumnType::String) {
                    sub = Value::str(dict[code]);
                } else {
                    Json j = Json::parse(dict[code], nullptr, false);
                    sub = Value::dynamic(j.is_discarded() ? Json(dict[code]) : std::move(j));
                }
                ok[code] = truthy(eval(b, cx));
            }
            bool nulls_ok = false;
            if (col->type() == ColumnType::Dynamic) {
                sub = Value::make_null(ColumnType::Dynamic);
                nulls_ok = truthy(eval(b, cx));
            }
            auto keep = [&](uint32_t r) {
                if (col->type() == ColumnType::Dynamic && col->is_null(r)) return nulls_ok;
                return ok[col->code(r)] != 0;
            };
            keep_rows(keep);
        } else {
            RowCtx cx = ctx(t);
            auto test = [&](uint32_t r) {
                cx.row = r;
                return truthy(eval(b, cx));
            };
            keep_rows(test);
        }
        sel = std::move(next);
        all = false;
    }
    if (all) return in;
    return gather(in, sel, m_need);
}

Frame Engine::op_project(const Frame& in, const Op& op) {
    const Table& t = in.t();
    charge(t.row_count(), op.pos);
    Table out(t.name());
    if (op.kind == Op::ProjectRename) {
        std::map<std::string, std::string> renames;
        for (const auto& a : op.items) {
            if (a.name.empty() || a.expr->kind != Expr::Name)
                throw QueryError(a.expr->pos,
                                 "expected NewName = ExistingColumn in project-rename");
            if (t.column_index(a.expr->name) < 0) bind(*a.expr, t, m_scope); // reports the name
            renames[a.expr->name] = a.name;
        }
        for (const auto& c : t.columns()) {
            auto it = renames.find(c.name());
            out.columns().push_back(c.clone(it == renames.end() ? c.name() : it->second));
        }
        return owned_frame(std::move(out), in.lineage);
    }
    int auto_n = 0;
    for (const auto& a : op.items) {
        BExpr b = bind(*a.expr, t, m_scope);
        std::string name = a.name.empty() ? auto_name(*a.expr) : a.name;
        if (name.empty()) name = "Column" + std::to_string(++auto_n);
        if (out.column_index(name) >= 0)
            throw QueryError(a.name.empty() ? a.expr->pos : a.name_pos,
                             "the column '" + name + "' is already in the projection");
        if (b.fn == Fn::Col)
            out.columns().push_back(t.columns()[size_t(b.col)].clone(name));
        else
            out.columns().push_back(eval_column(*this, t, b, name));
    }
    return owned_frame(std::move(out), in.lineage);
}

Frame Engine::op_project_away(const Frame& in, const Op& op) {
    const Table& t = in.t();
    std::vector<bool> drop(t.columns().size(), false);
    for (const auto& a : op.items) {
        if (a.expr->kind != Expr::Name || !a.name.empty())
            throw QueryError(a.expr->pos, "project-away takes column names");
        int c = t.column_index(a.expr->name);
        if (c < 0) bind(*a.expr, t, m_scope); // throws with a suggestion
        drop[size_t(c)] = true;
    }
    Table out(t.name());
    for (size_t c = 0; c < t.columns().size(); ++c)
        if (!drop[c]) out.columns().push_back(t.columns()[c].clone(t.columns()[c].name()));
    return owned_frame(std::move(out), in.lineage);
}

Frame Engine::op_extend(const Frame& in, const Op& op) {
    const Table& t = in.t();
    Table out(t);
    int auto_n = 0;
    for (const auto& a : op.items) {
        charge(t.row_count(), op.pos);
        BExpr b = bind(*a.expr, out, m_scope);
        std::string name = a.name.empty() ? auto_name(*a.expr) : a.name;
        if (name.empty()) name = "Column" + std::to_string(++auto_n);
        Column c = eval_column(*this, out, b, name);
        int existing = out.column_index(name);
        if (existing >= 0)
            out.columns()[size_t(existing)] = std::move(c);
        else
            out.columns().push_back(std::move(c));
    }
    return owned_frame(std::move(out), in.lineage);
}

Frame Engine::op_sort(const Frame& in, const Op& op, size_t limit) {
    const Table& t = in.t();
    size_t n = t.row_count();
    charge(n, op.pos);
    std::vector<BExpr> keys;
    for (const auto& k : op.sort) keys.push_back(bind(*k.expr, t, m_scope));
    std::vector<uint32_t> idx(n);
    for (size_t i = 0; i < n; ++i) idx[i] = static_cast<uint32_t>(i);
    size_t take = std::min(limit, n);
    // One numeric column key: compare raw numbers rather than Values.
    if (keys.size() == 1 && keys[0].fn == Fn::Col && keys[0].type != ColumnType::String &&
        keys[0].type != ColumnType::Dynamic) {
        const Column& c = t.columns()[size_t(keys[0].col)];
        bool asc = op.sort[0].asc, nf = op.sort[0].nulls_first;
        bool real = c.type() == ColumnType::Real;
        auto less = [&](uint32_t a, uint32_t b) {
            bool na = c.is_null(a), nb = c.is_null(b);
            if (na || nb) {
                if (na == nb) return a < b;
                return nf ? na : nb;
            }
            if (real) {
                double x = c.real(a), y = c.real(b);
                if (x != y) return asc ? x < y : x > y;
            } else {
                int64_t x = c.i64(a), y = c.i64(b);
                if (x != y) return asc ? x < y : x > y;
            }
            return a < b;
        };
        if (take < n) {
            std::partial_sort(idx.begin(), idx.begin() + long(take), idx.end(), less);
            idx.resize(take);
        } else {
            std::sort(idx.begin(), idx.end(), less);
        }
        return gather(in, idx, m_need);
    }
    std::vector<std::vector<Value>> vals(keys.size(), std::vector<Value>(n));
    RowCtx cx = ctx(t);
    for (size_t k = 0; k < keys.size(); ++k)
        for (size_t r = 0; r < n; ++r) {
            cx.row = r;
            vals[k][r] = eval(keys[k], cx);
        }
    auto less = [&](uint32_t a, uint32_t b) {
        for (size_t k = 0; k < keys.size(); ++k) {
            const Value &x = vals[k][a], &y = vals[k][b];
            bool nx = x.null && x.type != ColumnType::String,
                 ny = y.null && y.type != ColumnType::String;
            if (nx || ny) {
                if (nx == ny) continue;
                return op.sort[k].nulls_first ? nx : ny;
            }
            int c = compare_values(x, y);
            if (c != 0) return op.sort[k].asc ? c < 0 : c > 0;
        }
        return a < b;
    };
    if (take < n) {
        std::partial_sort(idx.begin(), idx.begin() + long(take), idx.end(), less);
        idx.resize(take);
    } else {
        std::sort(idx.begin(), idx.end(), less);
    }
    return gather(in, idx, m_need);
}

Frame Engine::op_take(const Frame& in, const Op& op) {
    size_t n = size_t(const_long(*op.pred, "the number of rows in take"));
    if (n >= in.rows()) return in;
    std::vector<uint32_t> idx(n);
    for (size_t i = 0; i < n; ++i) idx[i] = static_cast<uint32_t>(i);
    return gather(in, idx, m_need);
}

Frame Engine::op_count(const Frame& in, const Op& op) {
    (void)op;
    Table out(in.t().name());
    out.add_column("Count", ColumnType::Long).push_int(int64_t(in.rows()));
    return owned_frame(std::move(out));
}

Frame Engine::op_getschema(const Frame& in, const Op& op) {
    (void)op;
    Table out(in.t().name());
    auto& n = out.add_column("ColumnName", ColumnType::String);
    auto& o = out.add_column("ColumnOrdinal", ColumnType::Long);
    auto& d = out.add_column("DataType", ColumnType::String);
    auto& c = out.add_column("ColumnType", ColumnType::String);
    int64_t i = 0;
    for (const auto& col : in.t().columns()) {
        n.push_string(col.name());
        o.push_int(i++);
        static const char* const net[] = {"System.String", "System.Int64",    "System.Double",
                                          "System.SByte",  "System.DateTime", "System.TimeSpan",
                                          "System.Object"};
        d.push_string(net[static_cast<int>(col.type())]);
        c.push_string(column_type_name(col.type()));
    }
    return owned_frame(std::move(out));
}

Frame Engine::op_distinct(const Frame& in, const Op& op) {
    Op s;
    s.kind = Op::Summarize;
    s.pos = op.pos;
    if (op.distinct_star) {
        for (const auto& c : in.t().columns()) {
            Assign a;
            a.expr = std::make_shared<Expr>();
            a.expr->kind = Expr::Name;
            a.expr->name = c.name();
            a.expr->pos = op.pos;
            s.by.push_back(a);
        }
    } else {
        s.by = op.items;
    }
    return op_summarize(in, s);
}

} // namespace alertdrill::kql
