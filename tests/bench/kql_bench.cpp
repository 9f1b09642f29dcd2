// KQL engine vs in-memory SQLite on the same generated AzureActivity-like data, in one process.
//   alertdrill_bench_kql [--rows N] [--repeat R] [--json]
// Prints, per query, the best-of-R wall time of each engine, their ratio (KQL / SQLite; <= 1.0
// means the console is at least as fast), and the row counts (which must agree). Then the
// table's memory against the size of the same data as CSV.
#include "alertdrill/kql.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <sqlite3.h>
#include <string>
#include <vector>

using namespace alertdrill;

namespace {

struct Data {
    Table activity{"AzureActivity"};
    Table users{"Users"};
    std::vector<std::string> csv_rows; // not kept: only the total size matters
    size_t csv_bytes = 0;
};

const char* const k_operations[] = {
    "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE",
    "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/DELETE",
    "MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE",
    "MICROSOFT.COMPUTE/VIRTUALMACHINES/START/ACTION",
    "MICROSOFT.COMPUTE/VIRTUALMACHINES/DEALLOCATE/ACTION",
    "MICROSOFT.COMPUTE/DISKS/WRITE",
    "MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/WRITE",
    "MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/SECURITYRULES/WRITE",
    "MICROSOFT.NETWORK/PUBLICIPADDRESSES/WRITE",
    "MICROSOFT.NETWORK/VIRTUALNETWORKS/WRITE",
    "MICROSOFT.STORAGE/STORAGEACCOUNTS/WRITE",
    "MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION",
    "MICROSOFT.STORAGE/STORAGEACCOUNTS/BLOBSERVICES/CONTAINERS/WRITE",
    "MICROSOFT.KEYVAULT/VAULTS/WRITE",
    "MICROSOFT.KEYVAULT/VAULTS/ACCESSPOLICIES/WRITE",
    "MICROSOFT.RESOURCES/DEPLOYMENTS/WRITE",
    "MICROSOFT.RESOURCES/SUBSCRIPTIONS/RESOURCEGROUPS/WRITE",
    "MICROSOFT.SQL/SERVERS/FIREWALLRULES/WRITE",
    "MICROSOFT.SQL/SERVERS/DATABASES/WRITE",
    "MICROSOFT.WEB/SITES/WRITE",
    "MICROSOFT.WEB/SITES/CONFIG/WRITE",
    "MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/WRITE",
    "MICROSOFT.SECURITY/POLICIES/WRITE",
    "MICROSOFT.SECURITY/ALERTSSUPPRESSIONRULES/WRITE",
    "MICROSOFT.OPERATIONALINSIGHTS/WORKSPACES/WRITE"};
const char* const k_status[] = {"Succeeded", "Succeeded", "Succeeded",
                                "Started",   "Accepted",  "Failed"};
const char* const k_category[] = {"Administrative", "Administrative", "Administrative",
                                  "Policy",         "Security",       "ServiceHealth",
                                  "Alert",          "Recommendation"};
const char* const k_departments[] = {"Finance", "Engineering", "Operations",
                                     "Sales",   "Security",    "HR"};

std::string csv_escape(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

Data generate(size_t rows) {
    Data d;
    std::mt19937_64 rng(20260314);
    const int64_t start = *parse_datetime_us("2026-02-12T00:00:00Z");
    const int64_t span = 30LL * 86400 * 1000000;
    const size_t n_users = 5000, n_ips = std::max<size_t>(1, rows / 5), n_groups = 200;
    Table& t = d.activity;
    for (auto [name, type] : std::vector<std::pair<const char*, ColumnType>>{
             {"TimeGenerated", ColumnType::DateTime},
             {"OperationNameValue", ColumnType::String},
             {"ActivityStatusValue", ColumnType::String},
             {"CategoryValue", ColumnType::String},
             {"Caller", ColumnType::String},
             {"CallerIpAddress", ColumnType::String},
             {"ResourceGroup", ColumnType::String},
             {"SubscriptionId", ColumnType::String},
             {"_ResourceId", ColumnType::String},
             {"CorrelationId", ColumnType::String},
             {"DurationMs", ColumnType::Long}})
        t.add_column(name, type).reserve(rows);
    std::string header =
        "TimeGenerated,OperationNameValue,ActivityStatusValue,CategoryValue,Caller,"
        "CallerIpAddress,ResourceGroup,SubscriptionId,_ResourceId,CorrelationId,DurationMs\n";
    d.csv_bytes = header.size();
    auto& c = t.columns();
    for (size_t r = 0; r < rows; ++r) {
        int64_t ts = start + int64_t(rng() % uint64_t(span));
        std::string op = k_operations[rng() % std::size(k_operations)];
        std::string status = k_status[rng() % std::size(k_status)];
        std::string cat = k_category[rng() % std::size(k_category)];
        std::string caller = fmt::format("user{}@contoso.com", rng() % n_users);
        uint64_t ip = rng() % n_ips;
        std::string ipaddr =
            fmt::format("{}.{}.{}.{}", 10 + ip % 200, (ip >> 8) % 256, (ip >> 3) % 256, ip % 251);
        size_t g = rng() % n_groups;
        std::string rg = fmt::format("rg-app-{:03}", g);
        std::string sub = fmt::format("00000000-0000-0000-0000-{:012}", g % 10);
        std::string rid = fmt::format("/subscriptions/{}/resourcegroups/{}/providers/"
                                      "microsoft.compute/virtualmachines/vm-{:04}",
                                      sub, rg, rng() % 2000);
        std::string corr =
            fmt::format("{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}", rng() & 0xffffffff, rng() & 0xffff,
                        rng() & 0xfff, rng() & 0xfff, rng() & 0xffffffffffffULL);
        int64_t dur = int64_t(rng() % 5000);
        c[0].push_int(ts);
        c[1].push_string(op);
        c[2].push_string(status);
        c[3].push_string(cat);
        c[4].push_string(caller);
        c[5].push_string(ipaddr);
        c[6].push_string(rg);
        c[7].push_string(sub);
        c[8].push_string(rid);
        c[9].push_string(corr);
        c[10].push_int(dur);
        d.csv_bytes += format_datetime_us(ts).size() + op.size() + status.size() + cat.size() +
                       caller.size() + ipaddr.size() + rg.size() + sub.size() +
                       csv_escape(rid).size() + corr.size() + std::to_string(dur).size() + 11;
    }
    Table& u = d.users;
    u.add_column("Caller", ColumnType::String);
    u.add_column("Department", ColumnType::String);
    for (size_t i = 0; i < n_users; ++i) {
        u.columns()[0].push_string(fmt::format("user{}@contoso.com", i));
        u.columns()[1].push_string(k_departments[i % std::size(k_departments)]);
    }
    return d;
}

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "sqlite %s: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

void load_sqlite(sqlite3* db, const Table& t) {
    std::string cols, marks;
    for (const auto& c : t.columns()) {
        const char* type = c.type() == ColumnType::String ? "TEXT"
                           : c.type() == ColumnType::Real ? "REAL"
                                                          : "INTEGER";
        cols += (cols.empty() ? "" : ", ") + c.name() + " " + type;
        marks += marks.empty() ? "?" : ", ?";
    }
    check(sqlite3_exec(db, ("CREATE TABLE " + t.name() + " (" + cols + ")").c_str(), nullptr,
                       nullptr, nullptr),
          db, "create");
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db, ("INSERT INTO " + t.name() + " VALUES (" + marks + ")").c_str(),
                             -1, &st, nullptr),
          db, "prepare");
    for (size_t r = 0; r < t.row_count(); ++r) {
        for (size_t k = 0; k < t.columns().size(); ++k) {
            const Column& c = t.columns()[k];
            int idx = int(k) + 1;
            if (c.type() == ColumnType::String) {
                auto s = c.str(r);
                sqlite3_bind_text(st, idx, s.data(), int(s.size()), SQLITE_STATIC);
            } else {
                sqlite3_bind_int64(st, idx, c.i64(r));
            }
        }
        check(sqlite3_step(st), db, "insert");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
}

// Runs a statement to completion, reading every column of every row (as a client would).
size_t run_sql(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), db, sql.c_str());
    size_t rows = 0, bytes = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ++rows;
        for (int k = 0; k < sqlite3_column_count(st); ++k)
            bytes += size_t(sqlite3_column_bytes(st, k));
    }
    check(rc, db, sql.c_str());
    sqlite3_finalize(st);
    return rows + (bytes & 0); // bytes read only to force materialisation
}

