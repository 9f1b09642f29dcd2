// Transcripts: saved atomically, re-scored from their actions to the identical result, and
// refused with a clear message when they do not fit.
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "test_support.hpp"

#include <filesystem>

using namespace alertdrill;

namespace {

Transcript expert_transcript(const ScenarioDef& def) {
    Script script;
    Diagnostics d;
    REQUIRE(
        load_script(test::source_path("tests/golden/crypto_mining_vm/expert.script"), script, d));
    auto s = test::play(def, script);
    return make_transcript(*s, 1, {}, "Sam Trainee", "2026-12-04T10:00:00Z");
}

} // namespace

TEST_CASE("a saved transcript re-scores to the identical score", "[transcript]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Transcript t = expert_transcript(def);
    test::TempDir tmp("transcript");
    std::string path = tmp / "t1.json";
    std::string err;
    REQUIRE(save_transcript(path, t, err));
    Diagnostics d;
    auto loaded = load_transcript(path, d);
    INFO(d.format());
    REQUIRE(loaded);
    CHECK(loaded->actions.size() == t.actions.size());
    CHECK(loaded->trainee == "Sam Trainee");
    auto r = replay_transcript(*loaded, def, test::catalog(), d);
    INFO(d.format());
    REQUIRE(r);
    CHECK(score_to_json(r->score) == t.score);
    CHECK(r->score.total >= 95);
}

TEST_CASE("transcripts that do not fit are refused with the reason", "[transcript]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Transcript t = expert_transcript(def);
    std::string text = transcript_to_json(t).dump();

    SECTION("another version of the scenario") {
        Transcript other = t;
        other.scenario_hash = "0000000000000000";
        Diagnostics d;
        CHECK_FALSE(replay_transcript(other, def, test::catalog(), d));
        CHECK(d.format().find("made with another version of scenario 'crypto_mining_vm'") !=
              std::string::npos);
    }
    SECTION("a newer format") {
        auto j = transcript_to_json(t);
        j["version"] = 7;
        Diagnostics d;
        std::string text = j.dump(1);
        CHECK_FALSE(parse_transcript(text, "new.json", d));
        // Pointing at the version's value.
        SourcePos at = position_at(text, text.find("\"version\": 7") + 11, "new.json");
        CHECK(d.format() ==
              "new.json:" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                  ": error: transcript format version 7 is not supported; this "
                  "alertdrill reads version 1 (the file is from a newer alertdrill)\n");
    }
    SECTION("an action moved in time") {
        Transcript moved = t;
        moved.actions[3].at_min += 5;
        Diagnostics d;
        CHECK_FALSE(replay_transcript(moved, def, test::catalog(), d));
        CHECK(d.format().find("is recorded at minute") != std::string::npos);
    }
    SECTION("broken JSON points at the line and column") {
        Diagnostics d;
        CHECK_FALSE(parse_transcript(
            "{\n  \"format\": \"alertdrill-transcript\",\n  \"version\": 1,,\n}", "bad.json", d));
        REQUIRE(d.items().size() == 1);
        CHECK(d.items()[0].pos.line == 3);
    }
    SECTION("not a transcript at all") {
        Diagnostics d;
        CHECK_FALSE(parse_transcript("[1,2,3]", "arr.json", d));
        CHECK(d.format() == "arr.json:1:1: error: a transcript must be a JSON object\n");
    }
    SECTION("a scenario id that tries to leave the scenarios folder") {
        auto j = transcript_to_json(t);
        j["scenario"]["id"] = "../../etc/passwd";
        Diagnostics d;
        CHECK_FALSE(parse_transcript(j.dump(), "evil.json", d));
        CHECK(d.format().find("scenario id") != std::string::npos);
    }
}

TEST_CASE("the wall-clock end round-trips and is optional", "[transcript]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Transcript t = expert_transcript(def);
    t.ended_utc = "2026-12-04T10:14:05Z";
    auto j = transcript_to_json(t);
    CHECK(j["ended_utc"] == "2026-12-04T10:14:05Z");
    CHECK(j["version"] == 1); // an added optional field: older readers ignore it
    Diagnostics d;
    auto back = parse_transcript(j.dump(), "t.json", d);
    REQUIRE(back);
    CHECK(back->ended_utc == "2026-12-04T10:14:05Z");
    j.erase("ended_utc"); // a file from before it was recorded
    back = parse_transcript(j.dump(), "t.json", d);
    REQUIRE(back);
    CHECK(back->ended_utc.empty());
    j["ended_utc"] = 5;
    CHECK_FALSE(parse_transcript(j.dump(), "t.json", d));
    CHECK(d.format().find("'ended_utc' in the transcript must be a string, not a whole number") !=
          std::string::npos);
}
