#include "alertdrill/suppression.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace alertdrill {

namespace {

struct FieldKey {
    const char* key;
    const char* field;
};
const FieldKey kShortKeys[] = {
    {"ip", "entities.ip.address"},
    {"account", "entities.account.name"},
    {"upn", "entities.account.upnsuffix"},
    {"host", "entities.host.hostname"},
    {"resource", "entities.azureresource.resourceid"},
    {"cmdline", "entities.process.commandline"},
    {"file", "entities.file.name"},
    {"dir", "entities.file.directory"},
    {"hash", "entities.filehash.value"},
    {"malware", "entities.malware.name"},
};

std::vector<std::string> split_list(const std::string& v) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= v.size()) {
        size_t c = v.find(',', start);
        if (c == std::string::npos) c = v.size();
        std::string item = trim(std::string_view(v).substr(start, c - start));
        if (!item.empty()) out.push_back(item);
        start = c + 1;
    }
    return out;
}

struct SpecToken {
    std::string key;
    bool contains = false; ///< key~=value
    std::string value;
};

/// Splits `k=v k~="quoted value"` into tokens; "" on success.
std::string tokenize(std::string_view spec, std::vector<SpecToken>& out) {
    size_t i = 0;
    while (i < spec.size()) {
        if (std::isspace(static_cast<unsigned char>(spec[i]))) {
            ++i;
            continue;
        }
        size_t start = i;
        while (i < spec.size() && spec[i] != '=' && spec[i] != '~' &&
               !std::isspace(static_cast<unsigned char>(spec[i])))
            ++i;
        SpecToken t;
        t.key = to_lower(spec.substr(start, i - start));
        if (i < spec.size() && spec[i] == '~') {
            t.contains = true;
            ++i;
        }
        if (i >= spec.size() || spec[i] != '=' || t.key.empty())
            return "expected key=value at '" + std::string(spec.substr(start, 30)) + "'";
        ++i;
        if (i < spec.size() && spec[i] == '"') {
            size_t close = spec.find('"', i + 1);
            if (close == std::string_view::npos)
                return "unterminated quote in the value of '" + t.key + "'";
            t.value = std::string(spec.substr(i + 1, close - i - 1));
            i = close + 1;
        } else {
            size_t vstart = i;
            while (i < spec.size() && !std::isspace(static_cast<unsigned char>(spec[i]))) ++i;
            t.value = std::string(spec.substr(vstart, i - vstart));
        }
        out.push_back(std::move(t));
    }
    return "";
}

std::string date_text(int64_t utc_s) {
    return format_datetime_us(utc_s * 1000000).substr(0, 10);
}

} // namespace

const std::vector<std::string>& suppression_reasons() {
    static const std::vector<std::string> r{
        "FalsePositive", "SpecificEntityFalsePositive", "Noise",
        "NotRelevant",   "AlertSeverityTooHigh",        "Unclear",
        "Other"};
    return r;
}

const std::vector<std::string>& suppression_fields() {
    static const std::vector<std::string> f = [] {
        std::vector<std::string> v;
        for (const auto& k : kShortKeys) v.push_back(k.field);
        return v;
    }();
    return f;
}

std::string suppression_field(std::string_view key) {
    std::string k = to_lower(key);
    for (const auto& fk : kShortKeys)
        if (k == fk.key || k == fk.field) return fk.field;
    return "";
}

std::vector<std::string> suppression_field_keys() {
    std::vector<std::string> v;
    for (const auto& k : kShortKeys) v.push_back(k.key);
    for (const auto& k : kShortKeys) v.push_back(k.field);
    return v;
}

std::string check_rule_name(std::string_view name) {
    if (name.size() < 2 || name.size() > 50)
        return "rule name '" + std::string(name) + "' must be 2-50 characters long";
    if (!std::isalnum(static_cast<unsigned char>(name[0])))
        return "rule name '" + std::string(name) + "' must start with a letter or a digit";
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            return "rule name '" + std::string(name) +
                   "' may use only letters, digits, '-' and "
                   "'_' (found '" +
                   std::string(1, c) + "')";
    return "";
}

std::optional<int64_t> parse_expiry(std::string_view text) {
    auto us = parse_datetime_us(text);
    if (!us) return std::nullopt;
    return *us / 1000000;
}

std::string rule_state(const SuppressionRule& r, int64_t now_utc_s) {
    if (r.expires_utc_s && *r.expires_utc_s <= now_utc_s) return "Expired";
    return r.enabled ? "Enabled" : "Disabled";
}

bool rule_active(const SuppressionRule& r, int64_t now_utc_s) {
    return rule_state(r, now_utc_s) == "Enabled";
}

