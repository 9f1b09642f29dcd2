// Question-bank loading: valid banks load, invalid ones give exactly the expected diagnostics.
#include "alertdrill/quiz.hpp"
#include "alertdrill/quiz_script.hpp"
#include "alertdrill/text.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

using namespace alertdrill;
namespace fs = std::filesystem;

namespace {
const std::string kData = ALERTDRILL_TEST_DATA;
const std::string kContent = std::string(ALERTDRILL_SOURCE_DIR) + "/content/quizzes";
} // namespace

TEST_CASE("every bank in content/quizzes validates", "[quiz][content]") {
    int banks = 0;
    for (const auto& e : fs::directory_iterator(kContent)) {
        if (e.path().extension() != ".toml") continue;
        ++banks;
        QuestionBank bank;
        Diagnostics d;
        INFO(e.path().string());
        CHECK(load_question_bank(e.path().string(), bank, d));
        CHECK(d.format() == "");
        CHECK_FALSE(bank.questions.empty());
    }
    CHECK(banks >= 1);
}

TEST_CASE("the module 4.8 bank covers the module", "[quiz][content]") {
    QuestionBank bank;
    Diagnostics d;
    REQUIRE(load_question_bank(kContent + "/module_4_8.toml", bank, d));
    CHECK(bank.id == "module_4_8");
    CHECK(bank.questions.size() >= 40);
    // The module's own knowledge check, in our words.
    for (const char* id : {"kc-mining-stage", "kc-jit-posture", "kc-brazil-south"}) {
        const Question* q = bank.find(id);
        REQUIRE(q);
        CHECK_FALSE(q->feedback.empty());
        for (const auto& o : q->options) CHECK_FALSE(o.feedback.empty());
    }
    std::set<std::string> topics, types;
    for (const auto& q : bank.questions)
        topics.insert(q.topic), types.insert(question_type_name(q.type));
    CHECK(topics == std::set<std::string>{"anatomy", "kill-chain", "workflow", "containment",
                                          "posture", "suppression", "worked-examples"});
    CHECK(types.size() == 7);
    bool has_template = false;
    for (const auto& q : bank.questions) has_template = has_template || !q.variants.empty();
    CHECK(has_template);
}

TEST_CASE("invalid banks report exactly the expected diagnostics", "[quiz][invalid]") {
    // The same fixtures also go through `validate` in test_scenario.cpp; this checks the bank
    // loader on its own. Paths are relative to the source dir, as ctest runs there.
    int fixtures = 0;
    for (const auto& e : fs::directory_iterator("tests/data/invalid")) {
        std::string name = e.path().filename().string();
        if (name.rfind("quiz_", 0) != 0 || e.path().extension() != ".toml") continue;
        ++fixtures;
        std::string rel = "tests/data/invalid/" + name, expected, err;
        REQUIRE(read_file(rel.substr(0, rel.size() - 5) + ".expected", expected, err));
        QuestionBank bank;
        Diagnostics d;
        INFO(name);
        CHECK_FALSE(load_question_bank(rel, bank, d));
        d.sort();
        CHECK(d.format() == expected);
    }
    CHECK(fixtures >= 5);
}

TEST_CASE("a missing bank file is an error naming the file", "[quiz]") {
    QuestionBank bank;
    Diagnostics d;
    CHECK_FALSE(load_question_bank(kData + "/no_such_bank.toml", bank, d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].format().find("no_such_bank.toml") != std::string::npos);
}

TEST_CASE("multiple-response options without fractions share the mark", "[quiz]") {
    const char* text = R"(
[bank]
title = "t"
[[question]]
id = "m"
type = "multiple"
text = "pick"
  [[question.option]]
  id = "a"
  text = "A"
  correct = true
  [[question.option]]
  id = "b"
  text = "B"
  correct = true
  [[question.option]]
  id = "c"
  text = "C"
)";
    QuestionBank bank;
    Diagnostics d;
    REQUIRE(load_question_bank_text(text, "m.toml", bank, d));
    const auto& o = bank.questions[0].options;
    CHECK(o[0].fraction == Approx(0.5));
    CHECK(o[1].fraction == Approx(0.5));
    CHECK(o[2].fraction == Approx(-0.5));
}

