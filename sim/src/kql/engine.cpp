// Running a query: statements, sources, limits, the result, and the public helpers.
#include "kql/engine.hpp"

#include "alertdrill/text.hpp"
#include "kql/parser.hpp"

#include <chrono>
#include <fmt/format.h>
#include <set>

namespace alertdrill::kql {

const Table* TableSet::find(std::string_view name) const {
    auto it = m_tables.find(name);
    if (it == m_tables.end()) return nullptr;
    Entry& e = it->second;
    if (e.make) {
        e.table = e.make();
        e.make = nullptr;
    }
    return e.table;
}

std::vector<std::string> TableSet::names() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : m_tables) out.push_back(k);
    return out;
}

Frame owned_frame(Table t, std::vector<Lineage> lineage) {
    Frame f;
    f.table = std::make_shared<const Table>(std::move(t));
    f.lineage = std::move(lineage);
    return f;
}

Frame gather(const Frame& in, const std::vector<uint32_t>& rows, const NeedSet* need) {
    if (rows.size() == in.rows()) {
        bool identity = true;
        for (size_t i = 0; i < rows.size() && identity; ++i) identity = rows[i] == i;
        if (identity) return in;
    }
    Table out(in.t().name());
    const auto& cols = in.t().columns();
    for (size_t k = 0; k < cols.size(); ++k) {
        const Column& c = cols[k];
        bool keep = !need || need->count(c.name()) > 0;
        if (!keep && k + 1 == cols.size() && out.columns().empty()) keep = true;
        if (keep) out.add_column(c.name(), c.type()).append_rows(c, rows);
    }
    std::vector<Lineage> lin;
    if (!in.lineage.empty()) {
        lin.reserve(rows.size());
        for (uint32_t r : rows) lin.push_back(r == UINT32_MAX ? Lineage{} : in.lineage[r]);
    }
    return owned_frame(std::move(out), std::move(lin));
}

std::string unique_name(const Table& t, const std::string& base) {
    if (t.column_index(base) < 0) return base;
    for (int k = 1;; ++k) {
        std::string n = base + std::to_string(k);
        if (t.column_index(n) < 0) return n;
    }
}

void Engine::charge(size_t rows, size_t pos) {
    m_work += rows;
    if (m_work > m_opts.max_work)
        throw QueryError(pos, "the query needs more than " + std::to_string(m_opts.max_work) +
                                  " row visits (the work limit): filter earlier with where, or "
                                  "narrow the time range");
    if (m_work >= m_next_clock_check) {
        m_next_clock_check = m_work + 65536;
        if (std::chrono::steady_clock::now() > m_deadline)
            throw QueryError(pos, fmt::format("the query ran longer than {} seconds (the time "
                                              "limit): filter earlier with where, or use take",
                                              m_opts.max_seconds));
    }
}

void Engine::check_rows(size_t rows, size_t pos, const char* what) {
    if (rows > m_opts.max_intermediate_rows)
        throw QueryError(pos, std::string(what) + " would produce " + std::to_string(rows) +
                                  " rows, more than the limit of " +
                                  std::to_string(m_opts.max_intermediate_rows) +
                                  ": filter the inputs first");
}

int64_t Engine::const_long(const Expr& e, const char* what) {
    Table empty;
    BExpr b = bind(e, empty, m_scope);
    Value v = b.fn == Fn::Lit ? b.lit : Value();
    if (b.fn != Fn::Lit || v.null || v.type != ColumnType::Long || v.i < 0)
        throw QueryError(e.pos, std::string("expected a non-negative whole number for ") + what);
    return v.i;
}

Frame Engine::source(const TabExpr& t) {
    if (t.sub) return eval_tab(*t.sub);
    if (t.is_union) return op_union(nullptr, t.ops[0]);
    if (t.is_print) {
        Table empty, out("print");
        int auto_n = 0;
        for (const auto& a : t.print_items) {
            BExpr b = bind(*a.expr, empty, m_scope);
            std::string name = a.name.empty() ? auto_name(*a.expr) : a.name;
            if (name.empty()) name = "print_" + std::to_string(auto_n++);
            push_value(out.add_column(unique_name(out, name), b.type), eval(b, ctx(empty)));
        }
        return owned_frame(std::move(out));
    }
    auto let = m_tab_lets.find(t.source);
    if (let != m_tab_lets.end()) return let->second;
    const Table* table = m_tables.find(t.source);
    if (!table) {
        std::vector<std::string> names = m_tables.names();
        for (const auto& [k, v] : m_tab_lets) names.push_back(k);
        throw QueryError(t.pos, "unknown table '" + t.source + "'" + did_you_mean(t.source, names));
    }
    Frame f;
    f.table = std::shared_ptr<const Table>(table, [](const Table*) {});
    if (!table->keys().empty()) {
        auto it = m_source_lineage.find(table);
        if (it == m_source_lineage.end()) {
            std::vector<Lineage> lin(table->row_count());
            for (const auto& [row, key] : table->keys()) {
                if (row >= lin.size()) continue;
                lin[row].push_back(static_cast<uint32_t>(m_key_names.size()));
                m_key_names.push_back(key);
            }
            it = m_source_lineage.emplace(table, std::move(lin)).first;
        }
        f.lineage = it->second;
    }
    return f;
}

