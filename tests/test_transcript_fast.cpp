// The fast transcript reader (read_transcript_fast): for anything alertdrill writes it gives the
// positioned reader's Transcript field for field; for anything else it declines, so that every
// diagnostic still comes from the positioned reader. The promise checked throughout: if the
// fast reader accepts a text, the positioned reader accepts it too, says nothing, and gives an
// equal Transcript.
#include "alertdrill/json_reader.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "alertdrill/transcript_fast.hpp"
#include "test_support.hpp"

#include <filesystem>

using namespace alertdrill;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::optional<Transcript> read_slow(const std::string& text, Diagnostics& d) {
    auto doc = parse_json_text(text, "t.json", d);
    if (!doc) return std::nullopt;
    return transcript_from_json(*doc, text, "t.json", d);
}

/// The fast reader, with the recorded scenario path checked as parse_transcript does.
std::optional<Transcript> read_fast(const std::string& text, const FastReadOptions& o = {}) {
    auto t = read_transcript_fast(text, o);
    if (t && !usable_scenario_path(t->scenario_path, t->scenario_id)) t->scenario_path.clear();
    return t;
}

/// Checks the promise for `text`; returns whether the fast reader accepted it.
bool agrees(const std::string& text) {
    Diagnostics d;
    auto slow = read_slow(text, d);
    auto fast = read_fast(text);
    if (fast) {
        INFO(d.format());
        REQUIRE(slow);
        CHECK(d.items().empty());
        INFO("fast: " << transcript_to_json(*fast).dump()
                      << "\nslow: " << transcript_to_json(*slow).dump());
        CHECK(*fast == *slow);
        // What the grader asks for: the same, less the stored score and the outcome texts.
        auto lean = read_fast(text, {.keep_score = false, .keep_outcomes = false});
        REQUIRE(lean);
        Transcript want = *slow;
        want.score = json();
        for (auto& a : want.actions) a.outcome.clear();
        CHECK(*lean == want);
    }
    return fast.has_value();
}

/// Every golden script played, as alertdrill saves it, and cut short as an abandoned session.
std::vector<Transcript> golden_transcripts() {
    std::vector<Transcript> out;
    for (const auto& dir : fs::directory_iterator(test::source_path("tests/golden"))) {
        if (!dir.is_directory()) continue;
        std::string id = dir.path().filename().string();
        ScenarioDef def = test::load(test::source_path("scenarios/" + id + ".toml"));
        for (const auto& f : fs::directory_iterator(dir.path())) {
            if (f.path().extension() != ".script") continue;
            Script script;
            Diagnostics d;
            REQUIRE(load_script(f.path().string(), script, d));
            auto s = test::play(def, script);
            out.push_back(make_transcript(*s, script.seed.value_or(1), script.variant,
                                          "Zo\xc3\xab \"Z\" \\ \xc3\x9cnal\t",
                                          "2026-12-04T10:00:00Z", "2026-12-04T10:41:07.250Z"));
            // The first half of the script, never ended: in assessment mode, or in practice
            // mode after asking for a hint.
            auto inst =
                instantiate(def, test::catalog(), script.seed.value_or(1), d, script.variant);
            REQUIRE(inst);
            const bool assess = out.size() % 4 == 1;
            Session half(inst, test::catalog(), assess ? Mode::Assessment : Mode::Practice);
            half.set_query_runner([](const Session& sess, const std::string& q) {
                return run_session_query(sess, q);
            });
            if (!assess) REQUIRE(half.apply("hint").ok);
            for (size_t i = 0; i < script.lines.size() / 2; ++i) {
                const std::string& line = script.lines[i].text;
                if (!is_view_command(line.substr(0, line.find(' ')))) half.apply(line);
            }
            out.push_back(
                make_transcript(half, 7, script.variant, "trainee-00001", "2026-12-04T10:00:00Z"));
        }
    }
    return out;
}

std::string saved_text(const Transcript& t) {
    test::TempDir tmp("fast-read");
    const std::string p = tmp / "t.json";
    std::string err, text;
    REQUIRE(save_transcript(p, t, err));
    REQUIRE(read_file(p, text, err));
    return text;
}

} // namespace

