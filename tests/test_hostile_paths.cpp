// File references stay where they belong: a transcript or journal cannot make alertdrill open an
// arbitrary file, and a symbolic link in a scenario folder or golden-script folder that leads
// outside it is refused. Also the JSON reader's positions, which every JSON diagnostic relies on.
#include "alertdrill/json_reader.hpp"
#include "alertdrill/paths.hpp"
#include "alertdrill/publish_check.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "alertdrill/validate.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace alertdrill;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

std::string transcript_naming(const std::string& scenario_path, const std::string& id) {
    nlohmann::json j = {{"format", "alertdrill-transcript"},
                        {"version", 1},
                        {"scenario", {{"id", id}, {"path", scenario_path}, {"hash", "0"}}},
                        {"seed", 1},
                        {"actions", nlohmann::json::array()}};
    return j.dump(2);
}

} // namespace

TEST_CASE("a transcript's scenario path is followed only to a file named after its id",
          "[paths][transcript]") {
    TempDir tmp("tpaths");
    std::string minimal = test::source_path("tests/data/valid/minimal.toml");
    Diagnostics d;
    // The recorded path of a real <id>.toml file is kept.
    auto ok = parse_transcript(transcript_naming(minimal, "minimal"), "t.json", d);
    REQUIRE(ok);
    CHECK(locate_scenario(*ok, "") == minimal);
    // Any other file is never opened: the scenarios folder and the id decide instead.
    for (std::string other : {std::string("/etc/passwd"), std::string("/dev/zero"),
                              test::source_path("scenarios/crypto_mining_vm.toml"),
                              test::source_path("tests/data/valid")}) {
        auto t = parse_transcript(transcript_naming(other, "minimal"), "t.json", d);
        REQUIRE(t);
        INFO(other);
        CHECK(t->scenario_path.empty());
        CHECK(locate_scenario(*t, "") == default_scenarios_dir() + "/minimal.toml");
    }
    // A link named minimal.toml that leads to some other file is not followed either.
    { std::ofstream(tmp / "secret.txt") << "key = 1\n"; }
    fs::create_symlink(tmp / "secret.txt", tmp / "minimal.toml");
    auto linked = parse_transcript(transcript_naming(tmp / "minimal.toml", "minimal"), "t.json", d);
    REQUIRE(linked);
    CHECK(linked->scenario_path.empty());
    CHECK(d.empty());
    // The id itself cannot climb out of the scenarios folder.
    Diagnostics bad;
    CHECK_FALSE(parse_transcript(transcript_naming(minimal, "../../etc/passwd"), "t.json", bad));
    CHECK(bad.format().find("may hold only letters, digits, '_' and '-'") != std::string::npos);
}

TEST_CASE("a link in a scenario folder that leads outside it is refused", "[paths][loader]") {
    TempDir outside("outside"), pack("pack");
    std::string minimal = test::source_path("tests/data/valid/minimal.toml");
    fs::copy_file(minimal, outside / "elsewhere.toml");
    fs::copy_file(minimal, pack / "real.toml");
    fs::create_symlink(outside / "elsewhere.toml", pack / "escape.toml");
    fs::create_symlink(pack / "real.toml", pack / "alias.toml"); // stays inside: fine
    fs::create_directories(pack.path / "sub");
    fs::create_symlink("../../" + outside.path.filename().string() + "/elsewhere.toml",
                       pack / "sub/relative.toml");

    auto infos = list_scenarios(pack.path.string(), test::catalog());
    REQUIRE(infos.size() == 3);
    CHECK(infos[0].id == "alias");
    CHECK(infos[0].valid);
    CHECK(infos[1].id == "escape");
    CHECK_FALSE(infos[1].valid);
    CHECK(infos[1].first_error == pack / "escape.toml" + ": error: is a link to " +
                                      fs::weakly_canonical(outside / "elsewhere.toml").string() +
                                      ", outside the folder " + pack.path.string() +
                                      "; files in a folder must stay inside it");
    CHECK(infos[2].id == "real");
    CHECK(infos[2].valid);

    Diagnostics d;
    auto files = expand_paths({pack.path.string()}, d);
    CHECK(files == std::vector<std::string>{pack / "alias.toml", pack / "real.toml"});
    d.sort();
    REQUIRE(d.items().size() == 2);
    CHECK(d.items()[0].pos.file == pack / "escape.toml");
    CHECK(d.items()[1].pos.file == pack / "sub/relative.toml");
    CHECK(d.items()[1].message.find("outside the folder") != std::string::npos);
}

TEST_CASE("a golden script that links outside its folder is refused", "[paths][publish]") {
    TempDir outside("gold-outside"), golden("golden");
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    fs::copy_file(test::source_path("tests/golden/crypto_mining_vm/expert.script"),
                  outside / "expert.script");
    fs::create_symlink(outside / "expert.script", golden / "expert.script");
    Diagnostics d;
    check_publishable(def, test::catalog(), golden.path.string(), d);
    CHECK(d.format().find(golden / "expert.script" + ": error: is a link to ") !=
          std::string::npos);
    CHECK(resolves_inside(golden / "expert.script", golden.path.string()) == false);
    CHECK(resolves_inside(golden / "missing.script", golden.path.string()));
}

TEST_CASE("JSON diagnostics point at the value's line and column", "[json]") {
    const std::string text = "{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}]},\n  \"d\": true\n}\n";
    CHECK(json_value_offset(text, {}) == 0);
    CHECK(position_at(text, json_value_offset(text, {"a"}), "f").column == 8);
    CHECK(position_at(text, json_value_offset(text, {"a", "b", "1", "c"}), "f").column == 24);
    SourcePos d = position_at(text, json_value_offset(text, {"d"}), "f");
    CHECK((d.line == 3 && d.column == 8));
    // A missing step stops at the deepest value that exists.
    CHECK(json_value_offset(text, {"a", "zz"}) == json_value_offset(text, {"a"}));
    // Keys with escapes and brackets inside strings do not confuse the walk.
    const std::string tricky = R"({"x\"]": "[{", "y": 5})";
    CHECK(tricky.substr(json_value_offset(tricky, {"y"}), 1) == "5");

    Diagnostics diags;
    auto doc = parse_json_text(text, "f.json", diags);
    REQUIRE(doc);
    JsonReader top(*doc, text, "f.json", diags, {}, "the file");
    CHECK_FALSE(top.integer("d", true));
    CHECK(top.object("a", true));
    top.finish();
    CHECK(diags.format() == "f.json:3:8: error: 'd' in the file must be a whole number, not "
                            "true/false\n");
}

TEST_CASE("malformed text is reported where it is", "[text]") {
    CHECK(find_bad_text("plain ascii\nand caf\xc3\xa9") == std::string_view::npos);
    CHECK(find_bad_text("ab\xff") == 2);
    CHECK(find_bad_text("ab\xc3") == 2);            // cut short
    CHECK(find_bad_text("\xc0\xaf") == 0);          // overlong
    CHECK(find_bad_text("x\xed\xa0\x80") == 1);     // a UTF-16 surrogate
    CHECK(find_bad_text("x\xf4\x90\x80\x80") == 1); // past U+10FFFF
    CHECK(find_bad_text(std::string_view("a\0b", 3)) == 1);
    Diagnostics d;
    CHECK_FALSE(check_text("line one\nli\xffne two", "f.txt", d));
    CHECK(d.format() == "f.txt:2:3: error: the file is not valid UTF-8 here; save it as UTF-8 "
                        "text\n");
}
