// Evidence questions: right answers computed from a scenario's instantiated evidence per seed,
// graded from a value or from the trainee's KQL query.
#include "alertdrill/gift.hpp"
#include "alertdrill/quiz.hpp"
#include "alertdrill/quiz_attempt.hpp"
#include "alertdrill/quiz_evidence.hpp"
#include "test_support.hpp"

#include <set>

using namespace alertdrill;

namespace {

const std::string kBank =
    std::string(ALERTDRILL_SOURCE_DIR) + "/content/quizzes/module_4_8_evidence.toml";

const QuestionBank& evidence_bank() {
    static QuestionBank bank = [] {
        QuestionBank b;
        Diagnostics d;
        bool ok = load_question_bank(kBank, b, d);
        INFO(d.format());
        REQUIRE(ok);
        REQUIRE(d.empty());
        return b;
    }();
    return bank;
}

/// The scenario variable the author's query or key row should have found, per seed.
std::string variable_at(const std::string& scenario, uint64_t seed, const std::string& var) {
    ScenarioDef def = test::load(test::source_path("scenarios/" + scenario + ".toml"));
    Diagnostics d;
    auto inst = instantiate(def, test::catalog(), seed, d);
    REQUIRE(inst);
    return inst->variables.at(var);
}

double grade(const Question& q, const std::string& answer) {
    QuizResponse r;
    std::string err;
    REQUIRE(parse_response(q, answer, r, err));
    return grade_response(q, r).fraction;
}

} // namespace

TEST_CASE("evidence answers come from each seed's instantiated scenario", "[quiz][evidence]") {
    const auto& bank = evidence_bank();
    REQUIRE(bank.questions.size() >= 5);
    struct Case {
        const char* id;
        const char* scenario;
        const char* variable;
    };
    for (auto c : {Case{"ev-mining-entry-ip", "crypto_mining_vm", "attacker_ip"},
                   Case{"ev-mining-account", "crypto_mining_vm", "user"},
                   Case{"ev-mining-pool", "crypto_mining_vm", "pool_ip"},
                   Case{"ev-arm-guest", "arm_suspicious_operations", "guest"},
                   Case{"ev-multi-miner-name", "multi_stage_incident", "miner"},
                   Case{"ev-multi-role-ip", "multi_stage_incident", "attacker_ip"}}) {
        INFO(c.id);
        const Question* q = bank.find(c.id);
        REQUIRE(q);
        REQUIRE(q->type == QuestionType::Evidence);
        REQUIRE(q->evidence);
        const auto& ev = *q->evidence;
        REQUIRE(ev.answers.size() == ev.seeds.size());
        REQUIRE(q->variants.size() == ev.seeds.size());
        std::set<std::string> distinct;
        for (size_t i = 0; i < ev.seeds.size(); ++i) {
            CHECK(ev.answers[i] == variable_at(c.scenario, ev.seeds[i], c.variable));
            distinct.insert(ev.answers[i]);
            // The instantiated variant carries its own seed's answer.
            Question one = instantiate_question(*q, i);
            CHECK(right_answer(one) == ev.answers[i]);
            CHECK(grade(one, ev.answers[i]) == 1.0);
        }
        CHECK(distinct.size() >= 2); // variants really differ
    }
}

TEST_CASE("placeholders in an evidence question are the scenario's variables", "[quiz][evidence]") {
    const Question* q = evidence_bank().find("ev-mining-pool");
    REQUIRE(q);
    for (size_t i = 0; i < q->variants.size(); ++i) {
        Question one = instantiate_question(*q, i);
        std::string user = variable_at("crypto_mining_vm", q->evidence->seeds[i], "user");
        CHECK(one.text.find("runs as " + user + ".") != std::string::npos);
        CHECK(one.text.find("{{") == std::string::npos);
    }
}

