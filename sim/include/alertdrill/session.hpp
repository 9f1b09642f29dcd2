#pragma once
// A trainee's session: the one place state changes. Front ends read it through const getters and
// change it only with apply(line), the same command a person types in the terminal player.
#include "alertdrill/catalog.hpp"
#include "alertdrill/model.hpp"
#include "alertdrill/quiz_attempt.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/suppression.hpp"
#include "alertdrill/table.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace alertdrill {

enum class SessionState { Briefing, Investigating, Debrief };
std::string_view session_state_name(SessionState s);

/// Practice: hints and immediate feedback. Assessment: no hints, feedback only at the end.
enum class Mode { Practice, Assessment };
std::string_view mode_name(Mode m);
std::optional<Mode> parse_mode(std::string_view s);

/// One accepted command, as the transcript keeps it.
struct ActionRecord {
    std::string line;   ///< as typed, trimmed
    std::string action; ///< catalog id, or the built-ins "wait", "hint", "end"
    std::string target; ///< resolved target ("" when none)
    int at_min = 0;     ///< simulated minute it started
    int minutes = 0;    ///< simulated minutes it took
    std::string outcome;
    std::vector<std::string> found_keys; ///< key evidence a query brought into its result
    std::string hint_item;               ///< for hints: the rubric item hinted at

    bool operator==(const ActionRecord&) const = default;
};

struct TimelineEntry {
    enum class Kind { Alert, Action, Attacker };
    int at_min = 0;
    Kind kind = Kind::Action;
    std::string text;
    std::string ref; ///< alert id, action id or attacker event id
};

struct AlertState {
    size_t def_index = 0; ///< into scenario().alerts
    AlertStatus status = AlertStatus::Active;
    int released_min = 0;
    std::string classification; ///< "", true_positive, false_positive, benign_positive
    std::optional<Stage> stage;
    bool linked = false;
    std::string suppressed_by; ///< the rule that dismissed it on release, or ""
};

struct ApplyResult {
    bool ok = false;
    std::string error;                        ///< why the line was refused (nothing changed)
    std::string outcome;                      ///< what the action did
    std::vector<std::string> happened;        ///< alerts and attacker moves during the action
    std::vector<std::string> checkpoints_due; ///< checkpoint ids that became due with this line
};

/// A checkpoint waiting for its answer, with the question as shown (options in display order).
struct DueCheckpoint {
    const Checkpoint* checkpoint = nullptr;
    int since_min = 0; ///< simulated minute it became due
    PresentedQuestion presented;
};

/// A checkpoint's recorded answer. Graded again from `response` whenever the score is computed.
struct CheckpointAnswer {
    QuizResponse response;
    std::string text; ///< the canonical answer text (format_response), as the transcript holds it
    int at_min = 0;
};

/// What a query returns to the session: the outcome text and the key rows it surfaced.
struct QueryOutcome {
    bool ok = false;
    std::string text;
    std::vector<std::string> found_keys;
};
class Session;
using QueryRunner = std::function<QueryOutcome(const Session&, const std::string& query)>;

class Session {
  public:
    Session(std::shared_ptr<const ScenarioInstance> instance, const Catalog& catalog,
            Mode mode = Mode::Practice);

    /// Leaves the briefing: releases the alerts of minute 0. apply() does this by itself.
    void begin();
    /// Parses and applies one command as a person types it. A refused line changes nothing.
    ApplyResult apply(std::string_view line);
    /// Runs KQL for the `run_query` action (set by whoever links the query engine).
    void set_query_runner(QueryRunner r) { m_query_runner = std::move(r); }

    SessionState state() const { return m_state; }
    Mode mode() const { return m_mode; }
    const ScenarioInstance& instance() const { return *m_inst; }
    std::shared_ptr<const ScenarioInstance> instance_ptr() const { return m_inst; }
    const ScenarioDef& scenario() const { return m_inst->def(); }
    const Catalog& catalog() const { return *m_catalog; }
    int now_min() const { return m_now; }
    int64_t now_utc_s() const { return scenario().start_utc_s + int64_t(m_now) * 60; }

