// mv-expand (one row per array element) and parse (columns extracted by a pattern).
#include "alertdrill/text.hpp"
#include "kql/engine.hpp"

#include <re2/re2.h>

namespace alertdrill::kql {

Frame Engine::op_mv_expand(const Frame& in, const Op& op) {
    const Table& t = in.t();
    size_t n = t.row_count();
    charge(n, op.pos);
    struct Item {
        std::string name;
        BExpr expr;
        int replaces = -1;
    };
    std::vector<Item> items;
    for (const auto& a : op.items) {
        Item it;
        it.expr = bind(*a.expr, t, m_scope);
        it.name = a.name.empty() ? auto_name(*a.expr) : a.name;
        if (it.name.empty()) it.name = "Column" + std::to_string(items.size() + 1);
        it.replaces = t.column_index(it.name);
        items.push_back(std::move(it));
    }
    const size_t limit =
        op.pred ? size_t(const_long(*op.pred, "the mv-expand row limit")) : SIZE_MAX;
    // Expanded values per output row; rows repeat their source row for the other columns.
    std::vector<uint32_t> src_rows;
    std::vector<int64_t> item_index;
    std::vector<std::vector<Value>> vals(items.size());
    RowCtx cx = ctx(t);
    for (uint32_t r = 0; r < n; ++r) {
        cx.row = r;
        std::vector<std::vector<Value>> elems(items.size());
        size_t len = 0;
        for (size_t k = 0; k < items.size(); ++k) {
            Value v = eval(items[k].expr, cx);
            if (v.type == ColumnType::Dynamic && v.dyn && v.dyn->is_array()) {
                for (const auto& j : *v.dyn) elems[k].push_back(Value::dynamic(j));
            } else if (v.type == ColumnType::Dynamic && v.dyn && v.dyn->is_object()) {
                for (auto it = v.dyn->begin(); it != v.dyn->end(); ++it)
                    elems[k].push_back(
                        Value::dynamic(op.bag_as_array ? Json::array({it.key(), it.value()})
                                                       : Json::object({{it.key(), it.value()}})));
            } else {
                elems[k].push_back(v);
            }
            len = std::max(len, elems[k].size());
        }
        len = std::min(len, limit);
        check_rows(src_rows.size() + len, op.pos, "this mv-expand");
        for (size_t i = 0; i < len; ++i) {
            src_rows.push_back(r);
            item_index.push_back(int64_t(i));
            for (size_t k = 0; k < items.size(); ++k)
                vals[k].push_back(i < elems[k].size() ? elems[k][i]
                                                      : Value::make_null(ColumnType::Dynamic));
        }
    }
    charge(src_rows.size(), op.pos);
    Frame base = gather(in, src_rows);
    Table out(t.name());
    auto make_col = [&](size_t k) {
        Column c(items[k].name, op.expand_to);
        for (const auto& v : vals[k]) {
            if (op.expand_to == ColumnType::Dynamic)
                push_value(c, v);
            else
                push_value(c, unwrap_dynamic(v));
        }
        return c;
    };
    for (size_t ci = 0; ci < base.t().columns().size(); ++ci) {
        bool replaced = false;
        for (size_t k = 0; k < items.size(); ++k)
            if (items[k].replaces == int(ci)) {
                out.columns().push_back(make_col(k));
                replaced = true;
            }
        if (!replaced)
            out.columns().push_back(base.t().columns()[ci].clone(base.t().columns()[ci].name()));
    }
    for (size_t k = 0; k < items.size(); ++k)
        if (items[k].replaces < 0) out.columns().push_back(make_col(k));
    if (!op.item_index.empty()) {
        Column idx(op.item_index, ColumnType::Long);
        for (int64_t i : item_index) idx.push_int(i);
        int existing = out.column_index(op.item_index);
        if (existing >= 0)
            out.columns()[existing] = std::move(idx);
        else
            out.columns().push_back(std::move(idx));
    }
    return owned_frame(std::move(out), base.lineage);
}

Frame Engine::op_parse(const Frame& in, const Op& op) {
    const Table& t = in.t();
    charge(t.row_count(), op.pos);
    BExpr src = bind(*op.pred, t, m_scope);
    bool regex_kind = op.kind_name == "regex";
    std::string pattern = "^";
    std::vector<const ParsePart*> cols;
    for (size_t k = 0; k < op.pattern.size(); ++k) {
        const ParsePart& p = op.pattern[k];
        bool last = k + 1 == op.pattern.size();
        if (p.star)
            pattern += last ? ".*" : ".*?";
        else if (!p.column.empty()) {
            pattern += last ? "(.*)" : "(.*?)";
            cols.push_back(&p);
        } else {
            pattern += regex_kind ? p.literal : RE2::QuoteMeta(p.literal);
        }
    }
    if (!op.pattern.back().star && op.pattern.back().column.empty() && !regex_kind) pattern += "$";
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(8 << 20);
    o.set_dot_nl(true);
    RE2 re(pattern, o);
    if (!re.ok()) throw QueryError(op.pos, "invalid parse pattern: " + re.error());
    if (re.NumberOfCapturingGroups() != int(cols.size()))
        throw QueryError(op.pos, "the parse pattern's regular expressions may not add groups");
    Table out(t);
    std::vector<Column> made;
    for (const auto* p : cols) made.emplace_back(p->column, p->type);
    RowCtx cx = ctx(t);
    std::vector<re2::StringPiece> sub(cols.size() + 1);
    for (size_t r = 0; r < t.row_count(); ++r) {
        cx.row = r;
        std::string text = to_string_value(eval(src, cx));
        bool ok = re.Match(text, 0, text.size(), RE2::UNANCHORED, sub.data(), int(sub.size()));
        for (size_t k = 0; k < cols.size(); ++k) {
            if (!ok) {
                push_value(made[k], Value::make_null(cols[k]->type));
                continue;
            }
            Value v = Value::str(
                std::string(sub[k + 1].data() ? sub[k + 1].data() : "", sub[k + 1].size()));
            if (cols[k]->type == ColumnType::String)
                push_value(made[k], v);
            else {
                BExpr conv;
                conv.fn = cols[k]->type == ColumnType::Long       ? Fn::ToLong
                          : cols[k]->type == ColumnType::Real     ? Fn::ToReal
                          : cols[k]->type == ColumnType::DateTime ? Fn::ToDateTime
                          : cols[k]->type == ColumnType::TimeSpan ? Fn::ToTimeSpan
                          : cols[k]->type == ColumnType::Bool     ? Fn::ToBool
                                                                  : Fn::ParseJson;
                conv.type = cols[k]->type;
                BExpr lit;
                lit.fn = Fn::Lit;
                lit.lit = v;
                conv.args.push_back(lit);
                push_value(made[k], eval(conv, cx));
            }
        }
    }
    for (auto& c : made) {
        int existing = out.column_index(c.name());
        if (existing >= 0)
            out.columns()[size_t(existing)] = std::move(c);
        else
            out.columns().push_back(std::move(c));
    }
    return owned_frame(std::move(out), in.lineage);
}

} // namespace alertdrill::kql
