#pragma once
// Fonts through Dear ImGui's atlas: DejaVu Sans and Sans Mono from fonts-dejavu-core, falling
// back to the built-in font when the files are missing.
struct ImFont;

namespace alertdrill::gui {

/// (Re)builds the atlas at `size_px` (font size times the DPI scale). Call before NewFrame.
void build_fonts(float size_px);
/// The monospace font for evidence tables and the command line (the default font as fallback).
ImFont* mono_font();

} // namespace alertdrill::gui
