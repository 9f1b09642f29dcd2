// Quiz results in a cohort: re-graded from their answers against the bank (a written mark is never
// trusted), grouped by bank with item analysis, and flagged when they do not fit the bank.
#include "alertdrill/cohort.hpp"
#include "alertdrill/cohort_quiz.hpp"
#include "alertdrill/html_report.hpp"
#include "alertdrill/quiz_script.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <fstream>

using namespace alertdrill;
namespace fs = std::filesystem;

namespace {

const QuestionBank& bank() {
    static QuestionBank b = [] {
        QuestionBank out;
        Diagnostics d;
        if (!load_question_bank(test::source_path("content/quizzes/module_4_8.toml"), out, d))
            FAIL(d.format());
        return out;
    }();
    return b;
}

QuizResult take(QuizMode mode, uint64_t seed, bool cbm, const std::string& answers,
                const std::string& who) {
    QuizAttempt a(bank(), mode, seed, cbm);
    std::vector<ScriptedAnswer> script;
    Diagnostics d;
    REQUIRE(parse_answer_script(answers, "t.answers", script, d));
    INFO(d.format());
    REQUIRE(run_answer_script(a, script, "t.answers", d));
    QuizResult r = a.finish(600);
    r.trainee = who;
    return r;
}

const char* kMixed = "kc-mining-stage: b\nkc-mining-stage: a\nkc-jit-posture: b\n"
                     "workflow-order: context, analysis, contain, posture\nposture-ssh-port: 22\n"
                     "suppress-audit: Microsoft.Security/alertsSuppressionRules/write\n";

} // namespace

TEST_CASE("a saved result re-grades to the same marks from its answers", "[cohort][quiz]") {
    for (auto mode : {QuizMode::Practice, QuizMode::Assessment})
        for (bool cbm : {false, true}) {
            std::string answers = kMixed;
            if (cbm) // every answer needs a certainty
                answers = "kc-mining-stage@2: b\nkc-mining-stage@3: a\nkc-jit-posture@3: b\n"
                          "workflow-order@1: context, analysis, contain, posture\n";
            if (cbm && mode == QuizMode::Assessment)
                answers = "kc-mining-stage@3: b\nkc-jit-posture@3: b\n"
                          "workflow-order@1: context, analysis, contain, posture\n";
            QuizResult orig = take(mode, 5, cbm, answers, "ana");
            QuizResult back;
            std::string err;
            REQUIRE(quiz_result_from_json(quiz_result_to_json(orig), "r.json", back, err));
            back.mark = 999; // written marks are ignored
            for (auto& q : back.questions) q.mark = q.max_mark;
            QuizResult re;
            INFO(quiz_mode_name(mode) << " cbm " << cbm);
            REQUIRE(regrade_quiz_result(bank(), back, re, err));
            CHECK(re.mark == Approx(orig.mark));
            CHECK(re.percent == Approx(orig.percent));
            CHECK(re.passed == orig.passed);
            REQUIRE(re.questions.size() == orig.questions.size());
            for (size_t i = 0; i < re.questions.size(); ++i) {
                CHECK(re.questions[i].mark == Approx(orig.questions[i].mark));
                CHECK(re.questions[i].misconceptions == orig.questions[i].misconceptions);
            }
            CHECK(re.trainee == "ana");
        }
}

TEST_CASE("re-grading refuses results that do not fit the bank", "[cohort][quiz]") {
    QuizResult r = take(QuizMode::Assessment, 3, false, kMixed, "bo");
    QuizResult out;
    std::string err;
    SECTION("another bank version") {
        r.bank_hash = "0123";
        CHECK_FALSE(regrade_quiz_result(bank(), r, out, err));
        CHECK(err.find("another version of bank 'module_4_8'") != std::string::npos);
    }
    SECTION("a question the seed does not draw") {
        r.questions[0].id = "no-such-question";
        CHECK_FALSE(regrade_quiz_result(bank(), r, out, err));
        CHECK(err == "question 'no-such-question' is not drawn by seed 3 from this bank");
    }
    SECTION("an answer that does not read") {
        for (auto& q : r.questions)
            if (q.id == "posture-ssh-port") q.response = "twenty-two";
        CHECK_FALSE(regrade_quiz_result(bank(), r, out, err));
        CHECK(err.find("the answer to question 'posture-ssh-port' does not read") !=
              std::string::npos);
    }
    SECTION("more tries than the mode allows") {
        for (auto& q : r.questions)
            if (q.id == "kc-jit-posture") q.tries = 2;
        CHECK_FALSE(regrade_quiz_result(bank(), r, out, err));
        CHECK(err == "question 'kc-jit-posture' records 2 tries; this bank allows 1 to 1 in "
                     "assessment mode");
    }
}