TEST_CASE("the fast reader takes every transcript alertdrill writes, exactly as the positioned "
          "reader reads it",
          "[transcript]") {
    auto all = golden_transcripts();
    REQUIRE(all.size() > 100);
    size_t with_found_keys = 0, with_hints = 0, assessments = 0;
    for (const auto& t : all) {
        INFO(t.scenario_id << " by " << t.trainee << ", " << t.actions.size() << " actions");
        // As saved, and as the same document written compactly.
        std::string text = saved_text(t);
        CHECK(agrees(text));
        CHECK(agrees(transcript_to_json(t).dump()));
        // The text read back is the transcript that was written (the recorded path included:
        // it names the scenario file, which is usable).
        auto back = read_fast(text);
        REQUIRE(back);
        CHECK(*back == t);
        for (const auto& a : t.actions) {
            with_found_keys += !a.found_keys.empty();
            with_hints += !a.hint_item.empty();
        }
        assessments += t.mode == Mode::Assessment;
    }
    // The golden scripts reach every optional part of an action and both modes.
    CHECK(with_found_keys > 0);
    CHECK(with_hints > 0);
    CHECK(assessments > 0);
}

TEST_CASE("the fast reader declines every broken transcript in the corpus", "[transcript]") {
    size_t seen = 0;
    for (const auto& f : fs::directory_iterator(test::source_path("tests/data/invalid"))) {
        std::string name = f.path().filename().string();
        if (name.rfind("transcript_", 0) != 0 || f.path().extension() != ".json") continue;
        INFO(name);
        std::string text, err, expected;
        REQUIRE(read_file(f.path().string(), text, err));
        // Every corpus file draws at least one diagnostic from the positioned reader...
        REQUIRE(read_file(f.path().parent_path().string() + "/" + f.path().stem().string() +
                              ".expected",
                          expected, err));
        CHECK_FALSE(trim(expected).empty());
        // ...so the fast reader must leave it to that reader.
        CHECK_FALSE(read_transcript_fast(text));
        CHECK_FALSE(agrees(text));
        ++seen;
    }
    CHECK(seen >= 10);
}

