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

const Table* Session::table_as_of(std::string_view name) const {
    int ti = m_inst->table_index(name);
    bool simulated = name == kSuppressionTable || name == kActivityTable;
    if (ti < 0 && !simulated) return nullptr;
    auto& slot = m_visible_cache[std::string(name)];
    if (slot.first == m_version + 1) return &slot.second;
    Table t(std::string{name});
    if (name == kSuppressionTable && ti < 0) {
        t = security_alert_table(*this);
    } else if (ti < 0) {
        t = activity_table();
    } else {
        const Table& full = m_inst->tables[ti];
        const auto& minutes = m_inst->row_minute[ti];
        const auto& after = m_inst->row_after[ti];
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
    }
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

std::vector<const Table*> Session::visible_tables() const {
    std::vector<const Table*> out;
    for (const auto& name : revealed_tables())
        if (const Table* t = visible_table(name)) out.push_back(t);
    for (const char* name : {kSuppressionTable, kActivityTable}) // simulated, always there
        if (simulated_table(name)) out.push_back(table_as_of(name));
    return out;
}

std::vector<const Table*> Session::queryable_tables() const {
    std::vector<const Table*> out;
    for (const auto& t : scenario().tables)
        if (const Table* v = table_as_of(t.name)) out.push_back(v);
    for (const char* name : {kSuppressionTable, kActivityTable})
        if (simulated_table(name)) out.push_back(table_as_of(name));
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
    return out;
}

} // namespace alertdrill
