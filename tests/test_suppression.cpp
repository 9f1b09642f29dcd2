// Alert suppression rules: specs, matching, expiry on the simulated clock, the audit and
// activity tables, and replay.
#include "alertdrill/scoring.hpp"
#include "alertdrill/suppression.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "test_support.hpp"

#include <fstream>

using namespace alertdrill;

namespace {

const char* kFixture = "tests/data/valid/suppression.toml";

std::unique_ptr<Session> fresh() {
    static ScenarioDef def = test::load(test::source_path(kFixture));
    Diagnostics d;
    auto inst = instantiate(def, test::catalog(), 1, d);
    REQUIRE(inst);
    return std::make_unique<Session>(inst, test::catalog());
}

const char* kScoped = "create_suppression_rule name=fp-scanner type=VM_SshBruteForceFailed "
                      "ip=10.0.5.20 reason=SpecificEntityFalsePositive expires=2026-06-01 "
                      "comment=\"Qualys scanner, ticket OPS-112\"";

/// A query from tests/data/kql/suppression_queries.kql (which Microsoft's parser also checks), by
/// the word after its opening "// ".
std::string named_query(const std::string& name) {
    std::ifstream in(test::source_path("tests/data/kql/suppression_queries.kql"));
    std::string line, cur, found;
    bool match = false;
    auto flush = [&] {
        if (match) found = cur;
        cur.clear();
        match = false;
    };
    while (std::getline(in, line)) {
        if (line == "----") {
            flush();
        } else if (cur.empty() && line.rfind("// " + name + ":", 0) == 0) {
            match = true;
            cur += line + "\n";
        } else {
            cur += line + "\n";
        }
    }
    flush();
    REQUIRE(!found.empty());
    return found;
}

/// Runs a query over the session's workspace as the query console does.
Table query(const Session& s, const std::string& q) {
    kql::TableSet set = session_table_set(s);
    kql::Options o;
    o.now_us = s.now_utc_s() * 1000000;
    auto r = kql::run(q, set, o);
    if (auto* e = std::get_if<kql::Error>(&r)) FAIL(kql::format_error(q, *e));
    return std::move(std::get<kql::Result>(r).table);
}

std::vector<std::string> rows(const Table& t) {
    std::vector<std::string> out;
    for (size_t r = 0; r < t.row_count(); ++r) {
        std::string line;
        for (size_t c = 0; c < t.columns().size(); ++c)
            line += (c ? "|" : "") + t.columns()[c].display(r);
        out.push_back(line);
    }
    return out;
}

AlertStatus status_of(const Session& s, const char* id) {
    const AlertState* a = s.alert(id);
    REQUIRE(a);
    return a->status;
}

} // namespace

TEST_CASE("rule names follow Defender's naming rule", "[suppression]") {
    CHECK(check_rule_name("fp-monitor_ip2").empty());
    CHECK(check_rule_name("9x").empty());
    CHECK(check_rule_name("x") == "rule name 'x' must be 2-50 characters long");
    CHECK(check_rule_name("-fp") == "rule name '-fp' must start with a letter or a digit");
    CHECK(check_rule_name("fp.ip") ==
          "rule name 'fp.ip' may use only letters, digits, '-' and '_' (found '.')");
    CHECK(!check_rule_name(std::string(51, 'a')).empty());
}

