#pragma once
// The scenario model: what an instructor authors in scenarios/*.toml, after loading.
// Times are simulated minutes from the scenario start unless a name says otherwise.
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/quiz.hpp"
#include "alertdrill/table.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

/// The five workflow steps, in the order the module teaches them.
enum class Step { Context, Analysis, Containment, Posture, Documentation };
inline constexpr int kStepCount = 5;
std::string_view step_id(Step s);    ///< "context", "analysis", ...
std::string_view step_title(Step s); ///< "Cloud context", "Threat analysis", ...
std::optional<Step> parse_step(std::string_view id);
const std::vector<std::string>& step_ids();

enum class Severity { Informational, Low, Medium, High };
std::string_view severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

enum class AlertStatus { Active, InProgress, Resolved, Dismissed };
std::string_view alert_status_name(AlertStatus s);

/// The module's grouping of the kill chain: early (probing, initial access), mid (execution,
/// persistence), late (privilege escalation, data access and exfiltration).
enum class Stage { Early, Mid, Late };
std::string_view stage_name(Stage s);
std::optional<Stage> parse_stage(std::string_view s);

/// Defender's `intent` values.
const std::vector<std::string>& intent_names();
/// Entity types an alert may carry (Defender's entity types, lower case).
const std::vector<std::string>& entity_types();

struct Entity {
    std::string type; ///< ip, account, host, process, file, filehash, azure-resource, malware
    std::string value;
};

/// `when = { var = "value" }`: the item exists only in variants where every listed variable
/// has the listed value. Empty means always.
using Condition = std::map<std::string, std::string>;

struct Subscription {
    std::string id;
    std::string name;
    std::string owner;
};

struct Resource {
    std::string id;   ///< short id used in actions, e.g. "vm-web-prod-01"
    std::string kind; ///< vm, storage, sql, appservice, identity, nsg, keyvault
    std::string name; ///< Azure resource name shown to the trainee
    std::string resource_group;
    std::string subscription; ///< a Subscription id
    std::string environment;  ///< production, staging, dev, test
    bool internet_facing = false;
    std::string owner;
    std::string region;
    std::vector<std::string> reaches;        ///< what it can reach (network peers, data stores)
    std::vector<std::string> identity_roles; ///< managed identity role assignments
    std::string notes;                       ///< anything else context review reveals
    SourcePos pos;
};

struct AlertDef {
    std::string id;
    std::string display_name;
    std::string alert_type;
    Severity severity = Severity::Medium;
    std::string resource; ///< a Resource id
    std::vector<std::string> tactics;
    std::string intent;
    std::string description;
    std::vector<std::string> remediation;
    std::vector<Entity> entities;
    std::string incident; ///< alerts with the same incident id belong together
    /// Minute it appears; nullopt when only an attacker event releases it.
    std::optional<int> at_min;
    bool true_positive = true;
    Stage stage = Stage::Mid;
    Condition when;
    SourcePos pos;
};

struct Incident {
    std::string id;
    std::string title;
};

struct ColumnDef {
    std::string name;
    ColumnType type = ColumnType::String;
};

/// Generated benign rows around the authored ones. Value templates may use {ip:10.0.0.0/24},
/// {int:1-9}, {hex:8}, {pick:a|b|c}, {uuid}; an array picks one template per row.
struct NoiseSpec {
    int64_t rows = 0;
    int from_min = -24 * 60; ///< time window relative to the scenario start
    int to_min = 0;
    std::map<std::string, std::vector<std::string>> values; ///< column -> templates
    SourcePos pos;
};

struct RowDef {
    std::vector<std::optional<std::string>> cells; ///< aligned with the table's columns
    std::string key;                               ///< key evidence id, or ""
    std::string after; ///< attacker event id that must fire before the row exists, or ""
    Condition when;
    SourcePos pos;
};

struct TableDef {
    std::string name;
    std::vector<ColumnDef> columns;
    std::vector<RowDef> rows;
    std::optional<NoiseSpec> noise;
    std::vector<std::string> revealed_by; ///< action ids whose any use reveals the table
    bool visible = false;                 ///< visible from the start
    SourcePos pos;
};

/// What an action does in this scenario (everything not mentioned gets the catalog default).
struct Response {
    std::string action;
    std::string target; ///< "" matches any target
    std::string outcome;
    std::optional<int> minutes;
    std::vector<std::string> reveals;        ///< table names
    std::vector<std::string> sets;           ///< flags
    std::vector<std::string> releases;       ///< alert ids
    std::vector<std::string> requires_flags; ///< applies only when all of these flags are set
    std::vector<std::string> unless;         ///< ...and none of these
    Condition when;
    SourcePos pos;
};

/// The attacker's next move, made at `at_min` unless one of `unless` flags is set by then.
struct AttackerEvent {
    std::string id;
    std::string actor = "The attacker"; ///< who acts, as the timeline names it
    int at_min = 0;
    std::vector<std::string> unless;
    std::vector<std::string> requires_flags;
    std::string message;
    std::vector<std::string> releases;
    std::vector<std::string> sets;
    double data_lost_mb = 0;
    Condition when;
    SourcePos pos;
};