    const std::vector<AlertState>& alerts() const { return m_alerts; }
    const AlertDef& alert_def(const AlertState& a) const { return scenario().alerts[a.def_index]; }
    const AlertState* alert(std::string_view id) const;
    const std::vector<ActionRecord>& history() const { return m_history; }
    const std::vector<TimelineEntry>& timeline() const { return m_timeline; }
    const std::set<std::string>& flags() const { return m_flags; }
    const std::set<std::string>& found_keys() const { return m_found_keys; }
    const std::map<std::string, std::string>& report() const { return m_report; }
    std::optional<int> contained_at() const { return m_contained_at; }
    double data_lost_mb() const { return m_data_lost_mb; }
    int hints_used() const { return m_hints; }

    /// Whether `action` was taken on `target` (context panels show what has been reviewed).
    bool done(std::string_view action, std::string_view target = "") const;
    bool table_revealed(std::string_view name) const {
        return m_revealed.count(std::string(name)) > 0;
    }
    std::vector<std::string> revealed_tables() const;
    /// The rows of a revealed table the trainee can see now (time reached, event fired).
    /// Cached until the clock or the attacker moves. nullptr when not revealed.
    const Table* visible_table(std::string_view name) const;
    /// Changes only when visible_table(name) changes content, so a view over it (the GUI's
    /// sorted, filtered rows) is rebuilt only then, not after every action.
    uint64_t visible_version(std::string_view name) const;
    /// Every revealed table, and the simulated SecurityAlert and AzureActivity (evidence panels).
    std::vector<const Table*> visible_tables() const;
    /// Every table of the workspace as it stands now, revealed or not: the query console, like a
    /// real Log Analytics workspace, can query any table; the investigation buttons only open one.
    /// Their names; queryable_table() makes one as it stands, so a query copies only the tables
    /// it names.
    std::vector<std::string> queryable_table_names() const;
    const Table* queryable_table(std::string_view name) const;

    // Suppression rules (sim/src/session_suppression.cpp). Change them only through apply():
    // create_suppression_rule SPEC, edit_suppression_rule SPEC, simulate_suppression_rule SPEC,
    // enable_/disable_/delete_suppression_rule NAME.
    const std::vector<SuppressionRule>& suppression_rules() const { return m_rules; }
    const SuppressionRule* suppression_rule(std::string_view name) const;
    /// Every alert a rule dismissed, in order (rules deleted since included).
    const std::vector<SuppressedAlert>& suppressed() const { return m_suppressed; }
    /// Every rule write and delete, as the Activity Log records them.
    const std::vector<RuleActivity>& rule_activity() const { return m_rule_activity; }
    /// How many alerts the named rule has dismissed.
    int rule_hits(std::string_view name) const;
    /// Alert ids released so far that `rule` matches (a preview: no time passes, no record).
    std::vector<std::string> rule_would_match(const SuppressionRule& rule) const;
    /// Parses a SPEC as create (or edit) would, without applying it: the rule, or the error.
    std::optional<SuppressionRule> preview_rule_spec(std::string_view spec, bool editing,
                                                     std::string& error) const;
    /// Who the Activity Log names for the trainee's changes.
    static constexpr const char* kTraineeCaller = "trainee@contoso.example";

    // Checkpoints (sim/src/session_checkpoints.cpp). Answer only through apply():
    // `answer ID ANSWER`, ANSWER in the question-bank answer format (an option id or its number
    // as listed, `a, c`, text, a number, `x=Choice; y=Choice` ...).
    /// Checkpoints due and not yet answered, in the order they became due.
    std::vector<DueCheckpoint> due_checkpoints() const;
    /// Answers given so far, by checkpoint id.
    const std::map<std::string, CheckpointAnswer>& checkpoint_answers() const {
        return m_checkpoint_answers;
    }
    /// Minute each checkpoint became due (answered ones included).
    const std::map<std::string, int>& checkpoints_due_since() const { return m_checkpoint_due; }
    /// The question of a checkpoint as this session shows it (the order depends on the seed).
    PresentedQuestion present_checkpoint(const Checkpoint& c) const;
    static constexpr const char* kAnswerCommand = "answer";
    /// The command line that answers checkpoint `id` with `answer`.
    static std::string answer_command(const std::string& id, const std::string& answer);

