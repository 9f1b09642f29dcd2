// Terminal views of suppression rules: `rules` and `suppressed` (the audit log).
#include "alertdrill/suppression.hpp"
#include "cli/common.hpp"
#include "cli/player_views.hpp"

#include <fmt/format.h>
#include <iostream>

namespace alertdrill::cli {

void print_rules(std::ostream& out, const Session& s) {
    if (s.suppression_rules().empty()) {
        out << "No suppression rules. Create one with create_suppression_rule SPEC, e.g.\n"
               "  create_suppression_rule name=fp-scanner type=VM_SshBruteForceFailed "
               "ip=10.0.5.20 reason=SpecificEntityFalsePositive expires=2027-03-01 "
               "comment=\"...\"\n";
        return;
    }
    out << fmt::format("  {:<26} {:<9} {:<11} {:>4}  {}\n", "Name", "State", "Expires", "Hits",
                       "Rule");
    for (const auto& r : s.suppression_rules()) {
        std::string expires = r.expires_utc_s
                                  ? format_datetime_us(*r.expires_utc_s * 1000000).substr(0, 10)
                                  : "never";
        out << fmt::format("  {:<26} {:<9} {:<11} {:>4}  {}\n", safe(r.name),
                           rule_state(r, s.now_utc_s()), expires, s.rule_hits(r.name),
                           safe(rule_spec_text(r)));
        std::string who = r.created_by.empty() ? "" : "by " + r.created_by + ", ";
        out << fmt::format("  {:<26} {}modified {}{}\n", "", safe(who),
                           format_datetime_us(r.modified_utc_s * 1000000).substr(0, 10),
                           r.comment.empty() ? "" : ": " + safe(r.comment));
    }
}

void print_suppressed(std::ostream& out, const Session& s) {
    if (s.suppressed().empty()) {
        out << "No alert has been suppressed in this session.\n";
        return;
    }
    for (const auto& e : s.suppressed()) {
        const AlertDef* a = s.scenario().alert(e.alert_id);
        out << fmt::format("  T+{:<5} {:<14} {:<28} by rule {}\n", std::to_string(e.at_min) + "m",
                           e.alert_id, a ? safe(a->display_name) : "", safe(e.rule));
    }
    out << "(also queryable: " << kSuppressionTable
        << " | where Status == \"Dismissed\", and rule changes in " << kActivityTable << ")\n";
}

} // namespace alertdrill::cli
