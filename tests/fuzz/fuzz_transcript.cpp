// libFuzzer target: transcript parsing, and replay of whatever parses against the first scenario.
#include "alertdrill/catalog.hpp"
#include "fuzz_common.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/transcript.hpp"

#include <cstdint>
#include <string>

using namespace alertdrill;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Catalog& catalog = fuzz_catalog();
    static std::optional<ScenarioDef> def = [] {
        Diagnostics d;
        return load_scenario(default_scenarios_dir() + "/crypto_mining_vm.toml", catalog, d);
    }();
    Diagnostics d;
    auto t =
        parse_transcript(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json", d);
    if (t && def && t->actions.size() < 200) {
        t->scenario_id = def->id;
        t->scenario_hash = def->content_hash;
        replay_transcript(*t, *def, catalog, d);
    }
    return 0;
}
