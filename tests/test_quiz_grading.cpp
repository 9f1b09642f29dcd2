// Grading of every question type, Moodle's interactive penalty, certainty-based marking, seeds.
#include "alertdrill/quiz.hpp"
#include "alertdrill/quiz_attempt.hpp"
#include "alertdrill/quiz_script.hpp"
#include "alertdrill/text.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace alertdrill;

namespace {

const char* kBank = R"(
[bank]
title = "Grading fixture"
penalty = 0.25
[bank.practice]
tries = 3
[bank.assessment]
time_limit_minutes = 10
pass_percent = 60

[[question]]
id = "single"
type = "single"
text = "Stage of a running miner?"
hints = ["Is code running?", "It is past initial access."]
misconception = "generic"
  [[question.option]]
  id = "mid"
  text = "Mid"
  correct = true
  [[question.option]]
  id = "early"
  text = "Early"
  misconception = "execution-may-not-have-succeeded"
  feedback = "Early means it may have failed."
  [[question.option]]
  id = "half"
  text = "Half right"
  fraction = 0.5

[[question]]
id = "multi"
type = "multiple"
text = "Contain storage"
  [[question.option]]
  id = "rotate"
  text = "Rotate keys"
  fraction = 0.5
  [[question.option]]
  id = "sas"
  text = "Revoke SAS"
  fraction = 0.5
  [[question.option]]
  id = "ip"
  text = "Block IP only"
  fraction = -1.0
  misconception = "block-ip-is-enough"

[[question]]
id = "tf"
type = "truefalse"
text = "Suppression disables the detection."
answer = false
misconception = "suppression-is-harmless"

[[question]]
id = "short"
type = "short"
text = "Sign-in table?"
  [[question.accept]]
  text = "Signin  Logs"
  [[question.accept]]
  pattern = "azure ?ad ?signins?"
  fraction = 0.5
  [[question.accept]]
  text = "StorageBlobLogs"
  fraction = 0.0
  misconception = "key-vs-identity-access"

[[question]]
id = "exact"
type = "short"
text = "Alert type?"
case_sensitive = true
whitespace = "ignore"
  [[question.accept]]
  text = "VM_SshBruteForceSuccess"

[[question]]
id = "num"
type = "numeric"
text = "Minutes?"
unit = "min"
  [[question.accept]]
  value = 4
  tolerance = 0.5
  [[question.accept]]
  value = 2
  fraction = 0.5

[[question]]
id = "order"
type = "ordering"
text = "Order"
  [[question.item]]
  id = "a"
  text = "A"
  [[question.item]]
  id = "b"
  text = "B"
  [[question.item]]
  id = "c"
  text = "C"
  [[question.item]]
  id = "d"
  text = "D"

[[question]]
id = "match"
type = "matching"
text = "Match"
distractors = ["Impact"]
  [[question.pair]]
  id = "ssh"
  prompt = "Failed SSH brute force"
  answer = "Early"
  [[question.pair]]
  id = "miner"
  prompt = "Miner"
  answer = "Mid"
  misconception = "execution-may-not-have-succeeded"
  [[question.pair]]
  id = "exfil"
  prompt = "Exfiltration"
  answer = "Late"

[[question]]
id = "tpl"
type = "short"
text = "Port for {{service}}?"
  [[question.accept]]
  text = "{{port}}"
  [[question.variant]]
  service = "SSH"
  port = "22"
  [[question.variant]]
  service = "RDP"
  port = "3389"
)";

QuestionBank load() {
    QuestionBank b;
    Diagnostics d;
    REQUIRE(load_question_bank_text(kBank, "grading.toml", b, d));
    return b;
}

std::string join_order(const PresentedQuestion& p) {
    return join(p.order, ",");
}

double grade(const QuestionBank& b, const std::string& id, const std::string& answer) {
    const Question* q = b.find(id);
    REQUIRE(q);
    QuizResponse r;
    std::string err;
    REQUIRE(parse_response(*q, answer, r, err));
    return grade_response(*q, r).fraction;
}

} // namespace

