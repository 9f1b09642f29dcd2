// libFuzzer target: transcript parsing, and replay of whatever parses against the first scenario.
// It also holds the fast reader to its promise: whatever it accepts, the positioned reader
// accepts with nothing to say and reads to an equal Transcript.
#include "alertdrill/catalog.hpp"
#include "alertdrill/json_reader.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/transcript.hpp"
#include "alertdrill/transcript_fast.hpp"
#include "fuzz_common.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace alertdrill;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Catalog& catalog = fuzz_catalog();
    static std::optional<ScenarioDef> def = [] {
        Diagnostics d;
        return load_scenario(default_scenarios_dir() + "/crypto_mining_vm.toml", catalog, d);
    }();
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (auto fast = read_transcript_fast(text)) {
        Diagnostics sd;
        auto doc = parse_json_text(text, "fuzz.json", sd);
        auto slow = doc ? transcript_from_json(*doc, text, "fuzz.json", sd) : std::nullopt;
        if (slow && !usable_scenario_path(fast->scenario_path, fast->scenario_id))
            fast->scenario_path.clear();
        if (!slow || !sd.items().empty() || !(*fast == *slow)) std::abort();
    }
    Diagnostics d;
    auto t = parse_transcript(text, "fuzz.json", d);
    if (t && def && t->actions.size() < 200) {
        t->scenario_id = def->id;
        t->scenario_hash = def->content_hash;
        replay_transcript(*t, *def, catalog, d);
    }
    return 0;
}
