// Session views: what the trainee can see now (uncovered tables, the rows visible at the clock)
// and the expert path the debrief shows. Read-only: nothing here changes the session.
#include "alertdrill/session.hpp"

#include "alertdrill/quiz_attempt.hpp"
#include "alertdrill/text.hpp"

#include <climits>

namespace alertdrill {

std::vector<std::string> Session::revealed_tables() const {
    std::vector<std::string> out;
    for (const auto& t : scenario().tables)
        if (m_revealed.count(t.name)) out.push_back(t.name);
    return out;
}

const Table* Session::visible_table(std::string_view name) const {
    if (name == kSuppressionTable || name == kRuleActivityTable) {
        auto& slot = m_visible_cache[std::string(name)];
        if (slot.first != m_version + 1)
            slot = {m_version + 1, name == kSuppressionTable
                                       ? suppression_audit_table(m_suppressed, scenario())
                                       : rule_activity_table(m_rule_activity, scenario())};
        return &slot.second;
    }
    if (!table_revealed(name)) return nullptr;
    int ti = m_inst->table_index(name);
    if (ti < 0) return nullptr;
    auto& slot = m_visible_cache[std::string(name)];
    if (slot.first == m_version + 1) return &slot.second;
    const Table& full = m_inst->tables[ti];
    const auto& minutes = m_inst->row_minute[ti];
    const auto& after = m_inst->row_after[ti];
    Table t(full.name());
    for (const auto& c : full.columns()) t.add_column(c.name(), c.type());
    size_t out_row = 0;
    for (size_t r = 0; r < full.row_count(); ++r) {
        if (minutes[r] != INT_MIN && minutes[r] > m_now) continue;
        if (!after[r].empty() && !m_fired.count(after[r])) continue;
        for (size_t c = 0; c < full.columns().size(); ++c) {
            const Column& src = full.columns()[c];
            Column& dst = t.columns()[c];
            if (src.is_null(r))
                dst.push_null();
            else if (src.type() == ColumnType::String || src.type() == ColumnType::Dynamic)
                dst.push_string(src.str(r));
            else if (src.type() == ColumnType::Real)
                dst.push_real(src.real(r));
            else
                dst.push_int(src.i64(r));
        }
        if (const std::string* k = full.key_of(r)) t.mark_key(out_row, *k);
        ++out_row;
    }
    slot = {m_version + 1, std::move(t)};
    return &slot.second;
}

std::vector<const Table*> Session::visible_tables() const {
    std::vector<const Table*> out;
    for (const auto& name : revealed_tables())
        if (const Table* t = visible_table(name)) out.push_back(t);
    for (const char* name : {kSuppressionTable, kRuleActivityTable}) // simulated, always there
        if (!table_revealed(name)) out.push_back(visible_table(name));
    return out;
}

std::vector<std::string> Session::expert_path() const {
    std::vector<std::string> out;
    auto report_lines = [&] {
        for (const auto& f : scenario().report) {
            std::string text = f.example;
            if (text.empty())
                for (const auto& g : f.keywords) text += (text.empty() ? "" : ", ") + g.front();
            out.push_back("report_" + f.id + " " + text);
        }
    };
    bool reported = false;
    for (const auto& it : scenario().rubric) {
        if (it.action == "submit_report" && !reported) {
            report_lines();
            reported = true;
        }
        if (it.action == "run_query") continue; // evidence items are met by the action beside them
        out.push_back(it.target.empty() ? it.action : it.action + " " + it.target);
    }
    if (!reported) report_lines();
    // Checkpoints, answered right as soon as they are due.
    for (const auto& c : scenario().checkpoints) {
        std::string answer = answer_command(c.id, right_answer(c.question));
        if (!c.on_alert.empty()) {
            const AlertDef* a = scenario().alert(c.on_alert);
            if (a && a->at_min && *a->at_min == 0) out.insert(out.begin(), answer);
            continue; // alerts released later: answered when they appear
        }
        for (size_t i = 0; i < out.size(); ++i) {
            auto words = split_ws(out[i]);
            if (words.empty() || words[0] != c.after_action) continue;
            std::string target = trim(std::string_view(out[i]).substr(words[0].size()));
            if (!c.after_target.empty() && !iequals(target, c.after_target)) continue;
            out.insert(out.begin() + static_cast<long>(i) + 1, answer);
            break;
        }
    }
    return out;
}

} // namespace alertdrill