TEST_CASE("refused specs give a precise error and change nothing", "[suppression]") {
    auto s = fresh();
    auto refused = [&](const std::string& line) {
        ApplyResult r = s->apply(line);
        CHECK(!r.ok);
        CHECK(s->history().empty());
        CHECK(s->now_min() == 0);
        CHECK(s->suppression_rules().size() == 1);
        return r.error;
    };
    CHECK(refused("create_suppression_rule name=fp type=* ip=1.2.3.4") ==
          "the spec needs reason=REASON (FalsePositive, SpecificEntityFalsePositive, Noise, "
          "NotRelevant, AlertSeverityTooHigh, Unclear, Other)");
    CHECK(refused("create_suppression_rule name=fp reason=FalsePositve") ==
          "unknown reason 'FalsePositve' (did you mean 'FalsePositive'?); reasons: "
          "FalsePositive, SpecificEntityFalsePositive, Noise, NotRelevant, "
          "AlertSeverityTooHigh, Unclear, Other");
    CHECK(refused("create_suppression_rule name=fp reason=Noise ipp=1.2.3.4")
              .rfind("unknown key 'ipp' (did you mean 'ip'?)", 0) == 0);
    CHECK(refused("create_suppression_rule name=f! reason=Noise") ==
          "rule name 'f!' may use only letters, digits, '-' and '_' (found '!')");
    CHECK(refused("create_suppression_rule name=fp reason=Noise expires=2025-01-01") ==
          "expires 2025-01-01 is not after the current time 2026-03-01T00:00:00Z");
    CHECK(refused("create_suppression_rule name=fp reason=Noise expires=soon") ==
          "expires 'soon' is not a date like 2027-03-01 (or 'never')");
    CHECK(refused("create_suppression_rule name=fp reason=Noise comment=\"open") ==
          "unterminated quote in the value of 'comment'");
    CHECK(refused("create_suppression_rule name=old-backup reason=Noise") ==
          "a suppression rule named 'old-backup' already exists (use edit_suppression_rule)");
    CHECK(refused("create_suppression_rule name=fp reason~=Noise") ==
          "'~=' (contains) applies to entity fields only, not 'reason'");
    CHECK(refused("delete_suppression_rule old-bakup") ==
          "no suppression rule 'old-bakup' (did you mean 'old-backup'?)");
    CHECK(refused("edit_suppression_rule name=nope reason=Noise") == "no suppression rule 'nope'");
}

TEST_CASE("conditions: 'in' is exact and case-insensitive, 'contains' is a substring",
          "[suppression]") {
    auto s = fresh();
    const ScenarioDef& def = s->scenario();
    SuppressionRule r;
    r.alert_type = "vm_sshbruteforcefailed";
    r.conditions.push_back({"entities.ip.address", {"10.0.5.2"}, std::nullopt});
    CHECK(!rule_matches(r, *def.alert("scan1"), def)); // no prefix match for 'in'
    r.conditions[0].in = {"10.0.5.20", "10.0.5.21"};
    CHECK(rule_matches(r, *def.alert("scan1"), def));
    CHECK(!rule_matches(r, *def.alert("attack"), def));
    r.conditions = {{"entities.account.upnsuffix", {"CONTOSO.EXAMPLE"}, std::nullopt}};
    CHECK(rule_matches(r, *def.alert("attack"), def));
    r.alert_type = "*";
    r.conditions = {{"entities.process.commandline", {}, std::string("backup.SH")}};
    CHECK(rule_matches(r, *def.alert("backup1"), def));
    CHECK(!rule_matches(r, *def.alert("scan1"), def)); // no such entity: no match
    r.conditions = {{"entities.file.name", {"nightly-backup.sh"}, std::nullopt},
                    {"entities.file.directory", {"/opt"}, std::nullopt}};
    CHECK(rule_matches(r, *def.alert("backup1"), def));
    CHECK(!rule_matches(r, *def.alert("backup2"), def)); // all conditions must hold
    r.conditions = {{"entities.azureresource.resourceid", {"VM-WEB-01"}, std::nullopt}};
    CHECK(rule_matches(r, *def.alert("attack"), def));
}

