// The desktop window's Workspace (no ImGui in it): what a pivot on a value selects.
#include "alertdrill/text.hpp"
#include "gui/workspace.hpp"
#include "test_support.hpp"

#include <climits>

using namespace alertdrill;

namespace {

/// True when some visible row of `t` prints `needle` (lower case) in a text column.
bool shows(const Table& t, const std::string& needle) {
    for (const auto& c : t.columns()) {
        if (c.type() != ColumnType::String && c.type() != ColumnType::Dynamic) continue;
        for (size_t r = 0; r < c.size(); ++r)
            if (!c.is_null(r) && to_lower(std::string(c.str(r))).find(needle) != std::string::npos)
                return true;
    }
    return false;
}

} // namespace

TEST_CASE("a pivot selects a table only for a value one of its visible rows shows", "[gui]") {
    gui::Workspace ws;
    REQUIRE(ws.catalog_ok());
    REQUIRE(
        ws.open_scenario(test::source_path("scenarios/crypto_mining_vm.toml"), Mode::Practice, 1));
    ws.set_autosave(false);
    ws.send_begin();
    ws.send("review_auth_logs vm-web-prod-01"); // opens Syslog as it stands now
    ws.apply_pending();
    const Session& s = ws.session();
    const Table* visible = s.visible_table("Syslog");
    REQUIRE(visible);
    const int ti = s.instance().table_index("Syslog");
    REQUIRE(ti >= 0);
    const EvidenceTable& all = s.instance().evidence(size_t(ti));
    REQUIRE(visible->row_count() < all.table.row_count()); // later rows are still to come

    // A message only a later row holds: it is in the table's dictionary (the visible copy shares
    // it) but not on screen, so the pivot must not jump to Syslog for it.
    const Column& msg = *all.table.column("SyslogMessage");
    std::string later;
    for (size_t r = 0; r < msg.size() && later.empty(); ++r) {
        if (all.row_minute[r] == INT_MIN || all.row_minute[r] <= s.now_min() || msg.is_null(r))
            continue;
        std::string v(msg.str(r));
        bool on_screen = false;
        for (const Table* t : s.visible_tables()) on_screen = on_screen || shows(*t, to_lower(v));
        if (!on_screen) later = v;
    }
    REQUIRE_FALSE(later.empty());
    REQUIRE(visible->column("SyslogMessage")->find_code(later)); // shared, so it has a code
    ws.selected_table = "none";
    ws.pivot(later);
    CHECK(ws.selected_table == "none");

    // A value a visible row shows selects its table.
    const std::string now_value(visible->column("SyslogMessage")->str(0));
    ws.pivot(now_value);
    CHECK(ws.selected_table == "Syslog");
}