namespace {

/// The first golden transcript as a document, and a text made from it with an edit.
struct Base {
    json doc = transcript_to_json(golden_transcripts().front());
    template <class Edit>
    std::string with(Edit edit) const {
        json j = doc;
        edit(j);
        return j.dump(1);
    }
};

/// `text` with its first `from` replaced by `to`.
std::string swap(std::string text, std::string_view from, std::string_view to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("the fast reader declines whatever the positioned reader would report", "[transcript]") {
    const Base b;
    REQUIRE(!b.doc["actions"].empty());
    const std::string long_text(limits::k_string_bytes + 1, 'x');
    const std::string nul(1, '\0');
    // Each of these draws an error or a warning from the positioned reader.
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"unknown key", b.with([](json& j) { j["note"] = "x"; })},
        {"unknown scenario key", b.with([](json& j) { j["scenario"]["tag"] = "x"; })},
        {"unknown action key", b.with([](json& j) { j["actions"][0]["why"] = "x"; })},
        {"no seed", b.with([](json& j) { j.erase("seed"); })},
        {"no actions", b.with([](json& j) { j.erase("actions"); })},
        {"no format", b.with([](json& j) { j.erase("format"); })},
        {"no version", b.with([](json& j) { j.erase("version"); })},
        {"no scenario", b.with([](json& j) { j.erase("scenario"); })},
        {"no scenario hash", b.with([](json& j) { j["scenario"].erase("hash"); })},
        {"no scenario id", b.with([](json& j) { j["scenario"].erase("id"); })},
        {"no action line", b.with([](json& j) { j["actions"][0].erase("line"); })},
        {"no at_min", b.with([](json& j) { j["actions"][0].erase("at_min"); })},
        {"required null", b.with([](json& j) { j["seed"] = nullptr; })},
        {"quiz result", b.with([](json& j) { j["format"] = "alertdrill-quiz-result"; })},
        {"version 2", b.with([](json& j) { j["version"] = 2; })},
        {"version 0", b.with([](json& j) { j["version"] = 0; })},
        {"version text", b.with([](json& j) { j["version"] = "1"; })},
        {"version fraction", b.with([](json& j) { j["version"] = 1.0; })},
        {"negative seed", b.with([](json& j) { j["seed"] = -1; })},
        {"fractional seed", b.with([](json& j) { j["seed"] = 1.5; })},
        {"seed text", b.with([](json& j) { j["seed"] = "1"; })},
        {"seed -0", swap(b.with([](json& j) { j["seed"] = 0; }), "\"seed\": 0", "\"seed\": -0")},
        {"seed past 2^64", swap(b.with([](json& j) { j["seed"] = 0; }), "\"seed\": 0",
                                "\"seed\": 18446744073709551616")},
        {"at_min past a week", b.with([](json& j) { j["actions"][0]["at_min"] = 10081; })},
        {"negative at_min", b.with([](json& j) { j["actions"][0]["at_min"] = -1; })},
        {"minutes text", b.with([](json& j) { j["actions"][0]["minutes"] = "3"; })},
        {"unknown mode", b.with([](json& j) { j["mode"] = "expert"; })},
        {"mode number", b.with([](json& j) { j["mode"] = 1; })},
        {"finished text", b.with([](json& j) { j["finished"] = "yes"; })},
        {"scenario id path", b.with([](json& j) { j["scenario"]["id"] = "../etc"; })},
        {"empty scenario id", b.with([](json& j) { j["scenario"]["id"] = ""; })},
        {"scenario array", b.with([](json& j) { j["scenario"] = json::array(); })},
        {"actions object", b.with([](json& j) { j["actions"] = json::object(); })},
        {"action number", b.with([](json& j) { j["actions"][0] = 1; })},
        {"variant number", b.with([](json& j) {
             j["variant"] = {{"a", 1}};
         })},
        {"found_keys number", b.with([](json& j) { j["actions"][0]["found_keys"] = {1}; })},
        {"long found key", b.with([&](json& j) { j["actions"][0]["found_keys"] = {long_text}; })},
        {"long outcome", b.with([&](json& j) { j["actions"][0]["outcome"] = long_text; })},
        {"long trainee", b.with([&](json& j) { j["trainee"] = long_text; })},
        {"long writer version", b.with([&](json& j) { j["alertdrill"] = long_text; })},
        {"an array", "[1, 2]"},
        {"empty object", "{}"},
        {"empty", ""},
        {"trailing text", b.doc.dump() + " x"},
        // nlohmann stops at a NUL as at the end of the text; the positioned reader refuses it.
        {"NUL after the end", b.doc.dump() + nul + "junk"},
        {"NUL in a string", swap(b.with([](json& j) { j["trainee"] = "QQQ"; }), "QQQ", nul)},
        {"bad UTF-8", swap(b.with([](json& j) { j["trainee"] = "QQQ"; }), "QQQ", "\xc3\x28")},
        {"nested too deep",
         swap(b.with([](json& j) { j["score"] = "HERE"; }), "\"HERE\"",
              std::string(limits::k_json_depth, '[') + std::string(limits::k_json_depth, ']'))},
    };
    for (const auto& [name, text] : refused) {
        INFO(name);
        Diagnostics d;
        read_slow(text, d);
        CHECK_FALSE(d.items().empty());
        CHECK_FALSE(read_transcript_fast(text));
    }
    // A repeated key hides a value (nlohmann keeps the last): declined, though the positioned
    // reader takes it.
    std::string repeated = "{\"trainee\": \"X\", " + b.doc.dump().substr(1);
    CHECK_FALSE(read_transcript_fast(repeated));
    CHECK_FALSE(agrees(repeated));
    std::string repeated_variant = swap(b.with([](json& j) {
        j["variant"] = {{"a", "QQQ"}};
    }),
                                        "\"a\": \"QQQ\"", R"("a": "1", "a": "2")");
    CHECK_FALSE(read_transcript_fast(repeated_variant));
}