TEST_CASE("rules dismiss on release; expiry follows the simulated clock", "[suppression]") {
    auto s = fresh();
    REQUIRE(s->apply(kScoped).ok);
    CHECK(s->now_min() == 4);
    CHECK(status_of(*s, "scan1") == AlertStatus::Active); // released before the rule existed
    REQUIRE(s->apply("wait 200").ok);
    CHECK(status_of(*s, "scan2") == AlertStatus::Dismissed);
    CHECK(s->alert("scan2")->suppressed_by == "fp-scanner");
    CHECK(status_of(*s, "attack") == AlertStatus::Active);
    CHECK(s->alert("backup1")->suppressed_by == "old-backup"); // minute 100, rule alive
    CHECK(status_of(*s, "backup2") == AlertStatus::Active);    // minute 150, rule expired
    CHECK(rule_state(*s->suppression_rule("old-backup"), s->now_utc_s()) == "Expired");
    CHECK(s->rule_hits("fp-scanner") == 1);
    REQUIRE(s->suppressed().size() == 2);
    CHECK(s->suppressed()[0].alert_id == "scan2");
    CHECK(s->suppressed()[0].at_min == 30);
    // The audit is SecurityAlert: every alert released, the dismissed ones with rule and reason.
    const Table* alerts = s->visible_table(kSuppressionTable);
    REQUIRE(alerts);
    CHECK(alerts->row_count() == 5);
    CHECK(rows(query(*s, named_query("audit"))) ==
          std::vector<std::string>{
              "scan2|VM_SshBruteForceFailed|fp-scanner|SpecificEntityFalsePositive",
              "backup1|VM_SuspiciousCommandLine|old-backup|Noise"});
    CHECK(s->apply("enable_suppression_rule old-backup").error ==
          "rule 'old-backup' has expired; edit it with a new expires= date first");
}

TEST_CASE("deleting or disabling a rule does not restore what it dismissed", "[suppression]") {
    auto s = fresh();
    REQUIRE(s->apply(kScoped).ok);
    REQUIRE(s->apply("wait 40").ok);
    REQUIRE(s->apply("disable_suppression_rule fp-scanner").ok);
    CHECK(rule_state(*s->suppression_rule("fp-scanner"), s->now_utc_s()) == "Disabled");
    REQUIRE(s->apply("delete_suppression_rule fp-scanner").ok);
    CHECK(s->suppression_rule("fp-scanner") == nullptr);
    CHECK(status_of(*s, "scan2") == AlertStatus::Dismissed);
    CHECK(s->suppressed().size() == 1);
}

TEST_CASE("every rule change writes an Activity Log row", "[suppression]") {
    auto s = fresh();
    REQUIRE(s->apply(kScoped).ok);
    REQUIRE(s->apply("edit_suppression_rule name=fp-scanner ip=10.0.5.20,10.0.5.21").ok);
    REQUIRE(s->apply("disable_suppression_rule fp-scanner").ok);
    REQUIRE(s->apply("enable_suppression_rule fp-scanner").ok);
    REQUIRE(s->apply("delete_suppression_rule fp-scanner").ok);
    // The fixture has no AzureActivity table: the simulated one holds the rule changes.
    Table t = query(*s, named_query("changes"));
    REQUIRE(t.row_count() == 5);
    const Column* op = t.column("OperationNameValue");
    for (size_t r = 0; r < 4; ++r)
        CHECK(op->str(r) == "MICROSOFT.SECURITY/ALERTSSUPPRESSIONRULES/WRITE");
    CHECK(op->str(4) == "MICROSOFT.SECURITY/ALERTSSUPPRESSIONRULES/DELETE");
    CHECK(t.column("Caller")->str(0) == Session::kTraineeCaller);
    std::string rid(t.column("_ResourceId")->str(0));
    CHECK(rid.find("/providers/Microsoft.Security/alertsSuppressionRules/fp-scanner") !=
          std::string::npos);
    CHECK(std::string(t.column("Properties")->str(1)).find("10.0.5.20,10.0.5.21") !=
          std::string::npos);
    bool listed = false;
    for (const Table* v : s->visible_tables()) listed |= v->name() == kActivityTable;
    CHECK(listed);
}

TEST_CASE("rule changes join a scenario's own AzureActivity rows", "[suppression][kql]") {
    ScenarioDef def = test::load(test::source_path("scenarios/arm_suspicious_operations.toml"));
    Diagnostics d;
    auto inst = instantiate(def, test::catalog(), 1, d);
    REQUIRE(inst);
    Session s(inst, test::catalog());
    REQUIRE(s.apply("create_suppression_rule name=noisy-regions type=* reason=Noise").ok);
    REQUIRE(s.apply("delete_suppression_rule noisy-regions").ok);
    Table changes = query(s, named_query("changes"));
    REQUIRE(changes.row_count() == 2);
    CHECK(changes.column("OperationNameValue")->str(1) ==
          "MICROSOFT.SECURITY/ALERTSSUPPRESSIONRULES/DELETE");
    // The scenario's rows are still there, and the evidence view shows both once revealed.
    CHECK(query(s, "AzureActivity | count").columns()[0].i64(0) > 2);
    CHECK(s.visible_table("AzureActivity") == nullptr);
    REQUIRE(s.apply("review_activity_log Contoso-Production").ok);
    const Table* shown = s.visible_table("AzureActivity");
    REQUIRE(shown);
    const Column* op = shown->column("OperationNameValue");
    CHECK(op->str(shown->row_count() - 1) == "MICROSOFT.SECURITY/ALERTSSUPPRESSIONRULES/DELETE");
}

