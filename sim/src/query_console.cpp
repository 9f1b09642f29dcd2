#include "alertdrill/query_console.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace alertdrill {

namespace {
constexpr size_t k_max_cell = 60;

std::string cell_text(const Column& c, size_t row) {
    std::string s = escape_control(c.display(row), false);
    if (s.size() > k_max_cell) s = s.substr(0, k_max_cell - 3) + "...";
    return s;
}
} // namespace

std::string render_result_text(const kql::Result& r, size_t max_rows) {
    const Table& t = r.table;
    size_t shown = std::min(max_rows, t.row_count());
    std::vector<size_t> width;
    for (const auto& c : t.columns()) {
        size_t w = escape_control(c.name(), false).size();
        for (size_t row = 0; row < shown; ++row) w = std::max(w, cell_text(c, row).size());
        width.push_back(w);
    }
    std::string out;
    auto line = [&](auto cell) {
        std::string l;
        for (size_t k = 0; k < t.columns().size(); ++k) {
            std::string v = cell(k);
            l += (k ? " | " : "") + v;
            if (k + 1 < t.columns().size()) l += std::string(width[k] - v.size(), ' ');
        }
        out += l + "\n";
    };
    line([&](size_t k) { return escape_control(t.columns()[k].name(), false); });
    line([&](size_t k) { return std::string(width[k], '-'); });
    for (size_t row = 0; row < shown; ++row)
        line([&](size_t k) { return cell_text(t.columns()[k], row); });
    if (shown < t.row_count())
        out += fmt::format("({} rows; the first {} shown)\n", t.row_count(), shown);
    else
        out += fmt::format("({} row{})\n", t.row_count(), t.row_count() == 1 ? "" : "s");
    if (!r.notice.empty()) out += r.notice + "\n";
    return out;
}

kql::TableSet session_table_set(const Session& s) {
    kql::TableSet set;
    for (auto& name : s.queryable_table_names())
        set.add_lazy(name, [&s, name] { return s.queryable_table(name); });
    return set;
}

kql::TableSet instance_table_set(const ScenarioInstance& inst) {
    kql::TableSet set;
    for (size_t i = 0; i < inst.table_count(); ++i)
        set.add_lazy(inst.def().tables[i].name, [&inst, i] { return &inst.table(i); });
    return set;
}

QueryOutcome run_session_query(const Session& s, const std::string& query) {
    kql::TableSet set = session_table_set(s);
    kql::Options opts;
    opts.now_us = s.now_utc_s() * 1000000;
    QueryOutcome out;
    auto r = kql::run(query, set, opts);
    if (auto* e = std::get_if<kql::Error>(&r)) {
        out.text = kql::format_error(query, *e);
        return out;
    }
    const auto& res = std::get<kql::Result>(r);
    out.ok = true;
    out.text = render_result_text(res);
    out.found_keys = res.found_keys;
    return out;
}

} // namespace alertdrill