std::vector<std::string> alert_field_values(const AlertDef& a, const ScenarioDef& s,
                                            std::string_view field) {
    std::vector<std::string> out;
    auto entities = [&](std::string_view type) {
        std::vector<std::string> v;
        for (const auto& e : a.entities)
            if (e.type == type) v.push_back(e.value);
        return v;
    };
    if (field == "entities.ip.address") return entities("ip");
    if (field == "entities.account.name") return entities("account");
    if (field == "entities.account.upnsuffix") {
        for (const auto& v : entities("account"))
            if (auto at = v.find('@'); at != std::string::npos) out.push_back(v.substr(at + 1));
        return out;
    }
    if (field == "entities.host.hostname") return entities("host");
    if (field == "entities.azureresource.resourceid") {
        out = entities("azure-resource");
        out.push_back(a.resource);
        if (const Resource* r = s.resource(a.resource)) out.push_back(r->name);
        return out;
    }
    if (field == "entities.process.commandline") return entities("process");
    if (field == "entities.filehash.value") return entities("filehash");
    if (field == "entities.malware.name") return entities("malware");
    if (field == "entities.file.name" || field == "entities.file.directory") {
        for (const auto& v : entities("file")) {
            size_t slash = v.find_last_of("/\\");
            if (field == "entities.file.name")
                out.push_back(slash == std::string::npos ? v : v.substr(slash + 1));
            else if (slash != std::string::npos)
                out.push_back(v.substr(0, slash));
        }
    }
    return out;
}

bool rule_matches(const SuppressionRule& r, const AlertDef& a, const ScenarioDef& s) {
    if (r.alert_type != "*" && !iequals(r.alert_type, a.alert_type)) return false;
    for (const auto& c : r.conditions) {
        bool hit = false;
        for (const auto& v : alert_field_values(a, s, c.field)) {
            if (c.contains && to_lower(v).find(to_lower(*c.contains)) != std::string::npos)
                hit = true;
            for (const auto& want : c.in)
                if (iequals(v, want)) hit = true;
        }
        if (!hit) return false;
    }
    return true;
}

std::string rule_breadth_problem(const SuppressionRule& r) {
    std::vector<std::string> why;
    if (r.alert_type == "*") why.push_back("it applies to every alert type");
    if (r.conditions.empty()) why.push_back("it has no entity conditions");
    for (const auto& c : r.conditions)
        if (c.contains && c.contains->size() < 4)
            why.push_back("'" + c.field + " contains \"" + *c.contains +
                          "\"' matches almost anything");
    if (!r.expires_utc_s) why.push_back("it never expires");
    return join(why, "; ");
}

std::string rule_spec_text(const SuppressionRule& r) {
    std::string out = "type=" + r.alert_type;
    for (const auto& c : r.conditions) {
        std::string key = c.field;
        for (const auto& fk : kShortKeys)
            if (c.field == fk.field) key = fk.key;
        out += " " + key + (c.contains ? "~=" + *c.contains : "=" + join(c.in, ","));
    }
    out += " reason=" + r.reason;
    out += " expires=" + (r.expires_utc_s ? date_text(*r.expires_utc_s) : std::string("never"));
    return out;
}

std::string spec_rule_name(std::string_view spec) {
    std::vector<SpecToken> toks;
    if (!tokenize(spec, toks).empty()) return "";
    for (const auto& t : toks)
        if (t.key == "name" && !t.contains) return t.value;
    return "";
}