TEST_CASE("single choice and true/false take the chosen option's fraction", "[quiz][grading]") {
    auto b = load();
    CHECK(grade(b, "single", "mid") == 1.0);
    CHECK(grade(b, "single", "half") == 0.5);
    CHECK(grade(b, "single", "early") == 0.0);
    CHECK(grade(b, "tf", "false") == 1.0);
    CHECK(grade(b, "tf", "T") == 0.0);
    QuizResponse r;
    std::string err;
    REQUIRE(parse_response(*b.find("single"), "early", r, err));
    Grade g = grade_response(*b.find("single"), r);
    CHECK(g.misconceptions == std::vector<std::string>{"execution-may-not-have-succeeded"});
    CHECK(g.feedback == std::vector<std::string>{"Early means it may have failed."});
    REQUIRE(parse_response(*b.find("tf"), "true", r, err));
    CHECK(grade_response(*b.find("tf"), r).misconceptions ==
          std::vector<std::string>{"suppression-is-harmless"});
}

TEST_CASE("multiple response sums weights, negatives included, clamped to 0..1",
          "[quiz][grading]") {
    auto b = load();
    CHECK(grade(b, "multi", "rotate, sas") == 1.0);
    CHECK(grade(b, "multi", "rotate") == 0.5);
    CHECK(grade(b, "multi", "rotate sas ip") == 0.0);
    CHECK(grade(b, "multi", "ip") == 0.0);
}

TEST_CASE("short answers follow case and whitespace rules and patterns", "[quiz][grading]") {
    auto b = load();
    CHECK(grade(b, "short", "signin logs") == 1.0); // case folded, whitespace collapsed
    CHECK(grade(b, "short", "  SIGNIN   LOGS ") == 1.0);
    CHECK(grade(b, "short", "SigninLogs") == 0.0); // collapse keeps one space
    CHECK(grade(b, "short", "Azure AD signins") == 0.5);
    CHECK(grade(b, "short", "storagebloblogs") == 0.0);
    CHECK(grade(b, "exact", "VM_Ssh BruteForceSuccess") == 1.0); // whitespace ignored
    CHECK(grade(b, "exact", "vm_sshbruteforcesuccess") == 0.0);  // case sensitive
}

TEST_CASE("numeric answers use tolerance and an optional unit", "[quiz][grading]") {
    auto b = load();
    CHECK(grade(b, "num", "4") == 1.0);
    CHECK(grade(b, "num", "4.5 min") == 1.0);
    CHECK(grade(b, "num", "4.6") == 0.0);
    CHECK(grade(b, "num", "2") == 0.5);
    QuizResponse r;
    std::string err;
    CHECK_FALSE(parse_response(*b.find("short"), std::string(5000, 'a'), r, err));
    CHECK(err == "the answer is 5000 characters long; answers are limited to 2000");
    CHECK_FALSE(parse_response(*b.find("num"), "four", r, err));
    CHECK(err == "'four' is not a number (optionally followed by min)");
}

TEST_CASE("ordering scores adjacent pairs; matching scores each prompt", "[quiz][grading]") {
    auto b = load();
    CHECK(grade(b, "order", "a,b,c,d") == 1.0);
    CHECK(grade(b, "order", "a,b,d,c") == Approx(1.0 / 3)); // only a->b is a right next item
    CHECK(grade(b, "order", "c,d,a,b") == Approx(2.0 / 3)); // c->d and a->b
    CHECK(grade(b, "order", "d,c,b,a") == 0.0);
    CHECK(grade(b, "match", "ssh=Early; miner=Mid; exfil=Late") == 1.0);
    CHECK(grade(b, "match", "ssh=early; miner=Early; exfil=Late") == Approx(2.0 / 3));
    QuizResponse r;
    std::string err;
    REQUIRE(parse_response(*b.find("match"), "miner=Impact", r, err));
    CHECK(grade_response(*b.find("match"), r).misconceptions ==
          std::vector<std::string>{"execution-may-not-have-succeeded"});
    CHECK_FALSE(parse_response(*b.find("order"), "a,b,c", r, err));
    CHECK(err == "put all 4 items in order; got 3");
    CHECK_FALSE(parse_response(*b.find("match"), "ssh=Sideways", r, err));
    CHECK(err == "'Sideways' is not one of the choices (Early; Mid; Late; Impact)");
}