TEST_CASE("an evidence answer is graded as a value or as a small query result",
          "[quiz][evidence]") {
    const Question* src = evidence_bank().find("ev-mining-entry-ip");
    REQUIRE(src);
    Question q = instantiate_question(*src, 0); // seed 1
    const std::string ip = q.evidence->answers[0];
    CHECK(ip == "203.0.113.77");
    SECTION("the value, case and spacing aside") {
        CHECK(grade(q, ip) == 1.0);
        CHECK(grade(q, "  " + ip + " ") == 1.0);
        CHECK(grade(q, "198.51.100.23") == 0.0);
        CHECK(grade(q, "10.20.1.4") == 0.0);
    }
    SECTION("a query whose few rows hold the value") {
        std::string query = "Syslog | where SyslogMessage has 'Accepted password' "
                            "| extend src = extract(@'from ([0-9.]+) port', 1, SyslogMessage) "
                            "| distinct src";
        CHECK(looks_like_query(*q.evidence->instances[0], query));
        EvidenceGrade g = grade_evidence(q, query);
        CHECK(g.was_query);
        CHECK(g.right);
        CHECK(g.note.find(ip) != std::string::npos);
        CHECK(grade(q, query) == 1.0);
    }
    SECTION("a query whose cells only contain the value in longer text does not count") {
        EvidenceGrade g = grade_evidence(
            q,
            "Syslog | where SyslogMessage startswith 'Accepted password' | project SyslogMessage");
        CHECK(g.was_query);
        CHECK_FALSE(g.right);
        CHECK(g.note.find("does not hold the answer") != std::string::npos);
    }
    SECTION("a query returning everything does not count, and says why") {
        EvidenceGrade g = grade_evidence(q, "Syslog");
        CHECK_FALSE(g.right);
        CHECK(g.note.find("at most 5") != std::string::npos);
    }
    SECTION("a broken query says where it broke") {
        QuizResponse r;
        std::string err;
        REQUIRE(parse_response(q, "Syslog | where", r, err));
        Grade g = grade_response(q, r);
        CHECK(g.fraction == 0.0);
        REQUIRE(g.feedback.size() == 1);
        CHECK(g.feedback[0].rfind("Your query did not run (line 1, column", 0) == 0);
    }
    SECTION("with allow_query = false a query is just a wrong value") {
        auto ev = std::make_shared<EvidenceSource>(*q.evidence);
        ev->allow_query = false;
        q.evidence = ev;
        CHECK(grade(q, "Syslog | where SyslogMessage has 'Accepted password' | extend src = "
                       "extract(@'from ([0-9.]+) port', 1, SyslogMessage) | distinct src") == 0.0);
        CHECK(grade(q, ip) == 1.0);
    }
}

TEST_CASE("an attempt grades an evidence question against the variant it showed",
          "[quiz][evidence]") {
    const auto& bank = evidence_bank();
    std::set<std::string> seen;
    for (uint64_t seed = 1; seed <= 12; ++seed) {
        QuizAttempt attempt(bank, QuizMode::Assessment, seed, false);
        int i = attempt.index_of("ev-arm-guest");
        REQUIRE(i >= 0);
        const PresentedQuestion& p = attempt.questions()[size_t(i)];
        std::string right = right_answer(p.question);
        seen.insert(right);
        QuizResponse r;
        std::string err;
        REQUIRE(parse_response(p.question, right, r, err));
        TryFeedback fb;
        REQUIRE(attempt.submit(size_t(i), r, 0, 1.0, fb, err));
        QuizResult res = attempt.finish(2.0);
        for (const auto& qr : res.questions)
            if (qr.id == "ev-arm-guest") CHECK(qr.fraction == 1.0);
    }
    CHECK(seen.size() >= 2); // different attempts saw different guests
}

TEST_CASE("GIFT export writes one short answer per evidence seed", "[quiz][evidence][gift]") {
    Diagnostics d;
    std::string gift = bank_to_gift(evidence_bank(), d);
    const Question* q = evidence_bank().find("ev-mining-entry-ip");
    REQUIRE(q);
    for (size_t i = 0; i < q->evidence->seeds.size(); ++i) {
        std::string id = "::ev-mining-entry-ip-v" + std::to_string(i + 1) + "::";
        size_t at = gift.find(id);
        REQUIRE(at != std::string::npos);
        std::string answer = q->evidence->answers[i];
        // GIFT escapes '.' nowhere, so the address appears as written after '='.
        CHECK(gift.find("=" + answer, at) != std::string::npos);
    }
}

TEST_CASE("the author's query must give exactly one value", "[quiz][evidence]") {
    auto load = [](const std::string& keys) {
        std::string text = "[bank]\ntitle = \"t\"\nscenarios = \"scenarios\"\n[[question]]\n"
                           "id = \"q\"\ntype = \"evidence\"\ntext = \"Which?\"\n"
                           "scenario = \"crypto_mining_vm\"\n" +
                           keys + "\n";
        QuestionBank bank;
        Diagnostics d;
        bool ok =
            load_question_bank_text(text, std::string(ALERTDRILL_SOURCE_DIR) + "/b.toml", bank, d);
        d.sort();
        return std::make_pair(ok, d.format());
    };
    auto [ok1, d1] = load("answer_query = \"Syslog | take 2 | project Computer\"");
    CHECK_FALSE(ok1);
    CHECK(d1.find("b.toml:9:16: error: question 'q' (scenario 'crypto_mining_vm', seed 1): the "
                  "query gives 2 rows of 1 column; it must give exactly one value") !=
          std::string::npos);
    auto [ok2, d2] = load("answer_key = \"pool_connection\"\nanswer_column = \"RemoteIp\"");
    CHECK_FALSE(ok2);
    CHECK(d2.find("has no column 'RemoteIp' (column names are case-sensitive: did you mean "
                  "'RemoteIP'?)") != std::string::npos);
    auto [ok3, d3] = load("answer_query = \"print x = 1\"\nseeds = [1, 1]");
    CHECK_FALSE(ok3);
    CHECK(d3.find("seed 1 is listed twice") != std::string::npos);
    auto [ok4, d4] = load("answer_query = \"print x = 'same'\"\nseeds = [1, 2]");
    CHECK(ok4); // a warning only
    CHECK(d4.find("warning: question 'q' has the same answer ('same') for every seed") !=
          std::string::npos);
}
