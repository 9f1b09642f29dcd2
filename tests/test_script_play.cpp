// play_script: the one way golden scripts are played (validate --strict, the GUI's author view).
#include "alertdrill/scoring.hpp"
#include "alertdrill/script_play.hpp"
#include "test_support.hpp"

using namespace alertdrill;

TEST_CASE("play_script plays a golden script to the score its expected file holds",
          "[script][golden]") {
    ScenarioDef def = test::load(test::source_path("scenarios/false_positive_tuning.toml"));
    Script script;
    Diagnostics d;
    const std::string path =
        test::source_path("tests/golden/false_positive_tuning/overbroad.script");
    REQUIRE(load_script(path, script, d));
    auto s = play_script(def, test::catalog(), script, path, d);
    INFO(d.format());
    REQUIRE(s);
    CHECK(s->state() == SessionState::Debrief);
    // The over-broad rule hides the real brute force: the session recorded it as suppressed.
    CHECK(s->rule_hits("ssh-bruteforce-noise") >= 1);
    CHECK(compute_score(*s).total == compute_score(*test::play(def, script)).total);
}

TEST_CASE("play_script names the refused line", "[script]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Script script;
    Diagnostics d;
    REQUIRE(parse_script("review_alert_details mining-01\nisolate_vm no-such-vm\n", "x.script",
                         script, d));
    CHECK(play_script(def, test::catalog(), script, "x.script", d) == nullptr);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].format().rfind("x.script:2:1: error: refused: ", 0) == 0);
}
