// Scenario checkpoints: questions asked at points in a scenario's flow. Built with the question
// bank's reader (the same keys as a bank's [[question]]) and checked like the rest of the file.
#include "scenario_internal.hpp"

#include "alertdrill/text.hpp"
#include "quiz/quiz_loader_internal.hpp"

#include <algorithm>
#include <set>

namespace alertdrill::detail {

void build_checkpoints(TableReader& top, ScenarioDef& s) {
    const QuestionBank defaults; // the bank defaults (penalty) a checkpoint question inherits
    for (auto& r : top.tables("checkpoint", false)) {
        Checkpoint c;
        c.pos = r.pos();
        c.id = r.string("id", true).value_or("");
        if (c.id.find_first_of(" \t\r\n") != std::string::npos)
            r.error("id", "checkpoint id '" + c.id + "' has a space; answers name it as one word");
        auto after = r.string("after", false);
        auto on_alert = r.string("on_alert", false);
        auto on_evidence = r.string("on_evidence", false);
        if (!after && !on_alert && !on_evidence)
            r.diags().error(c.pos, "checkpoint '" + c.id +
                                       "' needs a trigger: 'after = \"ACTION [TARGET]\"', "
                                       "'on_alert = \"ALERT-ID\"' or 'on_evidence = \"KEY\"'");
        c.on_evidence = on_evidence.value_or("");
        if (after) {
            auto words = split_ws(*after);
            if (words.empty())
                r.error("after", "'after' names an action, optionally with its target");
            else {
                c.after_action = words[0];
                c.after_target =
                    trim(std::string_view(*after).substr(after->find(words[0]) + words[0].size()));
            }
        }
        c.on_alert = on_alert.value_or("");
        if (auto st = r.choice("step", true, step_ids())) c.step = *parse_step(*st);
        if (auto p = r.integer("points", true, 1, 100)) c.points = int(*p);
        c.when = read_when(r);
        if (auto qt = r.table("question", true)) {
            TableReader named(qt->raw(), qt->file(), qt->diags(),
                              "the question of checkpoint '" + c.id + "'");
            if (auto q = quiz_detail::read_question(named, defaults, &c.id)) {
                if (q->type == QuestionType::Evidence)
                    named.error("type", "a checkpoint question cannot be of type 'evidence'; ask "
                                        "for the value with type 'short' and {variable} "
                                        "placeholders");
                else
                    quiz_detail::check_question(*q, r.diags());
                c.question = std::move(*q);
            }
            named.finish(); // `qt` itself is read only through `named`
        }
        r.finish();
        s.checkpoints.push_back(std::move(c));
    }
}

void check_checkpoints(const ScenarioDef& s, const Catalog& catalog, Diagnostics& d) {
    std::set<std::string> ids;
    std::vector<std::string> alert_ids, keys, action_ids = catalog.ids();
    for (const auto& a : s.alerts) alert_ids.push_back(a.id);
    for (const auto& t : s.tables)
        for (const auto& row : t.rows)
            if (!row.key.empty()) keys.push_back(row.key);
    for (const auto& c : s.checkpoints) {
        std::string where = "checkpoint '" + c.id + "'";
        if (!c.id.empty() && !ids.insert(c.id).second)
            d.error(c.pos, "duplicate checkpoint id '" + c.id + "'");
        if (!c.after_action.empty()) {
            const ActionDef* a = catalog.find(c.after_action);
            if (!a)
                d.error(c.pos, where + " is due after action '" + c.after_action +
                                   "', which is not in the catalog" +
                                   did_you_mean(c.after_action, action_ids));
            else if (!c.after_target.empty() && a->target == TargetKind::None)
                d.error(c.pos, where + " gives a target, but action '" + a->id + "' takes none");
            else if (a->target == TargetKind::Alert && !c.after_target.empty() &&
                     std::find(alert_ids.begin(), alert_ids.end(), c.after_target) ==
                         alert_ids.end())
                d.error(c.pos, where + " names alert '" + c.after_target +
                                   "', which is not defined" +
                                   did_you_mean(c.after_target, alert_ids));
            else if (a->target == TargetKind::Resource && !c.after_target.empty() &&
                     !s.resource(c.after_target))
                d.error(c.pos,
                        where + " names resource '" + c.after_target + "', which is not defined");
        }
        if (!c.on_alert.empty() &&
            std::find(alert_ids.begin(), alert_ids.end(), c.on_alert) == alert_ids.end())
            d.error(c.pos, where + " is due when alert '" + c.on_alert +
                               "' appears, which is not defined" +
                               did_you_mean(c.on_alert, alert_ids));
        if (!c.on_evidence.empty() &&
            std::find(keys.begin(), keys.end(), c.on_evidence) == keys.end())
            d.error(c.pos, where + " is due when evidence '" + c.on_evidence +
                               "' is found, but no table row has that _key" +
                               did_you_mean(c.on_evidence, keys));
    }
}

} // namespace alertdrill::detail
