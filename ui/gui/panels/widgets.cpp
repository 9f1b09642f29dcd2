#include "gui/panels/widgets.hpp"

#include <ctime>
#include <fmt/format.h>
#include <imgui_stdlib.h>

namespace alertdrill::gui {

ImVec4 severity_color(Severity s) {
    switch (s) {
    case Severity::High:
        return {0.93f, 0.30f, 0.28f, 1.0f};
    case Severity::Medium:
        return {0.96f, 0.60f, 0.20f, 1.0f};
    case Severity::Low:
        return {0.95f, 0.85f, 0.35f, 1.0f};
    case Severity::Informational:
        return {0.55f, 0.70f, 0.90f, 1.0f};
    }
    return kDim;
}

ImVec4 step_color(Step s) {
    switch (s) {
    case Step::Context:
        return {0.45f, 0.70f, 0.95f, 1.0f};
    case Step::Analysis:
        return {0.65f, 0.55f, 0.95f, 1.0f};
    case Step::Containment:
        return {0.95f, 0.50f, 0.40f, 1.0f};
    case Step::Posture:
        return {0.45f, 0.80f, 0.55f, 1.0f};
    case Step::Documentation:
        return {0.90f, 0.80f, 0.40f, 1.0f};
    }
    return kDim;
}

std::string datetime_text(int64_t utc_s) {
    std::time_t t = static_cast<std::time_t>(utc_s);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

std::string clock_text(int64_t start_utc_s, int minute) {
    std::time_t t = static_cast<std::time_t>(start_utc_s + int64_t(minute) * 60);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:02}:{:02}", tm.tm_hour, tm.tm_min);
}

void panel_header(const char* title, const char* right_text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
    if (right_text) {
        float w = ImGui::CalcTextSize(right_text).x;
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
        ImGui::TextColored(kDim, "%s", right_text);
    }
    ImGui::Separator();
}

void field(const char* label, const std::string& value) {
    ImGui::TextColored(kDim, "%s", label);
    ImGui::SameLine();
    ImGui::TextWrapped("%s", value.c_str());
}

bool link(const std::string& text, const ImVec4& color) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 0));
    bool clicked = ImGui::SmallButton(text.c_str());
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    return clicked;
}

void table_column(const char* label, float em) {
    if (em <= 0)
        ImGui::TableSetupColumn(label, ImGuiTableColumnFlags_WidthStretch);
    else
        ImGui::TableSetupColumn(label, ImGuiTableColumnFlags_WidthFixed, em * ImGui::GetFontSize());
}

void bullet_wrapped(const std::string& text) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", text.c_str());
}

bool action_button(const std::string& label, int minutes) {
    return ImGui::Button(fmt::format("{} ({} min)", label, minutes).c_str());
}

bool begin_tool_window(const char* title, bool* open, ImVec2 size, ImVec2 pos) {
    ImGui::SetNextWindowSize(size, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(pos, ImGuiCond_FirstUseEver);
    if (ImGui::Begin(title, open)) return true;
    ImGui::End();
    return false;
}

bool path_field(const char* id, const char* hint, std::string& path, const char* button) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
    bool go = ImGui::InputTextWithHint(
        id, hint, &path, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    ImGui::SameLine();
    return ImGui::Button(button) || go;
}

} // namespace alertdrill::gui
