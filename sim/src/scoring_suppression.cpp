// Scoring of suppression rules: rubric rule checks and the engine's default penalties. Like the
// rest of scoring, everything is derived from the session (itself a replay of its history).
#include "alertdrill/scoring.hpp"
#include "alertdrill/session.hpp"
#include "alertdrill/suppression.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace alertdrill {

namespace {

constexpr int kOverbroadPenalty = 5;
constexpr int kHidTruePositivePenalty = 15;
constexpr int kAttackerIndicatorPenalty = 15;

bool contains_ci(const std::vector<std::string>& list, const std::string& v) {
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string& x) { return iequals(x, v); });
}

/// The last version of each rule the trainee wrote, by name (deleted ones included).
std::map<std::string, SuppressionRule> trainee_rules(const Session& s) {
    std::map<std::string, SuppressionRule> out;
    for (const auto& a : s.rule_activity())
        if (a.after && a.summary.rfind("create ", 0) == 0) out[to_lower(a.rule)] = *a.after;
    for (const auto& a : s.rule_activity())
        if (a.after && out.count(to_lower(a.rule))) out[to_lower(a.rule)] = *a.after;
    return out;
}

} // namespace

bool rule_check_met(const RuleCheck& check, const Session& s) {
    const int64_t now = s.now_utc_s();
    for (const auto& r : s.suppression_rules()) {
        if (!rule_active(r, now) || !iequals(r.alert_type, check.alert_type)) continue;
        if (!check.reasons.empty() && !contains_ci(check.reasons, r.reason)) continue;
        if (!r.expires_utc_s || *r.expires_utc_s - now > int64_t(check.max_days) * 86400) continue;
        bool scoped = !r.conditions.empty();
        for (const auto& c : r.conditions) {
            if (c.contains || c.in.empty()) scoped = false;
            for (const auto& v : c.in)
                if (!contains_ci(check.entities, v)) scoped = false;
        }
        if (scoped) return true;
    }
    return false;
}

bool rubric_item_met(const RubricItem& item, const Session& session) {
    if (item.rule) return rule_check_met(*item.rule, session);
    return rubric_item_met(item, session.history());
}

std::vector<ScoreLine> suppression_penalties(const Session& s) {
    std::vector<ScoreLine> out;
    const ScenarioDef& def = s.scenario();
    auto mine = trainee_rules(s);
    auto add = [&](int points, const std::string& ref, const std::string& text) {
        out.push_back({Step::Documentation, points, "harmful", ref, text});
    };
    // Over-broad rules the trainee made and left in place.
    for (const auto& r : s.suppression_rules()) {
        if (!mine.count(to_lower(r.name)) || rule_state(r, s.now_utc_s()) == "Disabled") continue;
        if (std::string why = rule_breadth_problem(r); !why.empty())
            add(kOverbroadPenalty, "default:overbroad_suppression",
                "Over-broad suppression rule '" + r.name + "': " + why +
                    ". Every rule is a blind spot; scope it to one alert type and the proven "
                    "entity, with a reason and an expiry.");
    }
    // True positives hidden by a rule the trainee made, or inherited and kept enabled.
    std::map<std::string, std::vector<std::string>> hid;
    for (const auto& e : s.suppressed()) {
        const AlertDef* a = def.alert(e.alert_id);
        if (a && a->true_positive) hid[e.rule].push_back(e.alert_id);
    }
    for (const auto& [rule, alerts] : hid) {
        const SuppressionRule* now = s.suppression_rule(rule);
        bool kept = now && rule_state(*now, s.now_utc_s()) == "Enabled";
        if (!mine.count(to_lower(rule)) && !kept) continue;
        add(kHidTruePositivePenalty, "default:suppressed_true_positive",
            "Suppression rule '" + rule + "' " +
                (mine.count(to_lower(rule)) ? "you created" : "you kept") +
                " dismissed real attack alert(s) " + join(alerts, ", ") +
                " as they arrived: nobody saw them.");
    }
    // Rules on the attacker's own indicators.
    for (const auto& [key, r] : mine) {
        std::set<std::string> hits;
        for (const auto& a : def.alerts) {
            if (!a.true_positive) continue;
            for (const auto& c : r.conditions)
                for (const auto& v : alert_field_values(a, def, c.field))
                    if (contains_ci(c.in, v)) hits.insert(v);
        }
        if (!hits.empty())
            add(kAttackerIndicatorPenalty, "default:suppressed_attacker_indicator",
                "Suppression rule '" + r.name + "' names the attacker's own indicator(s) " +
                    join({hits.begin(), hits.end()}, ", ") +
                    ": suppressing them hides the attack instead of a false positive.");
    }
    return out;
}

std::vector<std::string> suppression_summary(const Session& s) {
    std::map<std::string, std::vector<std::string>> hid;
    std::vector<std::string> order;
    for (const auto& e : s.suppressed()) {
        if (!hid.count(e.rule)) order.push_back(e.rule);
        const AlertDef* a = s.scenario().alert(e.alert_id);
        hid[e.rule].push_back(e.alert_id + (a && a->true_positive ? " (TRUE POSITIVE)" : "") +
                              " at minute " + std::to_string(e.at_min));
    }
    std::vector<std::string> out;
    for (const auto& r : order)
        out.push_back("Rule '" + r + "' hid " + std::to_string(hid[r].size()) +
                      " alert(s): " + join(hid[r], ", "));
    return out;
}

} // namespace alertdrill