TEST_CASE("simulate reports matches and changes nothing but the clock", "[suppression]") {
    auto s = fresh();
    REQUIRE(s->apply("wait 61").ok);
    ApplyResult r = s->apply("simulate_suppression_rule name=probe type=VM_SshBruteForceFailed "
                             "reason=Noise");
    REQUIRE(r.ok);
    CHECK(r.outcome.find("it would have dismissed 3 alerts of this session so far (scan1, scan2, "
                         "attack)") != std::string::npos);
    CHECK(s->suppression_rules().size() == 1);
    CHECK(s->rule_activity().empty());
    CHECK(s->now_min() == 63);
    CHECK(status_of(*s, "scan1") == AlertStatus::Active);
}

TEST_CASE("edit keeps the rest of a rule; an empty condition key removes it", "[suppression]") {
    auto s = fresh();
    REQUIRE(s->apply(kScoped).ok);
    REQUIRE(s->apply("edit_suppression_rule name=fp-scanner host=vm2 ip=").ok);
    const SuppressionRule* r = s->suppression_rule("fp-scanner");
    REQUIRE(r);
    REQUIRE(r->conditions.size() == 1);
    CHECK(r->conditions[0].field == "entities.host.hostname");
    CHECK(r->reason == "SpecificEntityFalsePositive");
    CHECK(r->comment == "Qualys scanner, ticket OPS-112");
    CHECK(rule_breadth_problem(*r).empty());
    REQUIRE(s->apply("edit_suppression_rule name=fp-scanner type=* host= expires=never").ok);
    CHECK(rule_breadth_problem(*s->suppression_rule("fp-scanner")) ==
          "it applies to every alert type; it has no entity conditions; it never expires");
}

TEST_CASE("a transcript with rule changes replays identically", "[suppression][transcript]") {
    auto s = fresh();
    for (const char* line :
         {kScoped, "simulate_suppression_rule name=x2 cmdline~=backup reason=Noise", "wait 45",
          "edit_suppression_rule name=fp-scanner comment=\"re-checked\"",
          "disable_suppression_rule fp-scanner", "wait 20", "enable_suppression_rule fp-scanner",
          "wait 100", "delete_suppression_rule fp-scanner", "end"})
        REQUIRE(s->apply(line).ok);
    Transcript t = make_transcript(*s, 1, {}, "tester", "2026-12-04T00:00:00Z");
    Diagnostics d;
    auto parsed = parse_transcript(transcript_to_json(t).dump(), "t.json", d);
    REQUIRE(parsed);
    ScenarioDef def = test::load(test::source_path(kFixture));
    auto replay = replay_transcript(*parsed, def, test::catalog(), d);
    INFO(d.format());
    REQUIRE(replay);
    const Session& r = *replay->session;
    REQUIRE(r.history().size() == s->history().size());
    for (size_t i = 0; i < r.history().size(); ++i)
        CHECK(r.history()[i].outcome == s->history()[i].outcome);
    REQUIRE(r.suppressed().size() == s->suppressed().size());
    for (size_t i = 0; i < r.suppressed().size(); ++i) {
        CHECK(r.suppressed()[i].alert_id == s->suppressed()[i].alert_id);
        CHECK(r.suppressed()[i].rule == s->suppressed()[i].rule);
    }
    CHECK(r.rule_activity().size() == 5);
    CHECK(score_to_json(compute_score(r)).dump() == score_to_json(compute_score(*s)).dump());
}
