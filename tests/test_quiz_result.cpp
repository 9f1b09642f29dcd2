// Quiz results: versioned JSON that round-trips, written atomically, newer versions refused.
#include "alertdrill/quiz.hpp"
#include "alertdrill/quiz_attempt.hpp"
#include "alertdrill/quiz_result.hpp"
#include "alertdrill/quiz_script.hpp"
#include "alertdrill/text.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

using namespace alertdrill;
namespace fs = std::filesystem;

namespace {

QuizResult sample_result() {
    QuestionBank bank;
    Diagnostics d;
    REQUIRE(load_question_bank(
        std::string(ALERTDRILL_SOURCE_DIR) + "/content/quizzes/module_4_8.toml", bank, d));
    QuizAttempt a(bank, QuizMode::Assessment, 99, true);
    std::vector<ScriptedAnswer> script;
    REQUIRE(parse_answer_script(
        "kc-mining-stage@3: b\nkc-jit-posture@2: b\nworkflow-order@1: context, analysis, "
        "contain, posture\nanatomy-fields-match@2: entities=Where the attack sits in the "
        "kill chain\n",
        "r.answers", script, d));
    REQUIRE(run_answer_script(a, script, "r.answers", d));
    QuizResult r = a.finish(123.5);
    r.trainee = "Ana \"quoted\" Ö";
    return r;
}

} // namespace

TEST_CASE("a quiz result round-trips through JSON", "[quiz][result]") {
    QuizResult r = sample_result();
    std::string json = quiz_result_to_json(r);
    auto j = nlohmann::json::parse(json);
    CHECK(j["format"] == "alertdrill-quiz-result");
    CHECK(j["version"] == 1);
    QuizResult back;
    std::string err;
    REQUIRE(quiz_result_from_json(json, "r.json", back, err));
    CHECK(quiz_result_to_json(back) == json);
    CHECK(back.trainee == r.trainee);
    CHECK(back.bank_hash.size() == 16);
    CHECK(back.bank_hash == r.bank_hash);
    // Wrong at 3 (-6), right at 2 (+2), right at 1 (+1), matching all wrong at 2 (-2).
    CHECK(back.mark == Approx(-5));
    const QuestionResult* mining = nullptr;
    for (const auto& q : back.questions)
        if (q.id == "kc-mining-stage") mining = &q;
    REQUIRE(mining);
    CHECK(mining->misconceptions == std::vector<std::string>{"execution-may-not-have-succeeded"});
    CHECK(mining->certainty == 3);
    CHECK(mining->response == "b");
}

TEST_CASE("results are saved atomically and load back", "[quiz][result]") {
    test::TempDir tmp("quiz-result");
    const fs::path& dir = tmp.path;
    QuizResult r = sample_result();
    std::string err;
    REQUIRE(save_quiz_result((dir / "r.json").string(), r, err));
    QuizResult back;
    REQUIRE(load_quiz_result((dir / "r.json").string(), back, err));
    CHECK(back.questions.size() == r.questions.size());
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    CHECK(files == 1); // no temp file left behind
}

TEST_CASE("a result from a newer version is refused, naming both versions", "[quiz][result]") {
    auto j = nlohmann::json::parse(quiz_result_to_json(sample_result()));
    j["version"] = 7;
    QuizResult out;
    std::string err;
    CHECK_FALSE(quiz_result_from_json(j.dump(), "future.json", out, err));
    CHECK(err.rfind("future.json:1:", 0) == 0);
    CHECK(err.find(": error: this quiz result is format version 7, but this alertdrill reads "
                   "version 1 at most; update alertdrill to read it") != std::string::npos);
}

TEST_CASE("broken result files are refused with a reason", "[quiz][result]") {
    QuizResult out;
    std::string err;
    CHECK_FALSE(quiz_result_from_json("{not json", "a.json", out, err));
    CHECK(err.rfind("a.json:1:3: error: invalid JSON: syntax error while parsing object key", 0) ==
          0);
    CHECK_FALSE(quiz_result_from_json(R"({"format":"alertdrill-transcript","version":1})", "b.json",
                                      out, err));
    CHECK(err == "b.json:1:11: error: not an alertdrill quiz result (\"format\" is not "
                 "\"alertdrill-quiz-result\")");
    CHECK_FALSE(quiz_result_from_json(
        R"({"format":"alertdrill-quiz-result","version":1,"questions":[{"id":3}]})", "c.json", out,
        err));
    CHECK(err.find("c.json:1:67: error: 'id' in question 1 must be a string, not a whole number") !=
          std::string::npos);
    CHECK_FALSE(load_quiz_result("/nonexistent/r.json", out, err));
    CHECK(err.find("/nonexistent/r.json") != std::string::npos);
}
