// Tabular operators over the fixture workspace, with exactly known results.
#include "kql_fixtures.hpp"

using namespace kql_test;

TEST_CASE("where filters with == (case-sensitive) and =~ (case-insensitive)", "[kql]") {
    Workspace w;
    auto r =
        w.ok("SigninLogs | where UserPrincipalName == \"alice@contoso.com\" | project RiskScore");
    CHECK(rows_of(r.table) == Rows{"10", "90"});
    r = w.ok("SigninLogs | where UserPrincipalName =~ \"ALICE@contoso.com\" | project RiskScore");
    CHECK(rows_of(r.table) == Rows{"10", "90", "20"});
    r = w.ok("SigninLogs | where Location != \"RU\" | project UserPrincipalName");
    CHECK(rows_of(r.table) == Rows{"bob@contoso.com", "Alice@Contoso.com"});
    CHECK(w.ok("SigninLogs | where Location == \"XX\" | count").table.columns()[0].i64(0) == 0);
    CHECK(w.ok("SigninLogs | where Location != \"XX\" | count").table.columns()[0].i64(0) == 5);
    CHECK(w.ok("SigninLogs | where \"RU\" == Location | count").table.columns()[0].i64(0) == 3);
    r = w.ok("SigninLogs | where UserPrincipalName !~ \"alice@contoso.com\" | project RiskScore");
    CHECK(rows_of(r.table) == Rows{"", "70"});
}

TEST_CASE("where with comparisons, between, and null handling", "[kql]") {
    Workspace w;
    CHECK(rows_of(w.ok("SigninLogs | where RiskScore > 15 | project RiskScore").table) ==
          Rows{"90", "20", "70"});
    CHECK(rows_of(w.ok("SigninLogs | where RiskScore <= 20 | project RiskScore").table) ==
          Rows{"10", "20"});
    CHECK(rows_of(
              w.ok("SigninLogs | where RiskScore between (20 .. 70) | project RiskScore").table) ==
          Rows{"20", "70"});
    // A null comparison is null, which where treats as false; not(null) is null too.
    CHECK(w.ok("SigninLogs | where RiskScore >= 0 | count").table.columns()[0].i64(0) == 4);
    CHECK(rows_of(w.ok("SigninLogs | where not(RiskScore > 50) | project RiskScore").table) ==
          Rows{"10", "20"});
    CHECK(rows_of(w.ok("SigninLogs | where isnull(RiskScore) | project UserPrincipalName").table) ==
          Rows{"bob@contoso.com"});
    CHECK(w.ok("SigninLogs | where isnotnull(RiskScore) and RiskScore >= 70 | count")
              .table.columns()[0]
              .i64(0) == 2);
    CHECK(w.ok("SigninLogs | where Location == \"US\" or RiskScore == 70 | count")
              .table.columns()[0]
              .i64(0) == 3);
}

TEST_CASE("time filters use the simulated clock", "[kql]") {
    Workspace w;
    CHECK(w.ok("SigninLogs | where TimeGenerated > ago(2h) | count").table.columns()[0].i64(0) ==
          4);
    CHECK(w.ok("SigninLogs | where TimeGenerated > ago(1h) | count").table.columns()[0].i64(0) ==
          1);
    CHECK(w.ok("SigninLogs | where TimeGenerated between (datetime(2026-03-14T01:00:00Z) .. "
               "datetime(2026-03-14T02:00:00Z)) | count")
              .table.columns()[0]
              .i64(0) == 3);
    CHECK(w.ok("SigninLogs | where TimeGenerated < now() - 3h | count").table.columns()[0].i64(0) ==
          1);
}

TEST_CASE("project, project-away, project-rename and extend", "[kql]") {
    Workspace w;
    auto r = w.ok("L | project Key = k, a, Double = a * 2");
    CHECK(names_of(r.table) == Rows{"Key", "a", "Double"});
    CHECK(rows_of(r.table) == Rows{"x|1|2", "x|2|4", "y|3|6", "z|4|8"});
    r = w.ok(
        "SigninLogs | project-away TimeGenerated, IPAddress, ResultType, AppDisplayName | take 1");
    CHECK(names_of(r.table) == Rows{"UserPrincipalName", "Location", "RiskScore"});
    r = w.ok("L | project-rename Letter = k | take 1");
    CHECK(names_of(r.table) == Rows{"Letter", "a"});
    r = w.ok("L | extend b = a + 1, c = b * 10, k = strcat(k, \"!\") | take 2");
    CHECK(names_of(r.table) == Rows{"k", "a", "b", "c"});
    CHECK(rows_of(r.table) == Rows{"x!|1|2|20", "x!|2|3|30"});
    r = w.ok("L | extend tolower(k), a / 2.0 | take 1");
    CHECK(names_of(r.table) == Rows{"k", "a", "Column1", "Column2"});
    CHECK(rows_of(r.table) == Rows{"x|1|x|0.5"});
}

