#pragma once
// Columnar in-memory log tables: the evidence a trainee uncovers and queries with KQL.
// Strings are dictionary-encoded per column, so repeated values (computer names, operation
// names, IPs) cost four bytes a row. The dictionary's index is an open-addressing table of
// codes, so encoding a cell is one hash and, for a new value, no allocation beyond its text.
// A copy of rows may share its source's dictionary (copied on its first new value).
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alertdrill {

/// KQL scalar types. DateTime is microseconds since the Unix epoch (UTC); TimeSpan is microseconds.
enum class ColumnType { String, Long, Real, Bool, DateTime, TimeSpan, Dynamic };

std::string_view column_type_name(ColumnType t);
/// Accepts KQL names and their aliases (string, long/int, real/double, bool/boolean, datetime/date,
/// timespan/time, dynamic).
std::optional<ColumnType> parse_column_type(std::string_view name);

/// "2026-03-14T02:10:00Z" (seconds), with fractional digits only when present.
std::string format_datetime_us(int64_t micros);
/// Parses ISO 8601 date-times (with Z, an offset, or none meaning UTC); microseconds since epoch.
std::optional<int64_t> parse_datetime_us(std::string_view text);
/// KQL timespan text: "1.02:03:04" style.
std::string format_timespan_us(int64_t micros);

class Column {
  public:
    Column(std::string name, ColumnType type) : m_name(std::move(name)), m_type(type) {}
    // Copies are explicit (clone): a table's columns are large.
    Column(const Column&) = delete;
    Column& operator=(const Column&) = delete;
    Column(Column&&) = default;
    Column& operator=(Column&&) = default;

    const std::string& name() const { return m_name; }
    ColumnType type() const { return m_type; }
    size_t size() const { return m_size; }

    bool is_null(size_t row) const { return !m_nulls.empty() && m_nulls[row]; }
    /// String and Dynamic columns (Dynamic holds JSON text).
    std::string_view str(size_t row) const { return m_dict->strings[m_codes[row]]; }
    uint32_t code(size_t row) const { return m_codes[row]; }
    /// Every distinct value, by code. A column that shares its source's dictionary
    /// (append_rows_sharing) may hold values none of its rows has.
    const std::deque<std::string>& dictionary() const;
    /// The dictionary code of `s` in a String/Dynamic column, or nullopt when it has none.
    std::optional<uint32_t> find_code(std::string_view s) const;
    /// Long, Bool (0/1), DateTime and TimeSpan columns.
    int64_t i64(size_t row) const { return m_ints[row]; }
    double real(size_t row) const { return m_reals[row]; }

    void push_null();
    void push_string(std::string_view s);
    /// Appends a value already in this column's dictionary by its code (from push_string's
    /// code(row) or find_code): for generators that repeat a value, no lookup at all.
    void push_code(uint32_t code);
    void push_int(int64_t v);
    void push_real(double v);
    void push_bool(bool v) { push_int(v ? 1 : 0); }
    void reserve(size_t rows);

    /// A copy under another name.
    Column clone(std::string name) const;
    /// Appends `src`'s cells at `rows` (a row of UINT32_MAX appends a null). Types must match.
    void append_rows(const Column& src, const std::vector<uint32_t>& rows);
    /// The same for a copy that takes most of `src`'s rows (a table as of a time): text cells
    /// are copied as codes into `src`'s dictionary, shared rather than rebuilt. This column must
    /// be empty or already share it; rows must not be UINT32_MAX.
    void append_rows_sharing(const Column& src, const std::vector<uint32_t>& rows);

    /// The value as a person reads it (datetimes ISO 8601, null as empty).
    std::string display(size_t row) const;
    /// Approximate bytes held, for memory reports.
    size_t memory_bytes() const;

  private:
    void mark_null(bool null);
    struct Dictionary {
        std::deque<std::string> strings; // deque: views into it stay valid as it grows
        std::vector<uint32_t> hashes;    // per code: the hash of its text
        std::vector<uint32_t> slots;     // power-of-two open-addressing table: code + 1, 0 = empty
        /// Slot of `s` (hash `h`): holding its code + 1, or 0 where it would go.
        size_t probe(std::string_view s, uint32_t h) const;
        void grow();
    };
    /// The dictionary, made or copied so that this column alone holds it.
    Dictionary& own_dictionary();

    std::string m_name;
    ColumnType m_type;
    size_t m_size = 0;
    std::vector<int64_t> m_ints;
    std::vector<double> m_reals;
    std::vector<uint32_t> m_codes;
    std::shared_ptr<Dictionary> m_dict; // String/Dynamic columns; copies may share it
    std::vector<bool> m_nulls;          // empty while no value is null
};

class Table {
  public:
    Table() = default;
    explicit Table(std::string name) : m_name(std::move(name)) {}
    Table(const Table& other);
    Table& operator=(const Table& other);
    Table(Table&&) = default;
    Table& operator=(Table&&) = default;

    const std::string& name() const { return m_name; }
    void set_name(std::string n) { m_name = std::move(n); }
    Column& add_column(std::string name, ColumnType type);
    const std::vector<Column>& columns() const { return m_columns; }
    std::vector<Column>& columns() { return m_columns; }
    /// -1 when absent; exact (case-sensitive, as in KQL).
    int column_index(std::string_view name) const;
    const Column* column(std::string_view name) const;
    size_t row_count() const { return m_columns.empty() ? 0 : m_columns.front().size(); }

    /// Marks a row as key evidence: a trainee who brings it into a result has found `key`.
    void mark_key(size_t row, std::string key) { m_keys[row] = std::move(key); }
    const std::map<size_t, std::string>& keys() const { return m_keys; }
    const std::string* key_of(size_t row) const;

    size_t memory_bytes() const;

  private:
    std::string m_name;
    std::vector<Column> m_columns;
    std::map<size_t, std::string> m_keys;
};

} // namespace alertdrill
