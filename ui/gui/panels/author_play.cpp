// The author view's play and golden-script sections: start the scenario from the beginning or
// with the clock advanced to any alert's release, and run tests/golden/<id>/*.script with their
// scores against <name>.expected.json.
#include "alertdrill/atomic_file.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/scoring.hpp"
#include "alertdrill/script_play.hpp"
#include "alertdrill/text.hpp"
#include "cli/query_runner.hpp"
#include "gui/panels/author_state.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <imgui.h>

namespace alertdrill::gui {

namespace fs = std::filesystem;

namespace {

constexpr int kLongestWait = 24 * 60; // minutes searched for an alert only an event releases

/// The minute `alert_id` is released when the trainee only waits (a scratch session, seed 1),
/// or -1 when waiting a day does not release it.
int release_minute(const Workspace& ws, const ScenarioDef& def, const std::string& alert_id) {
    Diagnostics ignore;
    auto inst = instantiate(def, ws.catalog(), 1, ignore);
    if (!inst) return -1;
    Session s(inst, ws.catalog(), Mode::Practice);
    s.begin();
    while (!s.alert(alert_id)) {
        if (s.state() == SessionState::Debrief || s.now_min() >= kLongestWait) return -1;
        if (!s.apply("wait 1").ok) return -1;
    }
    return s.alerts().empty() ? -1 : s.alert(alert_id)->released_min;
}

void play_from(Workspace& ws, AuthorState& a, const std::string& alert_id) {
    a.play_error.clear();
    int minute = 0;
    if (!alert_id.empty()) {
        minute = release_minute(ws, *a.def, alert_id);
        if (minute < 0) {
            a.play_error = "Waiting a day does not release '" + alert_id +
                           "': a trainee's action must trigger it. Play from the start instead.";
            return;
        }
    }
    if (!ws.open_scenario(a.path, Mode::Practice, 1)) {
        a.play_error = ws.load_error();
        return;
    }
    ws.want_picker = false;
    ws.windows.author = false; // show the game; F4 brings the author view back as it was
    ws.send_begin();
    if (minute > 0) ws.send("wait " + std::to_string(minute));
    if (!alert_id.empty()) ws.selected_alert = alert_id;
}

std::string golden_dir(const AuthorState& a) {
    const std::string id = a.def->id;
    fs::path beside = fs::path(a.path).parent_path().parent_path() / "tests" / "golden" / id;
    std::error_code ec;
    if (fs::is_directory(beside, ec)) return beside.string();
    return std::string(ALERTDRILL_SOURCE_DIR) + "/tests/golden/" + id;
}

void run_golden(Workspace& ws, AuthorState& a) {
    a.golden.clear();
    std::vector<fs::path> scripts;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(golden_dir(a), ec))
        if (e.path().extension() == ".script") scripts.push_back(e.path());
    std::sort(scripts.begin(), scripts.end());
    const QueryRunner runner = cli::make_query_runner();
    for (const auto& p : scripts) {
        GoldenRun g;
        g.name = p.stem().string();
        g.path = p.string();
        Script script;
        Diagnostics d;
        std::unique_ptr<Session> s;
        if (load_script(g.path, script, d))
            s = play_script(*a.def, ws.catalog(), script, g.path, d, runner);
        if (s)
            g.total = compute_score(*s).total;
        else
            g.problem = d.format();
        std::string text, err;
        fs::path exp = p.parent_path() / (g.name + ".expected.json");
        if (read_file(exp.string(), text, err)) {
            auto j = nlohmann::json::parse(text, nullptr, false);
            if (j.is_object() && j.contains("total") && j["total"].is_number_integer())
                g.expected = j["total"].get<int>();
        }
        a.golden.push_back(std::move(g));
    }
}

/// Plays a golden script in the main window, one queued line at a time, like a replay.
void watch_golden(Workspace& ws, AuthorState& a, const GoldenRun& g) {
    Script script;
    Diagnostics d;
    if (!load_script(g.path, script, d)) return;
    auto mode = script.mode && *script.mode == "assessment" ? Mode::Assessment : Mode::Practice;
    if (!ws.open_scenario(a.path, mode, script.seed.value_or(1), script.variant)) {
        a.play_error = ws.load_error();
        return;
    }
    ws.want_picker = false;
    ws.windows.author = false;
    ws.send_begin();
    for (const auto& line : script.lines)
        if (!is_view_command(line.text.substr(0, line.text.find(' ')))) ws.send(line.text);
}

} // namespace

void draw_author_play(Workspace& ws, AuthorState& a) {
    panel_header("Play", a.def->title.c_str());
    if (ImGui::Button("Play from the start")) play_from(ws, a, "");
    ImGui::SameLine();
    ImGui::TextColored(kDim, "or jump to an alert: the clock is advanced to its release");
    const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                               ImGuiTableFlags_NoSavedSettings | ImGuiTableFlags_BordersInnerH;
    if (ImGui::BeginTable("author_alerts", 5, tf)) {
        table_column("Minute", 3.5f);
        table_column("Alert", 8);
        table_column("Name", 0);
        table_column("Truth", 6);
        table_column("", 6.5f);
        ImGui::TableHeadersRow();
        for (const auto& al : a.def->alerts) {
            ImGui::PushID(al.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(al.at_min ? std::to_string(*al.at_min).c_str() : "event");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(al.id.c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(severity_color(al.severity), "%s", al.display_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(al.true_positive ? kBad : kGood, "%s",
                               al.true_positive ? "true positive" : "false positive");
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("Play from here")) play_from(ws, a, al.id);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!a.play_error.empty()) ImGui::TextColored(kBad, "%s", a.play_error.c_str());
}

void draw_author_golden(Workspace& ws, AuthorState& a) {
    panel_header("Golden scripts", golden_dir(a).c_str());
    if (ImGui::Button("Run golden scripts")) run_golden(ws, a);
    if (a.golden.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(kDim, "each script is played on a fresh session and scored");
        return;
    }
    const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                               ImGuiTableFlags_NoSavedSettings | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("golden", 5, tf)) return;
    table_column("Script", 10);
    table_column("Score", 3);
    table_column("Expected", 4.5f);
    table_column("Result", 0);
    table_column("", 3.5f);
    ImGui::TableHeadersRow();
    for (const auto& g : a.golden) {
        ImGui::PushID(g.name.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(g.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(g.total ? std::to_string(*g.total).c_str() : "-");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(g.expected ? std::to_string(*g.expected).c_str() : "-");
        ImGui::TableNextColumn();
        if (!g.problem.empty())
            ImGui::TextColored(kBad, "%s", g.problem.c_str());
        else if (g.expected && g.total != g.expected)
            ImGui::TextColored(kBad, "differs from %s.expected.json", g.name.c_str());
        else
            ImGui::TextColored(kGood, g.expected ? "as expected" : "played (no expected file)");
        ImGui::TableNextColumn();
        if (g.total && ImGui::SmallButton("Watch")) watch_golden(ws, a, g);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

} // namespace alertdrill::gui