TEST_CASE("sort, order, take, limit and top", "[kql]") {
    Workspace w;
    CHECK(rows_of(w.ok("SigninLogs | sort by RiskScore | project RiskScore").table) ==
          Rows{"90", "70", "20", "10", ""}); // desc by default, nulls last
    CHECK(rows_of(w.ok("SigninLogs | order by RiskScore asc | project RiskScore").table) ==
          Rows{"", "10", "20", "70", "90"}); // asc: nulls first
    CHECK(rows_of(w.ok("L | sort by k asc, a desc").table) == Rows{"x|2", "x|1", "y|3", "z|4"});
    CHECK(rows_of(w.ok("SigninLogs | top 2 by RiskScore | project RiskScore").table) ==
          Rows{"90", "70"});
    CHECK(rows_of(w.ok("SigninLogs | top 2 by UserPrincipalName asc | project UserPrincipalName")
                      .table) == Rows{"Alice@Contoso.com", "alice@contoso.com"});
    CHECK(w.ok("SigninLogs | take 2").table.row_count() == 2);
    CHECK(w.ok("SigninLogs | limit 100000000").table.row_count() == 5);
    CHECK(rows_of(w.ok("L | take 0").table).empty());
}

TEST_CASE("summarize names columns as Kusto does", "[kql]") {
    Workspace w;
    auto r = w.ok("SigninLogs | summarize count() by Location | sort by Location asc");
    CHECK(names_of(r.table) == Rows{"Location", "count_"});
    CHECK(rows_of(r.table) == Rows{"RU|3", "US|2"});
    r = w.ok("SigninLogs | summarize dcount(IPAddress), sum(RiskScore), avg(RiskScore), "
             "min(RiskScore), max(TimeGenerated)");
    CHECK(names_of(r.table) == Rows{"dcount_IPAddress", "sum_RiskScore", "avg_RiskScore",
                                    "min_RiskScore", "max_TimeGenerated"});
    CHECK(rows_of(r.table) == Rows{"3|190|47.5|10|2026-03-14T02:05:00Z"});
    r = w.ok("SigninLogs | summarize Users = make_set(UserPrincipalName), Apps = "
             "make_list(AppDisplayName) by Location | sort by Location asc");
    CHECK(rows_of(r.table) ==
          Rows{"RU|[\"alice@contoso.com\",\"carol@contoso.com\"]|[\"Azure Portal\",\"Azure "
               "Portal\",\"Azure Portal\"]",
               "US|[\"bob@contoso.com\",\"Alice@Contoso.com\"]|[\"Outlook\",\"Azure CLI\"]"});
    r = w.ok("SigninLogs | summarize Failures = countif(ResultType != \"0\"), Total = count() by "
             "IPAddress | sort by IPAddress asc");
    CHECK(rows_of(r.table) == Rows{"10.0.0.5|0|1", "198.51.100.4|0|1", "203.0.113.7|2|3"});
}

TEST_CASE("summarize by bin() floors datetimes to the bin", "[kql]") {
    Workspace w;
    auto r = w.ok(
        "SigninLogs | summarize count() by bin(TimeGenerated, 1h) | sort by TimeGenerated asc");
    CHECK(names_of(r.table) == Rows{"TimeGenerated", "count_"});
    CHECK(rows_of(r.table) ==
          Rows{"2026-03-13T22:00:00Z|1", "2026-03-14T01:00:00Z|3", "2026-03-14T02:00:00Z|1"});
    r = w.ok("SigninLogs | summarize count() by Location, bin(RiskScore, 50) | sort by Location "
             "asc, RiskScore asc");
    CHECK(rows_of(r.table) == Rows{"RU|0|1", "RU|50|2", "US||1", "US|0|1"});
}

TEST_CASE("arg_max returns the row that maximises the expression", "[kql]") {
    Workspace w;
    auto r = w.ok("SigninLogs | summarize arg_max(TimeGenerated, IPAddress, ResultType) by "
                  "Location | sort by Location asc");
    CHECK(names_of(r.table) == Rows{"Location", "TimeGenerated", "IPAddress", "ResultType"});
    CHECK(rows_of(r.table) ==
          Rows{"RU|2026-03-14T01:12:00Z|203.0.113.7|0", "US|2026-03-14T02:05:00Z|10.0.0.5|0"});
    r = w.ok("L | summarize arg_max(a, *) by k | sort by k asc");
    CHECK(names_of(r.table) == Rows{"k", "a"});
    CHECK(rows_of(r.table) == Rows{"x|2", "y|3", "z|4"});
    r = w.ok("L | summarize arg_min(a, *) by k | sort by k asc");
    CHECK(rows_of(r.table) == Rows{"x|1", "y|3", "z|4"});
}

