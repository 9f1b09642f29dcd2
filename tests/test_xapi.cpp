// xAPI helpers: SHA-1 and name-based UUIDs against published vectors (stable statement ids).
#include "alertdrill/xapi.hpp"

#include <catch2/catch.hpp>

using namespace alertdrill;

TEST_CASE("sha1 and uuid v5 match the published vectors", "[xapi]") {
    CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(sha1_hex(std::string(1000, 'a')) == "291e9a6c66994949b57ba5e650361e98fc36b1ba");
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
    CHECK(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") ==
          "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}
