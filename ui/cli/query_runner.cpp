#include "cli/query_runner.hpp"

#include "alertdrill/query_console.hpp"

namespace alertdrill::cli {

QueryRunner make_query_runner() {
    return [](const Session& s, const std::string& query) { return run_session_query(s, query); };
}

} // namespace alertdrill::cli
