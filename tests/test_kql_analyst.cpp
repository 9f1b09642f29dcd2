// KQL that analysts reach for in these investigations beyond the basics: toscalar() for a value
// computed once from a subquery, and mv-expand's limit, with_itemindex and kind options. Expected
// results follow Microsoft's documentation of each (learn.microsoft.com/kusto/query).
#include "kql_fixtures.hpp"

using namespace kql_test;

TEST_CASE("toscalar turns a subquery into one constant", "[kql]") {
    Workspace w;
    // The address with the most failed sign-ins, then every sign-in from it.
    auto r = w.ok("let worst = toscalar(SigninLogs | where ResultType != \"0\" | summarize "
                  "n = count() by IPAddress | top 1 by n | project IPAddress);\n"
                  "SigninLogs | where IPAddress == worst | count");
    CHECK(rows_of(r.table) == Rows{"3"});
    // Inline in a predicate: sign-ins riskier than the average (nulls are not averaged).
    r = w.ok("SigninLogs | where RiskScore > toscalar(SigninLogs | summarize avg(RiskScore)) | "
             "project UserPrincipalName, RiskScore");
    CHECK(rows_of(r.table) == Rows{"alice@contoso.com|90", "carol@contoso.com|70"});
    // The first column of the first row; a null of that column's type when there is no row.
    r = w.ok("print n = toscalar(SigninLogs | where Location == \"FR\" | count), none = "
             "isnull(toscalar(SigninLogs | where Location == \"FR\" | project RiskScore))");
    CHECK(rows_of(r.table) == Rows{"0|true"});
    CHECK(r.table.columns()[0].type() == ColumnType::Long);
    CHECK(w.err_text("print toscalar(1, 2)").find("toscalar() takes 1 argument, not 2") !=
          std::string::npos);
}

TEST_CASE("mv-expand limit, with_itemindex and kind follow the documented options", "[kql]") {
    Workspace w;
    // limit: at most that many rows from each input row.
    auto r =
        w.ok("print x = dynamic([\"a\", \"b\", \"c\"]) | mv-expand x to typeof(string) limit 2");
    CHECK(rows_of(r.table) == Rows{"a", "b"});
    r = w.ok("AzureActivity | mv-expand Tag = Properties.tags limit 1 | where isnotnull(Tag) | "
             "project TimeGenerated, Tag");
    CHECK(r.table.row_count() == 2); // one tag from each VM write, not three
    // with_itemindex: the element's 0-based position in its array.
    r = w.ok("print x = dynamic([\"a\", \"b\", \"c\"]) | mv-expand with_itemindex=Idx x to "
             "typeof(string) | project Idx, x");
    CHECK(rows_of(r.table) == Rows{"0|a", "1|b", "2|c"});
    CHECK(r.table.columns()[0].type() == ColumnType::Long);
    // kind=bag (the default) gives one-property bags; kind=array gives [key, value] pairs.
    r = w.ok("AzureActivity | where OperationNameValue endswith \"ROLEASSIGNMENTS/WRITE\" | "
             "mv-expand Properties | project Properties");
    CHECK(rows_of(r.table) == Rows{"{\"roleName\":\"Owner\"}", "{\"scope\":\"/subscriptions/1\"}"});
    r = w.ok("AzureActivity | where OperationNameValue endswith \"ROLEASSIGNMENTS/WRITE\" | "
             "mv-expand kind=array Properties | project Key = tostring(Properties[0]), Value = "
             "tostring(Properties[1])");
    CHECK(rows_of(r.table) == Rows{"roleName|Owner", "scope|/subscriptions/1"});
    // An empty array makes no row; a null makes one row with a null.
    CHECK(w.ok("print x = dynamic([]) | mv-expand with_itemindex=i x").table.row_count() == 0);
    CHECK(w.err_text("print x = dynamic([1]) | mv-expand kind=list x")
              .find("unknown mv-expand kind 'list': expected bag or array") != std::string::npos);
    CHECK(w.err_text("print x = dynamic([1]) | mv-expand x limit -1")
              .find("expected a non-negative whole number for the mv-expand row limit") !=
          std::string::npos);
}
