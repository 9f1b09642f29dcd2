// Error messages are golden: the query line, a caret under the place, and what was expected.
// Limits (work, joins, nesting, result rows) fail clearly instead of crashing or hanging.
#include "kql_fixtures.hpp"

#include <random>

using namespace kql_test;

TEST_CASE("syntax errors point at the place and say what was expected", "[kql][errors]") {
    Workspace w;
    CHECK(w.err_text("SigninLogs | wher Location == \"RU\"") ==
          "SigninLogs | wher Location == \"RU\"\n"
          "             ^\n"
          "line 1, column 14: unknown tabular operator 'wher' (did you mean 'where'?): expected "
          "where, project, extend, summarize, join, ...\n");
    CHECK(w.err_text("SigninLogs | where Location == ") ==
          "SigninLogs | where Location == \n"
          "                               ^\n"
          "line 1, column 32: expected a value, a column name or a function call, found the end "
          "of the query\n");
    CHECK(w.err_text("SigninLogs | where Location == \"RU") ==
          "SigninLogs | where Location == \"RU\n"
          "                               ^\n"
          "line 1, column 32: this string is not closed: expected a closing \"\n");
    CHECK(w.err_text("SigninLogs | sort Location") ==
          "SigninLogs | sort Location\n"
          "                  ^\n"
          "line 1, column 19: expected 'by' after 'sort', found 'Location'\n");
    CHECK(w.err_text("SigninLogs | where Location in (\"RU\"") ==
          "SigninLogs | where Location in (\"RU\"\n"
          "                                    ^\n"
          "line 1, column 37: expected ',' or ')' in the list, found the end of the query\n");
    CHECK(w.err_text("SigninLogs | where Location == 'RU' |") ==
          "SigninLogs | where Location == 'RU' |\n"
          "                                     ^\n"
          "line 1, column 38: expected a tabular operator such as where, project, extend or "
          "summarize, found the end of the query\n");
    CHECK(w.err_text("let x = 5\nSigninLogs") ==
          "SigninLogs\n"
          "^\n"
          "line 2, column 1: expected ';' or '|' or the end of the query, found 'SigninLogs'\n");
    CHECK(w.err_text("SigninLogs | where TimeGenerated > ago(5x)") ==
          "SigninLogs | where TimeGenerated > ago(5x)\n"
          "                                        ^\n"
          "line 1, column 41: unknown timespan unit 'x': expected d, h, m, s, ms, microsecond or "
          "tick\n");
    CHECK(w.err_text("SigninLogs # x") == "SigninLogs # x\n"
                                          "           ^\n"
                                          "line 1, column 12: unexpected character '#'\n");
}

TEST_CASE("unknown names get suggestions", "[kql][errors]") {
    Workspace w;
    CHECK(w.err_text("SigninLogz | take 1") ==
          "SigninLogz | take 1\n^\nline 1, column 1: unknown table 'SigninLogz' (did you mean "
          "'SigninLogs'?)\n");
    CHECK(w.err_text("SigninLogs | where Locaton == \"RU\"") ==
          "SigninLogs | where Locaton == \"RU\"\n"
          "                   ^\n"
          "line 1, column 20: unknown column or name 'Locaton' (did you mean 'Location'?)\n");
    CHECK(w.err_text("SigninLogs | project tolowr(Location)") ==
          "SigninLogs | project tolowr(Location)\n"
          "                     ^\n"
          "line 1, column 22: unknown function 'tolowr' (did you mean 'tolower'?)\n");
    CHECK(w.err_text("SigninLogs | join kind=innr (L) on k") ==
          "SigninLogs | join kind=innr (L) on k\n"
          "                       ^\n"
          "line 1, column 24: unknown join kind 'innr' (did you mean 'inner'?): expected inner, "
          "innerunique, leftouter, rightouter, fullouter, leftanti, rightanti, leftsemi or "
          "rightsemi\n");
    CHECK(w.err_text("L | join (R) on $left.k == $right.kk") ==
          "L | join (R) on $left.k == $right.kk\n"
          "                                 ^\n"
          "line 1, column 34: unknown column 'kk' on the right side of the join (did you mean "
          "'k'?)\n");
    auto e = w.err("SigninLogs\n| where RiskScore > 10\n| summarize cnt() by Location");
    CHECK(e.line == 3);
    CHECK(e.column == 13);
    CHECK(e.message == "expected an aggregation such as count(), dcount(x), sum(x), avg(x), "
                       "min(x), max(x), make_set(x) or arg_max(x, *) in summarize");
}

TEST_CASE("type and usage errors", "[kql][errors]") {
    Workspace w;
    CHECK(w.err("SigninLogs | where Location").message ==
          "where needs a true/false condition, not a string value");
    CHECK(w.err("SigninLogs | where RiskScore + \"x\" > 1").message ==
          "arithmetic needs numbers, datetimes or timespans, not string (use strcat() to join "
          "strings)");
    CHECK(w.err("SigninLogs | take \"ten\"").message ==
          "expected a non-negative whole number for the number of rows in take");
    CHECK(w.err("SigninLogs | project Location, Location").message ==
          "the column 'Location' is already in the projection");
    CHECK(w.err("SigninLogs | where UserPrincipalName.foo == 1").message ==
          "'.' needs a dynamic value, not string (wrap it in parse_json())");
    CHECK(
        w.err("SigninLogs | where count() > 1").message ==
        "the aggregate count() can only be used in summarize, as in 'summarize count(...) by ...'");
    CHECK(w.err("SigninLogs | take 1 | where iff(true)").message ==
          "iff() takes 3 arguments, not 1");
    CHECK(w.err("SigninLogs | extend x = extract(\"(unclosed\", 1, Location)").message ==
          "invalid regular expression: missing ): (unclosed");
    CHECK(w.err("SigninLogs | where datetime(2026-13-45) < TimeGenerated").message ==
          "expected a date-time such as 2026-03-14T02:10:00Z in datetime()");
    CHECK(w.err("L | where k == \"x\" ; R").message ==
          "only one tabular expression may follow the let statements");
}

