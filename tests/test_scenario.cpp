// The scenario loader, the catalog, evidence generation and the session's rules.
#include "alertdrill/scoring.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/validate.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <set>

using namespace alertdrill;
namespace fs = std::filesystem;

TEST_CASE("every shipped scenario and content file validates clean", "[loader][content]") {
    Diagnostics d;
    auto files = expand_paths({test::source_path("scenarios"), test::source_path("content")}, d);
    REQUIRE(files.size() >= 2);
    for (const auto& f : files) validate_file(f, test::catalog(), d);
    INFO(d.format());
    CHECK(d.empty());
}

TEST_CASE("the catalog covers every workflow step with at least 50 actions", "[catalog]") {
    const auto& acts = test::catalog().actions();
    CHECK(acts.size() >= 50);
    std::set<Step> steps;
    for (const auto& a : acts) steps.insert(a.step);
    CHECK(steps.size() == kStepCount);
    CHECK(test::catalog().find("query") == test::catalog().find("run_query"));
}

TEST_CASE("a minimal scenario loads, and its variants come from the seed", "[loader][variants]") {
    ScenarioDef def = test::load("tests/data/valid/minimal.toml");
    CHECK(def.id == "minimal");
    std::set<std::string> ips;
    for (uint64_t seed = 1; seed <= 20; ++seed) {
        Diagnostics d;
        auto inst = instantiate(def, test::catalog(), seed, d);
        REQUIRE(inst);
        ips.insert(inst->variables.at("ip"));
        CHECK(inst->def().alerts[0].entities[0].value == inst->variables.at("ip"));
    }
    CHECK(ips.size() == 2);
    Diagnostics d;
    auto fixed = instantiate(def, test::catalog(), 5, d, {{"ip", "203.0.113.2"}});
    REQUIRE(fixed);
    CHECK(fixed->variables.at("ip") == "203.0.113.2");
    CHECK_FALSE(instantiate(def, test::catalog(), 5, d, {{"ip", "10.0.0.1"}}));
    CHECK(d.format().find("has no value '10.0.0.1'") != std::string::npos);
}

TEST_CASE("same scenario, seed and actions give the same session byte for byte", "[determinism]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Script script;
    Diagnostics d;
    REQUIRE(load_script(test::source_path("tests/golden/crypto_mining_vm/slow.script"), script, d));
    auto a = test::play(def, script);
    auto b = test::play(def, script);
    auto dump = [](const Session& s) {
        std::string out;
        for (const auto& r : s.history())
            out += std::to_string(r.at_min) + " " + r.line + " => " + r.outcome + "\n";
        for (const auto& t : s.timeline()) out += std::to_string(t.at_min) + " " + t.text + "\n";
        for (const Table* t : s.visible_tables())
            for (size_t r = 0; r < t->row_count(); ++r)
                for (const auto& c : t->columns()) out += c.display(r) + "|";
        return out;
    };
    CHECK(dump(*a) == dump(*b));
    CHECK(score_to_json(compute_score(*a)).dump() == score_to_json(compute_score(*b)).dump());
    // Another seed changes the attacker's address.
    Diagnostics d2;
    auto i1 = instantiate(def, test::catalog(), 1, d2);
    auto i2 = instantiate(def, test::catalog(), 2, d2);
    REQUIRE((i1 && i2));
    CHECK(i1->variables != i2->variables);
}

TEST_CASE("evidence rows appear only when revealed, when their time comes and after their event",
          "[session][evidence]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Diagnostics d;
    auto inst = instantiate(def, test::catalog(), 1, d);
    REQUIRE(inst);
    Session s(inst, test::catalog());
    CHECK(s.visible_table("Syslog") == nullptr);
    REQUIRE(s.apply("review_auth_logs vm-web-prod-01").ok);
    const Table* t = s.visible_table("Syslog");
    REQUIRE(t);
    size_t before = t->row_count();
    CHECK(before > 100);
    bool found_key = false;
    for (const auto& [row, key] : t->keys()) found_key |= key == "ssh_success";
    CHECK(found_key);
    // Noise spans into the future: waiting shows more rows, and the attacker's return appears.
    REQUIRE(s.apply("wait 60").ok);
    t = s.visible_table("Syslog");
    CHECK(t->row_count() > before);
    CHECK(s.alert("sshkey-01") != nullptr); // the attacker acted at minute 40
    CHECK(s.alert("mining-02") != nullptr); // and spread at minute 60
}

TEST_CASE("refused commands change nothing and say why", "[session]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Diagnostics d;
    auto inst = instantiate(def, test::catalog(), 1, d);
    Session s(inst, test::catalog(), Mode::Assessment);
    auto r = s.apply("isolate_mv vm-web-prod-01");
    CHECK_FALSE(r.ok);
    CHECK(r.error == "unknown action 'isolate_mv' (did you mean 'isolate_vm'?)");
    CHECK(s.apply("isolate_vm vm-web-prod-1").error ==
          "no resource 'vm-web-prod-1' in this scenario (did you mean 'vm-web-prod-01'?)");
    CHECK(s.apply("isolate_vm nsg-storefront").error ==
          "'isolate_vm' applies to vm resources; 'nsg-storefront' is a nsg");
    CHECK(s.apply("block_ip not-an-ip").error == "'not-an-ip' is not an IP address");
    CHECK(s.apply("enable_jit_all_vms now").error ==
          "'enable_jit_all_vms' takes no target, but was given 'now'");
    CHECK(s.apply("dismiss_alert mining-02").error ==
          "no alert 'mining-02' has appeared (did you mean 'mining-01'?)");
    CHECK(s.apply("hint").error == "hints are off in assessment mode");
    CHECK(s.apply("wait 0").error ==
          "wait takes a number of minutes from 1 to 1440, e.g. 'wait 15'");
    CHECK(s.history().empty());
    CHECK(s.now_min() == 0);
    REQUIRE(s.apply("end").ok);
    CHECK(s.apply("isolate_vm vm-web-prod-01").error == "the session has ended");
}

TEST_CASE("hints name the next rubric item and cost points", "[session][scoring]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Diagnostics d;
    auto inst = instantiate(def, test::catalog(), 1, d);
    Session s(inst, test::catalog(), Mode::Practice);
    auto r = s.apply("hint");
    REQUIRE(r.ok);
    CHECK(r.outcome.find("Review resource context (vm-web-prod-01)") != std::string::npos);
    REQUIRE(s.apply("review_resource_context vm-web-prod-01").ok);
    Score sc = compute_score(s);
    CHECK(sc.hints_used == 1);
    CHECK(sc.phases[0].earned == 6 - 1); // hint_cost = 1
}