TEST_CASE("distinct and count", "[kql]") {
    Workspace w;
    CHECK(rows_of(w.ok("SigninLogs | distinct Location | sort by Location asc").table) ==
          Rows{"RU", "US"});
    CHECK(rows_of(w.ok("SigninLogs | distinct Location, ResultType | sort by Location asc, "
                       "ResultType asc")
                      .table) == Rows{"RU|0", "RU|50053", "RU|50126", "US|0"});
    auto r = w.ok("L | distinct * | count");
    CHECK(names_of(r.table) == Rows{"Count"});
    CHECK(rows_of(r.table) == Rows{"4"});
    CHECK(rows_of(w.ok("L | where a > 100 | summarize count()").table) == Rows{"0"});
    CHECK(rows_of(w.ok("L | where a > 100 | summarize count() by k").table).empty());
}

TEST_CASE("join kinds on small fixtures", "[kql][join]") {
    Workspace w;
    auto r = w.ok("L | join (R) on k");
    CHECK(names_of(r.table) == Rows{"k", "a", "k1", "b"});
    CHECK(rows_of(r.table) == Rows{"x|1|x|10", "x|1|x|20", "y|3|y|30"}); // innerunique
    CHECK(rows_of(w.ok("L | join kind=inner (R) on k").table) ==
          Rows{"x|1|x|10", "x|1|x|20", "x|2|x|10", "x|2|x|20", "y|3|y|30"});
    CHECK(rows_of(w.ok("L | join kind=innerunique R on k").table) ==
          Rows{"x|1|x|10", "x|1|x|20", "y|3|y|30"});
    CHECK(rows_of(w.ok("L | join kind=leftouter (R) on k").table) ==
          Rows{"x|1|x|10", "x|1|x|20", "x|2|x|10", "x|2|x|20", "y|3|y|30", "z|4||"});
    CHECK(rows_of(w.ok("L | join kind=leftanti (R) on k").table) == Rows{"z|4"});
    CHECK(rows_of(w.ok("L | join kind=rightanti (R) on k").table) == Rows{"w|40"});
    CHECK(rows_of(w.ok("L | join kind=leftsemi (R) on k").table) == Rows{"x|1", "x|2", "y|3"});
    CHECK(rows_of(w.ok("L | join kind=inner (R | where b > 15) on $left.k == $right.k").table) ==
          Rows{"x|1|x|20", "x|2|x|20", "y|3|y|30"});
    CHECK(rows_of(w.ok("L | join kind=inner (R | extend a = b / 10) on k, a").table) ==
          Rows{"x|1|x|10|1", "x|2|x|20|2", "y|3|y|30|3"});
}

TEST_CASE("column pruning keeps join renames and results intact", "[kql][join]") {
    Workspace w;
    CHECK(rows_of(w.ok("L | where a > 1 | join kind=inner (R) on k | project k1, b").table) ==
          Rows{"x|10", "x|20", "y|30"});
    CHECK(
        rows_of(w.ok("L | join kind=leftouter (R) on k | where isnull(b) | project k, a").table) ==
        Rows{"z|4"});
    CHECK(rows_of(w.ok("L | where a >= 2 | sort by a asc | summarize count() by k").table) ==
          Rows{"x|1", "y|1", "z|1"});
    CHECK(rows_of(w.ok("L | where a >= 2 | take 2 | count").table) == Rows{"2"});
    CHECK(rows_of(w.ok("L | where a >= 2 | project-away a | summarize arg_max(k, *)").table) ==
          Rows{"z"});
}

TEST_CASE("join across evidence tables on differently named columns", "[kql][join]") {
    Workspace w;
    auto r =
        w.ok("SigninLogs\n| where ResultType == \"0\"\n| join kind=inner (AzureActivity | where "
             "OperationNameValue has \"roleassignments\") on $left.IPAddress == "
             "$right.CallerIpAddress\n| project UserPrincipalName, OperationNameValue, Caller");
    CHECK(
        rows_of(r.table) ==
        Rows{"alice@contoso.com|MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE|alice@contoso.com"});
    CHECK(r.found_keys == Rows{"owner-role-assignment", "signin-success-from-ru"});
}

TEST_CASE("union stacks tables by column name", "[kql]") {
    Workspace w;
    auto r = w.ok("union L, R | sort by k asc, a asc, b asc");
    CHECK(names_of(r.table) == Rows{"k", "a", "b"});
    CHECK(rows_of(r.table).size() == 8);
    CHECK(
        rows_of(w.ok("union withsource=Source L, (R | where b > 25) | summarize count() by Source")
                    .table) == Rows{"L|4", "R|2"});
    CHECK(rows_of(w.ok("L | union R | count").table) == Rows{"8"});
}

