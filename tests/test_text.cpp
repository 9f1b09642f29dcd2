#include "alertdrill/diagnostics.hpp"
#include "alertdrill/table.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/toml_reader.hpp"

#include <catch2/catch.hpp>

using namespace alertdrill;

TEST_CASE("did-you-mean suggests close names only", "[text]") {
    std::vector<std::string> keys{"severity", "display_name", "alert_type"};
    CHECK(did_you_mean("severty", keys) == " (did you mean 'severity'?)");
    CHECK(did_you_mean("colour", keys).empty());
}

TEST_CASE("control characters from files are escaped", "[text]") {
    CHECK(escape_control("a\x1b[31mb") == "a\\x1b[31mb");
    CHECK(escape_control("line1\nline2") == "line1\nline2");
    CHECK(escape_control("tab\there", false) == "tab\\x09here");
}

TEST_CASE("TableReader reports unknown keys, wrong types and missing keys", "[toml]") {
    Diagnostics d;
    auto t = parse_toml_text("name = 'x'\nseverty = 'High'\ncount = 'three'\n", "f.toml", d);
    REQUIRE(t);
    TableReader r(*t, "f.toml", d, "alert 'a'");
    CHECK(r.string("name", true) == "x");
    CHECK_FALSE(r.integer("count", true));
    CHECK_FALSE(r.string("severity", true));
    r.finish();
    d.sort();
    CHECK(d.format() ==
          "f.toml:1:1: error: alert 'a' is missing the required key 'severity'\n"
          "f.toml:2:1: error: unknown key 'severty' in alert 'a' (did you mean 'severity'?)\n"
          "f.toml:3:9: error: 'count' in alert 'a' must be an integer, not string\n");
}

TEST_CASE("TOML syntax errors carry line and column", "[toml]") {
    Diagnostics d;
    auto t = parse_toml_text("a = 1\nb = [1, 2\n", "bad.toml", d);
    CHECK_FALSE(t);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].pos.line >= 2);
    CHECK(d.items()[0].format().rfind("bad.toml:", 0) == 0);
}

TEST_CASE("datetimes round-trip through the table formats", "[table]") {
    auto us = parse_datetime_us("2026-03-14T02:10:00Z");
    REQUIRE(us);
    CHECK(format_datetime_us(*us) == "2026-03-14T02:10:00Z");
    CHECK(parse_datetime_us("2026-03-14T03:10:00+01:00") == us);
    CHECK_FALSE(parse_datetime_us("2026-13-14T02:10:00Z"));
    CHECK(format_timespan_us(90LL * 60 * 1000000) == "01:30:00");
}

TEST_CASE("string columns are dictionary encoded and survive table copies", "[table]") {
    Table t("Syslog");
    auto& c = t.add_column("Computer", ColumnType::String);
    for (int i = 0; i < 1000; ++i) c.push_string(i % 2 ? "vm-a" : "vm-b");
    t.add_column("N", ColumnType::Long);
    t.columns()[1].reserve(1000);
    for (int i = 0; i < 1000; ++i) t.columns()[1].push_int(i);
    CHECK(t.columns()[0].dictionary().size() == 2);
    Table copy = t;
    t = Table();
    CHECK(copy.row_count() == 1000);
    CHECK(copy.column("Computer")->str(1) == "vm-a");
    CHECK(copy.column("N")->display(999) == "999");
}

TEST_CASE("UTC times as transcripts write them are read to seconds", "[text]") {
    CHECK(parse_utc_seconds("1970-01-01T00:00:00Z") == 0.0);
    CHECK(parse_utc_seconds("2026-12-04T10:00:00Z") == 1796378400.0);
    CHECK(parse_utc_seconds("2024-02-29T23:59:59.5Z") == 1709251199.5);
    CHECK_FALSE(parse_utc_seconds(""));
    CHECK_FALSE(parse_utc_seconds("2026-12-04 10:00:00"));
    CHECK_FALSE(parse_utc_seconds("2026-13-04T10:00:00Z"));
    CHECK_FALSE(parse_utc_seconds("2026-12-04T10:00:00+01:00"));
    CHECK_FALSE(parse_utc_seconds("2026-12-04T10:00:00.Z"));
}
