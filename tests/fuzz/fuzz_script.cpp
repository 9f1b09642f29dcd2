// libFuzzer target: action scripts and the session's command parser, applied to a live session.
#include "alertdrill/catalog.hpp"
#include "fuzz_common.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/script.hpp"
#include "alertdrill/session.hpp"

#include <cstdint>
#include <string>

using namespace alertdrill;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Catalog& catalog = fuzz_catalog();
    static std::shared_ptr<const ScenarioInstance> inst = [] {
        Diagnostics d;
        auto def = load_scenario(default_scenarios_dir() + "/crypto_mining_vm.toml", catalog, d);
        return def ? instantiate(*def, catalog, 1, d) : nullptr;
    }();
    Script script;
    Diagnostics d;
    parse_script(std::string(reinterpret_cast<const char*>(data), size), "fuzz.script", script, d);
    if (!inst) return 0;
    Session s(inst, catalog);
    for (size_t i = 0; i < script.lines.size() && i < 100; ++i) s.apply(script.lines[i].text);
    return 0;
}
