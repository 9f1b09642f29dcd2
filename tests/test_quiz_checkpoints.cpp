// Scenario checkpoints: questions due after an action or an alert, answered with
// `answer ID ANSWER` through Session::apply, scored in their step and re-scored from the
// transcript.
#include "alertdrill/query_console.hpp"
#include "alertdrill/scoring.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "test_support.hpp"

#include <algorithm>

using namespace alertdrill;

namespace {

std::unique_ptr<Session> start(const std::string& scenario, Mode mode = Mode::Practice,
                               uint64_t seed = 1) {
    static std::map<std::string, ScenarioDef> defs;
    if (!defs.count(scenario))
        defs.emplace(scenario, test::load(test::source_path("scenarios/" + scenario + ".toml")));
    Diagnostics d;
    auto inst = instantiate(defs.at(scenario), test::catalog(), seed, d);
    REQUIRE(inst);
    return std::make_unique<Session>(inst, test::catalog(), mode);
}

std::vector<std::string> due_ids(const Session& s) {
    std::vector<std::string> out;
    for (const auto& c : s.due_checkpoints()) out.push_back(c.checkpoint->id);
    return out;
}

const CheckpointScore& checkpoint_score(const Score& sc, const std::string& id) {
    for (const auto& c : sc.checkpoints)
        if (c.id == id) return c;
    FAIL("no checkpoint score " << id);
    return sc.checkpoints.front();
}

} // namespace

TEST_CASE("a checkpoint is due after its action and answered once", "[checkpoint]") {
    auto s = start("crypto_mining_vm");
    CHECK(due_ids(*s).empty());
    ApplyResult early = s->apply("answer stage mid");
    CHECK_FALSE(early.ok);
    CHECK(early.error == "checkpoint 'stage' is not due yet");
    CHECK(s->history().empty());

    ApplyResult r = s->apply("review_alert_details mining-01");
    REQUIRE(r.ok);
    CHECK(r.checkpoints_due == std::vector<std::string>{"stage"});
    CHECK(due_ids(*s) == std::vector<std::string>{"stage"});
    const DueCheckpoint due = s->due_checkpoints().front();
    CHECK(due.since_min == s->now_min());
    CHECK(due.checkpoint->step == Step::Analysis);
    REQUIRE(due.presented.order.size() == 3);

    // The number of the option as shown picks it; the record keeps the option id.
    size_t shown = std::find(due.presented.order.begin(), due.presented.order.end(), "mid") -
                   due.presented.order.begin();
    int before = s->now_min();
    ApplyResult a = s->apply("answer stage " + std::to_string(shown + 1));
    REQUIRE(a.ok);
    CHECK(s->now_min() == before); // answering takes no simulated time
    CHECK(a.outcome.rfind("Correct.", 0) == 0);
    CHECK(s->history().back().line == "answer stage mid");
    CHECK(s->history().back().action == "answer");
    CHECK(s->history().back().target == "stage");
    CHECK(due_ids(*s).empty());
    CHECK(s->apply("answer stage mid").error == "checkpoint 'stage' is already answered");

    Score sc = compute_score(*s);
    const auto& cs = checkpoint_score(sc, "stage");
    CHECK(cs.answered);
    CHECK(cs.earned == 3);
    CHECK(cs.response == "mid");
}

TEST_CASE("malformed answers are refused and change nothing", "[checkpoint]") {
    auto s = start("crypto_mining_vm");
    REQUIRE(s->apply("review_alert_details mining-01").ok);
    size_t n = s->history().size();
    CHECK(s->apply("answer").error.rfind("answer takes a checkpoint id and an answer", 0) == 0);
    CHECK(s->apply("answer stage").error.rfind("answer takes a checkpoint id", 0) == 0);
    CHECK(s->apply("answer stag mid").error ==
          "no checkpoint 'stag' in this scenario (did you mean 'stage'?)");
    CHECK(s->apply("answer stage z").error.find("'z' is not an option of question 'stage'") !=
          std::string::npos);
    CHECK(s->history().size() == n);
    CHECK(due_ids(*s) == std::vector<std::string>{"stage"});
}

TEST_CASE("a short-answer checkpoint's right answer follows the scenario variant", "[checkpoint]") {
    for (uint64_t seed : {1, 2, 3}) {
        auto s = start("crypto_mining_vm", Mode::Practice, seed);
        REQUIRE(s->apply("review_auth_logs vm-web-prod-01").ok);
        REQUIRE(due_ids(*s) == std::vector<std::string>{"entry_ip"});
        const std::string ip = s->instance().variables.at("attacker_ip");
        ApplyResult wrong = s->apply("answer entry_ip 10.20.1.4");
        REQUIRE(wrong.ok);
        CHECK(wrong.outcome.find("Incorrect.") == 0);
        CHECK(wrong.outcome.find("The right answer: " + ip + ".") != std::string::npos);
        Score sc = compute_score(*s);
        const auto& cs = checkpoint_score(sc, "entry_ip");
        CHECK(cs.earned == 0);
        CHECK(cs.right_answer == ip);
        CHECK(cs.misconceptions == std::vector<std::string>{"entry-point-not-in-logs"});
        auto line = std::find_if(sc.feedback.begin(), sc.feedback.end(),
                                 [](const ScoreLine& l) { return l.ref == "entry_ip"; });
        REQUIRE(line != sc.feedback.end());
        CHECK(line->kind == "checkpoint");
        CHECK(line->points == -3);
        CHECK(line->text.find("you answered '10.20.1.4'; the right answer is '" + ip + "'") !=
              std::string::npos);
    }
}

