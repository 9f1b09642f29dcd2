#pragma once
// The investigation console's query engine: a subset of the Kusto Query Language (KQL) parsed to
// an AST and evaluated over the scenario's columnar evidence tables. What it accepts is real KQL
// (tests check its corpus against Microsoft's own parser); semantics follow Microsoft's docs.
#include "alertdrill/limits.hpp"
#include "alertdrill/table.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace alertdrill::kql {

struct Options {
    /// The simulated clock (microseconds since the Unix epoch, UTC): what now() and ago() see.
    int64_t now_us = 0;
    /// Rows kept in the result; more are cut with `truncated` set and a notice.
    size_t max_result_rows = limits::k_query_result_rows;
    /// Row-visit budget over the whole query; a query needing more fails with an Error.
    size_t max_work = limits::k_query_work;
    /// Largest intermediate table (join, mv-expand output) before the query fails.
    size_t max_intermediate_rows = limits::k_query_intermediate_rows;
    /// Wall-clock seconds a query may run before it fails with an Error (checked as rows are
    /// visited, so a slow machine cannot turn a heavy query into a hang).
    double max_seconds = limits::k_query_seconds;
};

/// Where a query went wrong: byte offset, 1-based line and column, and what was expected.
struct Error {
    size_t offset = 0;
    int line = 1, column = 1;
    std::string message;
};

struct Result {
    Table table;
    /// Keys (Table::mark_key) of the input rows the result brought to light, sorted, unique.
    std::vector<std::string> found_keys;
    bool truncated = false;
    std::string notice;
    double elapsed_ms = 0;
};

/// The tables a query may name. Names are case-sensitive, as in KQL. Tables are borrowed: they
/// must outlive every run() over the set.
class TableSet {
  public:
    void add(const Table& table) { m_tables[table.name()] = {&table, {}}; }
    void add(std::string name, const Table& table) { m_tables[std::move(name)] = {&table, {}}; }
    /// A table made by `make` the first time a query reads it (once per set), so a query pays
    /// only for the tables it names. `make` may return nullptr (then it is absent).
    void add_lazy(std::string name, std::function<const Table*()> make) {
        m_tables[std::move(name)] = {nullptr, std::move(make)};
    }
    bool has(std::string_view name) const { return m_tables.find(name) != m_tables.end(); }
    /// Makes a lazy table on first use: a set is used by one thread at a time.
    const Table* find(std::string_view name) const;
    std::vector<std::string> names() const;

  private:
    struct Entry {
        const Table* table = nullptr;
        std::function<const Table*()> make;
    };
    mutable std::map<std::string, Entry, std::less<>> m_tables;
};

std::variant<Result, Error> run(std::string_view query, const TableSet& tables,
                                const Options& opts = {});

/// The query line holding the error, a caret under the position, and the message.
std::string format_error(std::string_view query, const Error& e);

/// {"tables":[{"name":"PrimaryResult","columns":[{"name","type"}],"rows":[[...]]}]}, the shape
/// the Log Analytics query API answers with (datetimes as ISO 8601 strings, timespans as
/// "d.hh:mm:ss", dynamic values as JSON text, nulls as null).
nlohmann::json to_query_api_json(const Result& r);

} // namespace alertdrill::kql