double best_ms(int repeat, const std::function<void()>& f) {
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(
            best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                      .count());
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    size_t rows = 1'000'000;
    int repeat = 3;
    bool json = false;
    std::string only, adhoc;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--rows" && i + 1 < argc)
            rows = std::stoull(argv[++i]);
        else if (a == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::stoi(argv[++i]));
        else if (a == "--json")
            json = true;
        else if (a == "--only" && i + 1 < argc)
            only = argv[++i];
        else if (a == "--query" && i + 1 < argc)
            adhoc = argv[++i];
        else {
            std::fprintf(stderr, "usage: alertdrill_bench_kql [--rows N] [--repeat R] [--json] "
                                 "[--only NAME] [--query KQL]\n");
            return 2;
        }
    }
    Data d = generate(rows);
    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    load_sqlite(db, d.activity);
    load_sqlite(db, d.users);
    kql::TableSet set;
    set.add(d.activity);
    set.add(d.users);
    kql::Options opts;
    opts.max_result_rows = SIZE_MAX;
    opts.max_work = SIZE_MAX;
    opts.max_intermediate_rows = SIZE_MAX;

    if (!adhoc.empty()) {
        // Times one ad-hoc KQL query over the generated tables (for profiling).
        for (int i = 0; i < repeat; ++i) {
            auto r = kql::run(adhoc, set, opts);
            if (auto* e = std::get_if<kql::Error>(&r)) {
                std::fprintf(stderr, "%s", kql::format_error(adhoc, *e).c_str());
                return 1;
            }
            const auto& res = std::get<kql::Result>(r);
            std::printf("%.2f ms, %zu rows\n", res.elapsed_ms, res.table.row_count());
        }
        return 0;
    }
    const std::string ip = std::string(d.activity.columns()[5].str(rows / 2));
    struct Case {
        const char* name;
        std::string kql, sql;
    };
    std::vector<Case> cases = {
        {"where == (selective)", "AzureActivity | where CallerIpAddress == \"" + ip + "\"",
         "SELECT * FROM AzureActivity WHERE CallerIpAddress = '" + ip + "'"},
        {"where has", "AzureActivity | where OperationNameValue has \"roleassignments\" | count",
         "SELECT count(*) FROM AzureActivity WHERE OperationNameValue LIKE '%roleassignments%'"},
        {"summarize count() by low-card", "AzureActivity | summarize count() by CategoryValue",
         "SELECT CategoryValue, count(*) FROM AzureActivity GROUP BY CategoryValue"},
        {"summarize dcount() by high-card",
         "AzureActivity | summarize dcount(OperationNameValue) by CallerIpAddress",
         "SELECT CallerIpAddress, count(DISTINCT OperationNameValue) FROM AzureActivity GROUP BY "
         "CallerIpAddress"},
        {"top 10 by", "AzureActivity | top 10 by TimeGenerated",
         "SELECT * FROM AzureActivity ORDER BY TimeGenerated DESC LIMIT 10"},
        {"join two tables",
         "AzureActivity | where ActivityStatusValue == \"Failed\" | join kind=inner (Users) on "
         "Caller | summarize count() by Department",
         "SELECT u.Department, count(*) FROM AzureActivity a JOIN Users u ON a.Caller = u.Caller "
         "WHERE a.ActivityStatusValue = 'Failed' GROUP BY u.Department"},
    };
    nlohmann::json out = {{"rows", rows}, {"repeat", repeat}, {"queries", nlohmann::json::array()}};
    bool mismatch = false;
    if (!json)
        std::printf("%-34s %10s %10s %7s %9s\n", "query", "KQL ms", "SQLite ms", "ratio", "rows");
    for (const auto& c : cases) {
        if (!only.empty() && std::string(c.name).find(only) == std::string::npos) continue;
        size_t kql_rows = 0, sql_rows = 0;
        double k = best_ms(repeat, [&] {
            auto r = kql::run(c.kql, set, opts);
            if (auto* e = std::get_if<kql::Error>(&r)) {
                std::fprintf(stderr, "%s", kql::format_error(c.kql, *e).c_str());
                std::exit(1);
            }
            const auto& t = std::get<kql::Result>(r).table;
            kql_rows = t.columns().size() == 1 && t.columns()[0].name() == "Count"
                           ? size_t(t.columns()[0].i64(0))
                           : t.row_count();
        });
        double s = best_ms(repeat, [&] { sql_rows = run_sql(db, c.sql); });
        if (c.kql.find("| count") != std::string::npos) {
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v2(db, c.sql.c_str(), -1, &st, nullptr);
            sqlite3_step(st);
            sql_rows = size_t(sqlite3_column_int64(st, 0));
            sqlite3_finalize(st);
        }
        mismatch = mismatch || kql_rows != sql_rows;
        if (!json)
            std::printf(
                "%-34s %10.2f %10.2f %7.3f %9zu%s\n", c.name, k, s, k / s, kql_rows,
                kql_rows == sql_rows ? "" : fmt::format("  MISMATCH: SQLite {}", sql_rows).c_str());
        out["queries"].push_back({{"name", c.name},
                                  {"kql", c.kql},
                                  {"sql", c.sql},
                                  {"kql_ms", k},
                                  {"sqlite_ms", s},
                                  {"ratio", k / s},
                                  {"rows", kql_rows},
                                  {"sqlite_rows", sql_rows}});
    }
    size_t mem = d.activity.memory_bytes();
    out["table_memory_bytes"] = mem;
    out["csv_bytes"] = d.csv_bytes;
    out["memory_ratio"] = double(mem) / double(d.csv_bytes);
    if (json)
        std::printf("%s\n", out.dump(2).c_str());
    else
        std::printf(
            "\nAzureActivity: %zu rows, table memory %.1f MB, raw CSV %.1f MB, ratio %.2f\n", rows,
            double(mem) / 1e6, double(d.csv_bytes) / 1e6, double(mem) / double(d.csv_bytes));
    sqlite3_close(db);
    return mismatch ? 1 : 0;
}
