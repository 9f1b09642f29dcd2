#include "alertdrill/session.hpp"

#include "alertdrill/scoring.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <climits>

namespace alertdrill {

std::string_view session_state_name(SessionState s) {
    switch (s) {
    case SessionState::Briefing:
        return "briefing";
    case SessionState::Investigating:
        return "investigating";
    case SessionState::Debrief:
        return "debrief";
    }
    return "";
}

std::string_view mode_name(Mode m) {
    return m == Mode::Practice ? "practice" : "assessment";
}

std::optional<Mode> parse_mode(std::string_view s) {
    if (s == "practice") return Mode::Practice;
    if (s == "assessment") return Mode::Assessment;
    return std::nullopt;
}

namespace {

bool looks_like_ip(const std::string& s) {
    unsigned a, b, c, d;
    char extra;
    if (std::sscanf(s.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &extra) == 4)
        return a < 256 && b < 256 && c < 256 && d < 256;
    // IPv6: hex digits and colons, at least two colons.
    return std::count(s.begin(), s.end(), ':') >= 2 &&
           s.find_first_not_of("0123456789abcdefABCDEF:.") == std::string::npos;
}

std::string replace_all(std::string text, const std::string& token, const std::string& value) {
    size_t pos = 0;
    while ((pos = text.find(token, pos)) != std::string::npos) {
        text.replace(pos, token.size(), value);
        pos += value.size();
    }
    return text;
}

} // namespace

Session::Session(std::shared_ptr<const ScenarioInstance> instance, const Catalog& catalog,
                 Mode mode)
    : m_inst(std::move(instance)), m_catalog(&catalog), m_mode(mode) {
    for (const auto& t : scenario().tables)
        if (t.visible) m_revealed.insert(t.name);
    m_rules = scenario().suppressions;
}

void Session::begin() {
    if (m_state != SessionState::Briefing) return;
    m_state = SessionState::Investigating;
    std::vector<std::string> ignored;
    for (const auto& a : scenario().alerts)
        if (a.at_min && *a.at_min == 0) release_alert(a.id, 0, ignored);
    ++m_version;
}

const AlertState* Session::alert(std::string_view id) const {
    for (const auto& a : m_alerts)
        if (alert_def(a).id == id) return &a;
    return nullptr;
}

bool Session::done(std::string_view action, std::string_view target) const {
    for (const auto& r : m_history)
        if (r.action == action && (target.empty() || iequals(r.target, target))) return true;
    return false;
}

void Session::release_alert(const std::string& id, int minute, std::vector<std::string>& happened) {
    if (alert(id)) return;
    for (size_t i = 0; i < scenario().alerts.size(); ++i) {
        const AlertDef& d = scenario().alerts[i];
        if (d.id != id) continue;
        AlertState st;
        st.def_index = i;
        st.released_min = minute;
        m_alerts.push_back(st);
        suppress_on_release(m_alerts.back(), minute);
        if (!m_alerts.back().suppressed_by.empty()) return; // dismissed silently, audit-logged
        std::string text = "New alert [" + std::string(severity_name(d.severity)) + "] " +
                           d.display_name + " on " + d.resource + " (" + d.id + ")";
        m_timeline.push_back({minute, TimelineEntry::Kind::Alert, text, d.id});
        happened.push_back(text);
        return;
    }
}

void Session::set_flag(const std::string& f, int minute) {
    if (!m_flags.insert(f).second) return;
    if (f == scenario().scoring.contain_flag && !m_contained_at) m_contained_at = minute;
}

void Session::advance_to(int minute, std::vector<std::string>& happened) {
    const ScenarioDef& s = scenario();
    minute = std::min(minute, s.max_minutes);
    // Alerts on schedule and attacker moves, in time order (the attacker wins ties).
    struct Due {
        int at;
        int kind; // 0 alert, 1 attacker
        size_t index;
    };
    std::vector<Due> due;
    for (size_t i = 0; i < s.alerts.size(); ++i)
        if (s.alerts[i].at_min && *s.alerts[i].at_min > m_now && *s.alerts[i].at_min <= minute)
            due.push_back({*s.alerts[i].at_min, 0, i});
    for (size_t i = 0; i < s.attacker.size(); ++i)
        if (!m_fired.count(s.attacker[i].id) && s.attacker[i].at_min <= minute)
            due.push_back({s.attacker[i].at_min, 1, i});
    std::stable_sort(due.begin(), due.end(), [](const Due& a, const Due& b) {
        return a.at != b.at ? a.at < b.at : a.kind > b.kind;
    });
    for (const Due& d : due) {
        int at = std::max(d.at, m_now);
        if (d.kind == 0) {
            release_alert(s.alerts[d.index].id, at, happened);
            continue;
        }
        const AttackerEvent& e = s.attacker[d.index];
        bool prevented = std::any_of(e.unless.begin(), e.unless.end(),
                                     [&](const std::string& f) { return m_flags.count(f) > 0; });
        bool enabled = std::all_of(e.requires_flags.begin(), e.requires_flags.end(),
                                   [&](const std::string& f) { return m_flags.count(f) > 0; });
        if (prevented || !enabled) continue;
        m_fired.insert(e.id);
        m_data_lost_mb += e.data_lost_mb;
        m_timeline.push_back({at, TimelineEntry::Kind::Attacker, e.message, e.id});
        happened.push_back(e.actor + ": " + e.message);
        for (const auto& f : e.sets) set_flag(f, at);
        for (const auto& a : e.releases) release_alert(a, at, happened);
    }
    m_now = minute;
    ++m_version;
}

const Response* Session::find_response(const std::string& action, const std::string& target) const {
    const Response* any = nullptr;
    auto flags_hold = [&](const Response& r) {
        for (const auto& f : r.requires_flags)
            if (!m_flags.count(f)) return false;
        for (const auto& f : r.unless)
            if (m_flags.count(f)) return false;
        return true;
    };
    for (const auto& r : scenario().responses) {
        if (r.action != action || !flags_hold(r)) continue;
        if (!r.target.empty() && iequals(r.target, target)) return &r;
        if (r.target.empty() && !any) any = &r;
    }
    return any;
}

std::string Session::resolve_target(const ActionDef& a, const std::string& rest,
                                    std::string& error) const {
    std::string t = trim(rest);
    auto words = split_ws(t);
    if (a.target == TargetKind::None) {
        if (!t.empty()) error = "'" + a.id + "' takes no target, but was given '" + t + "'";
        return "";
    }
    if (t.empty()) {
        error = "'" + a.id + "' needs a target (" + std::string(target_kind_name(a.target)) + ")";
        return "";
    }
    switch (a.target) {
    case TargetKind::Resource: {
        std::vector<std::string> ids;
        for (const auto& r : scenario().resources) {
            ids.push_back(r.id);
            if (iequals(r.id, t) || iequals(r.name, t)) {
                if (!a.resource_kinds.empty() &&
                    std::find(a.resource_kinds.begin(), a.resource_kinds.end(), r.kind) ==
                        a.resource_kinds.end()) {
                    error = "'" + a.id + "' applies to " + join(a.resource_kinds, "/") +
                            " resources; '" + r.id + "' is a " + r.kind;
                    return "";
                }
                return r.id;
            }
        }
        error = "no resource '" + t + "' in this scenario" + did_you_mean(t, ids);
        return "";
    }
    case TargetKind::Alert: {
        std::vector<std::string> ids;
        for (const auto& st : m_alerts) {
            ids.push_back(alert_def(st).id);
            if (iequals(alert_def(st).id, t)) return alert_def(st).id;
        }
        error = "no alert '" + t + "' has appeared" + did_you_mean(t, ids);
        return "";
    }
    case TargetKind::Ip:
        if (words.size() != 1 || !looks_like_ip(t)) {
            error = "'" + t + "' is not an IP address";
            return "";
        }
        return t;
    case TargetKind::Minutes:
        return t;
    default:
        return t;
    }
}

ApplyResult Session::apply_builtin(const std::vector<std::string>& words, const std::string& line) {
    ApplyResult res;
    const std::string& cmd = words[0];
    ActionRecord rec;
    rec.line = line;
    rec.action = cmd;
    rec.at_min = m_now;
    if (cmd == "wait") {
        int m = 0;
        if (words.size() != 2 || (m = std::atoi(words[1].c_str())) < 1 || m > 24 * 60 ||
            words[1].find_first_not_of("0123456789") != std::string::npos) {
            res.error = "wait takes a number of minutes from 1 to 1440, e.g. 'wait 15'";
            return res;
        }
        rec.target = words[1];
        rec.minutes = m;
        advance_to(m_now + m, res.happened);
        rec.outcome = "You wait " + words[1] + " minutes.";
    } else if (cmd == "hint") {
        if (words.size() != 1) {
            res.error = "hint takes no arguments";
            return res;
        }
        if (m_mode == Mode::Assessment) {
            res.error = "hints are off in assessment mode";
            return res;
        }
        const RubricItem* next = nullptr;
        for (const auto& it : scenario().rubric)
            if (!rubric_item_met(it, *this)) {
                next = &it;
                break;
            }
        if (!next) {
            rec.outcome = "Nothing left that the rubric asks for: write the report and end.";
        } else {
            const ActionDef* a = m_catalog->find(next->action);
            rec.hint_item = next->id;
            rec.outcome = "Hint: " + (a ? a->name : next->action) +
                          (next->target.empty() ? "" : " (" + next->target + ")") + ". " +
                          next->why;
            ++m_hints;
        }
    } else { // end
        if (words.size() != 1) {
            res.error = "end takes no arguments";
            return res;
        }
        rec.outcome = "You end the session.";
        m_state = SessionState::Debrief;
    }
    finish_action(std::move(rec), res);
    return res;
}

void Session::finish_action(ActionRecord rec, ApplyResult& res) {
    res.ok = true;
    res.outcome = rec.outcome;
    m_timeline.push_back({rec.at_min, TimelineEntry::Kind::Action, rec.line, rec.action});
    m_history.push_back(std::move(rec));
    if (m_now >= scenario().max_minutes && m_state == SessionState::Investigating) {
        m_state = SessionState::Debrief;
        res.happened.push_back("Time is up: the scenario ends at minute " +
                               std::to_string(scenario().max_minutes) + ".");
    }
}

void Session::credit_found_keys(const std::vector<std::string>& keys, int minute) {
    // Finding a rubric item's key row by query counts as taking its action, so it also sets
    // the flags that action sets here (a confirmed detection test, a reviewed history...).
    for (const auto& it : scenario().rubric) {
        if (it.evidence.empty() || std::find(keys.begin(), keys.end(), it.evidence) == keys.end())
            continue;
        if (const Response* r = find_response(it.action, it.target))
            for (const auto& f : r->sets) set_flag(f, minute);
    }
}

ApplyResult Session::apply(std::string_view raw_line) {
    ApplyResult res;
    std::string line = trim(raw_line);
    if (line.size() > 8192) {
        res.error = "the command is longer than 8192 characters";
        return res;
    }
    auto words = split_ws(line);
    if (words.empty()) {
        res.error = "empty command";
        return res;
    }
    if (m_state == SessionState::Debrief) {
        res.error = "the session has ended";
        return res;
    }
    begin();
    const std::string& verb = words[0];
    if (verb == "wait" || verb == "hint" || verb == "end") return apply_builtin(words, line);
    const ActionDef* a = m_catalog->find(verb);
    if (!a) {
        auto ids = m_catalog->ids();
        ids.insert(ids.end(), {"wait", "hint", "end"});
        res.error = "unknown action '" + verb + "'" + did_you_mean(verb, ids);
        return res;
    }
    std::string rest = trim(std::string_view(line).substr(verb.size()));
    std::string error;
    std::string target = resolve_target(*a, rest, error);
    if (!error.empty()) {
        res.error = error;
        return res;
    }
    if (is_suppression_action(a->id)) {
        res.error = check_suppression(a->id, target);
        if (!res.error.empty()) return res;
    }
    ActionRecord rec;
    rec.action = a->id;
    rec.target = target;
    rec.line = target.empty() ? a->id : a->id + " " + target;
    rec.at_min = m_now;
    const Response* resp = find_response(a->id, target);
    rec.minutes = resp && resp->minutes ? *resp->minutes : a->minutes;
    advance_to(m_now + rec.minutes, res.happened);
    const int done_at = m_now;

    rec.outcome = resp ? resp->outcome : replace_all(a->default_outcome, "{target}", target);
    if (resp) {
        for (const auto& t : resp->reveals) m_revealed.insert(t);
        for (const auto& f : resp->sets) set_flag(f, done_at);
        for (const auto& al : resp->releases) release_alert(al, done_at, res.happened);
    }
    for (const auto& t : scenario().tables)
        if (std::find(t.revealed_by.begin(), t.revealed_by.end(), a->id) != t.revealed_by.end())
            m_revealed.insert(t.name);

    auto set_alert = [&](auto fn) {
        for (auto& st : m_alerts)
            if (alert_def(st).id == target) fn(st);
    };
    const std::string& id = a->id;
    if (id == "review_alert_details")
        set_alert([](AlertState& s) {
            if (s.status == AlertStatus::Active) s.status = AlertStatus::InProgress;
        });
    else if (id == "classify_true_positive")
        set_alert([](AlertState& s) { s.classification = "true_positive"; });
    else if (id == "classify_false_positive")
        set_alert([](AlertState& s) { s.classification = "false_positive"; });
    else if (id == "classify_benign_positive")
        set_alert([](AlertState& s) { s.classification = "benign_positive"; });
    else if (id == "set_stage_early")
        set_alert([](AlertState& s) { s.stage = Stage::Early; });
    else if (id == "set_stage_mid")
        set_alert([](AlertState& s) { s.stage = Stage::Mid; });
    else if (id == "set_stage_late")
        set_alert([](AlertState& s) { s.stage = Stage::Late; });
    else if (id == "link_to_incident")
        set_alert([](AlertState& s) { s.linked = true; });
    else if (id == "dismiss_alert")
        set_alert([](AlertState& s) { s.status = AlertStatus::Dismissed; });
    else if (id == "resolve_alert")
        set_alert([](AlertState& s) { s.status = AlertStatus::Resolved; });
    else if (id.rfind("report_", 0) == 0)
        m_report[id.substr(7)] = target;
    else if (id == "run_query") {
        if (!m_query_runner) {
            rec.outcome = "The query console is not available in this build.";
        } else {
            QueryOutcome q = m_query_runner(*this, target);
            rec.outcome = q.text;
            rec.found_keys = q.found_keys;
            m_found_keys.insert(q.found_keys.begin(), q.found_keys.end());
            credit_found_keys(q.found_keys, done_at);
        }
    } else if (is_suppression_action(id))
        rec.outcome = commit_suppression(id, target, done_at);
    ++m_version;
    finish_action(std::move(rec), res);
    return res;
}

} // namespace alertdrill
