// Grading a cohort: every transcript re-scored from its actions, the summary, and the flags an
// instructor should see (a bad transcript is a flagged row, never the end of the grading).
#include "alertdrill/cohort.hpp"
#include "alertdrill/html_report.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>

using namespace alertdrill;
namespace fs = std::filesystem;

namespace {

Transcript play_golden(const ScenarioDef& def, const std::string& name, const std::string& who) {
    Script script;
    Diagnostics d;
    REQUIRE(load_script(test::source_path("tests/golden/crypto_mining_vm/" + name + ".script"),
                        script, d));
    auto s = test::play(def, script);
    return make_transcript(*s, script.seed.value_or(1), script.variant, who,
                           "2026-12-04T10:00:00Z");
}

void save(const fs::path& p, const Transcript& t) {
    std::string err;
    REQUIRE(save_transcript(p.string(), t, err));
}

const GradedAttempt& by_trainee(const std::vector<GradedAttempt>& v, const std::string& who) {
    for (const auto& a : v)
        if (a.trainee == who) return a;
    FAIL("no attempt by " << who);
    return v.front();
}

bool has_flag(const GradedAttempt& a, const std::string& kind) {
    for (const auto& f : a.flags)
        if (f.kind == kind) return true;
    return false;
}

} // namespace

TEST_CASE("stats: mean, min, median and max", "[cohort]") {
    Stats s = compute_stats({4, 1, 3, 2});
    CHECK(s.n == 4);
    CHECK(s.mean == 2.5);
    CHECK(s.min == 1);
    CHECK(s.median == 2.5);
    CHECK(s.max == 4);
    CHECK(compute_stats({}).n == 0);
    CHECK(compute_stats({5, 1, 9}).median == 5);
}

TEST_CASE("csv fields are quoted and defused", "[cohort]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("=HYPERLINK(1)") == "'=HYPERLINK(1)");
}

TEST_CASE("a cohort is re-scored, summarised and flagged", "[cohort]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    test::TempDir dir("cohort");
    fs::create_directories(dir.path / "nested");
    Transcript alice = play_golden(def, "expert", "Alice");
    alice.score = {{"total", 100}}; // never trusted
    Transcript bob = alice;
    bob.trainee = "Bob"; // copied Alice's work
    Transcript carol = play_golden(def, "harmful", "Carol");
    Transcript dave = play_golden(def, "slow", "Dave");
    dave.scenario_hash = "0000000000000000";
    Transcript erin = play_golden(def, "expert", "Erin");
    REQUIRE(erin.actions.size() > 3);
    REQUIRE(erin.actions[1].at_min > 0);
    erin.actions[2].at_min = erin.actions[1].at_min - 1;
    save(dir.path / "alice.json", alice);
    save(dir.path / "nested" / "bob.json", bob);
    save(dir.path / "carol.json", carol);
    save(dir.path / "dave.json", dave);
    save(dir.path / "erin.json", erin);
    std::ofstream(dir.path / "quiz.json") << R"({"format":"alertdrill-quiz-result","version":1})";
    std::ofstream(dir.path / "broken.json") << "{ not json";

    std::vector<std::string> missing, unreadable, skipped;
    auto files = collect_json_files({dir.path.string(), "/no/such/folder"}, missing);
    CHECK(files.size() == 7);
    CHECK(missing.size() == 1);
    for (unsigned jobs : {1u, 3u}) {
        unreadable.clear();
        skipped.clear();
        GradeOptions opts;
        opts.jobs = jobs;
        auto attempts = grade_files(files, test::catalog(), opts, unreadable, skipped);
        REQUIRE(attempts.size() == 5);
        CHECK(unreadable.size() == 1);
        CHECK(skipped.size() == 1);
        CohortSummary s = summarize(attempts);

        const auto& a = by_trainee(attempts, "Alice");
        REQUIRE(a.score);
        CHECK(a.score->total >= 95);
        CHECK(has_flag(a, "identical"));
        CHECK(has_flag(by_trainee(attempts, "Bob"), "identical"));
        const auto& c = by_trainee(attempts, "Carol");
        REQUIRE(c.score);
        CHECK_FALSE(c.score->harmful.empty());
        CHECK(c.flags.empty());
        const auto& d = by_trainee(attempts, "Dave");
        CHECK_FALSE(d.score);
        CHECK(has_flag(d, "hash_mismatch"));
        const auto& e = by_trainee(attempts, "Erin");
        CHECK(has_flag(e, "non_monotonic"));
        CHECK_FALSE(e.score); // the replay lands at other minutes

        CHECK(s.attempts == 5);
        CHECK(s.graded == 3);
        CHECK(s.flagged == 4);
        CHECK(s.total.max >= 95);
        CHECK(s.steps[0].n == 3);
        REQUIRE_FALSE(s.most_harmful.empty());
        CHECK(s.most_harmful.front().first.rfind("crypto_mining_vm:", 0) == 0);

        auto j = cohort_to_json(attempts, s);
        CHECK(j["format"] == "alertdrill-cohort");
        CHECK(j["version"] == 1);
        CHECK(j["summary"]["graded"] == 3);
        CHECK(j["summary"]["steps"].contains("containment"));
        std::string csv = cohort_to_csv(attempts);
        CHECK(std::count(csv.begin(), csv.end(), '\n') == 6);
        CHECK(csv.find("hash_mismatch") != std::string::npos);
    }
}

