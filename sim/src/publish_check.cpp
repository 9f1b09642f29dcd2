#include "alertdrill/publish_check.hpp"

#include "alertdrill/paths.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/scoring.hpp"
#include "alertdrill/script_play.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace alertdrill {

namespace fs = std::filesystem;

namespace {

void check_golden(const ScenarioDef& def, const Catalog& cat, const std::string& dir,
                  Diagnostics& d, const QueryRunner& runner) {
    std::vector<std::string> scripts;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        auto name = it->path().filename().string();
        if (name.rfind("expert", 0) == 0 && it->path().extension() == ".script")
            scripts.push_back(it->path().string());
    }
    std::sort(scripts.begin(), scripts.end());
    if (scripts.empty()) {
        d.error(def.pos, "no expert script: publishing needs " + dir +
                             "/expert.script reaching the maximum score");
        return;
    }
    for (const auto& path : scripts) {
        if (!resolves_inside(path, dir)) {
            d.error({path, 0, 0}, outside_folder_message(path, dir));
            continue;
        }
        Script script;
        if (!load_script(path, script, d)) continue;
        auto s = play_script(def, cat, script, path, d, runner);
        if (!s) continue;
        int total = compute_score(*s).total;
        if (total < 100)
            d.error({path, 1, 1}, "the expert script scores " + std::to_string(total) +
                                      ", not the maximum (100)");
    }
}

void check_rubric_actions(const ScenarioDef& def, const Catalog& cat, Diagnostics& d) {
    Diagnostics ignore;
    auto inst = instantiate(def, cat, 1, ignore);
    if (!inst) return;
    // The instance's rubric has the variables substituted ({attacker_ip} -> an address).
    for (const auto& it : inst->def().rubric) {
        const ActionDef* a = cat.find(it.action);
        if (!a) {
            d.error(it.pos, "rubric item '" + it.id + "': no action '" + it.action +
                                "' in the catalog, so it cannot be reached");
            continue;
        }
        if (it.target.empty() || it.action == "run_query") continue;
        // Alerts that appear later are reachable when something releases them: on schedule or
        // by an attacker event or response.
        if (a->target == TargetKind::Alert) {
            const AlertDef* ad = inst->def().alert(it.target);
            bool released = ad && ad->at_min;
            for (const auto& e : inst->def().attacker)
                for (const auto& r : e.releases) released |= r == it.target;
            for (const auto& rs : inst->def().responses)
                for (const auto& r : rs.releases) released |= r == it.target;
            if (!released)
                d.error(it.pos, "rubric item '" + it.id + "': alert '" + it.target +
                                    "' never appears, so the item cannot be reached");
            continue;
        }
        // A fresh session: the action on its target must be accepted as typed.
        Session s(inst, cat);
        ApplyResult r = s.apply(it.action + " " + it.target);
        if (!r.ok)
            d.error(it.pos, "rubric item '" + it.id + "': '" + it.action + " " + it.target +
                                "' cannot be taken: " + r.error);
    }
}

void check_evidence(const ScenarioDef& def, const Catalog& cat, Diagnostics& d) {
    // Investigation by query is as good as by button: an item an investigation action earns
    // needs a key row, or a trainee who queries cannot earn it.
    for (const auto& it : def.rubric) {
        if (!it.evidence.empty() || it.rule) continue;
        if (const ActionDef* a = cat.find(it.action); a && is_investigation(*a))
            d.error(it.pos, "rubric item '" + it.id + "' is earned by the investigation action '" +
                                a->id +
                                "' but names no evidence key: mark the row that proves it with "
                                "_key and name it in evidence = \"...\", so a trainee can find "
                                "it by query too");
    }
    std::set<std::string> revealable;
    for (const auto& t : def.tables)
        if (t.visible || !t.revealed_by.empty()) revealable.insert(t.name);
    for (const auto& r : def.responses)
        for (const auto& name : r.reveals) revealable.insert(name);
    for (const auto& it : def.rubric) {
        if (it.evidence.empty()) continue;
        const TableDef* holder = nullptr;
        for (const auto& t : def.tables)
            for (const auto& row : t.rows)
                if (row.key == it.evidence) holder = &t;
        if (!holder)
            d.error(it.pos,
                    "rubric item '" + it.id + "': no table row has key '" + it.evidence + "'");
        else if (!revealable.count(holder->name))
            d.error(it.pos, "rubric item '" + it.id + "': evidence '" + it.evidence +
                                "' is in table " + holder->name +
                                ", which is never visible and no action reveals it");
    }
}

void check_hint_costs(const ScenarioDef& def, Diagnostics& d) {
    for (const auto& it : def.rubric)
        if (it.points > 0 && def.scoring.hint_cost >= it.points)
            d.error(it.pos, "rubric item '" + it.id + "' is worth " + std::to_string(it.points) +
                                " points but a hint costs " +
                                std::to_string(def.scoring.hint_cost) +
                                ": a hint must cost less than what it helps earn");
}

} // namespace

void check_publishable(const ScenarioDef& def, const Catalog& catalog,
                       const std::string& golden_dir, Diagnostics& diags,
                       const QueryRunner& runner) {
    check_golden(def, catalog, golden_dir, diags, runner);
    check_rubric_actions(def, catalog, diags);
    check_evidence(def, catalog, diags);
    check_hint_costs(def, diags);
}

} // namespace alertdrill
