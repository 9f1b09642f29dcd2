// The corpus of valid queries (tests/data/kql/valid_queries.kql) is what Microsoft's parser
// checks (tests/scripts/kql_oracle.sh); every test query that must succeed is required to be in
// it (kql_fixtures.hpp), and here every corpus query must run.
#include "kql_fixtures.hpp"

using namespace kql_test;

TEST_CASE("every query in the validity corpus runs against the fixtures", "[kql][corpus]") {
    Workspace w;
    auto queries = corpus_list();
    REQUIRE(queries.size() > 100);
    for (const auto& q : queries) {
        kql::Options o;
        o.now_us = k_now;
        auto r = kql::run(q, w.set, o);
        INFO(q);
        if (auto* e = std::get_if<kql::Error>(&r)) FAIL(kql::format_error(q, *e));
    }
}
