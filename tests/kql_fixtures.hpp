#pragma once
// Small evidence tables for the KQL tests, built from text cells ("null" is a null for
// non-string columns). The simulated clock is 2026-03-14T03:00:00Z.
#include "alertdrill/kql.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace kql_test {

using alertdrill::Column;
using alertdrill::ColumnType;
using alertdrill::Table;
namespace kql = alertdrill::kql;

inline int64_t dt(const char* iso) {
    return *alertdrill::parse_datetime_us(iso);
}
inline const int64_t k_now = dt("2026-03-14T03:00:00Z");

inline Table make_table(std::string name,
                        const std::vector<std::pair<std::string, std::string>>& cols,
                        const std::vector<std::vector<std::string>>& rows) {
    Table t(std::move(name));
    for (const auto& [n, ty] : cols) t.add_column(n, *alertdrill::parse_column_type(ty));
    for (const auto& row : rows) {
        for (size_t c = 0; c < cols.size(); ++c) {
            Column& col = t.columns()[c];
            const std::string& v = row.at(c);
            if (v == "null" && col.type() != ColumnType::String) {
                col.push_null();
                continue;
            }
            switch (col.type()) {
            case ColumnType::String:
            case ColumnType::Dynamic:
                col.push_string(v);
                break;
            case ColumnType::Long:
                col.push_int(std::stoll(v));
                break;
            case ColumnType::Real:
                col.push_real(std::stod(v));
                break;
            case ColumnType::Bool:
                col.push_bool(v == "true");
                break;
            case ColumnType::DateTime:
                col.push_int(dt(v.c_str()));
                break;
            case ColumnType::TimeSpan:
                col.push_int(std::stoll(v));
                break;
            }
        }
    }
    return t;
}

/// tests/data/kql/valid_queries.kql: queries separated by lines holding only "----". Every
/// query a test expects to succeed must be in it, so Microsoft's parser checks them all
/// (tests/scripts/kql_oracle.sh).
inline std::vector<std::string> corpus_list() {
    std::ifstream in(std::string(ALERTDRILL_TEST_DATA) + "/kql/valid_queries.kql");
    std::vector<std::string> out;
    std::string line, cur;
    auto flush = [&] {
        size_t b = cur.find_first_not_of(" \n\t"), e = cur.find_last_not_of(" \n\t");
        if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
        cur.clear();
    };
    while (std::getline(in, line)) {
        if (line == "----")
            flush();
        else
            cur += line + "\n";
    }
    flush();
    return out;
}

inline const std::set<std::string>& corpus() {
    static const std::set<std::string> s = [] {
        auto v = corpus_list();
        return std::set<std::string>(v.begin(), v.end());
    }();
    return s;
}

