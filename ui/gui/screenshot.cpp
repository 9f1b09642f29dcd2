#include "gui/screenshot.hpp"

#include <GL/gl.h>
#include <cstring>
#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace alertdrill::gui {

bool write_screenshot(const std::string& path, int width, int height, std::string& error) {
    if (width <= 0 || height <= 0) {
        error = "empty framebuffer";
        return false;
    }
    std::vector<unsigned char> pixels(size_t(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL rows run bottom-up; PNG rows top-down.
    const size_t stride = size_t(width) * 3;
    std::vector<unsigned char> row(stride);
    for (int y = 0; y < height / 2; ++y) {
        unsigned char* a = pixels.data() + size_t(y) * stride;
        unsigned char* b = pixels.data() + size_t(height - 1 - y) * stride;
        std::memcpy(row.data(), a, stride);
        std::memcpy(a, b, stride);
        std::memcpy(b, row.data(), stride);
    }
    if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), int(stride))) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

} // namespace alertdrill::gui
