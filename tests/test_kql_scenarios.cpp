// Hunting queries an analyst would write bring each scenario's key evidence to light
// (tests/data/kql/scenario_hunts.kql; Microsoft's parser checks the same file). Each query opens
// with a comment line "// SCENARIO finds KEY...".
#include "alertdrill/kql.hpp"
#include "alertdrill/query_console.hpp"
#include "alertdrill/text.hpp"
#include "test_support.hpp"

#include <fstream>
#include <sstream>

using namespace alertdrill;

TEST_CASE("hunting queries find every scenario's key evidence", "[kql][scenarios]") {
    std::ifstream in(test::source_path("tests/data/kql/scenario_hunts.kql"));
    REQUIRE(in);
    std::vector<std::string> blocks(1);
    std::string line;
    while (std::getline(in, line)) {
        if (line == "----")
            blocks.emplace_back();
        else
            blocks.back() += line + "\n";
    }
    REQUIRE(blocks.size() >= 8);
    for (const auto& q : blocks) {
        auto words = split_ws(q.substr(0, q.find('\n')));
        REQUIRE(words.size() >= 4);
        REQUIRE(words[0] == "//");
        REQUIRE(words[2] == "finds");
        ScenarioDef def = test::load(test::source_path("scenarios/" + words[1] + ".toml"));
        Diagnostics d;
        auto inst = instantiate(def, test::catalog(), 1, d);
        REQUIRE(inst);
        kql::TableSet set = instance_table_set(*inst);
        kql::Options o;
        o.now_us = inst->def().start_utc_s * 1000000 + 6LL * 3600 * 1000000;
        auto r = kql::run(q, set, o);
        INFO(q);
        if (auto* e = std::get_if<kql::Error>(&r)) FAIL(kql::format_error(q, *e));
        const auto& res = std::get<kql::Result>(r);
        CHECK(res.table.row_count() < 100); // a hunt narrows the evidence down
        for (size_t k = 3; k < words.size(); ++k) {
            INFO("expected key " << words[k]);
            CHECK(std::find(res.found_keys.begin(), res.found_keys.end(), words[k]) !=
                  res.found_keys.end());
        }
    }
}

TEST_CASE("a query in a session credits the key evidence it surfaces", "[kql][scenarios]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Diagnostics d;
    auto inst = instantiate(def, test::catalog(), 1, d);
    REQUIRE(inst);
    Session s(inst, test::catalog());
    s.set_query_runner(
        [](const Session& sess, const std::string& q) { return run_session_query(sess, q); });
    REQUIRE(s.apply("review_auth_logs vm-web-prod-01").ok);
    auto bad = s.apply("query Syslog | wher x");
    REQUIRE(bad.ok);
    CHECK(bad.outcome.find("line 1, column 10: unknown tabular operator 'wher'") !=
          std::string::npos);
    CHECK(s.found_keys().count("ssh_success") == 0);
    auto r = s.apply("query Syslog | where SyslogMessage has \"Accepted password\" | project "
                     "TimeGenerated, Computer, SyslogMessage");
    REQUIRE(r.ok);
    CHECK(r.outcome.find("Accepted password for") != std::string::npos);
    CHECK(s.found_keys().count("ssh_success") == 1);
    CHECK(s.history().back().found_keys == std::vector<std::string>{"ssh_success"});
}
