#pragma once
// Scoring against the workflow. A score is always recomputed from the session's actions, never
// stored state, so a transcript re-scores to the identical result.
#include "alertdrill/model.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

class Session;
struct ActionRecord;

/// Points lost (or, for "earned" lines, won), with the step and the reason.
struct ScoreLine {
    Step step = Step::Context;
    int points = 0;   ///< negative when lost
    std::string kind; ///< missed, recommended, harmful, order, late, hint, report
    std::string ref;  ///< rubric/rule id or report field
    std::string text; ///< the explanation a trainee reads
};

struct PhaseScore {
    int earned = 0; ///< after penalties, never below zero
    int max = 0;
    int penalties = 0;
};

/// One scenario checkpoint's result.
struct CheckpointScore {
    std::string id;
    Step step = Step::Analysis;
    int points = 0; ///< available
    int earned = 0;
    bool due = false; ///< its trigger fired
    bool answered = false;
    std::string response;     ///< the answer given (canonical text)
    std::string right_answer; ///< in the same form
    double fraction = 0;
    std::vector<std::string> misconceptions;
};

struct Score {
    int total = 0; ///< 0-100
    std::array<PhaseScore, kStepCount> phases{};
    std::optional<int> time_to_contain_min;
    int contain_target_min = 0;
    std::vector<std::string> achieved; ///< rubric ids met
    std::vector<std::string> missed;   ///< rubric ids not met
    std::vector<std::string> harmful; ///< harmful rule ids triggered (default rules: "default:...")
    std::vector<ScoreLine> feedback;  ///< every point lost, in workflow order
    int hints_used = 0;
    double data_lost_mb = 0;
    std::vector<std::string> expert_path;
    std::vector<std::string> suppressed; ///< what each suppression rule hid
    std::vector<CheckpointScore> checkpoints;
};

/// True when the records satisfy the item (its action or an alternative on its target, in time,
/// or its evidence key found by a query).
bool rubric_item_met(const RubricItem& item, const std::vector<ActionRecord>& history);

/// The same, with the session's end state for items that check suppression rules.
bool rubric_item_met(const RubricItem& item, const Session& session);
/// Whether an enabled rule of the session satisfies a rubric rule check (scoring_suppression.cpp).
bool rule_check_met(const RuleCheck& check, const Session& session);
/// Engine-default penalties for suppression rules: over-broad trainee rules, true positives a
/// trainee-made or kept rule hid, rules on the attacker's own indicators. Points are positive.
std::vector<ScoreLine> suppression_penalties(const Session& session);
/// For the debrief: per rule, what it hid ("rule 'x' hid: a1 (true positive), a2").
std::vector<std::string> suppression_summary(const Session& session);

Score compute_score(const Session& session);

/// The stable machine-readable shape (`--json`): total, phases, time_to_contain_min, harmful,
/// missed, feedback, and more.
nlohmann::json score_to_json(const Score& s);

} // namespace alertdrill
