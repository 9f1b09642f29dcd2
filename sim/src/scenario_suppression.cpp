// Phase 2, continued: [[suppression]] rules a scenario's trainee inherits.
#include "scenario_internal.hpp"

#include "alertdrill/suppression.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>

namespace alertdrill::detail {

namespace {

std::optional<int64_t> read_when_utc(TableReader& r, std::string_view key) {
    const toml::node* n = r.node(key, false);
    if (!n) return std::nullopt;
    if (n->is_date_time()) return to_unix_seconds(*n->value<toml::date_time>());
    if (n->is_date()) {
        toml::date d = *n->value<toml::date>();
        return to_unix_seconds(toml::date_time{d, toml::time{0, 0, 0}, toml::time_offset{}});
    }
    r.error(key, "'" + std::string(key) + "' in " + r.what() +
                     " must be a date (2027-03-01) or a date-time (2027-03-01T00:00:00Z)");
    return std::nullopt;
}

void read_condition(TableReader& c, SuppressionRule& rule) {
    SuppressionCondition cond;
    if (auto f = c.string("field", true)) {
        const auto& fields = suppression_fields();
        if (std::find(fields.begin(), fields.end(), *f) == fields.end())
            c.error("field", "unknown condition field '" + *f + "'" + did_you_mean(*f, fields) +
                                 " in " + c.what());
        cond.field = *f;
    }
    bool has_in = c.has("in"), has_contains = c.has("contains");
    if (has_in == has_contains)
        c.error(has_in ? "contains" : "field",
                c.what() + " needs exactly one of 'in' (a list of values) or 'contains' (text)");
    if (has_in) {
        if (auto v = c.strings("in", true, true)) cond.in = *v;
        if (cond.in.empty()) c.error("in", "'in' in " + c.what() + " needs at least one value");
    }
    if (has_contains) {
        cond.contains = c.string("contains", true).value_or("");
        if (cond.contains->empty())
            c.error("contains", "'contains' in " + c.what() + " needs non-empty text");
    }
    c.finish();
    rule.conditions.push_back(std::move(cond));
}

} // namespace

RuleCheck read_rule_check(TableReader& r) {
    RuleCheck c;
    c.alert_type = r.string("alert_type", true).value_or("");
    if (c.alert_type == "*")
        r.error("alert_type", "a rubric rule check names one alert type, not '*'");
    if (auto e = r.strings("entities", true)) c.entities = *e;
    if (c.entities.empty()) r.error("entities", "a rubric rule check needs at least one entity");
    if (auto x = r.strings("reasons", false)) {
        const auto& known = suppression_reasons();
        for (const auto& reason : *x)
            if (std::find(known.begin(), known.end(), reason) == known.end())
                r.error("reasons", "unknown reason '" + reason + "'" + did_you_mean(reason, known) +
                                       " in " + r.what());
        c.reasons = *x;
    }
    if (auto d = r.integer("max_days", false, 1, 3650)) c.max_days = int(*d);
    r.finish();
    return c;
}

void build_suppressions(TableReader& top, ScenarioDef& s) {
    for (auto& r : top.tables("suppression", false)) {
        SuppressionRule rule;
        rule.pos = r.pos();
        rule.inherited = true;
        if (auto n = r.string("name", true)) {
            rule.name = *n;
            if (std::string e = check_rule_name(*n); !e.empty()) r.error("name", e);
            for (const auto& other : s.suppressions)
                if (iequals(other.name, *n))
                    r.error("name", "a suppression rule named '" + *n + "' is already declared");
        }
        if (auto t = r.string("alert_type", true)) rule.alert_type = *t;
        if (auto x = r.choice("reason", true, suppression_reasons())) rule.reason = *x;
        rule.comment = r.string_or("comment", "");
        if (auto st = r.choice("state", false, {"Enabled", "Disabled"}))
            rule.enabled = *st == "Enabled";
        rule.expires_utc_s = read_when_utc(r, "expires");
        rule.created_utc_s = read_when_utc(r, "created").value_or(s.start_utc_s);
        rule.modified_utc_s = read_when_utc(r, "modified").value_or(rule.created_utc_s);
        rule.created_by = r.string_or("created_by", "");
        for (auto& c : r.tables("condition", false)) read_condition(c, rule);
        r.finish();
        std::sort(rule.conditions.begin(), rule.conditions.end(),
                  [](const SuppressionCondition& a, const SuppressionCondition& b) {
                      return a.field < b.field;
                  });
        s.suppressions.push_back(std::move(rule));
    }
}

} // namespace alertdrill::detail
