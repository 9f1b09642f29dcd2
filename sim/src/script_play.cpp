#include "alertdrill/script_play.hpp"

#include "alertdrill/scenario.hpp"

namespace alertdrill {

std::unique_ptr<Session> play_script(const ScenarioDef& def, const Catalog& catalog,
                                     const Script& script, const std::string& path,
                                     Diagnostics& diags, const QueryRunner& runner) {
    auto inst = instantiate(def, catalog, script.seed.value_or(1), diags, script.variant);
    if (!inst) return nullptr;
    auto s = std::make_unique<Session>(
        inst, catalog,
        script.mode && *script.mode == "assessment" ? Mode::Assessment : Mode::Practice);
    if (runner) s->set_query_runner(runner);
    for (const auto& line : script.lines) {
        if (is_view_command(line.text.substr(0, line.text.find(' ')))) continue;
        ApplyResult r = s->apply(line.text);
        if (!r.ok) {
            diags.error({path, line.number, 1}, "refused: " + r.error);
            return nullptr;
        }
    }
    if (s->state() != SessionState::Debrief) s->apply("end");
    return s;
}

} // namespace alertdrill
