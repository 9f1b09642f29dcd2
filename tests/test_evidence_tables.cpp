// Evidence tables made on demand and shared: what a query, a replay and a copy of rows cost
// must not change what anybody reads.
#include "alertdrill/query_console.hpp"
#include "test_support.hpp"

#include <thread>

using namespace alertdrill;

namespace {

std::shared_ptr<const ScenarioInstance> crypto(uint64_t seed) {
    static const ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    Diagnostics d;
    auto inst = instantiate(def, test::catalog(), seed, d);
    REQUIRE(inst);
    return inst;
}

std::vector<std::string> cells(const Column& c) {
    std::vector<std::string> out;
    for (size_t r = 0; r < c.size(); ++r) out.push_back(c.is_null(r) ? "<null>" : c.display(r));
    return out;
}

} // namespace

TEST_CASE("a copied column shares its dictionary until one side adds a value", "[table]") {
    Column a("Computer", ColumnType::String);
    for (const char* v : {"vm-a", "vm-b", "vm-a"}) a.push_string(v);
    a.push_null();
    Column b = a.clone("Copy");
    b.push_string("vm-a"); // already known: no copy of the dictionary
    CHECK(&b.dictionary() == &a.dictionary());
    b.push_string("vm-c"); // new: b gets its own, a is untouched
    CHECK(&b.dictionary() != &a.dictionary());
    CHECK(a.dictionary().size() == 3); // vm-a, vm-b and the empty value of the null
    CHECK_FALSE(a.find_code("vm-c"));
    CHECK(cells(a) == std::vector<std::string>{"vm-a", "vm-b", "vm-a", "<null>"});
    CHECK(cells(b) == std::vector<std::string>{"vm-a", "vm-b", "vm-a", "<null>", "vm-a", "vm-c"});
    CHECK(b.find_code("vm-c") == uint32_t(3));
}

TEST_CASE("rows copied sharing the dictionary read as rows copied value by value", "[table]") {
    Column src("Msg", ColumnType::String);
    for (int i = 0; i < 5000; ++i) {
        if (i % 97 == 0)
            src.push_null();
        else
            src.push_string("message " + std::to_string(i % 1300)); // grows the index often
    }
    std::vector<uint32_t> first, second;
    for (uint32_t r = 0; r < 5000; ++r) (r % 3 ? first : second).push_back(r);
    Column shared("Msg", ColumnType::String), copied("Msg", ColumnType::String);
    shared.append_rows_sharing(src, first);
    shared.append_rows_sharing(src, second); // appended later, as rows become visible
    copied.append_rows(src, first);
    copied.append_rows(src, second);
    CHECK(&shared.dictionary() == &src.dictionary());
    CHECK(copied.dictionary().size() < src.dictionary().size() + 1);
    CHECK(cells(shared) == cells(copied));
    // A value only the source's other rows hold has a code, and no row of the copy has it.
    Column some("Msg", ColumnType::String);
    some.append_rows_sharing(src, {1, 2});
    auto code = some.find_code("message 500");
    REQUIRE(code);
    for (size_t r = 0; r < some.size(); ++r) CHECK(some.code(r) != *code);
}

TEST_CASE("evidence tables are generated when first read and shared by the same seed",
          "[scenario][evidence]") {
    auto a = crypto(41);
    CHECK(a->tables_generated() == 0); // instantiating generates nothing
    auto b = crypto(41);
    auto other = crypto(42);
    const int syslog = a->table_index("Syslog");
    REQUIRE(syslog >= 0);
    const Table& t = a->table(size_t(syslog));
    CHECK(t.row_count() > 1000);
    CHECK(a->tables_generated() == 1);
    CHECK(&b->table(size_t(syslog)) == &t); // the same seed reads the same rows, made once
    CHECK(other->tables_generated() == 0);
    const Table& t2 = other->table(size_t(syslog));
    CHECK(&t2 != &t);
    CHECK(cells(*t2.column("HostIP")) != cells(*t.column("HostIP"))); // another seed's noise
}

TEST_CASE("a query generates and copies only the tables it names", "[kql][evidence]") {
    auto inst = crypto(43);
    Session s(inst, test::catalog());
    s.set_query_runner(
        [](const Session& sess, const std::string& q) { return run_session_query(sess, q); });
    REQUIRE(s.apply("wait 30").ok);
    CHECK(inst->tables_generated() == 0);
    auto r = s.apply("query Syslog | where ProcessName == \"sshd\" | count");
    REQUIRE(r.ok);
    CHECK(inst->tables_generated() == 1);
    // An unknown table is still named with a suggestion, without generating the rest.
    QueryOutcome bad = run_session_query(s, "Syslogg | take 1");
    CHECK_FALSE(bad.ok);
    CHECK(bad.text.find("did you mean 'Syslog'") != std::string::npos);
    CHECK(inst->tables_generated() == 1);
}

TEST_CASE("threads reading one instance's tables see the same generated rows",
          "[scenario][evidence]") {
    auto inst = crypto(44);
    const size_t n = inst->table_count();
    std::vector<const Table*> seen[2] = {std::vector<const Table*>(n),
                                         std::vector<const Table*>(n)};
    auto read_all = [&](int k) { // one thread from the first table, the other from the last
        for (size_t i = 0; i < n; ++i) {
            size_t ti = k ? n - 1 - i : i;
            seen[k][ti] = &inst->table(ti);
        }
    };
    std::thread other(read_all, 1);
    read_all(0);
    other.join();
    CHECK(seen[0] == seen[1]);
    CHECK(inst->tables_generated() == inst->table_count());
}
