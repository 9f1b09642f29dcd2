#pragma once
// Links the session's `run_query` action to the KQL engine.
#include "alertdrill/session.hpp"

namespace alertdrill::cli {

QueryRunner make_query_runner();

} // namespace alertdrill::cli
