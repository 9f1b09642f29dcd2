// Scalar operators and functions, one expectation each.
#include "kql_fixtures.hpp"

using namespace kql_test;

namespace {
// The single cell of a one-row, one-column result.
std::string cell(const Workspace& w, const std::string& q) {
    auto r = w.ok(q);
    REQUIRE(r.table.row_count() == 1);
    return r.table.columns().back().display(0);
}
} // namespace

TEST_CASE("has matches whole terms, contains matches substrings, both case-insensitive", "[kql]") {
    Workspace w;
    CHECK(
        w.ok("SigninLogs | where AppDisplayName has \"azure\" | count").table.columns()[0].i64(0) ==
        4);
    CHECK(
        w.ok("SigninLogs | where AppDisplayName has \"port\" | count").table.columns()[0].i64(0) ==
        0);
    CHECK(w.ok("SigninLogs | where AppDisplayName contains \"PORT\" | count")
              .table.columns()[0]
              .i64(0) == 3);
    CHECK(w.ok("SigninLogs | where AppDisplayName !has \"portal\" | count")
              .table.columns()[0]
              .i64(0) == 2);
    CHECK(w.ok("SigninLogs | where AppDisplayName !contains \"o\" | count")
              .table.columns()[0]
              .i64(0) == 1);
    CHECK(
        w.ok("SigninLogs | where IPAddress has \"203.0.113\" | count").table.columns()[0].i64(0) ==
        3);
    CHECK(w.ok("SigninLogs | where IPAddress has \"03.0\" | count").table.columns()[0].i64(0) == 0);
    CHECK(w.ok("SigninLogs | where AppDisplayName has_cs \"azure\" | count")
              .table.columns()[0]
              .i64(0) == 0);
    CHECK(w.ok("SigninLogs | where AppDisplayName contains_cs \"Azure\" | count")
              .table.columns()[0]
              .i64(0) == 4);
    CHECK(w.ok("Syslog | where SyslogMessage has_any (\"xmrig\", \"Accepted\") | count")
              .table.columns()[0]
              .i64(0) == 2);
    CHECK(w.ok("Syslog | where SyslogMessage has_all (\"failed\", \"root\") | count")
              .table.columns()[0]
              .i64(0) == 1);
}

TEST_CASE("startswith, endswith, in, in~ and !in", "[kql]") {
    Workspace w;
    CHECK(w.ok("SigninLogs | where UserPrincipalName startswith \"ALICE\" | count")
              .table.columns()[0]
              .i64(0) == 3);
    CHECK(w.ok("SigninLogs | where UserPrincipalName endswith \"@CONTOSO.COM\" | count")
              .table.columns()[0]
              .i64(0) == 5);
    CHECK(
        w.ok("SigninLogs | where Location in (\"RU\", \"CN\") | count").table.columns()[0].i64(0) ==
        3);
    CHECK(w.ok("SigninLogs | where Location in (\"ru\") | count").table.columns()[0].i64(0) == 0);
    CHECK(w.ok("SigninLogs | where Location in~ (\"ru\") | count").table.columns()[0].i64(0) == 3);
    CHECK(w.ok("SigninLogs | where Location !in (\"RU\", \"US\") | count")
              .table.columns()[0]
              .i64(0) == 0);
    CHECK(w.ok("SigninLogs | where RiskScore in (10, 20) | count").table.columns()[0].i64(0) == 2);
    CHECK(w.ok("SigninLogs | where UserPrincipalName !in~ (\"ALICE@CONTOSO.COM\") | count")
              .table.columns()[0]
              .i64(0) == 2);
}

TEST_CASE("string functions", "[kql]") {
    Workspace w;
    CHECK(cell(w, "print tolower(\"AbC\")") == "abc");
    CHECK(cell(w, "print toupper(\"AbC\")") == "ABC");
    CHECK(cell(w, "print strcat(\"a\", 1, \"-\", true)") == "a1-true");
    CHECK(cell(w, "print strlen(\"hello\")") == "5");
    CHECK(cell(w, "print substring(\"alertdrill\", 5, 3)") == "dri");
    CHECK(cell(w, "print split(\"a,b,c\", \",\")") == "[\"a\",\"b\",\"c\"]");
    CHECK(cell(w, "print split(\"a,b,c\", \",\")[1]") == "\"b\"");
    // An index far outside any array (found by fuzz_kql: a double too large for a long) is null.
    CHECK(cell(w, "print split(\"a,b,c\", \",\")[5666666666666666666666666666666666666]") == "");
    CHECK(cell(w, "print split(\"a,b,c\", \",\")[-1.5e300]") == "");
    CHECK(cell(w, "print tostring(split(\"alice@contoso.com\", \"@\")[1])") == "contoso.com");
    CHECK(cell(w, "print split(\"a,b,c\", \",\", 2)") == "[\"c\"]");
    CHECK(cell(w, "print extract(\"port ([0-9]+)\", 1, \"from 1.2.3.4 port 51022 ssh2\")") ==
          "51022");
    CHECK(cell(w, "print extract(\"port ([0-9]+)\", 1, \"from 1.2.3.4 port 51022 ssh2\", "
                  "typeof(long)) + 1") == "51023");
    CHECK(cell(w, "print extract(\"nomatch(x)\", 1, \"abc\")").empty());
    CHECK(cell(w, "print replace_string(\"a.b.c\", \".\", \"/\")") == "a/b/c");
    CHECK(cell(w, "print isempty(\"\"), isempty(\"x\")") == "false");
    CHECK(cell(w, "print isnotempty(\"x\")") == "true");
}

