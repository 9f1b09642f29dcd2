// Sending statements to an LRS through a fake transport: batching, retries with backoff, a refused
// batch split to find the bad statement, stops that keep everything, and the on-disk queue.
#include "alertdrill/lrs.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

using namespace alertdrill;
using nlohmann::json;

namespace {

std::vector<json> make_statements(int n) {
    std::vector<json> out;
    for (int i = 0; i < n; ++i) out.push_back({{"id", "id-" + std::to_string(i)}, {"n", i}});
    return out;
}

/// A pretend LRS: stores by id, refuses statements marked "bad", can be down for a while.
struct FakeLrs {
    std::set<std::string> stored;
    std::vector<size_t> request_sizes;
    int down_for = 0;     ///< the next this many requests get no answer
    long fail_status = 0; ///< when set, every request gets it
    std::vector<int> waits;

    StatementPoster poster() {
        return [this](const std::string& body) {
            json arr = json::parse(body);
            request_sizes.push_back(arr.size());
            if (down_for > 0) {
                --down_for;
                return HttpResult{0, "", "Connection refused"};
            }
            if (fail_status) return HttpResult{fail_status, R"({"message":"no such client"})", ""};
            for (const auto& s : arr)
                if (s.value("bad", false))
                    return HttpResult{400, R"({"warnings":["Problem in 'statements.0.verb'"]})",
                                      ""};
            for (const auto& s : arr) stored.insert(s["id"].get<std::string>());
            return HttpResult{200, "[]", ""};
        };
    }
    LrsOptions options(size_t batch) {
        LrsOptions o;
        o.batch = batch;
        o.retries = 2;
        o.backoff_ms = 100;
        o.sleep = [this](int ms) { waits.push_back(ms); };
        return o;
    }
};

std::string temp_dir() {
    auto d = std::filesystem::temp_directory_path() /
             ("alertdrill-lrs-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(d);
    return d.string();
}

} // namespace

TEST_CASE("statements go in batches of the given size", "[lrs]") {
    FakeLrs lrs;
    auto rep = send_statements(make_statements(7), lrs.poster(), lrs.options(3));
    CHECK(rep.stored == 7);
    CHECK(rep.unsent.empty());
    CHECK(rep.stopped.empty());
    CHECK(lrs.request_sizes == std::vector<size_t>{3, 3, 1});
    CHECK(lrs.stored.size() == 7);
}

TEST_CASE("a refused batch is sent one by one to find the bad statement", "[lrs]") {
    FakeLrs lrs;
    auto st = make_statements(5);
    st[3]["bad"] = true;
    auto rep = send_statements(st, lrs.poster(), lrs.options(5));
    CHECK(rep.stored == 4);
    REQUIRE(rep.refused.size() == 1);
    CHECK(rep.refused[0].statement["id"] == "id-3");
    CHECK(rep.refused[0].status == 400);
    CHECK(rep.refused[0].message == "Problem in 'statements.0.verb'");
    CHECK(rep.unsent.empty());
    CHECK(lrs.request_sizes == std::vector<size_t>{5, 1, 1, 1, 1, 1});
}

TEST_CASE("network errors are retried with a doubling wait", "[lrs]") {
    FakeLrs lrs;
    lrs.down_for = 2;
    auto rep = send_statements(make_statements(4), lrs.poster(), lrs.options(2));
    CHECK(rep.stored == 4);
    CHECK(rep.unsent.empty());
    CHECK(lrs.waits == std::vector<int>{100, 200});
    CHECK(rep.posts == 4);
}

TEST_CASE("an LRS that stays down keeps every statement not yet stored", "[lrs]") {
    FakeLrs lrs;
    auto st = make_statements(6);
    auto poster = lrs.poster();
    int calls = 0;
    // Up for the first batch, then down for good.
    StatementPoster flaky = [&](const std::string& body) {
        if (++calls > 1) return HttpResult{503, "maintenance", ""};
        return poster(body);
    };
    auto rep = send_statements(st, flaky, lrs.options(2));
    CHECK(rep.stored == 2);
    REQUIRE(rep.unsent.size() == 4);
    CHECK(rep.unsent.front()["id"] == "id-2");
    CHECK(rep.stopped.find("HTTP 503: maintenance after 3 tries") != std::string::npos);
    CHECK(calls == 4); // one good request, then the second batch three times
}

TEST_CASE("refused credentials stop at once without retrying", "[lrs]") {
    FakeLrs lrs;
    lrs.fail_status = 401;
    auto rep = send_statements(make_statements(5), lrs.poster(), lrs.options(2));
    CHECK(rep.stored == 0);
    CHECK(rep.unsent.size() == 5);
    CHECK(rep.refused.empty());
    CHECK(rep.posts == 1);
    CHECK(rep.stopped == "the LRS answered HTTP 401: no such client");
}

TEST_CASE("a 409 for a statement is a duplicate the LRS already holds", "[lrs]") {
    int n = 0;
    StatementPoster p = [&](const std::string& body) {
        ++n;
        json arr = json::parse(body);
        if (arr.size() > 1) return HttpResult{409, "conflict", ""};
        return arr[0]["id"] == "id-1" ? HttpResult{409, "", ""} : HttpResult{200, "[]", ""};
    };
    LrsOptions o;
    o.sleep = [](int) {};
    auto rep = send_statements(make_statements(3), p, o);
    CHECK(rep.stored == 3);
    CHECK(rep.conflicts == 1);
    CHECK(rep.refused.empty());
}

TEST_CASE("lrs_message reads the LRS's answer", "[lrs]") {
    CHECK(lrs_message({400, R"({"message":"bad actor"})", ""}) == "bad actor");
    CHECK(lrs_message({400, R"({"warnings":["a","b"]})", ""}) == "a; b");
    CHECK(lrs_message({500, "  oops \n", ""}) == "oops");
    CHECK(lrs_message({0, "", "Failed to connect"}) == "Failed to connect");
    CHECK(lrs_message({502, "", ""}) == "no message");
}

TEST_CASE("merge keeps the first statement of each id, queue first", "[lrs]") {
    std::vector<json> queued = {{{"id", "a"}, {"v", 1}}, {{"id", "b"}}};
    std::vector<json> fresh = {{{"id", "a"}, {"v", 2}}, {{"id", "c"}}};
    auto all = merge_statements(queued, fresh);
    REQUIRE(all.size() == 3);
    CHECK(all[0]["v"] == 1);
    CHECK(all[2]["id"] == "c");
}

TEST_CASE("the queue survives on disk and empties when all is sent", "[lrs]") {
    std::string dir = temp_dir();
    StatementQueue q(dir + "/xapi-queue");
    std::string err;
    REQUIRE(q.lock(err));
    std::vector<json> got;
    REQUIRE(q.load(got, err));
    CHECK(got.empty());
    REQUIRE(q.save(make_statements(3), err));
    {
        StatementQueue other(dir + "/xapi-queue");
        std::vector<json> seen;
        REQUIRE(other.load(seen, err));
        CHECK(seen.size() == 3);
        // One sender at a time.
        CHECK_FALSE(other.lock(err));
        CHECK(err.find("in use by another alertdrill") != std::string::npos);
    }
    REQUIRE(q.save({}, err));
    CHECK_FALSE(std::filesystem::exists(q.pending_path()));

    RefusedStatement r{{{"id", "x"}}, 400, "bad verb"};
    REQUIRE(q.add_refused({r}, "2026-12-04T10:00:00Z", err));
    r.message = "still bad";
    REQUIRE(q.add_refused({r}, "2026-12-05T10:00:00Z", err));
    std::ifstream in(q.refused_path());
    json refused = json::parse(in);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0]["message"] == "still bad");
    CHECK(refused[0]["status"] == 400);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a damaged queue file is reported, not dropped", "[lrs]") {
    std::string dir = temp_dir();
    StatementQueue q(dir);
    std::ofstream(q.pending_path()) << "{not json";
    std::vector<json> got;
    std::string err;
    CHECK_FALSE(q.load(got, err));
    CHECK(err.find("pending.json: not a JSON array of statements") != std::string::npos);
    CHECK(std::filesystem::exists(q.pending_path()));
    std::filesystem::remove_all(dir);
}