TEST_CASE("limits give clear errors", "[kql][limits]") {
    Workspace w;
    // A cartesian blow-up: every row of a 3000-row table shares one key.
    Table big("Big");
    big.add_column("k", ColumnType::String);
    big.add_column("v", ColumnType::Long);
    auto& k = big.columns()[0];
    auto& v = big.columns()[1];
    for (int i = 0; i < 3000; ++i) {
        k.push_string("same");
        v.push_int(i);
    }
    kql::TableSet set;
    set.add(big);
    std::string q = "Big | join kind=inner (Big) on k";
    auto r = kql::run(q, set, {});
    REQUIRE(std::holds_alternative<kql::Error>(r));
    CHECK(std::get<kql::Error>(r).message == "this join would produce 2001000 rows, more than the "
                                             "limit of 2000000: filter the inputs first");
    kql::Options small;
    small.max_work = 4000; // the first where visits 3000 rows, the second 2989
    r = kql::run("Big | where v > 10 | where v > 20", set, small);
    REQUIRE(std::holds_alternative<kql::Error>(r));
    CHECK(std::get<kql::Error>(r).message ==
          "the query needs more than 4000 row visits (the work limit): filter earlier with "
          "where, or narrow the time range");
    CHECK(std::get<kql::Error>(r).column == 22); // the second where
    // Deep nesting is refused, not a stack overflow.
    std::string deep = "print x = " + std::string(5000, '(') + "1" + std::string(5000, ')');
    r = kql::run(deep, set, {});
    REQUIRE(std::holds_alternative<kql::Error>(r));
    CHECK(std::get<kql::Error>(r).message == "the query nests too deeply (more than 64 levels)");
    std::string nots = "Big | where ";
    for (int i = 0; i < 3000; ++i) nots += "not(";
    r = kql::run(nots + "true" + std::string(3000, ')'), set, {});
    REQUIRE(std::holds_alternative<kql::Error>(r));
    std::string chain = "Big | where v == 0";
    for (int i = 1; i <= 300; ++i) chain += " or v == " + std::to_string(i);
    r = kql::run(chain, set, {});
    REQUIRE(std::holds_alternative<kql::Error>(r));
    CHECK(std::get<kql::Error>(r).message ==
          "too many operands chained by one operator (more than 256)");
    // Text cannot grow without bound: 10 bytes, then 640, 40 KiB, 2.6 MiB.
    std::string grow = "print a = \"0123456789\"";
    const char* names[] = {"a", "b", "c", "d"};
    for (int i = 1; i < 4; ++i) {
        grow += std::string(" | extend ") + names[i] + " = strcat(";
        for (int k = 0; k < 64; ++k) grow += std::string(k ? ", " : "") + names[i - 1];
        grow += ")";
    }
    r = kql::run(grow, set, {});
    REQUIRE(std::holds_alternative<kql::Error>(r));
    CHECK(std::get<kql::Error>(r).message == "strcat() would build a string longer than 1 MiB");
    // Catastrophic-backtracking patterns run in linear time under RE2.
    Table text("Text");
    text.add_column("s", ColumnType::String).push_string(std::string(20000, 'a') + "!");
    set.add(text);
    r = kql::run("Text | project m = extract(\"(a+)+$\", 1, s)", set, {});
    REQUIRE(std::holds_alternative<kql::Result>(r));
    CHECK(std::get<kql::Result>(r).table.columns()[0].display(0).size() == 0);
    CHECK(std::get<kql::Error>(kql::run(std::string(70000, ' ') + "Big", set, {})).message ==
          "the query is 70003 bytes long; the limit is 65536");
    // A query that outlives the wall-clock limit stops with an error instead of hanging.
    kql::Options quick;
    quick.max_seconds = 0;
    auto slow = kql::run("Text | extend n = strlen(s)", set, quick);
    REQUIRE(std::holds_alternative<kql::Error>(slow));
    CHECK(std::get<kql::Error>(slow).message ==
          "the query ran longer than 0 seconds (the time limit): filter earlier with where, or use "
          "take");
}

TEST_CASE("mangled queries never crash", "[kql][limits]") {
    Workspace w;
    std::mt19937 rng(12345);
    const std::string noise = "|()[]{},;=<>!~.$\"'@*-+/%: \n0123456789abcdefxyzTm";
    size_t errors = 0, runs = 0;
    for (const auto& base : corpus_list()) {
        for (int k = 0; k < 12; ++k) {
            std::string q = base;
            int edits = 1 + int(rng() % 4);
            for (int e = 0; e < edits && !q.empty(); ++e) {
                size_t pos = rng() % q.size();
                switch (rng() % 3) {
                case 0:
                    q.erase(pos, 1 + rng() % 6);
                    break;
                case 1:
                    q.insert(pos, 1, noise[rng() % noise.size()]);
                    break;
                default:
                    q[pos] = noise[rng() % noise.size()];
                    break;
                }
            }
            kql::Options o;
            o.now_us = k_now;
            auto r = kql::run(q, w.set, o);
            ++runs;
            if (auto* err = std::get_if<kql::Error>(&r)) {
                ++errors;
                CHECK(err->offset <= q.size());
                CHECK_FALSE(err->message.empty());
                CHECK_FALSE(kql::format_error(q, *err).empty());
            }
        }
    }
    CHECK(runs > 500);
    CHECK(errors > runs / 4); // most mangled queries are wrong, and say so
}