    /// The rubric in the order an expert would work it, as command lines.
    std::vector<std::string> expert_path() const;

  private:
    ApplyResult apply_builtin(const std::vector<std::string>& words, const std::string& line);
    void advance_to(int minute, std::vector<std::string>& happened);
    void release_alert(const std::string& id, int minute, std::vector<std::string>& happened);
    void set_flag(const std::string& f, int minute);
    std::string resolve_target(const ActionDef& a, const std::string& rest,
                               std::string& error) const;
    const Response* find_response(const std::string& action, const std::string& target) const;
    void finish_action(ActionRecord rec, ApplyResult& res);
    /// "" when the suppression action can run, else why not (checked before time passes).
    std::string check_suppression(const std::string& action, const std::string& target) const;
    std::string commit_suppression(const std::string& action, const std::string& target,
                                   int minute);
    void suppress_on_release(AlertState& st, int minute);
    ApplyResult apply_line(std::string_view line);
    ApplyResult apply_answer(const std::string& line);
    /// Marks checkpoints due after an action (`after`), an alert's release (`on_alert`) or a
    /// query that found key evidence (`on_evidence`).
    void trigger_checkpoints(const std::string& action, const std::string& target,
                             const std::string& alert_id, int minute,
                             const std::vector<std::string>& found_keys = {});
    /// A table's rows up to the clock (and fired events); simulated tables built from the state.
    const Table* table_as_of(std::string_view name) const;
    /// SecurityAlert and AzureActivity when the scenario does not author them.
    bool simulated_table(std::string_view name) const;
    /// Flags the matching investigation action would set, for key rows a query found.
    void credit_found_keys(const std::vector<std::string>& keys, int minute);

    std::shared_ptr<const ScenarioInstance> m_inst;
    const Catalog* m_catalog;
    Mode m_mode;
    SessionState m_state = SessionState::Briefing;
    int m_now = 0;
    std::vector<AlertState> m_alerts;
    std::vector<ActionRecord> m_history;
    std::vector<TimelineEntry> m_timeline;
    std::set<std::string> m_flags;
    std::set<std::string> m_fired;
    std::set<std::string> m_revealed;
    std::set<std::string> m_found_keys;
    std::map<std::string, std::string> m_report;
    std::optional<int> m_contained_at;
    double m_data_lost_mb = 0;
    int m_hints = 0;
    std::vector<SuppressionRule> m_rules;
    std::vector<SuppressedAlert> m_suppressed;
    std::vector<RuleActivity> m_rule_activity;
    std::map<std::string, int> m_checkpoint_due;
    std::vector<std::string> m_checkpoint_order; ///< ids in the order they became due
    std::vector<std::string> m_newly_due;        ///< since the current apply() began
    std::map<std::string, CheckpointAnswer> m_checkpoint_answers;
    QueryRunner m_query_runner;
    mutable std::map<std::string, std::pair<uint64_t, Table>> m_visible_cache;
    /// An authored AzureActivity as of now, before the rule changes are appended to its copy.
    mutable Table m_activity_rows;
    /// Per visible table: its version (see visible_version) and the rows its copy holds.
    mutable std::map<std::string, std::pair<uint64_t, std::vector<uint32_t>>> m_visible_rows;
    mutable uint64_t m_table_builds = 0;
    /// Brings `copy` to the rows of `full` visible now (kept, appended to, or rebuilt).
    const Table& update_copy(std::string_view name, const EvidenceTable& full, Table& copy) const;
    uint64_t m_version = 0; ///< bumps when what is visible may change
};

} // namespace alertdrill
