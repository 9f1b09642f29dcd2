// Phase 2, continued: what actions do, the attacker's moves, and the rubric.
#include "scenario_internal.hpp"

#include "alertdrill/text.hpp"

namespace alertdrill::detail {

namespace {

std::vector<std::string> strings_or_empty(TableReader& r, std::string_view key) {
    auto v = r.strings(key, false, true);
    return v ? *v : std::vector<std::string>{};
}

/// The step named in the table, or the step of its action in the catalog.
Step step_or_action(TableReader& r, const std::string& action, const Catalog& catalog) {
    if (auto s = r.choice("step", false, step_ids())) return *parse_step(*s);
    if (const ActionDef* a = catalog.find(action)) return a->step;
    return Step::Analysis;
}

} // namespace

void build_rules(TableReader& top, ScenarioDef& s, const Catalog& catalog) {
    for (auto& r : top.tables("response", false)) {
        Response x;
        x.pos = r.pos();
        x.action = r.string("action", true).value_or("");
        x.target = r.string_or("target", "");
        x.outcome = r.string("outcome", true).value_or("");
        if (auto m = r.integer("minutes", false, 0, 24 * 60)) x.minutes = int(*m);
        x.reveals = strings_or_empty(r, "reveals");
        x.sets = strings_or_empty(r, "sets");
        x.releases = strings_or_empty(r, "releases");
        x.requires_flags = strings_or_empty(r, "requires");
        x.unless = strings_or_empty(r, "unless");
        x.when = read_when(r);
        r.finish();
        s.responses.push_back(std::move(x));
    }
    for (auto& r : top.tables("attacker", false)) {
        AttackerEvent e;
        e.pos = r.pos();
        e.id = r.string("id", true).value_or("");
        e.actor = r.string_or("actor", e.actor);
        if (auto at = r.integer("at", true, 0, 24 * 60 * 7)) e.at_min = int(*at);
        e.unless = strings_or_empty(r, "unless");
        e.requires_flags = strings_or_empty(r, "requires");
        e.message = r.string("message", true).value_or("");
        e.releases = strings_or_empty(r, "releases");
        e.sets = strings_or_empty(r, "sets");
        if (auto d = r.number("data_lost_mb", false, 0, 1e9)) e.data_lost_mb = *d;
        e.when = read_when(r);
        r.finish();
        s.attacker.push_back(std::move(e));
    }
    if (auto r = top.table("scoring", false)) {
        auto& sc = s.scoring;
        if (auto v = r->integer("contain_target_min", false, 1, 24 * 60 * 7))
            sc.contain_target_min = int(*v);
        sc.contain_flag = r->string_or("contain_flag", sc.contain_flag);
        if (auto v = r->integer("late_penalty_per_10min", false, 0, 100))
            sc.late_penalty_per_10min = int(*v);
        if (auto v = r->integer("late_penalty_max", false, 0, 100)) sc.late_penalty_max = int(*v);
        if (auto v = r->integer("never_contained_penalty", false, 0, 100))
            sc.never_contained_penalty = int(*v);
        if (auto v = r->integer("hint_cost", false, 0, 100)) sc.hint_cost = int(*v);
        r->finish();
    }
    for (auto& r : top.tables("rubric", true)) {
        RubricItem it;
        it.pos = r.pos();
        it.id = r.string("id", true).value_or("");
        it.action = r.string("action", true).value_or("");
        it.target = r.string_or("target", "");
        it.alternatives = strings_or_empty(r, "alternatives");
        it.evidence = r.string_or("evidence", "");
        it.step = step_or_action(r, it.action, catalog);
        if (auto p = r.integer("points", true, 1, 100)) it.points = int(*p);
        if (auto q = r.boolean("required", false)) it.required = *q;
        if (auto b = r.integer("by", false, 0, 24 * 60 * 7)) it.by_min = int(*b);
        it.why = r.string("why", true).value_or("");
        it.when = read_when(r);
        if (auto rc = r.table("rule", false)) it.rule = read_rule_check(*rc);
        r.finish();
        s.rubric.push_back(std::move(it));
    }
    for (auto& r : top.tables("harmful", false)) {
        HarmfulRule h;
        h.pos = r.pos();
        h.id = r.string("id", true).value_or("");
        h.action = r.string("action", true).value_or("");
        h.target = r.string_or("target", "");
        h.step = step_or_action(r, h.action, catalog);
        if (auto p = r.integer("penalty", true, 1, 100)) h.penalty = int(*p);
        h.why = r.string("why", true).value_or("");
        h.when = read_when(r);
        r.finish();
        s.harmful.push_back(std::move(h));
    }
    for (auto& r : top.tables("order", false)) {
        OrderRule o;
        o.pos = r.pos();
        o.id = r.string("id", true).value_or("");
        o.first = r.string("first", true).value_or("");
        o.then = r.string("then", true).value_or("");
        o.target = r.string_or("target", "");
        o.step = step_or_action(r, o.then, catalog);
        if (auto p = r.integer("penalty", true, 1, 100)) o.penalty = int(*p);
        o.why = r.string("why", true).value_or("");
        r.finish();
        s.order.push_back(std::move(o));
    }
    for (auto& r : top.tables("report", false)) {
        ReportField f;
        f.pos = r.pos();
        if (auto id = r.choice("field", true, report_field_ids())) f.id = *id;
        if (auto p = r.integer("points", true, 1, 100)) f.points = int(*p);
        if (const toml::node* n = r.node("keywords", true)) {
            const toml::array* arr = n->as_array();
            if (!arr || arr->empty()) {
                r.error("keywords", "'keywords' in " + r.what() +
                                        " must be a non-empty array of arrays of strings");
            } else {
                for (const auto& g : *arr) {
                    std::vector<std::string> group;
                    if (g.is_string())
                        group.push_back(to_lower(*g.value<std::string>()));
                    else if (const toml::array* ga = g.as_array())
                        for (const auto& w : *ga)
                            if (w.is_string()) group.push_back(to_lower(*w.value<std::string>()));
                    if (group.empty())
                        r.diags().error(pos_of(g, r.file()),
                                        "each keyword group must be a string or a non-empty "
                                        "array of strings");
                    else
                        f.keywords.push_back(std::move(group));
                }
            }
        }
        f.why = r.string("why", true).value_or("");
        f.example = r.string_or("example", "");
        f.when = read_when(r);
        r.finish();
        s.report.push_back(std::move(f));
    }
}

} // namespace alertdrill::detail
