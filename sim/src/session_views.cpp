// What front ends and the query console read from a session: the evidence tables as they stand
// at the session's clock, and the expert path. Split from session.cpp, which changes state.
#include "alertdrill/session.hpp"

#include "alertdrill/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>

namespace alertdrill {

std::vector<std::string> Session::revealed_tables() const {
    std::vector<std::string> out;
    for (const auto& t : scenario().tables)
        if (m_revealed.count(t.name)) out.push_back(t.name);
    return out;
}

namespace {

/// The Sentinel SecurityAlert table as the session stands: one row per released alert with its
/// current status. An alert a suppression rule dismissed says so in ExtendedProperties (the rule
/// and its reason), which is how the audit of suppressed alerts is queried.
Table security_alert_table(const Session& s) {
    Table t(kSuppressionTable);
    for (const char* name : {"TimeGenerated", "SystemAlertId", "AlertName", "AlertType",
                             "DisplayName", "AlertSeverity", "Description", "CompromisedEntity",
                             "ResourceId", "Status", "Tactics", "ExtendedProperties"})
        t.add_column(name, std::string_view(name) == "TimeGenerated"        ? ColumnType::DateTime
                           : std::string_view(name) == "ExtendedProperties" ? ColumnType::Dynamic
                                                                            : ColumnType::String);
    std::string sub = s.scenario().subscriptions.empty() ? "" : s.scenario().subscriptions[0].id;
    for (const AlertState& st : s.alerts()) {
        const AlertDef& a = s.alert_def(st);
        const Resource* res = s.scenario().resource(a.resource);
        std::string status = st.status == AlertStatus::Active ? "New"
                             : st.status == AlertStatus::InProgress
                                 ? "InProgress"
                                 : std::string(alert_status_name(st.status));
        nlohmann::json ext = nlohmann::json::object();
        ext["Intent"] = a.intent;
        for (const auto& e : s.suppressed())
            if (e.alert_id == a.id) {
                ext["SuppressionRuleName"] = e.rule;
                ext["SuppressionReason"] = e.reason;
            }
        std::vector<std::string> cells = {
            a.id,
            a.display_name,
            a.alert_type,
            a.display_name,
            std::string(severity_name(a.severity)),
            a.description,
            a.resource,
            "/subscriptions/" + (res ? res->subscription : sub) + "/resourceGroups/" +
                (res ? res->resource_group : "") + "/providers/" + a.resource,
            status,
            join(a.tactics, ", "),
            ext.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
        auto& c = t.columns();
        c[0].push_int((s.scenario().start_utc_s + int64_t(st.released_min) * 60) * 1000000);
        for (size_t k = 0; k < cells.size(); ++k) c[k + 1].push_string(cells[k]);
    }
    return t;
}

} // namespace

const Table& Session::update_copy(std::string_view name, const EvidenceTable& evidence,
                                  Table& t) const {
    const Table& full = evidence.table;
    const auto& minutes = evidence.row_minute;
    const auto& after = evidence.row_after;
    std::vector<uint32_t> rows;
    rows.reserve(full.row_count());
    for (size_t r = 0; r < full.row_count(); ++r) {
        if (minutes[r] != INT_MIN && minutes[r] > m_now) continue;
        if (!after[r].empty() && !m_fired.count(after[r])) continue;
        rows.push_back(static_cast<uint32_t>(r));
    }
    // Most actions move the clock past no row of a table: keep the copy when the same rows
    // are visible (the evidence view and the query console read it after every action). Rows
    // only ever become visible, mostly later in time: then only the new ones are appended.
    auto& [version, last] = m_visible_rows[std::string(name)];
    const bool built = !t.columns().empty();
    if (built && last == rows) return t;
    size_t from = 0;
    if (built && rows.size() > last.size() && std::equal(last.begin(), last.end(), rows.begin()))
        from = last.size();
    else
        t = Table(full.name());
    const std::vector<uint32_t> added(rows.begin() + std::ptrdiff_t(from), rows.end());
    for (size_t c = 0; c < full.columns().size(); ++c) {
        if (!from) t.add_column(full.columns()[c].name(), full.columns()[c].type());
        t.columns()[c].append_rows_sharing(full.columns()[c], added);
    }
    for (const auto& [row, key] : full.keys()) {
        auto it = std::lower_bound(rows.begin() + std::ptrdiff_t(from), rows.end(), row);
        if (it != rows.end() && *it == row) t.mark_key(size_t(it - rows.begin()), key);
    }
    version = ++m_table_builds;
    last = std::move(rows);
    return t;
}

const Table* Session::table_as_of(std::string_view name) const {
    int ti = m_inst->table_index(name);
    bool simulated = name == kSuppressionTable || name == kActivityTable;
    if (ti < 0 && !simulated) return nullptr;
    auto& slot = m_visible_cache[std::string(name)];
    if (slot.first == m_version + 1) return &slot.second;
    const bool rule_rows = name == kActivityTable && !m_rule_activity.empty();
    if (ti >= 0 && !rule_rows) {
        slot.first = m_version + 1;
        return &update_copy(name, m_inst->evidence(size_t(ti)), slot.second);
    }
    Table t;
    if (name == kSuppressionTable && ti < 0)
        t = security_alert_table(*this);
    else if (ti < 0)
        t = activity_table();
    else // the authored rows as of now (a copy shares their dictionaries), then the rules'
        t = update_copy(name, m_inst->evidence(size_t(ti)), m_activity_rows);
    if (name == kActivityTable) append_rule_activity(t, m_rule_activity, scenario());
    slot = {m_version + 1, std::move(t)};
    return &slot.second;
}

bool Session::simulated_table(std::string_view name) const {
    return (name == kSuppressionTable || name == kActivityTable) && m_inst->table_index(name) < 0;
}

const Table* Session::visible_table(std::string_view name) const {
    if (!simulated_table(name) && !table_revealed(name)) return nullptr;
    return table_as_of(name);
}

uint64_t Session::visible_version(std::string_view name) const {
    if (!visible_table(name)) return 0;
    auto it = m_visible_rows.find(std::string(name));
    // The simulated tables (SecurityAlert, AzureActivity) and an AzureActivity holding rule
    // changes are remade on every change.
    const bool remade =
        it == m_visible_rows.end() || (name == kActivityTable && !m_rule_activity.empty());
    return remade ? (uint64_t(1) << 63) + m_version : it->second.first;
}

std::vector<const Table*> Session::visible_tables() const {
    std::vector<const Table*> out;
    for (const auto& name : revealed_tables())
        if (const Table* t = visible_table(name)) out.push_back(t);
    for (const char* name : {kSuppressionTable, kActivityTable}) // simulated, always there
        if (simulated_table(name)) out.push_back(table_as_of(name));
    return out;
}

std::vector<std::string> Session::queryable_table_names() const {
    std::vector<std::string> out;
    for (const auto& t : scenario().tables) out.push_back(t.name);
    for (const char* name : {kSuppressionTable, kActivityTable})
        if (simulated_table(name)) out.emplace_back(name);
    return out;
}

const Table* Session::queryable_table(std::string_view name) const {
    return m_inst->table_index(name) >= 0 || simulated_table(name) ? table_as_of(name) : nullptr;
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
