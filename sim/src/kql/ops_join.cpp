// join (hash join on the right side's keys) and union.
#include "alertdrill/text.hpp"
#include "kql/engine.hpp"

#include <unordered_map>

namespace alertdrill::kql {

namespace {

struct JoinKey {
    int left = -1, right = -1;
};

// `$left.A` or `$right.B`: which side, and the column name.
bool side_ref(const Expr& e, std::string& side, std::string& col) {
    if (e.kind != Expr::Member || e.args[0]->kind != Expr::Name) return false;
    side = e.args[0]->name;
    col = e.name;
    return side == "$left" || side == "$right";
}

int column_or_throw(const Table& t, const std::string& name, size_t pos, const char* side) {
    int c = t.column_index(name);
    if (c < 0) {
        std::vector<std::string> names;
        for (const auto& col : t.columns()) names.push_back(col.name());
        throw QueryError(pos, std::string("unknown column '") + name + "' on the " + side +
                                  " side of the join" + did_you_mean(name, names));
    }
    return c;
}

// A join key as bytes: null keys never match (empty optional).
std::optional<std::string> key_of(const Table& t, const std::vector<int>& cols, size_t row) {
    std::string k;
    for (int c : cols) {
        const Column& col = t.columns()[size_t(c)];
        if (col.is_null(row) && col.type() != ColumnType::String) return std::nullopt;
        Value v = unwrap_dynamic(cell_value(col, row));
        k += to_string_value(v);
        k += '\x1f';
    }
    return k;
}

void append_lineage(std::vector<Lineage>& out, const Frame& l, uint32_t lr, const Frame& r,
                    uint32_t rr) {
    Lineage x;
    if (lr != UINT32_MAX && !l.lineage.empty()) x = l.lineage[lr];
    if (rr != UINT32_MAX && !r.lineage.empty())
        x.insert(x.end(), r.lineage[rr].begin(), r.lineage[rr].end());
    out.push_back(std::move(x));
}

} // namespace

Frame Engine::op_join(const Frame& left, const Op& op) {
    Frame right = eval_tab(*op.right);
    const Table& lt = left.t();
    const Table& rt = right.t();
    std::vector<int> lcols, rcols;
    for (const auto& cond : op.on) {
        std::string s1, c1, s2, c2;
        if (cond->kind == Expr::Name) {
            lcols.push_back(column_or_throw(lt, cond->name, cond->pos, "left"));
            rcols.push_back(column_or_throw(rt, cond->name, cond->pos, "right"));
        } else if (cond->kind == Expr::Binary && cond->name == "==" &&
                   side_ref(*cond->args[0], s1, c1) && side_ref(*cond->args[1], s2, c2) &&
                   s1 != s2) {
            if (s1 == "$right") {
                std::swap(c1, c2);
                std::swap(s1, s2);
            }
            lcols.push_back(
                column_or_throw(lt, c1, cond->args[s1 == "$left" ? 0 : 1]->pos, "left"));
            rcols.push_back(
                column_or_throw(rt, c2, cond->args[s1 == "$left" ? 1 : 0]->pos, "right"));
        } else {
            throw QueryError(cond->pos, "expected a column name or $left.Column == $right.Column "
                                        "after 'on'");
        }
    }
    charge(lt.row_count() + rt.row_count(), op.pos);
    const std::string& kind = op.kind_name;
    std::unordered_map<std::string, std::vector<uint32_t>> index;
    for (uint32_t r = 0; r < rt.row_count(); ++r)
        if (auto k = key_of(rt, rcols, r)) index[*k].push_back(r);
    std::vector<uint8_t> right_matched(rt.row_count(), 0);
    std::vector<uint32_t> lrows, rrows;
    std::unordered_map<std::string, bool> seen_left;
    size_t total = 0;
    for (uint32_t l = 0; l < lt.row_count(); ++l) {
        auto k = key_of(lt, lcols, l);
        if (kind == "innerunique" && k && !seen_left.emplace(*k, true).second) continue;
        const std::vector<uint32_t>* matches = nullptr;
        if (k) {
            auto it = index.find(*k);
            if (it != index.end()) matches = &it->second;
        }
        if (kind == "leftanti" || kind == "anti" || kind == "leftantisemi") {
            if (!matches) lrows.push_back(l);
            continue;
        }
        if (kind == "leftsemi") {
            if (matches) lrows.push_back(l);
            continue;
        }
        if (matches) {
            for (uint32_t r : *matches) right_matched[r] = 1;
            if (kind == "rightanti" || kind == "rightantisemi" || kind == "rightsemi") continue;
            total += matches->size();
            check_rows(total, op.pos, "this join");
            charge(matches->size(), op.pos);
            for (uint32_t r : *matches) {
                lrows.push_back(l);
                rrows.push_back(r);
            }
        } else if (kind == "leftouter" || kind == "fullouter") {
            lrows.push_back(l);
            rrows.push_back(UINT32_MAX);
        }
    }
    bool right_only = kind == "rightanti" || kind == "rightantisemi" || kind == "rightsemi";
    if (right_only) {
        std::vector<uint32_t> keep;
        for (uint32_t r = 0; r < rt.row_count(); ++r)
            if ((right_matched[r] != 0) == (kind == "rightsemi")) keep.push_back(r);
        return gather(right, keep);
    }
    if (kind == "leftanti" || kind == "anti" || kind == "leftantisemi" || kind == "leftsemi")
        return gather(left, lrows, m_need);
    if (kind == "rightouter" || kind == "fullouter") {
        if (kind == "rightouter") {
            // Only matched pairs so far; add unmatched right rows with null left sides.
            std::vector<uint32_t> l2, r2;
            for (size_t i = 0; i < lrows.size(); ++i)
                if (rrows[i] != UINT32_MAX) {
                    l2.push_back(lrows[i]);
                    r2.push_back(rrows[i]);
                }
            lrows = std::move(l2);
            rrows = std::move(r2);
        }
        for (uint32_t r = 0; r < rt.row_count(); ++r)
            if (!right_matched[r]) {
                lrows.push_back(UINT32_MAX);
                rrows.push_back(r);
            }
    }
    // Unneeded columns are skipped; a left column named like a right one stays so that the
    // right one's rename (Caller1) does not change.
    Table out(lt.name());
    for (const auto& c : lt.columns())
        if (!m_need || m_need->count(c.name()) || rt.column_index(c.name()) >= 0)
            out.add_column(c.name(), c.type()).append_rows(c, lrows);
    for (const auto& c : rt.columns()) {
        std::string name = unique_name(out, c.name());
        if (!m_need || m_need->count(name) || out.columns().empty())
            out.add_column(name, c.type()).append_rows(c, rrows);
    }
    std::vector<Lineage> lin;
    if (!left.lineage.empty() || !right.lineage.empty()) {
        lin.reserve(lrows.size());
        for (size_t i = 0; i < lrows.size(); ++i)
            append_lineage(lin, left, lrows[i], right, rrows[i]);
    }
    return owned_frame(std::move(out), std::move(lin));
}

Frame Engine::op_union(const Frame* in, const Op& op) {
    std::vector<Frame> parts;
    std::vector<std::string> names;
    if (in) {
        parts.push_back(*in);
        names.push_back(in->t().name());
    }
    for (const auto& src : op.sources) {
        parts.push_back(eval_tab(*src));
        names.push_back(src->source.empty() ? parts.back().t().name() : src->source);
    }
    Table out("union");
    if (!op.with_source.empty()) out.add_column(op.with_source, ColumnType::String);
    // Columns by name in order of appearance; a name seen with two types splits into Name_type.
    std::map<std::string, ColumnType> first_type;
    for (const auto& p : parts)
        for (const auto& c : p.t().columns()) first_type.emplace(c.name(), c.type());
    auto out_name = [&](const Column& c) {
        return first_type[c.name()] == c.type()
                   ? c.name()
                   : c.name() + "_" + std::string(column_type_name(c.type()));
    };
    for (const auto& p : parts)
        for (const auto& c : p.t().columns())
            if (out.column_index(out_name(c)) < 0) out.add_column(out_name(c), c.type());
    size_t total = 0;
    for (const auto& p : parts) total += p.rows();
    check_rows(total, op.pos, "this union");
    charge(total, op.pos);
    bool any_lineage = false;
    for (const auto& p : parts) any_lineage = any_lineage || !p.lineage.empty();
    std::vector<Lineage> lin;
    for (size_t k = 0; k < parts.size(); ++k) {
        const Table& t = parts[k].t();
        std::vector<uint32_t> all(t.row_count());
        for (size_t i = 0; i < all.size(); ++i) all[i] = uint32_t(i);
        std::vector<uint32_t> nulls(t.row_count(), UINT32_MAX);
        for (auto& oc : out.columns()) {
            if (!op.with_source.empty() && &oc == &out.columns()[0]) {
                for (size_t i = 0; i < all.size(); ++i) oc.push_string(names[k]);
                continue;
            }
            const Column* src = nullptr;
            for (const auto& c : t.columns())
                if (out_name(c) == oc.name()) src = &c;
            oc.append_rows(src ? *src : oc, src ? all : nulls);
        }
        if (any_lineage) {
            for (size_t i = 0; i < all.size(); ++i)
                lin.push_back(parts[k].lineage.empty() ? Lineage{} : parts[k].lineage[i]);
        }
    }
    return owned_frame(std::move(out), std::move(lin));
}

} // namespace alertdrill::kql
