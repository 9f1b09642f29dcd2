#include "gui/fonts.hpp"

#include <filesystem>
#include <imgui.h>

namespace alertdrill::gui {

namespace {

ImFont* g_mono = nullptr;

const char* find_font(const char* file) {
    static const char* dirs[] = {"/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/TTF/",
                                 "/usr/share/fonts/dejavu/"};
    static std::string found;
    for (const char* d : dirs) {
        found = std::string(d) + file;
        if (std::filesystem::exists(found)) return found.c_str();
    }
    return nullptr;
}

} // namespace

void build_fonts(float size_px) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x2190,
                                     0x21FF, 0x25A0, 0x25FF, 0};
    ImFont* regular = nullptr;
    if (const char* p = find_font("DejaVuSans.ttf"))
        regular = io.Fonts->AddFontFromFileTTF(p, size_px, nullptr, ranges);
    if (!regular) {
        ImFontConfig cfg;
        cfg.SizePixels = size_px;
        regular = io.Fonts->AddFontDefault(&cfg);
    }
    g_mono = nullptr;
    if (const char* p = find_font("DejaVuSansMono.ttf"))
        g_mono = io.Fonts->AddFontFromFileTTF(p, size_px * 0.92f, nullptr, ranges);
    if (!g_mono) g_mono = regular;
    io.FontDefault = regular;
    io.Fonts->Build();
}

ImFont* mono_font() {
    return g_mono ? g_mono : ImGui::GetFont();
}

} // namespace alertdrill::gui