TEST_CASE("the fast reader takes unusual but sound transcripts as the positioned reader does",
          "[transcript]") {
    const Base b;
    const std::string long_text(limits::k_string_bytes + 1, 'x');
    const std::vector<std::pair<std::string, std::string>> taken = {
        {"variant value past the string limit", b.with([&](json& j) {
             j["variant"] = {{"host", long_text}, {"user", "ann"}};
         })},
        {"score nested to the limit", swap(b.with([](json& j) { j["score"] = "HERE"; }), "\"HERE\"",
                                           std::string(limits::k_json_depth - 1, '[') +
                                               std::string(limits::k_json_depth - 1, ']'))},
        {"score of every kind of value", b.with([](json& j) {
             j["score"] = {{"total", 88},
                           {"neg", -3},
                           {"big", 18446744073709551615ull},
                           {"f", 0.25},
                           {"no", nullptr},
                           {"yes", true},
                           {"list", {1, "two", json::object(), json::array()}}};
         })},
        {"score repeating a key", swap(b.with([](json& j) { j["score"] = "HERE"; }), "\"HERE\"",
                                       R"({"a": 1, "b": {"c": [2]}, "a": {"d": 3}})")},
        {"score a number", b.with([](json& j) { j["score"] = 5; })},
        {"no score", b.with([](json& j) { j.erase("score"); })},
        {"score null", b.with([](json& j) { j["score"] = nullptr; })},
        {"no optional keys", b.with([](json& j) {
             for (const char* k : {"alertdrill", "variant", "mode", "trainee", "started_utc",
                                   "ended_utc", "finished"})
                 j.erase(k);
             j["scenario"].erase("path");
             for (auto& a : j["actions"])
                 for (const char* k :
                      {"action", "target", "minutes", "outcome", "found_keys", "hint_item"})
                     a.erase(k);
         })},
        {"no actions at all", b.with([](json& j) { j["actions"] = json::array(); })},
        {"escaped key and NUL escape",
         swap(b.with([](json& j) { j["trainee"] = "QQQ"; }), "\"trainee\": \"QQQ\"",
              R"("tr\u0061inee": "a\u0000b\ud83d\ude00")")},
        {"at_min written -0", swap(b.with([](json& j) { j["actions"][0]["at_min"] = 0; }),
                                   "\"at_min\": 0", "\"at_min\": -0")},
        {"recorded path that is not usable",
         b.with([](json& j) { j["scenario"]["path"] = "/etc/passwd"; })},
    };
    for (const auto& [name, text] : taken) {
        INFO(name);
        CHECK(agrees(text));
    }
    // An optional key given as null counts as absent: the fast reader may leave it to the
    // positioned one, which must then say nothing.
    std::string null_end = b.with([](json& j) { j["ended_utc"] = nullptr; });
    Diagnostics d;
    CHECK(read_slow(null_end, d));
    CHECK(d.items().empty());
    agrees(null_end);
    // So may a byte order mark, which nlohmann skips.
    agrees("\xef\xbb\xbf" + b.doc.dump());
}

TEST_CASE("the fast reader reads JSON's corners as nlohmann does, or leaves them", "[transcript]") {
    const Base b;
    const std::string score = b.with([](json& j) { j["score"] = "HERE"; });
    const std::string trainee = b.with([](json& j) { j["trainee"] = "HERE"; });
    // Sound JSON, read to the same values (the score is kept and compared too).
    for (const char* v :
         {"0", "-0", "-0.0", "0.1", "2.5E+3", "1e308", "-12e-3", "123456789012345678",
          "18446744073709551615", "-9223372036854775808", "[]", "{}", "[[], {}]",
          "{\"a\": [1, -2, 3.5, true, false, null, \"x\"]}", " [ 1 , 2 ] "}) {
        INFO(v);
        CHECK(agrees(swap(score, "\"HERE\"", v)));
    }
    for (const char* v : {R"("a\"b\\c\/d\be\ff\ng\rh\ti")", R"("\u00e9\u20ac\ud83d\ude00\u0041")",
                          R"("caf)"
                          "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
                          R"("\uD83D\uDE00 upper-case hex")"}) {
        INFO(v);
        CHECK(agrees(swap(trainee, "\"HERE\"", v)));
    }
    // Broken or doubtful: never taken by the fast reader unless the positioned one agrees.
    for (const char* v : {"01", "1.", ".5", "1e", "-", "+1", "1e309", "1e-400",
                          "18446744073709551616", "-9223372036854775809", "tru", "nul", "[1,]",
                          "{\"a\" 1}", "{\"a\":1,}", "'x'", "[1 2]", "{1: 2}"}) {
        INFO(v);
        CHECK_FALSE(agrees(swap(score, "\"HERE\"", v)));
    }
    for (const char* v : {R"("\x")", R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")", R"("\u12")",
                          "\"tab\there\"", "\"a\xc0\xaf\"", "\"\xed\xa0\x80\"",
                          "\"\xf4\x90\x80\x80\"", "\"cut \xe2\x82\"", "\"open"}) {
        INFO(v);
        CHECK_FALSE(agrees(swap(trainee, "\"HERE\"", v)));
    }
}
