// The evidence panel's cached row index: filter and sort results, and that it rebuilds only
// when something changed.
#include "gui/evidence_view.hpp"

#include <catch2/catch.hpp>

using namespace alertdrill;
using alertdrill::gui::EvidenceView;

namespace {

Table sample() {
    Table t("VMConnection");
    t.add_column("TimeGenerated", ColumnType::DateTime);
    t.add_column("RemoteIp", ColumnType::String);
    t.add_column("BytesSent", ColumnType::Long);
    Column& time = t.columns()[0]; // after every add_column: the vector may move
    Column& ip = t.columns()[1];
    Column& bytes = t.columns()[2];
    const char* ips[] = {"10.0.0.9", "203.0.113.77", "10.0.0.10", "203.0.113.77", "192.0.2.1"};
    const int64_t sent[] = {500, 20, 7000, 3, 42};
    for (int i = 0; i < 5; ++i) {
        time.push_int((1773454200LL + i * 60) * 1000000);
        ip.push_string(ips[i]);
        bytes.push_int(sent[i]);
    }
    t.columns()[2].push_null(); // row 5: no bytes
    t.columns()[0].push_int(1773454200LL * 1000000);
    t.columns()[1].push_string("10.0.0.9");
    return t;
}

std::vector<uint32_t> rows(std::initializer_list<uint32_t> l) {
    return l;
}

} // namespace

TEST_CASE("evidence view filters case-insensitively across columns", "[gui]") {
    Table t = sample();
    EvidenceView v;
    REQUIRE(v.update(&t, 1));
    CHECK(v.rows() == rows({0, 1, 2, 3, 4, 5}));
    v.set_filter("203.0.113");
    REQUIRE(v.update(&t, 1));
    CHECK(v.rows() == rows({1, 3}));
    v.set_filter("7000"); // a number column matches when the filter has digits
    v.update(&t, 1);
    CHECK(v.rows() == rows({2}));
    v.set_filter("  ");
    v.update(&t, 1);
    CHECK(v.rows().size() == 6);
}

TEST_CASE("evidence view skips only the number and date columns that cannot show the filter",
          "[gui]") {
    Table t = sample(); // times from 2026-03-14T02:10:00Z, one a minute
    EvidenceView v;
    v.set_filter("T02:12:00z"); // a date-time's text, any case
    v.update(&t, 1);
    CHECK(v.rows() == rows({2}));
    v.set_filter("2026-03-14T02:1");
    v.update(&t, 1);
    CHECK(v.rows().size() == 6);
    v.set_filter("-"); // a separator both dates and negative numbers print
    v.update(&t, 1);
    CHECK(v.rows().size() == 6);
    v.set_filter("42");
    v.update(&t, 1);
    CHECK(v.rows() == rows({4}));
    v.set_filter("10.0.0.9"); // an IP: only the text column can hold it
    v.update(&t, 1);
    CHECK(v.rows() == rows({0, 5}));
}

TEST_CASE("evidence view sorts text by value and numbers numerically, nulls first", "[gui]") {
    Table t = sample();
    EvidenceView v;
    v.set_sort(1, false);
    v.update(&t, 1);
    // "10.0.0.10" < "10.0.0.9" as text; stable for the equal "10.0.0.9" rows.
    CHECK(v.rows() == rows({2, 0, 5, 4, 1, 3}));
    v.set_sort(2, false);
    v.update(&t, 1);
    CHECK(v.rows() == rows({5, 3, 1, 4, 0, 2}));
    v.set_sort(2, true);
    v.update(&t, 1);
    CHECK(v.rows() == rows({2, 0, 4, 1, 3, 5}));
}

TEST_CASE("evidence view rebuilds only when the table, generation, filter or sort change",
          "[gui]") {
    Table t = sample();
    EvidenceView v;
    CHECK(v.update(&t, 1));
    CHECK_FALSE(v.update(&t, 1));
    CHECK(v.update(&t, 2));
    v.set_sort(0, true);
    CHECK(v.update(&t, 2));
    CHECK_FALSE(v.update(&t, 2));
    CHECK_FALSE(v.update(nullptr, 2));
    CHECK(v.rows().empty());
}