TEST_CASE("mv-expand produces one row per array element", "[kql]") {
    Workspace w;
    auto r =
        w.ok("AzureActivity | mv-expand Tag = Properties.tags | project OperationNameValue, Tag");
    CHECK(rows_of(r.table) == Rows{"MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE|",
                                   "MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE|\"gpu\"",
                                   "MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE|\"mining\"",
                                   "MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE|\"gpu\"",
                                   "MICROSOFT.STORAGE/STORAGEACCOUNTS/READ|"});
    r = w.ok("print Ips = dynamic([\"1.1.1.1\", \"2.2.2.2\"]) | mv-expand Ips to typeof(string)");
    CHECK(rows_of(r.table) == Rows{"1.1.1.1", "2.2.2.2"});
    CHECK(r.table.columns()[0].type() == ColumnType::String);
    CHECK(w.ok("print x = dynamic([]) | mv-expand x").table.row_count() == 0);
}

TEST_CASE("parse extracts columns from text", "[kql]") {
    Workspace w;
    auto r =
        w.ok("Syslog | where ProcessName == \"sshd\" | parse SyslogMessage with * \"for \" User "
             "\" from \" SourceIp \" port \" Port:long \" \" * | project User, SourceIp, Port");
    CHECK(rows_of(r.table) == Rows{"root|203.0.113.7|51022", "invalid user admin|203.0.113.7|51030",
                                   "azureuser|203.0.113.7|51090"});
    CHECK(r.table.columns()[2].type() == ColumnType::Long);
    r = w.ok("Syslog | parse SyslogMessage with \"Accepted password for \" User \" from \" * | "
             "project User");
    CHECK(rows_of(r.table) == Rows{"", "", "azureuser", ""});
}

TEST_CASE("let binds scalars, lists and tabular expressions", "[kql]") {
    Workspace w;
    CHECK(
        rows_of(
            w.ok("let ips = dynamic([\"203.0.113.7\"]);\nlet since = ago(4h);\nSigninLogs\n| where "
                 "TimeGenerated > since and IPAddress in (ips)\n| count")
                .table) == Rows{"2"});
    CHECK(rows_of(w.ok("let bad = SigninLogs | where ResultType != \"0\" | project IPAddress;\n"
                       "AzureActivity | where CallerIpAddress in (bad) | count")
                      .table) == Rows{"3"});
    CHECK(
        rows_of(w.ok("let threshold = 50;\nlet Risky = SigninLogs | where RiskScore > threshold;\n"
                     "Risky | project UserPrincipalName")
                    .table) == Rows{"alice@contoso.com", "carol@contoso.com"});
    CHECK(rows_of(w.ok("AzureActivity | where CallerIpAddress in (SigninLogs | where Location == "
                       "\"US\" | project IPAddress) | count")
                      .table) == Rows{"1"});
}

TEST_CASE("found_keys follow rows through row-preserving operators and small groups",
          "[kql][keys]") {
    Workspace w;
    CHECK(w.ok("SigninLogs | where ResultType == \"0\"").found_keys ==
          Rows{"signin-success-from-ru"});
    CHECK(w.ok("SigninLogs | where ResultType != \"0\"").found_keys.empty());
    CHECK(w.ok("SigninLogs | project IPAddress | take 2").found_keys ==
          Rows{"signin-success-from-ru"});
    CHECK(w.ok("SigninLogs | take 1").found_keys.empty());
    // A group of three rows reveals its members; counting all five still counts as small.
    CHECK(w.ok("SigninLogs | summarize count() by Location").found_keys ==
          Rows{"signin-success-from-ru"});
    CHECK(w.ok("Syslog | summarize count() by Computer").found_keys == Rows{"ssh-accepted"});
    CHECK(w.ok("union SigninLogs, Syslog | where TimeGenerated > ago(3h) | summarize count()")
              .found_keys.empty());
    CHECK(w.ok("AzureActivity | mv-expand Properties.tags | where OperationNameValue has "
               "\"authorization\"")
              .found_keys == Rows{"owner-role-assignment"});
}

TEST_CASE("results past the row limit are cut with a notice", "[kql][limits]") {
    Workspace w;
    kql::Options o;
    o.max_result_rows = 2;
    auto r = w.ok("SigninLogs | sort by TimeGenerated asc", o);
    CHECK(r.truncated);
    CHECK(r.table.row_count() == 2);
    CHECK(r.notice == "showing the first 2 of 5 rows (the result limit); add take, summarize or a "
                      "narrower where");
    CHECK(r.found_keys.empty()); // the key row is the third by time
}