/// `rule = { ... }` on a rubric item: met when, at the end, an enabled suppression rule exists
/// for exactly this alert type, with only `in` conditions whose values are all among
/// `entities`, a reason from `reasons` (any when empty) and an expiry at most `max_days` ahead.
struct RuleCheck {
    std::string alert_type;
    std::vector<std::string> entities;
    std::vector<std::string> reasons;
    int max_days = 365;
};

struct RubricItem {
    std::string id;
    std::string action;
    std::string target;                    ///< "" = any target
    std::vector<std::string> alternatives; ///< other action ids that also satisfy it
    std::string evidence; ///< a key-row id; finding it by query also satisfies the item
    Step step = Step::Context;
    int points = 0;
    bool required = true;
    std::optional<int> by_min; ///< must be completed by this minute to count
    std::string why;
    Condition when;
    std::optional<RuleCheck> rule; ///< met by the session's suppression rules, not an action
    SourcePos pos;
};

struct HarmfulRule {
    std::string id;
    std::string action;
    std::string target;
    Step step = Step::Containment;
    int penalty = 0;
    std::string why;
    Condition when;
    SourcePos pos;
};

/// `then` taken before any `first` costs `penalty`. `first` may be an action id or
/// "step:<step>" (any action of that step).
struct OrderRule {
    std::string id;
    std::string first;
    std::string then;
    std::string target;
    Step step = Step::Containment;
    int penalty = 0;
    std::string why;
    SourcePos pos;
};

/// One field of the incident report: scored by keyword groups (each group is any-of).
struct ReportField {
    std::string id; ///< attack_vector, root_cause, prevention, action_taken, data_exposure
    int points = 0;
    std::vector<std::vector<std::string>> keywords;
    std::string why;
    std::string example; ///< a model answer, shown in the expert path
    Condition when;
    SourcePos pos;
};
const std::vector<std::string>& report_field_ids();

/// A question the scenario asks at a point in its flow, answered with `answer ID ANSWER`. It is
/// due once any of its triggers fires (after an action, when an alert appears, when a query finds
/// a key evidence row) and stays due until answered; its points count in `step`, in proportion to
/// the answer's grade.
struct Checkpoint {
    std::string id;
    std::string after_action; ///< trigger: after this action...
    std::string after_target; ///< ...on this target ("" = any)
    std::string on_alert;     ///< or: when this alert is released (and not suppressed)
    std::string on_evidence;  ///< or: when a query brings this key evidence row into its result
    Step step = Step::Analysis;
    int points = 0;
    Question question; ///< inline, the question-bank format; its id is the checkpoint's
    Condition when;
    SourcePos pos;
};

struct ScoringRules {
    int contain_target_min = 60;
    std::string contain_flag = "contained";
    int late_penalty_per_10min = 2; ///< containment points lost per 10 minutes over the target
    int late_penalty_max = 10;
    int never_contained_penalty = 10;
    int hint_cost = 3;
};

struct Variable {
    std::string name;
    std::vector<std::string> values;
    SourcePos pos;
};

/// A suppression-rule condition (Microsoft.Security/alertsSuppressionRules scope.allOf[]).
struct SuppressionCondition {
    std::string field;                   ///< a suppression_fields() name
    std::vector<std::string> in;         ///< equals any of (case-insensitive)
    std::optional<std::string> contains; ///< substring (case-insensitive)
};

struct SuppressionRule {
    std::string name;
    std::string alert_type = "*";
    std::vector<SuppressionCondition> conditions; ///< all must match
    std::string reason;
    std::string comment;
    bool enabled = true; ///< Enabled/Disabled; Expired is derived from the clock
    std::optional<int64_t> expires_utc_s;
    int64_t created_utc_s = 0;
    int64_t modified_utc_s = 0;
    std::string created_by;
    bool inherited = false; ///< authored in the scenario, not created by the trainee
    SourcePos pos;
};

struct ScenarioDef {
    std::string id; ///< file name without .toml
    std::string path;
    std::string content_hash; ///< of the file text
    std::string source_text;  ///< the file text, re-read per variant by instantiate()
    std::string title;
    std::string summary;
    std::string difficulty; ///< beginner, intermediate, advanced
    int estimated_minutes = 30;
    std::vector<std::string> objectives;
    std::string briefing;
    int64_t start_utc_s = 0; ///< simulated wall-clock time at minute 0
    int max_minutes = 240;
    Stage stage = Stage::Mid; ///< the stage the trainee should recognise
    std::vector<Variable> variables;
    std::vector<Subscription> subscriptions;
    std::vector<Resource> resources;
    std::vector<Incident> incidents;
    std::vector<AlertDef> alerts;
    std::vector<TableDef> tables;
    std::vector<Response> responses;
    std::vector<AttackerEvent> attacker;
    std::vector<RubricItem> rubric;
    std::vector<HarmfulRule> harmful;
    std::vector<OrderRule> order;
    std::vector<ReportField> report;
    std::vector<SuppressionRule> suppressions; ///< rules the trainee inherits
    std::vector<Checkpoint> checkpoints;
    ScoringRules scoring;
    SourcePos pos; ///< the [scenario] table, for whole-scenario problems

    const Resource* resource(std::string_view id) const;
    const AlertDef* alert(std::string_view id) const;
    const TableDef* table(std::string_view name) const;
    const Checkpoint* checkpoint(std::string_view id) const;
    /// Points available per step and in total (rubric items, report fields, checkpoints).
    std::array<int, kStepCount> max_points() const;
};

} // namespace alertdrill