/// The fixture workspace: SigninLogs, AzureActivity, Syslog, and join fixtures L and R.
struct Workspace {
    Table signin = make_table(
        "SigninLogs",
        {{"TimeGenerated", "datetime"},
         {"UserPrincipalName", "string"},
         {"IPAddress", "string"},
         {"ResultType", "string"},
         {"Location", "string"},
         {"AppDisplayName", "string"},
         {"RiskScore", "long"}},
        {{"2026-03-14T01:10:00Z", "alice@contoso.com", "203.0.113.7", "50126", "RU", "Azure Portal",
          "10"},
         {"2026-03-14T01:12:00Z", "alice@contoso.com", "203.0.113.7", "0", "RU", "Azure Portal",
          "90"},
         {"2026-03-14T01:40:00Z", "bob@contoso.com", "198.51.100.4", "0", "US", "Outlook", "null"},
         {"2026-03-14T02:05:00Z", "Alice@Contoso.com", "10.0.0.5", "0", "US", "Azure CLI", "20"},
         {"2026-03-13T22:00:00Z", "carol@contoso.com", "203.0.113.7", "50053", "RU", "Azure Portal",
          "70"}});
    Table activity = make_table(
        "AzureActivity",
        {{"TimeGenerated", "datetime"},
         {"OperationNameValue", "string"},
         {"Caller", "string"},
         {"CallerIpAddress", "string"},
         {"ActivityStatusValue", "string"},
         {"ResourceGroup", "string"},
         {"Properties", "dynamic"}},
        {{"2026-03-14T01:20:00Z", "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE",
          "alice@contoso.com", "203.0.113.7", "Succeeded", "rg-prod",
          R"({"roleName":"Owner","scope":"/subscriptions/1"})"},
         {"2026-03-14T01:25:00Z", "MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE", "alice@contoso.com",
          "203.0.113.7", "Started", "rg-prod",
          R"({"vmSize":"Standard_NC24","tags":["gpu","mining"]})"},
         {"2026-03-14T01:26:00Z", "MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE", "alice@contoso.com",
          "203.0.113.7", "Succeeded", "rg-prod", R"({"vmSize":"Standard_NC24","tags":["gpu"]})"},
         {"2026-03-14T00:30:00Z", "MICROSOFT.STORAGE/STORAGEACCOUNTS/READ", "bob@contoso.com",
          "198.51.100.4", "Succeeded", "rg-data", "{}"}});
    Table syslog =
        make_table("Syslog",
                   {{"TimeGenerated", "datetime"},
                    {"Computer", "string"},
                    {"ProcessName", "string"},
                    {"SyslogMessage", "string"}},
                   {{"2026-03-14T01:00:00Z", "vm-web-01", "sshd",
                     "Failed password for root from 203.0.113.7 port 51022 ssh2"},
                    {"2026-03-14T01:01:00Z", "vm-web-01", "sshd",
                     "Failed password for invalid user admin from 203.0.113.7 port 51030 ssh2"},
                    {"2026-03-14T01:05:00Z", "vm-web-01", "sshd",
                     "Accepted password for azureuser from 203.0.113.7 port 51090 ssh2"},
                    {"2026-03-14T01:30:00Z", "vm-web-01", "CRON",
                     "(root) CMD (/tmp/.x/xmrig --donate-level 1)"}});
    Table left = make_table("L", {{"k", "string"}, {"a", "long"}},
                            {{"x", "1"}, {"x", "2"}, {"y", "3"}, {"z", "4"}});
    Table right = make_table("R", {{"k", "string"}, {"b", "long"}},
                             {{"x", "10"}, {"x", "20"}, {"y", "30"}, {"w", "40"}});
    kql::TableSet set;

    Workspace() {
        signin.mark_key(1, "signin-success-from-ru");
        activity.mark_key(0, "owner-role-assignment");
        syslog.mark_key(2, "ssh-accepted");
        for (Table* t : {&signin, &activity, &syslog, &left, &right}) set.add(*t);
    }

    kql::Result ok(const std::string& q, kql::Options o = {}) const {
        if (const char* rec = std::getenv("ALERTDRILL_KQL_RECORD")) {
            std::ofstream(rec, std::ios::app) << q << "\n----\n";
        } else {
            INFO("add this query to tests/data/kql/valid_queries.kql:\n" << q);
            CHECK(corpus().count(q) == 1);
        }
        o.now_us = k_now;
        auto r = kql::run(q, set, o);
        if (auto* e = std::get_if<kql::Error>(&r)) FAIL(q << "\n" << kql::format_error(q, *e));
        return std::get<kql::Result>(std::move(r));
    }
    kql::Error err(const std::string& q, kql::Options o = {}) const {
        o.now_us = k_now;
        auto r = kql::run(q, set, o);
        if (std::holds_alternative<kql::Result>(r)) FAIL("expected an error from: " << q);
        return std::get<kql::Error>(r);
    }
    std::string err_text(const std::string& q, kql::Options o = {}) const {
        return kql::format_error(q, err(q, o));
    }
};

/// Every cell as display text, row by row, columns separated by '|'.
inline std::vector<std::string> rows_of(const Table& t) {
    std::vector<std::string> out;
    for (size_t r = 0; r < t.row_count(); ++r) {
        std::string line;
        for (size_t c = 0; c < t.columns().size(); ++c) {
            if (c) line += "|";
            line += t.columns()[c].display(r);
        }
        out.push_back(line);
    }
    return out;
}

inline std::vector<std::string> names_of(const Table& t) {
    std::vector<std::string> out;
    for (const auto& c : t.columns()) out.push_back(c.name());
    return out;
}

using Rows = std::vector<std::string>;

} // namespace kql_test
