// The author view: open a scenario file, see its diagnostics (FILE:LINE:COL) as `alertdrill
// validate` prints them, click one to see its line in context, and have the file reloaded when it
// changes on disk. Playing and golden scripts are in author_play.cpp.
#include "alertdrill/atomic_file.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/text.hpp"
#include "gui/panels/author_state.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <algorithm>
#include <ctime>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace alertdrill::gui {

namespace {

AuthorState g_author;
constexpr double kWatchSeconds = 0.5; // how often the file's modification time is checked

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        std::string line = text.substr(start, nl - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(std::move(line));
        start = nl + 1;
    }
    return out;
}

void watch(Workspace& ws, AuthorState& a) {
    const double now = ImGui::GetTime();
    if (a.path.empty() || now - a.last_check < kWatchSeconds) return;
    a.last_check = now;
    std::error_code ec;
    auto t = std::filesystem::last_write_time(a.path, ec);
    if (!ec && t != a.mtime) {
        a.selected_diag = -1; // the list changed under it; the line shown stays
        author_load(ws, a);
        ++a.reloads;
    }
}

void draw_source(const AuthorState& a) {
    if (a.focus_line <= 0) {
        ImGui::TextColored(kDim, "Click a diagnostic to see its line.");
        return;
    }
    const int context = 4;
    const int first = std::max(1, a.focus_line - context);
    const int last = std::min(int(a.lines.size()), a.focus_line + context);
    int column = 0;
    if (a.selected_diag >= 0 && a.selected_diag < int(a.diags.items().size()))
        column = a.diags.items()[size_t(a.selected_diag)].pos.column;
    for (int n = first; n <= last; ++n) {
        const std::string& text = a.lines[size_t(n - 1)];
        const bool focus = n == a.focus_line;
        ImGui::TextColored(focus ? kWarn : kDim, "%5d %s", n, focus ? ">" : "|");
        ImGui::SameLine();
        if (focus)
            ImGui::TextColored(ImVec4(1, 1, 1, 1), "%s", text.c_str());
        else
            ImGui::TextUnformatted(text.c_str());
        if (focus && column > 0) {
            // A caret under the column, in the monospace-free font: measure the prefix.
            ImGui::TextColored(kWarn, "%5s  ", "");
            ImGui::SameLine(0, 0);
            std::string prefix =
                text.substr(0, size_t(std::min<int>(column - 1, int(text.size()))));
            ImGui::Dummy(ImVec2(ImGui::CalcTextSize(prefix.c_str()).x, 0));
            ImGui::SameLine(0, 0);
            ImGui::TextColored(kWarn, "^");
        }
    }
}