TEST_CASE("a session played faster than a person can is flagged by its wall clock", "[cohort]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    test::TempDir dir("cohort");
    Transcript base = play_golden(def, "expert", "Ann");
    size_t n = base.actions.size();
    REQUIRE(n > 5);
    auto at = [](int seconds) {
        return fmt::format("2026-12-04T10:{:02d}:{:02d}Z", seconds / 60, seconds % 60);
    };
    struct Case {
        std::string who, ended;
    } cases[] = {
        {"scripted", at(1)},                   // every action within a second
        {"by-hand", at(int(n) * 2 + 30)},      // enough real time
        {"backwards", "2026-12-04T09:59:00Z"}, // the clock ends before it starts
        {"old-file", ""},                      // written before end times were recorded
    };
    for (const auto& c : cases) {
        Transcript t = base;
        t.trainee = c.who;
        t.ended_utc = c.ended;
        save(dir.path / (c.who + ".json"), t);
    }
    std::vector<std::string> missing, unreadable, skipped;
    auto files = collect_json_files({dir.path.string()}, missing);
    GradeOptions opts;
    auto attempts = grade_files(files, test::catalog(), opts, unreadable, skipped);
    REQUIRE(attempts.size() == 4);
    const auto& fast = by_trainee(attempts, "scripted");
    CHECK(has_flag(fast, "wall_clock_too_fast"));
    REQUIRE(fast.wall_seconds);
    CHECK(*fast.wall_seconds == 1.0);
    CHECK(fast.score); // still graded: the flag is for the instructor to judge
    for (const auto& f : fast.flags)
        if (f.kind == "wall_clock_too_fast")
            CHECK(f.message == fmt::format("{} actions in 1 s of real time; a person needs at "
                                           "least {} s (2 s an action)",
                                           n, 2 * n));
    CHECK_FALSE(has_flag(by_trainee(attempts, "by-hand"), "wall_clock_too_fast"));
    CHECK(has_flag(by_trainee(attempts, "backwards"), "non_monotonic"));
    const auto& old = by_trainee(attempts, "old-file");
    CHECK_FALSE(old.wall_seconds);
    CHECK_FALSE(has_flag(old, "wall_clock_too_fast"));

    // The threshold is the instructor's to set.
    opts.min_seconds_per_action = 0.01;
    attempts = grade_files(files, test::catalog(), opts, unreadable, skipped);
    CHECK_FALSE(has_flag(by_trainee(attempts, "scripted"), "wall_clock_too_fast"));
}

