#pragma once
// `alertdrill validate --strict`: the checks an author wants before publishing a scenario, on
// top of the loader's own.
#include "alertdrill/catalog.hpp"
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/model.hpp"
#include "alertdrill/session.hpp"

#include <string>

namespace alertdrill {

/// Every golden `<golden_dir>/expert*.script` reaches 100 (and one exists); every rubric action
/// is in the catalog and its target can be named; every evidence key the rubric needs is in a
/// table that is visible or that some action reveals; the hint cost is lower than the points of
/// every item a hint can help with. Problems go to `diags` at the item's position.
void check_publishable(const ScenarioDef& def, const Catalog& catalog,
                       const std::string& golden_dir, Diagnostics& diags,
                       const QueryRunner& runner = {});

} // namespace alertdrill
