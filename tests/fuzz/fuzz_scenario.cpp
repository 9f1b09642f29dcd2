// libFuzzer target: the scenario loader (parse, build, check) and, for files that load,
// instantiation with evidence generation. Limits are small so a valid-but-huge file stays fast.
#include "alertdrill/catalog.hpp"
#include "fuzz_common.hpp"
#include "alertdrill/scenario.hpp"

#include <cstdint>
#include <string>

using namespace alertdrill;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Catalog& catalog = fuzz_catalog();
    std::string text(reinterpret_cast<const char*>(data), size);
    Diagnostics d;
    ScenarioLimits limits;
    limits.max_noise_rows = 2000;
    limits.max_total_rows = 5000;
    auto def = load_scenario_text(text, "fuzz.toml", catalog, d, limits);
    if (def) instantiate(*def, catalog, 1, d);
    for (const auto& x : d.items()) (void)x.format();
    return 0;
}
