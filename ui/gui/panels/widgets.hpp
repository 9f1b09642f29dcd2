#pragma once
// Small drawing helpers shared by the panels.
#include "alertdrill/model.hpp"

#include <cstdint>
#include <imgui.h>
#include <string>

namespace alertdrill::gui {

ImVec4 severity_color(Severity s);
ImVec4 step_color(Step s);
inline const ImVec4 kDim{0.60f, 0.63f, 0.68f, 1.0f};
inline const ImVec4 kAccent{0.35f, 0.65f, 1.0f, 1.0f};
inline const ImVec4 kGood{0.40f, 0.80f, 0.45f, 1.0f};
inline const ImVec4 kBad{0.95f, 0.40f, 0.35f, 1.0f};
inline const ImVec4 kWarn{0.95f, 0.75f, 0.30f, 1.0f};

/// "02:40" in UTC for a simulated minute of the scenario.
std::string clock_text(int64_t start_utc_s, int minute);
/// "2026-03-14 02:40 UTC".
std::string datetime_text(int64_t utc_s);
/// A panel title line with a separator under it.
void panel_header(const char* title, const char* right_text = nullptr);
/// "Label: value" with a dim label; wraps the value.
void field(const char* label, const std::string& value);
/// Text as a button-like link; returns true when clicked.
bool link(const std::string& text, const ImVec4& color = kAccent);
/// A table column `em` font-heights wide (0 = stretch). Explicit widths: Dear ImGui 1.86 sizes
/// auto-fit columns from the previous frame, which collapses them in a table's first frames.
void table_column(const char* label, float em);
/// The tool windows' list tables: striped rows, borders, the fixed column widths table_column
/// gives, nothing saved to imgui.ini.
inline constexpr ImGuiTableFlags kListTable = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders |
                                              ImGuiTableFlags_SizingFixedFit |
                                              ImGuiTableFlags_NoSavedSettings;
/// Begins a tool window (Tools menu), `size` and `pos` the first time it is shown. False when
/// it is collapsed: nothing to draw, and End() has been called.
bool begin_tool_window(const char* title, bool* open, ImVec2 size, ImVec2 pos);
/// A path field (`hint` when empty, 30 font-heights wide) and a button beside it. True when Enter
/// is pressed in the field or the button is clicked.
bool path_field(const char* id, const char* hint, std::string& path, const char* button);
/// A bullet with wrapped text (ImGui::BulletText does not wrap).
void bullet_wrapped(const std::string& text);
/// A button that sends an action and shows its cost, e.g. "Review alert details (3 min)".
bool action_button(const std::string& label, int minutes);

} // namespace alertdrill::gui