std::string apply_rule_spec(std::string_view spec, SuppressionRule& rule, int64_t now_utc_s,
                            bool editing) {
    std::vector<SpecToken> toks;
    if (std::string e = tokenize(spec, toks); !e.empty()) return e;
    bool named = false, reasoned = !rule.reason.empty();
    std::vector<std::string> seen;
    for (const auto& t : toks) {
        if (std::find(seen.begin(), seen.end(), t.key) != seen.end())
            return "'" + t.key + "' is given twice";
        seen.push_back(t.key);
        if (t.contains && suppression_field(t.key).empty())
            return "'~=' (contains) applies to entity fields only, not '" + t.key + "'";
        if (t.key == "name") {
            if (std::string e = check_rule_name(t.value); !e.empty()) return e;
            rule.name = t.value;
            named = true;
        } else if (t.key == "type" || t.key == "alert_type" || t.key == "alerttype") {
            if (t.value.empty()) return "type needs an alert type, or * for all";
            rule.alert_type = t.value;
        } else if (t.key == "reason") {
            const auto& rs = suppression_reasons();
            auto it = std::find_if(rs.begin(), rs.end(),
                                   [&](const std::string& r) { return iequals(r, t.value); });
            if (it == rs.end())
                return "unknown reason '" + t.value + "'" + did_you_mean(t.value, rs) +
                       "; reasons: " + join(rs, ", ");
            rule.reason = *it;
            reasoned = true;
        } else if (t.key == "comment") {
            rule.comment = t.value;
        } else if (t.key == "expires" || t.key == "expiration") {
            if (iequals(t.value, "never") || t.value.empty()) {
                rule.expires_utc_s.reset();
                continue;
            }
            auto at = parse_expiry(t.value);
            if (!at) return "expires '" + t.value + "' is not a date like 2027-03-01 (or 'never')";
            if (*at <= now_utc_s)
                return "expires " + t.value + " is not after the current time " +
                       format_datetime_us(now_utc_s * 1000000);
            rule.expires_utc_s = at;
        } else if (std::string field = suppression_field(t.key); !field.empty()) {
            auto& cs = rule.conditions;
            cs.erase(
                std::remove_if(cs.begin(), cs.end(),
                               [&](const SuppressionCondition& c) { return c.field == field; }),
                cs.end());
            if (t.value.empty()) {
                if (!editing) return "'" + t.key + "' needs a value";
                continue; // editing: an empty value removes the condition
            }
            SuppressionCondition c;
            c.field = field;
            if (t.contains)
                c.contains = t.value;
            else
                c.in = split_list(t.value);
            if (c.in.empty() && !c.contains) return "'" + t.key + "' needs a value";
            cs.push_back(std::move(c));
        } else {
            std::vector<std::string> keys{"name", "type", "reason", "comment", "expires"};
            auto fk = suppression_field_keys();
            keys.insert(keys.end(), fk.begin(), fk.end());
            return "unknown key '" + t.key + "'" + did_you_mean(t.key, keys) +
                   "; keys: name, type, reason, comment, expires, ip, account, upn, host, "
                   "resource, cmdline, file, dir, hash, malware (key~=text for contains)";
        }
    }
    if (!named) return "the spec needs name=RULE_NAME";
    if (!reasoned)
        return "the spec needs reason=REASON (" + join(suppression_reasons(), ", ") + ")";
    std::sort(rule.conditions.begin(), rule.conditions.end(),
              [](const SuppressionCondition& a, const SuppressionCondition& b) {
                  return a.field < b.field;
              });
    rule.modified_utc_s = now_utc_s;
    return "";
}

Table activity_table() {
    Table t(kActivityTable);
    t.add_column("TimeGenerated", ColumnType::DateTime);
    for (const char* name :
         {"OperationNameValue", "OperationName", "ActivityStatusValue", "Caller", "CallerIpAddress",
          "CategoryValue", "ResourceGroup", "ResourceProviderValue", "_ResourceId",
          "SubscriptionId", "CorrelationId", "Properties"})
        t.add_column(name, ColumnType::String);
    return t;
}

void append_rule_activity(Table& t, const std::vector<RuleActivity>& log, const ScenarioDef& s) {
    std::string sub = s.subscriptions.empty() ? "" : s.subscriptions.front().id;
    for (size_t n = 0; n < log.size(); ++n) {
        const RuleActivity& e = log[n];
        bool del = e.operation == "delete";
        std::string rid = "/subscriptions/" + sub +
                          "/providers/Microsoft.Security/alertsSuppressionRules/" + e.rule;
        for (auto& col : t.columns()) {
            const std::string& name = col.name();
            if (name == "TimeGenerated" && col.type() == ColumnType::DateTime) {
                col.push_int((s.start_utc_s + int64_t(e.at_min) * 60) * 1000000);
                continue;
            }
            if (col.type() != ColumnType::String && col.type() != ColumnType::Dynamic) {
                col.push_null();
                continue;
            }
            std::string v;
            bool known = true;
            if (name == "OperationNameValue")
                v = del ? "MICROSOFT.SECURITY/ALERTSSUPPRESSIONRULES/DELETE"
                        : "MICROSOFT.SECURITY/ALERTSSUPPRESSIONRULES/WRITE";
            else if (name == "OperationName")
                v = del ? "Delete an alerts suppression rule"
                        : "Create or update an alerts suppression rule";
            else if (name == "ActivityStatusValue")
                v = "Succeeded";
            else if (name == "Caller")
                v = e.caller;
            else if (name == "CategoryValue")
                v = "Administrative";
            else if (name == "ResourceProviderValue")
                v = "Microsoft.Security";
            else if (name == "_ResourceId" || name == "ResourceId")
                v = rid;
            else if (name == "SubscriptionId")
                v = sub;
            else if (name == "CorrelationId")
                v = fmt::format("alertdrill-rule-change-{}", n + 1);
            else if (name == "Properties")
                v = e.summary;
            else
                known = false;
            if (known)
                col.push_string(v);
            else
                col.push_null();
        }
    }
}

} // namespace alertdrill