TEST_CASE("a cohort's quiz results are grouped by bank and analysed", "[cohort][quiz]") {
    test::TempDir tmp("cohort-quiz");
    const fs::path& dir = tmp.path;
    std::string err;
    // Five trainees, better and worse, so discrimination has something to measure.
    const char* answer_sets[] = {
        "kc-mining-stage: a\nkc-jit-posture: b\nposture-ssh-port: 22\n",
        "kc-mining-stage: a\nkc-jit-posture: b\nposture-ssh-port: 3389\n",
        "kc-mining-stage: b\nkc-jit-posture: b\nposture-ssh-port: 22\n",
        "kc-mining-stage: b\nkc-jit-posture: a\nposture-ssh-port: 3389\n",
        "kc-mining-stage: a\nkc-jit-posture: a\nposture-ssh-port: 22\n",
    };
    for (int i = 0; i < 5; ++i) {
        QuizResult r =
            take(QuizMode::Assessment, 11, false, answer_sets[i], "t" + std::to_string(i));
        if (i == 4) r.percent = 100; // claims more than the answers earn
        REQUIRE(save_quiz_result((dir / ("q" + std::to_string(i) + ".json")).string(), r, err));
    }
    QuizResult old = take(QuizMode::Assessment, 11, false, answer_sets[0], "old");
    old.bank_hash = "feedface";
    REQUIRE(save_quiz_result((dir / "old.json").string(), old, err));
    QuizResult other = take(QuizMode::Assessment, 11, false, answer_sets[0], "x");
    other.bank_id = "no_such_bank";
    REQUIRE(save_quiz_result((dir / "other.json").string(), other, err));

    std::vector<std::string> missing, unreadable, skipped;
    auto files = collect_json_files({dir.string()}, missing);
    std::vector<GradedQuiz> quizzes;
    auto attempts =
        grade_files(files, test::catalog(), GradeOptions{}, unreadable, skipped, &quizzes);
    CHECK(attempts.empty());
    CHECK(unreadable.empty());
    CHECK(skipped.empty());
    REQUIRE(quizzes.size() == 7);
    QuizCohort q = summarize_quizzes(quizzes);
    CHECK(q.graded == 5);
    CHECK(q.flagged == 3);
    REQUIRE(q.banks.size() == 1);
    const ItemAnalysis& a = q.banks[0];
    CHECK(a.bank_id == "module_4_8");
    CHECK(a.test.attempts == 5);
    const QuestionStats* ssh = nullptr;
    for (const auto& s : a.questions)
        if (s.id == "posture-ssh-port") ssh = &s;
    REQUIRE(ssh);
    CHECK(ssh->facility == Approx(60.0)); // three of five right
    CHECK(ssh->discrimination);

    auto kind_of = [&](const std::string& who) {
        for (const auto& g : q.results)
            if (g.trainee == who) return g.flags.empty() ? std::string() : g.flags[0].kind;
        return std::string("absent");
    };
    CHECK(kind_of("t4") == "score_mismatch");
    CHECK(kind_of("old") == "hash_mismatch");
    CHECK(kind_of("x") == "bank_missing");
    CHECK(kind_of("t0").empty());

    auto j = quiz_cohort_to_json(q);
    CHECK(j["graded"] == 5);
    CHECK(j["banks"][0]["format"] == "alertdrill-quiz-stats");
    CHECK(j["results"].size() == 7);
    std::string results_csv = quiz_results_to_csv(q), items_csv = quiz_items_to_csv(q);
    CHECK(std::count(results_csv.begin(), results_csv.end(), '\n') == 8);
    CHECK(items_csv.find("module_4_8,posture-ssh-port,numeric,5,60.00,") != std::string::npos);
    std::string html = cohort_html({}, CohortSummary{}, &q);
    CHECK(html.find("<h1>Knowledge checks</h1>") != std::string::npos);
    CHECK(html.find("Mean score by workflow step") == std::string::npos); // no transcripts
    CHECK(html.find("posture-ssh-port") != std::string::npos);
    CHECK(html.find("score_mismatch: the file says 100.00%") != std::string::npos);

    // Without a place for them, quiz results are skipped as before.
    std::vector<std::string> skipped2;
    grade_files(files, test::catalog(), GradeOptions{}, unreadable, skipped2);
    CHECK(skipped2.size() == 7);
}