TEST_CASE("practice mode: the last try less the penalty per earlier try, never below zero",
          "[quiz][attempt]") {
    auto b = load();
    QuizAttempt a(b, QuizMode::Practice, 5, false);
    size_t i = static_cast<size_t>(a.index_of("single"));
    QuizResponse wrong, right, half;
    std::string err;
    REQUIRE(parse_response(a.questions()[i].question, "early", wrong, err));
    REQUIRE(parse_response(a.questions()[i].question, "mid", right, err));
    TryFeedback fb;
    REQUIRE(a.submit(i, wrong, 0, 1, fb, err));
    CHECK(fb.graded);
    CHECK_FALSE(fb.finished);
    CHECK(fb.tries_left == 2);
    CHECK(fb.hint == "Is code running?");
    REQUIRE(a.submit(i, wrong, 0, 2, fb, err));
    CHECK(fb.hint == "It is past initial access.");
    REQUIRE(a.submit(i, right, 0, 3, fb, err));
    CHECK(fb.finished);
    CHECK(fb.mark == Approx(1.0 - 2 * 0.25)); // two earlier tries at 25% each
    CHECK_FALSE(a.submit(i, right, 0, 4, fb, err));
    CHECK(err == "question 'single' is already finished; no more tries");

    // Partial credit on the third try: 0.5 - 0.5 clamps at zero rather than going negative.
    size_t m = static_cast<size_t>(a.index_of("multi"));
    QuizResponse none, rotate;
    REQUIRE(parse_response(a.questions()[m].question, "ip", none, err));
    REQUIRE(parse_response(a.questions()[m].question, "rotate", rotate, err));
    REQUIRE(a.submit(m, none, 0, 5, fb, err));
    REQUIRE(a.submit(m, none, 0, 6, fb, err));
    REQUIRE(a.submit(m, rotate, 0, 7, fb, err));
    CHECK(fb.finished);
    CHECK(fb.mark == 0.0);
    CHECK(fb.right_answer == "rotate, sas");
    QuizResult r = a.finish(60);
    CHECK(r.mark == Approx(0.5));
    CHECK(r.questions[i].tries == 3);
}

TEST_CASE("certainty-based marking follows Moodle's 1/2/3 and 0/-2/-6", "[quiz][cbm]") {
    CHECK(cbm_score(1, 1) == 1);
    CHECK(cbm_score(1, 2) == 2);
    CHECK(cbm_score(1, 3) == 3);
    CHECK(cbm_score(0, 1) == 0);
    CHECK(cbm_score(0, 2) == -2);
    CHECK(cbm_score(0, 3) == -6);
    CHECK(cbm_score(0.5, 3) == Approx(-1.5)); // halfway between -6 and 3

    auto b = load();
    QuizAttempt a(b, QuizMode::Assessment, 1, true);
    std::vector<ScriptedAnswer> script;
    Diagnostics d;
    REQUIRE(parse_answer_script("single@3: mid\nmulti@3: ip\ntf@1: false\nshort@2: signinlogs\n",
                                "a.txt", script, d));
    REQUIRE(run_answer_script(a, script, "a.txt", d));
    QuizResult r = a.finish(30);
    // 3 - 6 + 1 - 2 = -4 of a plain maximum of 9 marks.
    CHECK(r.mark == Approx(-4));
    CHECK(r.max_mark == Approx(9));
    CHECK(r.accuracy_percent == Approx(100.0 * 2 / 9));
    REQUIRE(r.calibration.size() == 3);
    CHECK(r.calibration[0].certainty == 1);
    CHECK(r.calibration[0].judgement == "under-confident"); // 100% right at certainty 1
    CHECK(r.calibration[2].count == 2);
    CHECK(r.calibration[2].mean_fraction == Approx(0.5));
    CHECK(r.calibration[2].judgement == "over-confident");

    QuizAttempt missing(b, QuizMode::Assessment, 1, true);
    script.clear();
    REQUIRE(parse_answer_script("single: mid\n", "b.txt", script, d));
    CHECK_FALSE(run_answer_script(missing, script, "b.txt", d));
    CHECK(d.format() == "b.txt:1:1: error: certainty-based marking is on: write 'single@N: ...' "
                        "with N = 1, 2 or 3\n");
}