void draw_diagnostics(AuthorState& a) {
    const auto& items = a.diags.items();
    if (items.empty()) {
        ImGui::TextColored(kGood, "No problems: the scenario validates.");
        return;
    }
    ImGui::TextColored(a.diags.has_errors() ? kBad : kWarn, "%zu error%s, %zu warning%s",
                       a.diags.error_count(), a.diags.error_count() == 1 ? "" : "s",
                       a.diags.warning_count(), a.diags.warning_count() == 1 ? "" : "s");
    const float h = std::min(ImGui::GetTextLineHeightWithSpacing() * float(items.size() + 1),
                             ImGui::GetContentRegionAvail().y * 0.35f);
    if (ImGui::BeginChild("diags", ImVec2(0, h), true, ImGuiWindowFlags_HorizontalScrollbar)) {
        for (int i = 0; i < int(items.size()); ++i) {
            const Diagnostic& d = items[size_t(i)];
            std::string text = d.format();
            if (!text.empty() && text.back() == '\n') text.pop_back();
            ImGui::PushStyleColor(ImGuiCol_Text, d.level == DiagLevel::Error ? kBad : kWarn);
            if (ImGui::Selectable((text + "##d" + std::to_string(i)).c_str(),
                                  a.selected_diag == i)) {
                a.selected_diag = i;
                a.focus_line = d.pos.line;
            }
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndChild();
}

void dump_state(Workspace& ws, const AuthorState& a) {
    nlohmann::json diags = nlohmann::json::array();
    for (const auto& d : a.diags.items()) {
        std::string t = d.format();
        if (!t.empty() && t.back() == '\n') t.pop_back();
        diags.push_back(t);
    }
    nlohmann::json golden = nlohmann::json::array();
    for (const auto& g : a.golden)
        golden.push_back({{"name", g.name},
                          {"total", g.total ? nlohmann::json(*g.total) : nlohmann::json()},
                          {"expected", g.expected ? nlohmann::json(*g.expected) : nlohmann::json()},
                          {"problem", g.problem}});
    nlohmann::json shown = nlohmann::json::array();
    if (a.focus_line > 0 && a.focus_line <= int(a.lines.size()))
        shown.push_back(a.lines[size_t(a.focus_line - 1)]);
    (*ws.state_dump)["author"] = {{"path", a.path},       {"diagnostics", diags},
                                  {"reloads", a.reloads}, {"focus_line", a.focus_line},
                                  {"focus_text", shown},  {"golden", golden}};
}

} // namespace

void author_load(Workspace& ws, AuthorState& a) {
    std::error_code ec;
    a.mtime = std::filesystem::last_write_time(a.path, ec);
    a.diags = Diagnostics{};
    a.def.reset();
    a.golden.clear();
    std::string text, error;
    if (!read_file(a.path, text, error)) {
        a.lines.clear();
        a.diags.error({a.path, 0, 0}, error);
    } else {
        a.lines = split_lines(text);
        a.def = load_scenario(a.path, ws.catalog(), a.diags);
        a.diags.sort(); // the order `alertdrill validate` prints
    }
    if (a.selected_diag >= int(a.diags.items().size())) a.selected_diag = -1;
    if (a.focus_line > int(a.lines.size())) a.focus_line = 0;
    std::time_t t = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", std::localtime(&t));
    a.reloaded_at = buf;
}

void draw_author_window(Workspace& ws) {
    if (!ws.windows.author) return;
    AuthorState& a = g_author;
    if (!begin_tool_window("Author", &ws.windows.author, ImVec2(1100, 760), ImVec2(80, 60))) return;
    if (ws.state_dump) dump_state(ws, a);
    watch(ws, a);
    ImGui::TextColored(kDim, "Scenario file");
    ImGui::SameLine();
    bool open = path_field("##author_path", "path/to/scenario.toml", a.path_input, "Open");
    ImGui::SameLine();
    if (ImGui::BeginCombo("##author_pick", "scenarios", ImGuiComboFlags_NoPreview)) {
        if (ws.scenarios().empty()) ws.refresh_scenarios();
        for (const auto& s : ws.scenarios())
            if (ImGui::Selectable((s.id + (s.valid ? "" : "  (invalid)")).c_str())) {
                a.path_input = s.path;
                open = true;
            }
        ImGui::EndCombo();
    }
    if (open && !a.path_input.empty()) {
        a.path = a.path_input;
        a.selected_diag = -1;
        a.focus_line = 0;
        a.reloads = 0;
        author_load(ws, a);
    }
    if (a.path.empty()) {
        ImGui::TextWrapped("Open a scenario file to see its problems as you edit it: the view "
                           "reloads whenever the file is saved.");
        ImGui::End();
        return;
    }
    ImGui::TextColored(kDim, "%s  |  loaded %s%s", a.path.c_str(), a.reloaded_at.c_str(),
                       a.reloads
                           ? fmt::format(", reloaded {} time(s) after saves", a.reloads).c_str()
                           : "; watching for saves");
    ImGui::Separator();
    draw_diagnostics(a);
    if (!a.diags.empty()) {
        if (ImGui::BeginChild("source", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 11), true,
                              ImGuiWindowFlags_HorizontalScrollbar))
            draw_source(a);
        ImGui::EndChild();
    }
    if (a.def) {
        ImGui::Spacing();
        draw_author_play(ws, a);
        ImGui::Spacing();
        draw_author_golden(ws, a);
    }
    ImGui::End();
}

} // namespace alertdrill::gui
