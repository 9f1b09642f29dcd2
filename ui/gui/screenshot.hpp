#pragma once
#include <string>

namespace alertdrill::gui {

/// Reads the back buffer (glReadPixels) and writes it as a PNG; false with `error` on failure.
bool write_screenshot(const std::string& path, int width, int height, std::string& error);

} // namespace alertdrill::gui
