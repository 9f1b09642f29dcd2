// A trainee can solve every scenario's investigation through queries alone (issue 5). Every
// scenario has tests/golden/<id>/expert_kql.script; any NAME_kql.script is the query-only twin of
// NAME.script. The twin presses no investigation button and still earns the same investigation
// credit, because each finding is made by a query that brings the item's key row into a result.
#include "alertdrill/scoring.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <set>

using namespace alertdrill;
namespace fs = std::filesystem;

namespace {

bool investigation_button(const ActionDef& a) {
    return is_investigation(a);
}

/// An item whose own action is an investigation button (its alternatives may be anything).
bool investigation_item(const RubricItem& it) {
    const ActionDef* a = test::catalog().find(it.action);
    return a && investigation_button(*a);
}

struct Credit {
    std::set<std::string> items; ///< investigation rubric items achieved
    int points = 0;              ///< their points
    int analysis = 0;            ///< the threat-analysis step's score
};

Credit credit_of(const Session& s) {
    Credit c;
    Score score = compute_score(s);
    c.analysis = score.phases[static_cast<int>(Step::Analysis)].earned;
    for (const auto& it : s.scenario().rubric)
        if (investigation_item(it) && std::find(score.achieved.begin(), score.achieved.end(),
                                                it.id) != score.achieved.end()) {
            c.items.insert(it.id);
            c.points += it.points;
        }
    return c;
}

Script load(const fs::path& p) {
    Script script;
    Diagnostics d;
    INFO(d.format());
    REQUIRE(load_script(p.string(), script, d));
    return script;
}

} // namespace

TEST_CASE("the catalog's investigation buttons are the evidence-gathering analysis actions",
          "[kql][golden]") {
    const Catalog& cat = test::catalog();
    for (const char* id :
         {"review_auth_logs", "review_device_timeline", "review_web_logs", "inspect_file_system",
          "investigate_ip", "search_leaked_secrets", "assess_data_exposure", "check_persistence"}) {
        INFO(id);
        REQUIRE(cat.find(id));
        CHECK(investigation_button(*cat.find(id)));
    }
    for (const char* id :
         {"review_alert_details", "classify_true_positive", "set_stage_mid", "link_to_incident",
          "run_query", "review_resource_context", "isolate_vm", "enable_waf", "submit_report"}) {
        INFO(id);
        REQUIRE(cat.find(id));
        CHECK_FALSE(investigation_button(*cat.find(id)));
    }
}

TEST_CASE("every scenario's investigation can be solved by queries alone", "[kql][golden]") {
    // Every scenario has an expert_kql.script.
    int scenarios = 0;
    for (const auto& f : fs::directory_iterator(test::source_path("scenarios"))) {
        if (f.path().extension() != ".toml") continue;
        ++scenarios;
        std::string id = f.path().stem().string();
        INFO("scenario " << id << " needs tests/golden/" << id << "/expert_kql.script");
        CHECK(fs::exists(test::source_path("tests/golden/" + id + "/expert_kql.script")));
    }
    CHECK(scenarios >= 10);

    int pairs = 0;
    for (const auto& dir : fs::directory_iterator(test::source_path("tests/golden"))) {
        if (!dir.is_directory()) continue;
        std::string id = dir.path().filename().string();
        for (const auto& f : fs::directory_iterator(dir.path())) {
            std::string stem = f.path().stem().string();
            if (f.path().extension() != ".script" || stem.size() < 5 ||
                stem.compare(stem.size() - 4, 4, "_kql") != 0)
                continue;
            std::string twin = stem.substr(0, stem.size() - 4);
            SECTION(id + "/" + stem) {
                ScenarioDef def = test::load(test::source_path("scenarios/" + id + ".toml"));
                Script kql = load(f.path());
                Script buttons = load(dir.path() / (twin + ".script"));
                CHECK(kql.seed == buttons.seed);
                CHECK(kql.variant == buttons.variant);
                int queries = 0;
                for (const auto& line : kql.lines) {
                    std::string verb = line.text.substr(0, line.text.find(' '));
                    const ActionDef* a = test::catalog().find(verb);
                    INFO("line " << line.number << ": " << line.text);
                    CHECK_FALSE((a && investigation_button(*a)));
                    queries += a && a->id == "run_query";
                }
                CHECK(queries >= 2);

                auto by_query = test::play(def, kql);
                auto by_button = test::play(def, buttons);
                Credit q = credit_of(*by_query), b = credit_of(*by_button);
                CHECK(q.items == b.items);
                CHECK(q.points == b.points);
                CHECK(q.analysis == b.analysis);
                // Every investigation item the scenario has (in this variant) is earned.
                for (const auto& it : by_query->scenario().rubric) {
                    INFO("rubric item " << it.id);
                    if (investigation_item(it)) CHECK(q.items.count(it.id) == 1);
                }
                // And each was earned by a query, not by anything else in the script.
                for (const auto& id_ : q.items) {
                    const RubricItem* item = nullptr;
                    for (const auto& it : by_query->scenario().rubric)
                        if (it.id == id_) item = &it;
                    REQUIRE(item);
                    INFO("rubric item " << id_ << " needs evidence a query can find");
                    CHECK_FALSE(item->evidence.empty());
                    CHECK(by_query->found_keys().count(item->evidence) == 1);
                }
            }
            ++pairs;
        }
    }
    CHECK(pairs >= scenarios);
}
