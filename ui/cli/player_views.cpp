#include "cli/player_views.hpp"

#include "alertdrill/text.hpp"
#include "cli/common.hpp"
#include "cli/quiz_print.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>

namespace alertdrill::cli {

namespace {

std::string clock(const Session& s, int minute) {
    int64_t t = s.scenario().start_utc_s + int64_t(minute) * 60;
    std::string iso = format_datetime_us(t * 1000000);
    return iso.substr(11, 5) + fmt::format(" (T+{}m)", minute);
}

} // namespace

void print_briefing(std::ostream& out, const Session& s) {
    const auto& sc = s.scenario();
    out << "=== " << safe(sc.title) << " ===\n";
    out << fmt::format("Difficulty: {}   Estimated: {} min   Mode: {}\n\n", sc.difficulty,
                       sc.estimated_minutes, mode_name(s.mode()));
    out << safe(sc.briefing) << "\n\nObjectives:\n";
    for (const auto& o : sc.objectives) out << "  - " << safe(o) << "\n";
    out << "\nType 'help' for commands, 'actions' for what you can do.\n";
}

void print_help(std::ostream& out) {
    out << "Look around (free, no simulated time):\n"
           "  alerts                 the alert queue\n"
           "  alert ID               one alert's details\n"
           "  context RESOURCE       what you know about a resource\n"
           "  tables                 log tables uncovered so far\n"
           "  show TABLE [N] [TEXT]  the last N rows (default 20), optionally only rows containing "
           "TEXT\n"
           "  timeline               alerts, your actions and the attacker's moves\n"
           "  status                 clock, data lost, hints\n"
           "  rules                  suppression rules: state, expiry, hits\n"
           "  suppressed             alerts dismissed by suppression rules (audit log)\n"
           "  checkpoints            questions the scenario is waiting for you to answer\n"
           "  actions [STEP]         the action catalog (STEP: context, analysis, containment,\n"
           "                         posture, documentation)\n"
           "Act (costs simulated minutes):\n"
           "  ACTION [TARGET]        e.g. 'review_resource_context vm-web-01', 'block_ip "
           "203.0.113.7'\n"
           "  query KQL              run a KQL query over the uncovered tables\n"
           "  report_attack_vector TEXT (and report_root_cause, report_prevention,\n"
           "                         report_action_taken, report_data_exposure), then "
           "submit_report\n"
           "  answer CHECKPOINT ANSWER  answer a checkpoint question (no simulated time)\n"
           "  wait MINUTES, hint (practice mode), end\n";
}

void print_actions(std::ostream& out, const Catalog& cat, const std::string& step_filter) {
    for (int i = 0; i < kStepCount; ++i) {
        Step st = static_cast<Step>(i);
        if (!step_filter.empty() && step_filter != step_id(st)) continue;
        out << "\n" << step_title(st) << ":\n";
        for (const auto& a : cat.actions()) {
            if (a.step != st) continue;
            std::string target = a.target == TargetKind::None
                                     ? ""
                                     : " <" + std::string(target_kind_name(a.target)) + ">";
            if (!a.resource_kinds.empty()) target = " <" + join(a.resource_kinds, "|") + ">";
            out << fmt::format("  {:<44} {:>3}m  {}\n", a.id + target, a.minutes, a.description);
        }
    }
}

void print_alerts(std::ostream& out, const Session& s) {
    if (s.alerts().empty()) {
        out << "No alerts yet.\n";
        return;
    }
    size_t hidden = 0;
    for (const auto& a : s.alerts()) {
        const auto& d = s.alert_def(a);
        if (!a.suppressed_by.empty()) {
            ++hidden;
            continue;
        }
        out << fmt::format("  {:<14} {:<13} {:<10} {:<18} {} [{}]\n", d.id,
                           severity_name(d.severity), alert_status_name(a.status),
                           clock(s, a.released_min), safe(d.display_name),
                           d.incident.empty() ? "-" : d.incident);
    }
    if (hidden) out << "  (" << hidden << " more dismissed by suppression rules: 'suppressed')\n";
}

bool print_alert(std::ostream& out, const Session& s, const std::string& id) {
    for (const auto& a : s.alerts()) {
        const auto& d = s.alert_def(a);
        if (!iequals(d.id, id)) continue;
        out << safe(d.display_name) << "\n";
        out << "  Alert type:    " << safe(d.alert_type) << "\n";
        out << "  Severity:      " << severity_name(d.severity) << "\n";
        out << "  Status:        " << alert_status_name(a.status) << "\n";
        out << "  Resource:      " << d.resource;
        if (const Resource* r = s.scenario().resource(d.resource))
            out << " (" << safe(r->name) << ", " << safe(r->resource_group) << ", "
                << safe(r->subscription) << ")";
        out << "\n  Tactics:       " << safe(join(d.tactics, ", ")) << "\n";
        out << "  Intent:        " << d.intent << "\n";
        out << "  Start time:    " << clock(s, a.released_min) << "\n";
        out << "  Description:   " << safe(d.description) << "\n";
        out << "  Entities:\n";
        for (const auto& e : d.entities) out << "    " << e.type << ": " << safe(e.value) << "\n";
        out << "  Remediation steps:\n";
        for (const auto& r : d.remediation) out << "    - " << safe(r) << "\n";
        return true;
    }
    out << "No alert '" << safe(id) << "' has appeared.\n";
    return false;
}

bool print_context(std::ostream& out, const Session& s, const std::string& id) {
    for (const auto& r : s.scenario().resources) {
        if (!iequals(r.id, id) && !iequals(r.name, id)) continue;
        out << r.id << " (" << r.kind << ", " << safe(r.name) << ")\n";
        if (!s.done("review_resource_context", r.id)) {
            out << "  Not reviewed yet: 'review_resource_context " << r.id << "' looks it up.\n";
            return true;
        }
        out << "  Subscription:    " << safe(r.subscription) << "\n";
        out << "  Resource group:  " << safe(r.resource_group) << "\n";
        out << "  Environment:     " << r.environment << "\n";
        out << "  Internet facing: " << (r.internet_facing ? "yes" : "no") << "\n";
        out << "  Owner:           " << safe(r.owner) << "\n";
        out << "  Region:          " << safe(r.region) << "\n";
        if (s.done("review_network_topology", r.id) ||
            s.done("review_identity_permissions", r.id)) {
            out << "  Can reach:       " << safe(join(r.reaches, ", ")) << "\n";
            out << "  Identity roles:  " << safe(join(r.identity_roles, ", ")) << "\n";
        } else {
            out << "  Reach and roles: not reviewed ('review_network_topology', "
                   "'review_identity_permissions')\n";
        }
        if (!r.notes.empty()) out << "  Notes:           " << safe(r.notes) << "\n";
        return true;
    }
    out << "No resource '" << safe(id) << "'.\n";
    return false;
}

void print_tables(std::ostream& out, const Session& s) {
    auto names = s.revealed_tables();
    if (names.empty()) out << "No log tables uncovered yet.\n";
    for (const auto& n : names) {
        const Table* t = s.visible_table(n);
        out << fmt::format("  {:<24} {:>8} rows\n", n, t ? t->row_count() : 0);
    }
    std::vector<std::string> more;
    for (const auto& n : s.queryable_table_names())
        if (std::find(names.begin(), names.end(), n) == names.end()) more.push_back(n);
    if (!more.empty())
        out << "Every table can be queried ('query TABLE | ...'); not opened yet: "
            << join(more, ", ") << "\n";
}

bool print_table(std::ostream& out, const Session& s, const std::string& name, size_t limit,
                 const std::string& filter) {
    const Table* t = s.visible_table(name);
    if (!t) {
        out << "Table '" << safe(name) << "' is not uncovered (see 'tables').\n";
        return false;
    }
    std::vector<size_t> rows;
    std::string f = to_lower(filter);
    for (size_t r = 0; r < t->row_count(); ++r) {
        if (f.empty()) {
            rows.push_back(r);
            continue;
        }
        for (const auto& c : t->columns())
            if (to_lower(c.display(r)).find(f) != std::string::npos) {
                rows.push_back(r);
                break;
            }
    }
    size_t start = rows.size() > limit ? rows.size() - limit : 0;
    for (size_t i = 0; i < t->columns().size(); ++i)
        out << (i ? " | " : "") << t->columns()[i].name();
    out << "\n";
    for (size_t i = start; i < rows.size(); ++i) {
        for (size_t c = 0; c < t->columns().size(); ++c)
            out << (c ? " | " : "") << escape_control(t->columns()[c].display(rows[i]), false);
        out << "\n";
    }
    out << fmt::format("({} of {} matching rows shown; {} rows in the table)\n",
                       rows.size() - start, rows.size(), t->row_count());
    return true;
}

void print_timeline(std::ostream& out, const Session& s) {
    for (const auto& e : s.timeline()) {
        const char* kind = e.kind == TimelineEntry::Kind::Alert      ? "ALERT   "
                           : e.kind == TimelineEntry::Kind::Attacker ? "ATTACKER"
                                                                     : "YOU     ";
        out << fmt::format("  {:<18} {} {}\n", clock(s, e.at_min), kind, safe(e.text));
    }
}

void print_status(std::ostream& out, const Session& s) {
    out << fmt::format("Clock: {}   Ends at T+{}m   Data lost: {:.0f} MB   Hints: {}   State: {}\n",
                       clock(s, s.now_min()), s.scenario().max_minutes, s.data_lost_mb(),
                       s.hints_used(), session_state_name(s.state()));
}

void print_checkpoint(std::ostream& out, const DueCheckpoint& c) {
    const Checkpoint& cp = *c.checkpoint;
    out << fmt::format("Checkpoint '{}' ({}, {} point{}):\n", cp.id, step_title(cp.step), cp.points,
                       cp.points == 1 ? "" : "s");
    print_question_body(out, c.presented);
    out << "Answer with: answer " << cp.id << " ANSWER  "
        << answer_help(c.presented.question, false) << "\n";
}

void print_checkpoints(std::ostream& out, const Session& s) {
    auto due = s.due_checkpoints();
    if (due.empty()) out << "No checkpoint questions are waiting.\n";
    for (const auto& c : due) print_checkpoint(out, c);
}

bool handle_view_command(std::ostream& out, const Session& s, const std::vector<std::string>& w,
                         const std::string& line) {
    const std::string& v = w[0];
    if (v == "help" || v == "?")
        print_help(out);
    else if (v == "alerts")
        print_alerts(out, s);
    else if (v == "alert" && w.size() == 2)
        print_alert(out, s, w[1]);
    else if (v == "context" && w.size() == 2)
        print_context(out, s, w[1]);
    else if (v == "tables")
        print_tables(out, s);
    else if (v == "show" && w.size() >= 2) {
        size_t limit = 20;
        std::string filter;
        size_t next = 2;
        if (w.size() >= 3 && w[2].find_first_not_of("0123456789") == std::string::npos &&
            w[2].size() < 7) {
            limit = std::stoul(w[2]);
            next = 3;
        }
        if (w.size() > next) {
            size_t pos = line.find(w[next], line.find(w[1]) + w[1].size());
            filter = trim(line.substr(pos));
        }
        print_table(out, s, w[1], limit, filter);
    } else if (v == "timeline")
        print_timeline(out, s);
    else if (v == "status")
        print_status(out, s);
    else if (v == "actions")
        print_actions(out, s.catalog(), w.size() > 1 ? w[1] : "");
    else if (v == "briefing")
        print_briefing(out, s);
    else if (v == "rules")
        print_rules(out, s);
    else if (v == "suppressed")
        print_suppressed(out, s);
    else if (v == "checkpoints")
        print_checkpoints(out, s);
    else
        return false;
    return true;
}

} // namespace alertdrill::cli