TEST_CASE("an alert's release makes its checkpoint due", "[checkpoint]") {
    SECTION("an alert at minute 0 asks at once") {
        auto s = start("arm_suspicious_operations");
        ApplyResult r = s->apply("review_alert_details rbac-01");
        REQUIRE(r.ok);
        CHECK(r.checkpoints_due == std::vector<std::string>{"first_move"});
        CHECK(s->due_checkpoints().front().since_min == 0);
    }
    SECTION("a later alert asks when it appears") {
        auto s = start("multi_stage_incident");
        REQUIRE(s->apply("wait 60").ok);
        CHECK(std::find(due_ids(*s).begin(), due_ids(*s).end(), "chain") == due_ids(*s).end());
        CHECK(s->apply("answer chain ssh=Early; miner=Mid; rbac=Late").error ==
              "checkpoint 'chain' is not due yet");
        ApplyResult r = s->apply("wait 30");
        REQUIRE(r.ok);
        CHECK(r.checkpoints_due == std::vector<std::string>{"chain"});
        ApplyResult a = s->apply("answer chain ssh=early; miner=mid; rbac=mid");
        REQUIRE(a.ok);
        CHECK(a.outcome.rfind("Partly correct.", 0) == 0);
        CHECK(s->history().back().line == "answer chain ssh=Early; miner=Mid; rbac=Mid");
        Score sc = compute_score(*s);
        CHECK(checkpoint_score(sc, "chain").earned == 2); // 3 points x 2/3
        CHECK(checkpoint_score(sc, "chain").misconceptions ==
              std::vector<std::string>{"identity-alerts-are-early"});
    }
}

TEST_CASE("unanswered checkpoints say whether they were asked", "[checkpoint]") {
    auto s = start("crypto_mining_vm");
    REQUIRE(s->apply("review_alert_details mining-01").ok);
    REQUIRE(s->apply("end").ok);
    Score sc = compute_score(*s);
    std::vector<std::string> texts;
    for (const auto& f : sc.feedback)
        if (f.kind == "checkpoint") texts.push_back(f.text);
    REQUIRE(texts.size() == 2);
    CHECK(texts[0].find("asked at minute") != std::string::npos);
    CHECK(texts[0].find("never answered") != std::string::npos);
    CHECK(texts[1].find("never asked") != std::string::npos);
    CHECK_FALSE(checkpoint_score(sc, "stage").answered);
    CHECK(checkpoint_score(sc, "stage").due);
    CHECK_FALSE(checkpoint_score(sc, "entry_ip").due);
}

TEST_CASE("assessment mode records a checkpoint answer without revealing it", "[checkpoint]") {
    auto s = start("crypto_mining_vm", Mode::Assessment);
    REQUIRE(s->apply("review_alert_details mining-01").ok);
    ApplyResult a = s->apply("answer stage early");
    REQUIRE(a.ok);
    CHECK(a.outcome.find("recorded") != std::string::npos);
    CHECK(a.outcome.find("mid") == std::string::npos);
    CHECK(a.outcome.find("Incorrect") == std::string::npos);
    Score sc = compute_score(*s);
    CHECK(checkpoint_score(sc, "stage").earned == 0);
    CHECK(checkpoint_score(sc, "stage").misconceptions ==
          std::vector<std::string>{"execution-may-not-have-succeeded"});
}

TEST_CASE("checkpoint answers replay from the transcript to the same score", "[checkpoint]") {
    auto s = start("multi_stage_incident", Mode::Practice, 2);
    for (const char* line : {"review_alert_details ssh-success-01", "answer first_stage early",
                             "wait 85", "answer chain miner=Mid; ssh=Early; rbac=Late", "end"})
        REQUIRE(s->apply(line).ok);
    Score sc = compute_score(*s);
    CHECK(checkpoint_score(sc, "first_stage").earned == 3);
    CHECK(checkpoint_score(sc, "chain").earned == 3);
    Transcript t = make_transcript(*s, 2, {}, "tester", "2026-12-04T00:00:00Z");
    Diagnostics d;
    auto back = parse_transcript(transcript_to_json(t).dump(), "t.json", d);
    REQUIRE(back);
    ScenarioDef def = test::load(test::source_path("scenarios/multi_stage_incident.toml"));
    auto replay = replay_transcript(*back, def, test::catalog(), d);
    INFO(d.format());
    REQUIRE(replay);
    CHECK(score_to_json(replay->score).dump() == score_to_json(sc).dump());
}

