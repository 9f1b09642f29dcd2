#pragma once
// Alert suppression rules, modelled on Microsoft.Security/alertsSuppressionRules: a rule names an
// alert type (or "*"), all-of conditions on entity fields, a reason, an optional expiry and a
// state. The session applies enabled, unexpired rules to alerts as they are released.
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/model.hpp"
#include "alertdrill/table.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

/// Reasons Defender accepts (FalsePositive, SpecificEntityFalsePositive, Noise, ...).
const std::vector<std::string>& suppression_reasons();
/// Entity fields a condition may name, as Defender spells them (entities.ip.address, ...).
const std::vector<std::string>& suppression_fields();
/// Short spec keys (ip, account, host, resource, cmdline, file, dir, hash, malware, upn) -> field.
/// Full field names resolve to themselves; "" when unknown.
std::string suppression_field(std::string_view key);
/// Short keys and full field names, for did-you-mean.
std::vector<std::string> suppression_field_keys();
/// "" when `name` follows Defender's naming rule, else why not.
std::string check_rule_name(std::string_view name);

/// Whether a catalog action id is one of the *_suppression_rule actions.
bool is_suppression_action(std::string_view action);

/// "Enabled", "Disabled" or "Expired" at `now_utc_s`.
std::string rule_state(const SuppressionRule& r, int64_t now_utc_s);
bool rule_active(const SuppressionRule& r, int64_t now_utc_s);
/// Whether the rule's type and conditions match the alert (ignores state and expiry).
bool rule_matches(const SuppressionRule& r, const AlertDef& a, const ScenarioDef& s);
/// The values an alert offers for a field (entity values, the resource for resourceid, ...).
std::vector<std::string> alert_field_values(const AlertDef& a, const ScenarioDef& s,
                                            std::string_view field);
/// Why a rule is over-broad ("" when it is scoped): type "*", no conditions, a contains on fewer
/// than 4 characters, or no expiry.
std::string rule_breadth_problem(const SuppressionRule& r);
/// "type=... ip=... reason=..." as a person would type it back.
std::string rule_spec_text(const SuppressionRule& r);

/// Applies a typed SPEC (`name=x type=T ip=a,b cmdline~=text reason=R expires=2027-03-01
/// comment="..."`) to `rule`. With `editing`, keys given replace those fields (a condition key
/// with an empty value removes that field's condition) and name is required. "" on success, else
/// a precise error (and `rule` is unspecified).
std::string apply_rule_spec(std::string_view spec, SuppressionRule& rule, int64_t now_utc_s,
                            bool editing);
/// The `name=` value of a spec, or "".
std::string spec_rule_name(std::string_view spec);
/// Dates "2027-03-01" or date-times "2027-03-01T12:00:00Z"; seconds since epoch.
std::optional<int64_t> parse_expiry(std::string_view text);

/// One alert dismissed by a rule.
struct SuppressedAlert {
    std::string alert_id;
    std::string rule;
    int at_min = 0;
    std::string reason; ///< the rule's reason when it dismissed the alert
};

/// One change to a rule, as the Activity Log records it.
struct RuleActivity {
    int at_min = 0;
    std::string operation; ///< "write" or "delete"
    std::string rule;
    std::string caller;
    std::string summary;                  ///< create/edit/enable/disable/delete and the spec
    std::optional<SuppressionRule> after; ///< the rule as written (none for delete)
};

/// The tables the query console always has: SecurityAlert (every released alert with its status;
/// an alert a rule dismissed carries the rule and reason in ExtendedProperties, which makes it
/// the audit of suppressed alerts) and AzureActivity (rule writes and deletes as
/// MICROSOFT.SECURITY/ALERTSSUPPRESSIONRULES/WRITE and /DELETE rows, added after a scenario's
/// own AzureActivity rows when it has them). A scenario table of the same name takes precedence.
inline constexpr const char* kSuppressionTable = "SecurityAlert";
inline constexpr const char* kActivityTable = "AzureActivity";
/// An empty AzureActivity table with the columns defender-facts lists.
Table activity_table();
/// Appends one row per rule change to an AzureActivity-shaped table, filling the columns it has
/// by name (others null).
void append_rule_activity(Table& t, const std::vector<RuleActivity>& log, const ScenarioDef& s);

} // namespace alertdrill