Frame Engine::apply(const Frame& in, const Op& op) {
    switch (op.kind) {
    case Op::Where:
        return op_where(in, op);
    case Op::Project:
    case Op::ProjectRename:
        return op_project(in, op);
    case Op::ProjectAway:
        return op_project_away(in, op);
    case Op::Extend:
        return op_extend(in, op);
    case Op::Summarize:
        return op_summarize(in, op);
    case Op::Sort:
        return op_sort(in, op, SIZE_MAX);
    case Op::Take:
        return op_take(in, op);
    case Op::Top:
        return op_sort(in, op, size_t(const_long(*op.pred, "the number of rows in top")));
    case Op::Distinct:
        return op_distinct(in, op);
    case Op::Count:
        return op_count(in, op);
    case Op::Getschema:
        return op_getschema(in, op);
    case Op::Join:
        return op_join(in, op);
    case Op::Union:
        return op_union(&in, op);
    case Op::MvExpand:
        return op_mv_expand(in, op);
    case Op::Parse:
        return op_parse(in, op);
    }
    return in;
}

Frame Engine::eval_tab(const TabExpr& t) {
    Frame f = source(t);
    auto needs = needed_after(t);
    const NeedSet* saved = m_need;
    size_t k = t.is_union ? 1 : 0;
    for (; k < t.ops.size(); ++k) {
        m_need = needs[k] ? &*needs[k] : nullptr;
        f = apply(f, t.ops[k]);
    }
    m_need = saved;
    return f;
}

Result Engine::run(const Query& q) {
    m_scope.eval_tabular = [this](const TabExpr& t) {
        Frame f = eval_tab(t);
        std::vector<Value> out;
        if (f.t().columns().empty()) return out;
        const Column& c = f.t().columns()[0];
        out.reserve(c.size());
        for (size_t r = 0; r < c.size(); ++r) out.push_back(cell_value(c, r));
        return out;
    };
    m_scope.eval_scalar = [this](const TabExpr& t) {
        Frame f = eval_tab(t);
        if (f.t().columns().empty()) return Value::make_null(ColumnType::String);
        const Column& c = f.t().columns()[0];
        return c.size() ? cell_value(c, 0) : Value::make_null(c.type());
    };
    Frame final;
    for (const auto& st : q.statements) {
        if (st.is_let && st.tab) {
            m_tab_lets[st.name] = eval_tab(*st.tab);
        } else if (st.is_let) {
            Table empty;
            BExpr b = bind(*st.scalar, empty, m_scope);
            if (b.fn != Fn::Lit)
                throw QueryError(st.scalar->pos, "a let value must be a constant expression");
            m_scope.scalars[st.name] = b.lit;
        } else {
            final = eval_tab(*st.tab);
        }
    }
    Result r;
    size_t n = final.rows();
    std::vector<uint32_t> keep;
    if (n > m_opts.max_result_rows) {
        keep.resize(m_opts.max_result_rows);
        for (size_t i = 0; i < keep.size(); ++i) keep[i] = static_cast<uint32_t>(i);
        final = gather(final, keep);
        r.truncated = true;
        r.notice = "showing the first " + std::to_string(m_opts.max_result_rows) + " of " +
                   std::to_string(n) +
                   " rows (the result limit); add take, summarize or a "
                   "narrower where";
    }
    r.table = *final.table;
    r.table.set_name("PrimaryResult");
    std::set<std::string> found;
    for (const auto& lin : final.lineage)
        for (uint32_t id : lin) found.insert(m_key_names[id]);
    r.found_keys.assign(found.begin(), found.end());
    return r;
}

std::variant<Result, Error> run(std::string_view query, const TableSet& tables,
                                const Options& opts) {
    auto t0 = std::chrono::steady_clock::now();
    auto fail = [&](size_t offset, std::string msg) {
        Error e;
        e.offset = std::min(offset, query.size());
        e.message = std::move(msg);
        for (size_t i = 0; i < e.offset; ++i) {
            if (query[i] == '\n') {
                ++e.line;
                e.column = 1;
            } else {
                ++e.column;
            }
        }
        return e;
    };
    try {
        Query q = parse_query(query, [&](const std::string& n) { return tables.has(n); });
        Engine engine(tables, opts);
        Result r = engine.run(q);
        r.elapsed_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        return r;
    } catch (const QueryError& e) {
        return fail(e.offset, e.what());
    } catch (const std::bad_alloc&) {
        return fail(0, "the query ran out of memory: filter earlier or use take");
    } catch (const std::exception& e) {
        return fail(0, std::string("the query failed: ") + e.what());
    }
}

std::string format_error(std::string_view query, const Error& e) {
    size_t start = std::min(e.offset, query.size());
    while (start > 0 && query[start - 1] != '\n') --start;
    size_t end = query.find('\n', start);
    if (end == std::string_view::npos) end = query.size();
    std::string line = escape_control(query.substr(start, end - start), false);
    std::string pad;
    for (size_t i = start; i < e.offset && i < end; ++i) pad += query[i] == '\t' ? '\t' : ' ';
    return line + "\n" + pad + "^\n" + "line " + std::to_string(e.line) + ", column " +
           std::to_string(e.column) + ": " + e.message + "\n";
}

nlohmann::json to_query_api_json(const Result& r) {
    using nlohmann::json;
    json cols = json::array(), rows = json::array();
    const Table& t = r.table;
    for (const auto& c : t.columns())
        cols.push_back({{"name", c.name()}, {"type", std::string(column_type_name(c.type()))}});
    for (size_t row = 0; row < t.row_count(); ++row) {
        json out = json::array();
        for (const auto& c : t.columns()) {
            if (c.type() == ColumnType::Dynamic) {
                out.push_back(c.is_null(row) ? json() : json(std::string(c.str(row))));
                continue;
            }
            out.push_back(to_json(cell_value(c, row)));
        }
        rows.push_back(std::move(out));
    }
    return json{{"tables", json::array({json{{"name", "PrimaryResult"},
                                             {"columns", std::move(cols)},
                                             {"rows", std::move(rows)}}})}};
}

} // namespace alertdrill::kql