TEST_CASE("template questions fill every text from the chosen variant", "[quiz]") {
    QuestionBank bank;
    Diagnostics d;
    REQUIRE(load_question_bank(kContent + "/module_4_8.toml", bank, d));
    const Question* q = bank.find("chain-stage-template");
    REQUIRE(q);
    REQUIRE(q->variants.size() == 3);
    Question v = instantiate_question(*q, 1);
    CHECK(v.text.find("VM_SshBruteForceSuccess") != std::string::npos);
    CHECK(v.text.find("{{") == std::string::npos);
    CHECK(v.options[1].misconception == "failed-and-successful-brute-force-are-the-same");
    CHECK(v.variants.empty());
}

namespace {
std::vector<std::string> fenced_blocks(const std::string& md, const std::string& lang) {
    std::vector<std::string> out;
    size_t i = 0;
    while ((i = md.find("```" + lang + "\n", i)) != std::string::npos) {
        size_t start = i + 4 + lang.size();
        size_t end = md.find("```", start);
        out.push_back(md.substr(start, end - start));
        i = end + 3;
    }
    return out;
}
} // namespace

TEST_CASE("the format guide's examples are valid", "[quiz][docs]") {
    std::string md, err;
    REQUIRE(read_file(kContent + "/README.md", md, err));
    auto tomls = fenced_blocks(md, "toml");
    REQUIRE(tomls.size() == 3);
    QuestionBank bank;
    Diagnostics d;
    CHECK(load_question_bank_text(tomls[0], "README.md", bank, d));
    CHECK(d.format() == "");
    CHECK(bank.time_limit_minutes == 45);
    CHECK(bank.questions.at(0).hints.size() == 2);
    CHECK(load_question_bank_text("[bank]\ntitle = 't'\n" + tomls[1], "README.md", bank, d));
    CHECK(d.format() == "");
    // The evidence example, against the shipped scenarios.
    REQUIRE(load_question_bank_text("[bank]\ntitle = 't'\n" + tomls[2], "README.md", bank, d));
    CHECK(d.format() == "");
    REQUIRE(bank.questions.at(0).evidence);
    CHECK(bank.questions.at(0).evidence->answers ==
          std::vector<std::string>{"203.0.113.77", "203.0.113.77", "192.0.2.146"});

    QuestionBank module;
    REQUIRE(load_question_bank(kContent + "/module_4_8.toml", module, d));
    auto texts = fenced_blocks(md, "text");
    REQUIRE(texts.size() >= 1);
    QuizAttempt attempt(module, QuizMode::Practice, 1, false);
    std::vector<ScriptedAnswer> script;
    CHECK(parse_answer_script(texts[0], "README.md", script, d));
    CHECK(run_answer_script(attempt, script, "README.md", d));
    CHECK(d.format() == "");
    CHECK(script.size() == 9);
}

TEST_CASE("the bank loader and answer parser survive truncated and odd input", "[quiz][robust]") {
    std::string text, err;
    REQUIRE(read_file(kContent + "/module_4_8.toml", text, err));
    // Cut the bank at every 97th byte: always diagnostics or a bank, never a crash.
    for (size_t n = 0; n < text.size(); n += 97) {
        QuestionBank b;
        Diagnostics d;
        if (!load_question_bank_text(text.substr(0, n), "cut.toml", b, d)) CHECK(d.has_errors());
    }
    QuestionBank bank;
    Diagnostics d;
    REQUIRE(load_question_bank_text(text, "module_4_8.toml", bank, d));
    const std::vector<std::string> odd{"",      ",",       ";;",    "=",    "a=",  "=b",
                                       "1,1",   "0",       "99999", "-1",   "nan", "inf",
                                       "1e999", "\x1b[2J", "a;b=c", "  ,  "};
    for (const auto& q : bank.questions)
        for (const auto& s : odd) {
            QuizResponse r;
            std::string e;
            if (parse_response(q, s, r, e))
                grade_response(q, r);
            else
                CHECK_FALSE(e.empty());
        }
}
