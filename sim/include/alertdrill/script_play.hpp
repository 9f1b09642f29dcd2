#pragma once
// Playing an action script on a fresh session: what golden tests, `validate --strict` and the
// GUI's author view all do with tests/golden/<scenario>/<path>.script.
#include "alertdrill/catalog.hpp"
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/script.hpp"
#include "alertdrill/session.hpp"

#include <memory>
#include <string>

namespace alertdrill {

/// A session of `def` with the script's seed (default 1), variant and mode, every line applied
/// (view commands skipped) and ended if the script did not end it. nullptr when the scenario does
/// not instantiate or a line is refused; the problem goes to `diags` at `path`'s line.
std::unique_ptr<Session> play_script(const ScenarioDef& def, const Catalog& catalog,
                                     const Script& script, const std::string& path,
                                     Diagnostics& diags, const QueryRunner& runner = {});

} // namespace alertdrill
