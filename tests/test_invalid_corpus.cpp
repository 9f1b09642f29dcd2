// The broken-file corpus (tests/data/invalid): every file goes through the loader its name
// selects and must give exactly the diagnostics in NAME.expected (NAME: the file name without
// its extension, unique over the folder). Each .expected file was read by hand: it names the
// file, line and column and says what is wrong in an author's words.
//
//   *.toml             validate (scenario, action catalog or question bank, by its top table)
//   transcript_*.json  load_transcript       result_*.json  load_quiz_result
//   *.journal          read_journal          *.gift         import_gift
//   *.script           load_script (play)    *.answers      parse_answer_script
#include "alertdrill/gift.hpp"
#include "alertdrill/journal.hpp"
#include "alertdrill/quiz_result.hpp"
#include "alertdrill/quiz_script.hpp"
#include "alertdrill/script.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/toml_reader.hpp"
#include "alertdrill/transcript.hpp"
#include "alertdrill/validate.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

using namespace alertdrill;
namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The loader a corpus file goes through, by its name; "" for files that are not inputs.
std::string loader_of(const std::string& name) {
    if (ends_with(name, ".json")) {
        if (name.rfind("transcript_", 0) == 0) return "transcript";
        if (name.rfind("result_", 0) == 0) return "result";
        return "";
    }
    for (const char* ext : {".journal", ".gift", ".script", ".answers", ".toml"})
        if (ends_with(name, ext)) return ext + 1;
    return "";
}

/// Runs the loader; returns whether it accepted the file.
bool run_loader(const std::string& kind, const std::string& path, Diagnostics& d) {
    if (kind == "toml") {
        validate_file(path, test::catalog(), d);
        return !d.has_errors();
    }
    if (kind == "transcript") return load_transcript(path, d).has_value();
    if (kind == "result") {
        QuizResult r;
        return load_quiz_result(path, r, d);
    }
    if (kind == "journal") return read_journal(path, d).has_value();
    if (kind == "gift") {
        QuestionBank bank;
        return import_gift(path, bank, d);
    }
    if (kind == "script") {
        Script s;
        return load_script(path, s, d);
    }
    std::string text;
    if (!read_source(path, text, d, limits::k_script_bytes, "an answers file")) return false;
    std::vector<ScriptedAnswer> answers;
    return parse_answer_script(text, path, answers, d);
}

std::string stem_of(const std::string& name) {
    return fs::path(name).stem().string();
}

} // namespace

TEST_CASE("every broken file gives exactly its expected diagnostics", "[loader][corpus]") {
    // ALERTDRILL_CORPUS_ACTUAL=DIR writes what each loader says to DIR/NAME.expected, for an
    // author adding a fixture to read (and check by hand) before copying it in.
    const char* dump = std::getenv("ALERTDRILL_CORPUS_ACTUAL");
    std::map<std::string, int> per_loader;
    std::vector<std::string> names;
    for (const auto& f : fs::directory_iterator("tests/data/invalid"))
        if (!loader_of(f.path().filename().string()).empty())
            names.push_back(f.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        std::string kind = loader_of(name);
        std::string rel = "tests/data/invalid/" + name;
        std::string expected_path = "tests/data/invalid/" + stem_of(name) + ".expected";
        Diagnostics d;
        bool accepted = run_loader(kind, rel, d);
        d.sort();
        if (dump) {
            std::ofstream(std::string(dump) + "/" + stem_of(name) + ".expected") << d.format();
            continue;
        }
        std::string expected, err;
        INFO(rel << "\nactual:\n" << d.format());
        REQUIRE(read_file(expected_path, expected, err));
        CHECK(d.format() == expected);
        CHECK_FALSE(accepted);
        CHECK(d.has_errors());
        // Every message says where: FILE:LINE:COL.
        for (const auto& item : d.items()) {
            CHECK(item.pos.file == rel);
            CHECK(item.pos.line > 0);
            CHECK(item.pos.column > 0);
        }
        ++per_loader[kind];
    }
    if (dump) FAIL("ALERTDRILL_CORPUS_ACTUAL is set: diagnostics were written, not compared");
    CHECK(names.size() >= 60);
    // Every loader has its share of broken files.
    for (const char* kind :
         {"toml", "transcript", "result", "journal", "gift", "script", "answers"}) {
        INFO(kind);
        CHECK(per_loader[kind] >= 2);
    }
}