TEST_CASE("a transcript grades the same whichever reader takes it; a broken one is reported as "
          "the loader reports it",
          "[cohort]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    test::TempDir dir("cohort");
    fs::create_directories(dir.path / "nested");
    Transcript alice = play_golden(def, "expert", "Alice");
    save(dir.path / "alice.json", alice); // as alertdrill writes it: the fast reader's

    // An unknown key sends a file to the positioned reader, whose warning grading ignores.
    nlohmann::json bob = transcript_to_json(alice);
    bob["trainee"] = "Bob";
    bob["note"] = "written by another tool";
    std::ofstream(dir.path / "bob.json") << bob.dump(2);

    nlohmann::json carol = transcript_to_json(alice);
    carol["trainee"] = "Carol";
    carol["actions"][1]["at_min"] = 20000;
    std::ofstream(dir.path / "carol.json") << carol.dump(2);

    // A recorded path naming an edited copy of the scenario is followed, for each transcript
    // that names it; one naming some other file is not.
    fs::create_directories(dir.path / "copy");
    fs::copy_file(def.path, dir.path / "copy" / "crypto_mining_vm.toml");
    std::ofstream(dir.path / "copy" / "crypto_mining_vm.toml", std::ios::app) << "# edited\n";
    for (const char* who : {"Dave", "Dan"}) {
        Transcript t = alice;
        t.trainee = who;
        t.scenario_path = (dir.path / "copy" / "crypto_mining_vm.toml").string();
        save(dir.path / (std::string(who) + ".json"), t);
    }
    Transcript erin = alice;
    erin.trainee = "Erin";
    erin.scenario_path = "/etc/passwd";
    save(dir.path / "erin.json", erin);

    std::vector<std::string> missing, unreadable, skipped;
    auto files = collect_json_files({dir.path.string()}, missing);
    GradeOptions opts;
    opts.jobs = 1;
    auto attempts = grade_files(files, test::catalog(), opts, unreadable, skipped);
    REQUIRE(attempts.size() == 5);
    const auto& a = by_trainee(attempts, "Alice");
    const auto& b = by_trainee(attempts, "Bob");
    REQUIRE(a.score);
    REQUIRE(b.score);
    CHECK(score_to_json(*a.score) == score_to_json(*b.score));
    CHECK(a.fingerprint == b.fingerprint);
    CHECK(a.end_min == b.end_min);
    CHECK(b.scenario_hash == a.scenario_hash);
    CHECK(by_trainee(attempts, "Erin").score);
    for (const char* who : {"Dave", "Dan"}) {
        INFO(who);
        CHECK(has_flag(by_trainee(attempts, who), "hash_mismatch"));
    }

    Diagnostics d;
    CHECK_FALSE(load_transcript((dir.path / "carol.json").string(), d));
    REQUIRE_FALSE(d.items().empty());
    REQUIRE(unreadable.size() == 1);
    CHECK(unreadable[0] == d.items().front().format());
    CHECK(unreadable[0].find("'at_min' in action 2 is 20000") != std::string::npos);
}

TEST_CASE("misconceptions shown at scenario checkpoints are counted across a cohort",
          "[cohort][checkpoint]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    test::TempDir dir("cohort");
    // wrong_containment answers the stage checkpoint "early": the execution may not have run.
    save(dir.path / "carol.json", play_golden(def, "wrong_containment", "Carol"));
    save(dir.path / "dan.json", play_golden(def, "wrong_containment", "Dan"));
    save(dir.path / "alice.json", play_golden(def, "expert", "Alice"));
    std::vector<std::string> missing, unreadable, skipped;
    auto files = collect_json_files({dir.path.string()}, missing);
    auto attempts = grade_files(files, test::catalog(), {}, unreadable, skipped);
    REQUIRE(attempts.size() == 3);
    CohortSummary s = summarize(attempts);
    REQUIRE_FALSE(s.checkpoint_misconceptions.empty());
    CHECK(
        s.checkpoint_misconceptions.front() ==
        std::pair<std::string, int>{"crypto_mining_vm:stage: execution-may-not-have-succeeded", 2});
    auto j = cohort_to_json(attempts, s);
    CHECK(j["summary"]["checkpoint_misconceptions"][0]["attempts"] == 2);
    std::string html = cohort_html(attempts, s);
    CHECK(html.find("Misconceptions shown at checkpoints") != std::string::npos);
    CHECK(html.find("crypto_mining_vm:stage: execution-may-not-have-succeeded") !=
          std::string::npos);
}