TEST_CASE("conversions and conditionals", "[kql]") {
    Workspace w;
    CHECK(cell(w, "print toint(\"42\") + 1") == "43");
    CHECK(cell(w, "print tolong(\"x\")").empty()); // null
    CHECK(cell(w, "print isnull(toint(\"x\"))") == "true");
    CHECK(cell(w, "print tostring(12)") == "12");
    CHECK(cell(w, "print toreal(\"2.5\") * 2") == "5");
    CHECK(cell(w, "print iff(1 > 2, \"yes\", \"no\")") == "no");
    CHECK(cell(w, "print iif(2 > 1, \"yes\", \"no\")") == "yes");
    CHECK(cell(w, "print case(5 > 10, \"big\", 5 > 3, \"medium\", \"small\")") == "medium");
    CHECK(cell(w, "print case(1 > 10, \"big\", \"small\")") == "small");
    CHECK(cell(w, "print 7 / 2") == "3");
    CHECK(cell(w, "print 7 / 2.0") == "3.5");
    CHECK(cell(w, "print 7 % 3") == "1");
    CHECK(cell(w, "print 1 / 0").empty());
}

TEST_CASE("datetime and timespan values", "[kql]") {
    Workspace w;
    CHECK(cell(w, "print now()") == "2026-03-14T03:00:00Z");
    CHECK(cell(w, "print ago(1d)") == "2026-03-13T03:00:00Z");
    CHECK(cell(w, "print datetime(2026-03-14T02:10:00Z) + 5m") == "2026-03-14T02:15:00Z");
    CHECK(cell(w, "print datetime(2026-03-14 02:10:00) - datetime(2026-03-14 01:00:00)") ==
          "01:10:00");
    CHECK(cell(w, "print 2d + 1h + 30s + 100ms") == "2.01:00:30.1000000");
    CHECK(cell(w, "print bin(datetime(2026-03-14T02:47:13Z), 15m)") == "2026-03-14T02:45:00Z");
    CHECK(cell(w, "print bin(datetime(1969-12-31T23:59:59Z), 1h)") == "1969-12-31T23:00:00Z");
    CHECK(cell(w, "print bin(17, 5)") == "15");
    CHECK(cell(w, "print startofday(datetime(2026-03-14T02:47:13Z))") == "2026-03-14T00:00:00Z");
    CHECK(cell(w, "print format_datetime(datetime(2026-03-04T05:06:07.089Z), \"yyyy-MM-dd "
                  "HH:mm:ss.fff\")") == "2026-03-04 05:06:07.089");
    CHECK(cell(w, "print format_datetime(datetime(2026-03-04T15:06:07Z), \"M/d/yy h:mm tt\")") ==
          "3/4/26 3:06 PM");
    CHECK(cell(w, "print todatetime(\"2026-03-14T02:10:00Z\") > datetime(2026-01-01)") == "true");
    CHECK(cell(w, "print totimespan(\"01:30:00\") / 1m") == "90");
}

TEST_CASE("dynamic values: parse_json, member access, array_length", "[kql]") {
    Workspace w;
    CHECK(cell(w, "print parse_json(\"{\\\"a\\\":{\\\"b\\\":[1,2,3]}}\").a.b[2]") == "3");
    CHECK(cell(w, "print array_length(todynamic(\"[1,2]\"))") == "2");
    CHECK(cell(w, "print array_length(dynamic({\"a\": 1}))").empty());
    CHECK(cell(w, "print dynamic({\"k\": [\"x\", 2, true, null]})") ==
          "{\"k\":[\"x\",2,true,null]}");
    CHECK(cell(w, "print isnull(parse_json(\"{}\").absent)") == "true");
    auto r = w.ok("AzureActivity | extend Role = tostring(Properties.roleName) | where "
                  "isnotempty(Role) | project Role");
    CHECK(rows_of(r.table) == Rows{"Owner"});
    r = w.ok("AzureActivity | where Properties.vmSize == \"Standard_NC24\" | count");
    CHECK(rows_of(r.table) == Rows{"2"});
    r = w.ok("AzureActivity | where tostring(Properties[\"scope\"]) startswith \"/subscriptions\" "
             "| count");
    CHECK(rows_of(r.table) == Rows{"1"});
}

TEST_CASE("query API JSON has Log Analytics' shape", "[kql]") {
    Workspace w;
    auto r =
        w.ok("SigninLogs | where RiskScore == 90 or isnull(RiskScore) | project TimeGenerated, "
             "UserPrincipalName, RiskScore, Age = now() - TimeGenerated, Extra = dynamic([1]), Ok "
             "= true");
    auto j = kql::to_query_api_json(r);
    CHECK(
        j.dump() ==
        R"({"tables":[{"columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"UserPrincipalName","type":"string"},)"
        R"({"name":"RiskScore","type":"long"},{"name":"Age","type":"timespan"},{"name":"Extra","type":"dynamic"},)"
        R"({"name":"Ok","type":"bool"}],"name":"PrimaryResult","rows":[["2026-03-14T01:12:00Z","alice@contoso.com",90,)"
        R"("01:48:00","[1]",true],["2026-03-14T01:40:00Z","bob@contoso.com",null,"01:20:00","[1]",true]]}]})");
}