TEST_CASE("assessment mode: no feedback, last answer counts, time limit, pass mark",
          "[quiz][attempt]") {
    auto b = load();
    QuizAttempt a(b, QuizMode::Assessment, 3, false);
    std::vector<ScriptedAnswer> script;
    Diagnostics d;
    REQUIRE(parse_answer_script("single: early\nsingle: mid\nmulti: rotate, sas\ntf: false\n"
                                "@elapsed 601\nnum: 4\n",
                                "s.txt", script, d));
    std::vector<ScriptStep> steps;
    CHECK(run_answer_script(a, script, "s.txt", d, &steps)); // the late answer is a warning
    CHECK(d.format() ==
          "s.txt:6:1: warning: the time limit of 10 minutes has passed; the answer to 'num' was "
          "not accepted\n");
    for (const auto& s : steps) CHECK_FALSE(s.feedback.graded);
    QuizResult r = a.finish(601);
    CHECK(r.time_up);
    CHECK(r.mark == Approx(3));
    CHECK(r.percent == Approx(100.0 * 3 / 9));
    CHECK_FALSE(r.passed);
    CHECK(r.questions[static_cast<size_t>(a.index_of("single"))].tries == 1);
}

TEST_CASE("answer scripts report unknown ids and malformed answers with FILE:LINE",
          "[quiz][script]") {
    auto b = load();
    QuizAttempt a(b, QuizMode::Practice, 3, false);
    std::vector<ScriptedAnswer> script;
    Diagnostics d;
    REQUIRE(parse_answer_script("# comment\nsingel: mid\nmulti: rotate, nope\nnum: lots\ntf:\n",
                                "x.answers", script, d));
    CHECK_FALSE(run_answer_script(a, script, "x.answers", d));
    CHECK(d.format() ==
          "x.answers:2:1: error: unknown question 'singel' (did you mean 'single'?)\n"
          "x.answers:3:1: error: malformed answer to 'multi': 'nope' is not an "
          "option of question 'multi' "
          "(options: rotate, sas, ip)\n"
          "x.answers:4:1: error: malformed answer to 'num': 'lots' is not a number "
          "(optionally followed by min)\n"
          "x.answers:5:1: error: blank answer to 'tf'; in practice mode leave the line "
          "out to skip a question\n");
    Diagnostics d2;
    script.clear();
    CHECK_FALSE(parse_answer_script("just text\n  single@4: mid\n@elapsed soon\n", "y.answers",
                                    script, d2));
    CHECK(d2.format() ==
          "y.answers:1:1: error: expected 'QUESTION-ID: ANSWER' (or 'QUESTION-ID@CERTAINTY: "
          "ANSWER')\n"
          "y.answers:2:10: error: certainty must be 1, 2 or 3, not '4'\n"
          "y.answers:3:1: error: '@elapsed' needs a number of seconds, e.g. '@elapsed 300'\n");
}

TEST_CASE("the same seed gives the same variants and orders; others differ", "[quiz][seed]") {
    auto b = load();
    auto signature = [&](uint64_t seed) {
        QuizAttempt a(b, QuizMode::Practice, seed, false);
        std::string s;
        for (const auto& p : a.questions())
            s += std::to_string(p.variant) + ":" + join_order(p) + "|";
        return s;
    };
    CHECK(signature(42) == signature(42));
    std::set<std::string> seen;
    for (uint64_t s = 0; s < 20; ++s) seen.insert(signature(s));
    CHECK(seen.size() > 5);
    // Ordering questions never start in the right order.
    for (uint64_t s = 0; s < 50; ++s) {
        QuizAttempt a(b, QuizMode::Practice, s, false);
        const auto& p = a.questions()[static_cast<size_t>(a.index_of("order"))];
        CHECK(p.order != std::vector<std::string>{"a", "b", "c", "d"});
    }
    // Template variants: both appear across seeds, and the answer follows the variant.
    std::set<std::string> texts;
    for (uint64_t s = 0; s < 20; ++s) {
        QuizAttempt a(b, QuizMode::Practice, s, false);
        const auto& q = a.questions()[static_cast<size_t>(a.index_of("tpl"))].question;
        texts.insert(q.text);
        QuizResponse r;
        std::string err;
        REQUIRE(parse_response(q, q.text.find("SSH") != std::string::npos ? "22" : "3389", r, err));
        CHECK(grade_response(q, r).fraction == 1.0);
    }
    CHECK(texts == std::set<std::string>{"Port for SSH?", "Port for RDP?"});
    // Splitmix64 is fixed, so a seed's draws are the same on every platform and build.
    QuizRng rng(42);
    CHECK(rng.next() == 0xBDD732262FEB6E95ull);
}
