#pragma once
// The suppression-rule form's state: what a person fills in, turned into the same SPEC the
// terminal's create_/edit_/simulate_suppression_rule commands take.
#include "alertdrill/model.hpp"

#include <string>
#include <vector>

namespace alertdrill::gui {

class Workspace;

struct RuleForm {
    struct Condition {
        int key = 0; ///< index into rule_condition_keys()
        bool contains = false;
        std::string value; ///< equals: a comma list; contains: the text
    };
    bool editing = false;
    std::string name;
    std::string type = "*";
    std::vector<Condition> conditions;
    int reason = 0; ///< index into suppression_reasons()
    std::string comment;
    std::string expires; ///< YYYY-MM-DD; blank = never
    bool enabled = true;
    /// Editing: the rule as it was, so dropped conditions can be removed and a state change told.
    std::vector<std::string> original_keys;
    std::string original_spec;
    bool original_enabled = true;

    void clear() { *this = RuleForm{}; }
    void load(const SuppressionRule& r);
    /// The SPEC for the command line (editing: `key=` removes each dropped condition).
    std::string spec() const;
};

/// The short condition keys (ip, account, host, ...), in Defender's order.
const std::vector<std::string>& rule_condition_keys();

/// Draws the form; sends the commands its buttons stand for.
void draw_rule_form(Workspace& ws, RuleForm& form);

} // namespace alertdrill::gui
