// summarize and distinct: grouping by encoded keys, then per-aggregate state vectors.
#include "alertdrill/text.hpp"
#include "kql/engine.hpp"
#include "kql/group_key.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

namespace alertdrill::kql {

namespace {

constexpr size_t k_small_group = 5; // groups this small still reveal their key rows

struct AggSpec {
    Agg kind;
    const Expr* call;
    std::string name;
    std::vector<BExpr> args;
    bool star = false; // arg_max(x, *)
    ColumnType type = ColumnType::Long;
};

std::string agg_prefix(Agg a, const std::string& fn) {
    switch (a) {
    case Agg::MakeSet:
        return "set_";
    case Agg::MakeList:
        return "list_";
    case Agg::TakeAny:
        return "any_";
    default:
        return fn + "_";
    }
}

} // namespace

Frame Engine::op_summarize(const Frame& in, const Op& op) {
    const Table& t = in.t();
    size_t n = t.row_count();
    charge(n * (1 + op.items.size()), op.pos);
    // Group keys.
    std::vector<KeyPart> parts(op.by.size());
    std::vector<std::string> by_names;
    int auto_n = 0;
    for (size_t k = 0; k < op.by.size(); ++k) {
        const Assign& a = op.by[k];
        parts[k].expr = bind(*a.expr, t, m_scope);
        if (parts[k].expr.fn == Fn::Col) parts[k].col = &t.columns()[size_t(parts[k].expr.col)];
        std::string name = a.name.empty() ? auto_name(*a.expr) : a.name;
        if (name.empty()) name = "Column" + std::to_string(++auto_n);
        by_names.push_back(name);
    }
    // Aggregates.
    std::vector<AggSpec> aggs;
    for (const auto& a : op.items) {
        const Expr& e = *a.expr;
        std::optional<Agg> kind = e.kind == Expr::Call ? aggregate_kind(e.name) : std::nullopt;
        if (!kind)
            throw QueryError(e.pos, "expected an aggregation such as count(), dcount(x), "
                                    "sum(x), avg(x), min(x), max(x), make_set(x) or "
                                    "arg_max(x, *) in summarize");
        AggSpec s{*kind, &e, a.name, {}, false, ColumnType::Long};
        size_t want_min = 1, want_max = 1;
        switch (*kind) {
        case Agg::Count:
            want_min = 0, want_max = 0;
            break;
        case Agg::DCount:
            want_max = 2;
            break;
        case Agg::MakeSet:
        case Agg::MakeList:
            want_max = 2;
            break;
        case Agg::ArgMax:
        case Agg::ArgMin:
            want_min = 2, want_max = 64;
            break;
        case Agg::DCountIf:
        case Agg::SumIf:
        case Agg::AvgIf:
            want_min = 2, want_max = 2;
            break;
        default:
            break;
        }
        if (e.args.size() < want_min || e.args.size() > want_max)
            throw QueryError(e.pos,
                             e.name + "() takes " +
                                 (want_min == want_max ? std::to_string(want_min)
                                                       : std::to_string(want_min) + " or more") +
                                 " argument" + (want_max == 1 ? "" : "s") + ", not " +
                                 std::to_string(e.args.size()));
        for (size_t k = 0; k < e.args.size(); ++k) {
            if (e.args[k]->kind == Expr::Star && (s.kind == Agg::ArgMax || s.kind == Agg::ArgMin) &&
                k > 0) {
                s.star = true;
                continue;
            }
            s.args.push_back(bind(*e.args[k], t, m_scope));
        }
        switch (s.kind) {
        case Agg::Count:
        case Agg::CountIf:
        case Agg::DCount:
        case Agg::DCountIf:
            s.type = ColumnType::Long;
            break;
        case Agg::Sum:
        case Agg::SumIf:
            s.type = s.args[0].type == ColumnType::Real || s.args[0].type == ColumnType::Dynamic
                         ? ColumnType::Real
                         : s.args[0].type;
            break;
        case Agg::Avg:
        case Agg::AvgIf:
            s.type = ColumnType::Real;
            break;
        case Agg::MakeSet:
        case Agg::MakeList:
            s.type = ColumnType::Dynamic;
            break;
        default:
            s.type = s.args[0].type;
            break;
        }
        if (s.name.empty() && s.kind != Agg::ArgMax && s.kind != Agg::ArgMin) {
            if (s.kind == Agg::Count || s.kind == Agg::CountIf)
                s.name = e.name + "_";
            else {
                std::string base = auto_name(*e.args[0]);
                s.name = base.empty() ? "Column" + std::to_string(++auto_n)
                                      : agg_prefix(s.kind, e.name) + base;
            }
        }
        aggs.push_back(std::move(s));
    }
    // Grouping.
    std::vector<uint32_t> group_of(n);
    std::vector<uint32_t> first_row;
    RowCtx cx = ctx(t);
    if (parts.empty()) {
        first_row.push_back(0);
    } else if (parts.size() == 1 && parts[0].col &&
               (parts[0].col->type() == ColumnType::String ||
                parts[0].col->type() == ColumnType::Dynamic)) {
        const Column& c = *parts[0].col;
        std::vector<uint32_t> code_group(c.dictionary().size(), UINT32_MAX);
        uint32_t null_group = UINT32_MAX;
        for (uint32_t r = 0; r < n; ++r) {
            uint32_t& g = c.is_null(r) ? null_group : code_group[c.code(r)];
            if (g == UINT32_MAX) {
                g = static_cast<uint32_t>(first_row.size());
                first_row.push_back(r);
            }
            group_of[r] = g;
        }
    } else if (parts.size() == 1) {
        std::unordered_map<int64_t, uint32_t> groups;
        for (uint32_t r = 0; r < n; ++r) {
            cx.row = r;
            auto [it, fresh] = groups.emplace(parts[0].encode(cx), uint32_t(first_row.size()));
            if (fresh) first_row.push_back(r);
            group_of[r] = it->second;
        }
    } else {
        std::unordered_map<std::string, uint32_t> groups;
        std::string key(parts.size() * 8, '\0');
        for (uint32_t r = 0; r < n; ++r) {
            cx.row = r;
            for (size_t k = 0; k < parts.size(); ++k) {
                int64_t v = parts[k].encode(cx);
                std::memcpy(key.data() + k * 8, &v, 8);
            }
            auto [it, fresh] = groups.emplace(key, uint32_t(first_row.size()));
            if (fresh) first_row.push_back(r);
            group_of[r] = it->second;
        }
    }
    size_t ng = (parts.empty() || n > 0) ? first_row.size() : 0;
    // Lineage of small groups.
    std::vector<Lineage> out_lin;
    if (!in.lineage.empty()) {
        std::vector<uint32_t> sizes(ng, 0);
        out_lin.assign(ng, {});
        for (uint32_t r = 0; r < n; ++r) {
            uint32_t g = group_of[r];
            if (++sizes[g] <= k_small_group)
                out_lin[g].insert(out_lin[g].end(), in.lineage[r].begin(), in.lineage[r].end());
        }
        for (size_t g = 0; g < ng; ++g)
            if (sizes[g] > k_small_group) out_lin[g].clear();
    }
    // Output: by columns first.
    Table out(t.name());
    for (size_t k = 0; k < parts.size(); ++k) {
        std::string name = unique_name(out, by_names[k]);
        Column& c = out.add_column(name, parts[k].expr.type);
        for (size_t g = 0; g < ng; ++g) {
            cx.row = first_row[g];
            push_value(c, eval(parts[k].expr, cx));
        }
    }
    // Then each aggregate.
    for (auto& s : aggs) {
        std::vector<Value> results(ng);
        switch (s.kind) {
        case Agg::Count:
        case Agg::CountIf: {
            std::vector<int64_t> cnt(ng, 0);
            for (uint32_t r = 0; r < n; ++r) {
                cx.row = r;
                if (s.kind == Agg::Count || truthy(eval(s.args[0], cx))) ++cnt[group_of[r]];
            }
            for (size_t g = 0; g < ng; ++g) results[g] = Value::of_int(ColumnType::Long, cnt[g]);
            break;
        }
        case Agg::DCount:
        case Agg::DCountIf: {
            KeyPart kp;
            kp.expr = s.args[0];
            if (kp.expr.fn == Fn::Col) kp.col = &t.columns()[size_t(kp.expr.col)];
            // Sorting (group, value) pairs beats a hash set per group when groups are many.
            std::vector<std::pair<uint32_t, int64_t>> pairs;
            pairs.reserve(n);
            for (uint32_t r = 0; r < n; ++r) {
                cx.row = r;
                if (s.kind == Agg::DCountIf && !truthy(eval(s.args[1], cx))) continue;
                int64_t v = kp.encode(cx);
                if (v != INT64_MIN) pairs.emplace_back(group_of[r], v);
            }
            std::sort(pairs.begin(), pairs.end());
            std::vector<int64_t> distinct(ng, 0);
            for (size_t i = 0; i < pairs.size(); ++i)
                if (i == 0 || pairs[i] != pairs[i - 1]) ++distinct[pairs[i].first];
            for (size_t g = 0; g < ng; ++g)
                results[g] = Value::of_int(ColumnType::Long, distinct[g]);
            break;
        }
        case Agg::Sum:
        case Agg::SumIf:
        case Agg::Avg:
        case Agg::AvgIf: {
            std::vector<double> dsum(ng, 0);
            std::vector<int64_t> isum(ng, 0), cnt(ng, 0);
            bool cond = s.kind == Agg::SumIf || s.kind == Agg::AvgIf;
            for (uint32_t r = 0; r < n; ++r) {
                cx.row = r;
                if (cond && !truthy(eval(s.args[1], cx))) continue;
                Value v = unwrap_dynamic(eval(s.args[0], cx));
                if (v.null || v.type == ColumnType::String || v.type == ColumnType::Dynamic)
                    continue;
                uint32_t g = group_of[r];
                dsum[g] += as_double(v);
                if (v.type != ColumnType::Real) isum[g] += v.i;
                ++cnt[g];
            }
            for (size_t g = 0; g < ng; ++g) {
                bool avg = s.kind == Agg::Avg || s.kind == Agg::AvgIf;
                if (avg)
                    results[g] = cnt[g] ? Value::real(dsum[g] / double(cnt[g]))
                                        : Value::make_null(ColumnType::Real);
                else if (s.type == ColumnType::Real)
                    results[g] = Value::real(dsum[g]);
                else
                    results[g] = Value::of_int(s.type, isum[g]);
            }
            break;
        }
        case Agg::Min:
        case Agg::Max:
        case Agg::ArgMin:
        case Agg::ArgMax:
        case Agg::TakeAny: {
            bool want_max = s.kind == Agg::Max || s.kind == Agg::ArgMax;
            std::vector<uint32_t> best_row(ng, UINT32_MAX);
            for (uint32_t r = 0; r < n; ++r) {
                cx.row = r;
                Value v = eval(s.args[0], cx);
                if (v.null && v.type != ColumnType::String) continue;
                uint32_t g = group_of[r];
                if (best_row[g] == UINT32_MAX) {
                    best_row[g] = r;
                    results[g] = std::move(v);
                    continue;
                }
                if (s.kind == Agg::TakeAny) continue;
                int c = compare_values(v, results[g]);
                if (want_max ? c > 0 : c < 0) {
                    best_row[g] = r;
                    results[g] = std::move(v);
                }
            }
            for (size_t g = 0; g < ng; ++g)
                if (best_row[g] == UINT32_MAX) results[g] = Value::make_null(s.type);
            if (s.kind == Agg::ArgMax || s.kind == Agg::ArgMin) {
                std::string base = s.name.empty() ? auto_name(*s.call->args[0]) : s.name;
                if (base.empty()) base = "Column" + std::to_string(++auto_n);
                Column& c = out.add_column(unique_name(out, base), s.type);
                for (auto& v : results) push_value(c, v);
                auto add_ret = [&](const std::string& name, const BExpr& b) {
                    Column& rc = out.add_column(unique_name(out, name), b.type);
                    for (size_t g = 0; g < ng; ++g) {
                        if (best_row[g] == UINT32_MAX) {
                            push_value(rc, Value::make_null(b.type));
                            continue;
                        }
                        cx.row = best_row[g];
                        push_value(rc, eval(b, cx));
                    }
                };
                for (size_t k = 1; k < s.args.size(); ++k) {
                    std::string nm = auto_name(*s.call->args[k]);
                    if (nm.empty()) nm = "Column" + std::to_string(++auto_n);
                    add_ret(nm, s.args[k]);
                }
                if (s.star) {
                    for (size_t ci = 0; ci < t.columns().size(); ++ci) {
                        const auto& col = t.columns()[ci];
                        if (out.column_index(col.name()) >= 0) continue;
                        BExpr b;
                        b.fn = Fn::Col;
                        b.col = int(ci);
                        b.type = col.type();
                        add_ret(col.name(), b);
                    }
                }
                continue;
            }
            break;
        }
        case Agg::MakeSet:
        case Agg::MakeList: {
            size_t cap = 1048576;
            if (s.args.size() == 2) {
                Value m = s.args[1].fn == Fn::Lit ? s.args[1].lit : Value();
                if (m.type != ColumnType::Long || m.null || m.i < 0)
                    throw QueryError(s.call->args[1]->pos, "expected a constant maximum size");
                cap = size_t(m.i);
            }
            std::vector<Json> arrays(ng, Json::array());
            std::vector<std::unordered_set<std::string>> seen(s.kind == Agg::MakeSet ? ng : 0);
            for (uint32_t r = 0; r < n; ++r) {
                cx.row = r;
                uint32_t g = group_of[r];
                if (arrays[g].size() >= cap) continue;
                Value v = eval(s.args[0], cx);
                if (v.null && v.type != ColumnType::String) continue;
                Json j = to_json(v);
                if (s.kind == Agg::MakeSet) {
                    if (j.is_array()) {
                        for (auto& x : j)
                            if (seen[g].insert(x.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).second && arrays[g].size() < cap)
                                arrays[g].push_back(x);
                        continue;
                    }
                    if (!seen[g].insert(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).second) continue;
                } else if (j.is_array()) {
                    for (auto& x : j)
                        if (arrays[g].size() < cap) arrays[g].push_back(x);
                    continue;
                }
                arrays[g].push_back(std::move(j));
            }
            for (size_t g = 0; g < ng; ++g) results[g] = Value::dynamic(std::move(arrays[g]));
            break;
        }
        }
        Column& c = out.add_column(unique_name(out, s.name), s.type);
        for (auto& v : results) push_value(c, v);
    }
    return owned_frame(std::move(out), std::move(out_lin));
}

} // namespace alertdrill::kql
