#include "cli/query_runner.hpp"

namespace alertdrill::cli {

// The KQL engine lands in sim/ separately; until then a query reports that it is unavailable.
QueryRunner make_query_runner() {
    return {};
}

} // namespace alertdrill::cli
