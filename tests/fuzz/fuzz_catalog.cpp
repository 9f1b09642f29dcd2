// libFuzzer target: the action catalog loader.
#include "alertdrill/catalog.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    alertdrill::Catalog c;
    alertdrill::Diagnostics d;
    alertdrill::load_catalog_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                  "fuzz.toml", c, d);
    return 0;
}