TEST_CASE("every .expected file in the corpus belongs to one input file", "[loader][corpus]") {
    std::set<std::string> stems;
    for (const auto& f : fs::directory_iterator("tests/data/invalid")) {
        std::string name = f.path().filename().string();
        if (loader_of(name).empty()) continue;
        INFO(name);
        CHECK(stems.insert(stem_of(name)).second); // two inputs would share one .expected
    }
    for (const auto& f : fs::directory_iterator("tests/data/invalid")) {
        if (f.path().extension() != ".expected") continue;
        INFO(f.path().string());
        CHECK(stems.count(f.path().stem().string()) == 1);
    }
}

TEST_CASE("a file over its loader's size limit is refused before it is read", "[loader][limits]") {
    // Sparse files: the size is checked with stat(), so the test writes nothing big.
    fs::path dir = fs::temp_directory_path() / ("alertdrill-big-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    struct Case {
        std::string name;
        size_t limit;
        std::string what;
    };
    const std::vector<Case> cases{
        {"big.toml", limits::k_default_bytes, "a TOML file"},
        {"transcript_big.json", limits::k_transcript_bytes, "a transcript"},
        {"result_big.json", limits::k_quiz_result_bytes, "a quiz result"},
        {"big.journal", limits::k_journal_bytes, "a session journal"},
        {"big.gift", limits::k_gift_bytes, "a GIFT file"},
        {"big.script", limits::k_script_bytes, "a play script"},
        {"big.answers", limits::k_script_bytes, "an answers file"},
    };
    for (const auto& c : cases) {
        std::string path = (dir / c.name).string();
        { std::ofstream(path) << "x"; }
        fs::resize_file(path, c.limit + 1);
        Diagnostics d;
        CHECK_FALSE(run_loader(loader_of(c.name), path, d));
        CHECK(d.format() == path + ":1:1: error: the file is " + std::to_string(c.limit + 1) +
                                " bytes; the limit for " + c.what + " is " +
                                std::to_string(c.limit) + " bytes\n");
    }
    // The scenario, catalog and bank loaders have their own, smaller limits.
    std::string path = (dir / "big_scenario.toml").string();
    { std::ofstream(path) << "[scenario]\n"; }
    fs::resize_file(path, limits::k_scenario_bytes + 1);
    Diagnostics d;
    CHECK_FALSE(load_scenario(path, test::catalog(), d));
    CHECK(d.format() == path + ":1:1: error: the file is " +
                            std::to_string(limits::k_scenario_bytes + 1) +
                            " bytes; the limit for a scenario is " +
                            std::to_string(limits::k_scenario_bytes) + " bytes\n");
    Diagnostics dc;
    Catalog cat;
    fs::resize_file(path, limits::k_catalog_bytes + 1);
    CHECK_FALSE(load_catalog(path, cat, dc));
    CHECK(dc.format().find("the limit for the action catalog is") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("devices and pipes are refused instead of read forever", "[loader][limits]") {
    Diagnostics d;
    CHECK_FALSE(load_scenario("/dev/zero", test::catalog(), d));
    CHECK(d.format() == "/dev/zero:1:1: error: is not a regular file (a device, a pipe or a "
                        "socket)\n");
    Diagnostics dt;
    CHECK_FALSE(load_transcript("/dev/urandom", dt));
    CHECK(dt.format().find("is not a regular file") != std::string::npos);
}

TEST_CASE("nesting that would overflow the parsers' stacks is refused first", "[loader][limits]") {
    // Found while writing the corpus: toml++ recurses once per part of a dotted key or table
    // header, and a.a.a... with some 50,000 parts crashed every TOML loader with a stack overflow.
    std::string parts;
    for (int i = 0; i < 1'000'000; ++i) parts += i ? ".a" : "a";
    for (const std::string& text : {"[scenario]\n" + parts + " = 1\n", "[" + parts + "]\n"}) {
        Diagnostics d;
        CHECK_FALSE(load_scenario_text(text, "deep.toml", test::catalog(), d));
        CHECK(d.format().find("this dotted key has more than 32 parts") != std::string::npos);
    }
    // Dots in strings, comments and numbers are not key parts.
    std::string dots(200, '.');
    Diagnostics ok;
    CHECK(parse_toml_text("a = \"" + dots + "\" # " + dots + "\nb = 1.5\nc = '''" + dots +
                              "'''\nd = 2026-01-01T00:00:00.5Z\n",
                          "dots.toml", ok));
    CHECK(ok.empty());
    // JSON arrays a million deep stop at the depth limit, before nlohmann builds anything.
    std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
    Diagnostics dj;
    CHECK_FALSE(parse_transcript(deep, "deep.json", dj));
    CHECK(dj.format() ==
          "deep.json:1:33: error: arrays and objects are nested more than 32 levels deep here\n");
}