TEST_CASE("the expert path answers every checkpoint right after its trigger", "[checkpoint]") {
    auto s = start("crypto_mining_vm");
    auto path = s->expert_path();
    auto at = [&](const std::string& line) {
        return std::find(path.begin(), path.end(), line) - path.begin();
    };
    REQUIRE(at("answer stage mid") < static_cast<long>(path.size()));
    CHECK(at("answer stage mid") == at("review_alert_details mining-01") + 1);
    CHECK(at("answer entry_ip 203.0.113.77") == at("review_auth_logs vm-web-prod-01") + 1);
}

TEST_CASE("checkpoint problems are reported at the checkpoint", "[checkpoint][loader]") {
    std::string text, err;
    REQUIRE(read_file("tests/data/valid/minimal.toml", text, err));
    // 60 + 40 rubric points already make 100; the checkpoints below add 5 more.
    text += R"(
[[checkpoint]]
id = "cp1"
after = "review_alert_detail a1"
step = "analysis"
points = 2
  [checkpoint.question]
  type = "single"
  text = "Stage?"
    [[checkpoint.question.option]]
    id = "a"
    text = "A"

[[checkpoint]]
id = "cp1"
on_alert = "a2"
step = "analysis"
points = 2
  [checkpoint.question]
  type = "truefalse"
  text = "True?"
  answer = true
  colour = "red"

[[checkpoint]]
id = "cp3"
step = "documentation"
points = 1
  [checkpoint.question]
  type = "evidence"
  text = "Which?"
  scenario = "minimal"
  answer_key = "guess"
  answer_column = "Computer"
)";
    Diagnostics d;
    auto def = load_scenario_text(text, "cp.toml", test::catalog(), d);
    CHECK_FALSE(def);
    d.sort();
    std::string got = d.format();
    INFO(got);
    for (const char* want :
         {"cp.toml:2:1: error: the rubric, report and checkpoint points add up to 105; they must "
          "add up to 100",
          "error: checkpoint 'cp1' is due after action 'review_alert_detail', which is not in the "
          "catalog (did you mean 'review_alert_details'?)",
          "cp.toml:84:3: error: question 'cp1' needs at least two options",
          "error: duplicate checkpoint id 'cp1'",
          "error: checkpoint 'cp1' is due when alert 'a2' appears, which is not defined (did you "
          "mean 'a1'?)",
          "error: unknown key 'colour' in the question of checkpoint 'cp1'",
          "error: checkpoint 'cp3' needs a trigger",
          "error: a checkpoint question cannot be of type 'evidence'"})
        CHECK(got.find(want) != std::string::npos);
}

TEST_CASE("a checkpoint after an action alias fires on the catalog action", "[checkpoint]") {
    std::string text, err;
    REQUIRE(read_file("tests/data/valid/minimal.toml", text, err));
    auto at = text.find("points = 40");
    REQUIRE(at != std::string::npos);
    text.replace(at, 11, "points = 37");
    text += R"(
[[checkpoint]]
id = "worked"
after = "query"
step = "analysis"
points = 3
  [checkpoint.question]
  type = "truefalse"
  text = "Did a guess succeed before minute 0?"
  answer = false
)";
    Diagnostics d;
    auto def = load_scenario_text(text, "alias.toml", test::catalog(), d);
    INFO(d.format());
    REQUIRE(def);
    auto inst = instantiate(*def, test::catalog(), 1, d);
    REQUIRE(inst);
    Session s(inst, test::catalog());
    ApplyResult r = s.apply("run_query Syslog | take 1");
    REQUIRE(r.ok);
    CHECK(r.checkpoints_due == std::vector<std::string>{"worked"});
    REQUIRE(s.apply("answer worked false").ok);
    CHECK(compute_score(s).checkpoints.at(0).earned == 3);
}

TEST_CASE("a checkpoint is due when a query finds its evidence row", "[checkpoint]") {
    auto s = start("crypto_mining_vm");
    s->set_query_runner(run_session_query);
    REQUIRE(s->apply("review_alert_details mining-01").ok);
    ApplyResult none = s->apply("query Syslog | take 3");
    REQUIRE(none.ok);
    CHECK(none.checkpoints_due.empty());
    ApplyResult r =
        s->apply("query Syslog | where Computer == \"vm-web-prod-01\" and SyslogMessage "
                 "has \"Accepted password\"");
    REQUIRE(r.ok);
    CHECK(r.checkpoints_due == std::vector<std::string>{"entry_ip"});
    CHECK_FALSE(s->done("review_auth_logs"));
    REQUIRE(s->apply("answer entry_ip 203.0.113.77").ok);
    CHECK(checkpoint_score(compute_score(*s), "entry_ip").earned == 3);
}
