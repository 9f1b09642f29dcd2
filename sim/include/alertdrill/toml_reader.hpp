#pragma once
// Typed, position-aware access to a parsed TOML table. Every getter records its key as known, so
// `finish()` can report each key nobody read ("a key nobody reads is an error"), with a
// did-you-mean suggestion. Problems go to a Diagnostics list; getters return nullopt, never throw.
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/limits.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <toml++/toml.h>
#include <utility>
#include <vector>

namespace alertdrill {

/// Parses a TOML file (size-limited; `what` names the kind of file in the size message). On
/// failure adds `FILE:LINE:COL: error: ...` and returns nullopt.
std::optional<toml::table> parse_toml_file(const std::string& path, Diagnostics& diags,
                                           size_t max_bytes = limits::k_default_bytes,
                                           std::string_view what = "a TOML file");
/// Same for text already in memory; `path` names it in diagnostics. Refuses NUL bytes and
/// malformed UTF-8, nesting deeper than limits::k_toml_depth and strings longer than
/// limits::k_string_bytes, each at its position.
std::optional<toml::table> parse_toml_text(std::string_view text, const std::string& path,
                                           Diagnostics& diags);

SourcePos pos_of(const toml::node& node, const std::string& file);

/// Seconds since the Unix epoch for a TOML date-time (offset, or local taken as UTC).
int64_t to_unix_seconds(const toml::date_time& dt);

class TableReader {
  public:
    /// `what` names the table in messages, e.g. "alert 'miner'" or "scenario".
    TableReader(const toml::table& table, std::string file, Diagnostics& diags, std::string what);

    const toml::table& raw() const { return *m_table; }
    const std::string& file() const { return m_file; }
    const std::string& what() const { return m_what; }
    Diagnostics& diags() { return *m_diags; }
    SourcePos pos() const;
    /// Position of a key's value, or of the table when the key is absent.
    SourcePos pos(std::string_view key) const;
    bool has(std::string_view key);

    std::optional<std::string> string(std::string_view key, bool required);
    std::string string_or(std::string_view key, std::string fallback);
    std::optional<int64_t> integer(std::string_view key, bool required, int64_t min = INT64_MIN,
                                   int64_t max = INT64_MAX);
    std::optional<double> number(std::string_view key, bool required, double min = -1e300,
                                 double max = 1e300);
    std::optional<bool> boolean(std::string_view key, bool required);
    /// A TOML date-time as Unix seconds.
    std::optional<int64_t> datetime(std::string_view key, bool required);
    /// An array of strings; a lone string is accepted as a one-element array when `allow_single`.
    std::optional<std::vector<std::string>> strings(std::string_view key, bool required,
                                                    bool allow_single = false);
    /// A string that must be one of `allowed` (exact match); suggests the closest on error.
    std::optional<std::string> choice(std::string_view key, bool required,
                                      const std::vector<std::string>& allowed);
    /// A sub-table; its own reader must be finished by the caller.
    std::optional<TableReader> table(std::string_view key, bool required);
    /// An array of tables ([[key]]); each element gets a reader named `what[i]`.
    std::vector<TableReader> tables(std::string_view key, bool required);
    /// The raw node, marked known (for values with several accepted shapes).
    const toml::node* node(std::string_view key, bool required);

    /// Marks a key as known without reading it (for keys consumed elsewhere).
    void allow(std::string_view key);
    /// Reports each key present but never asked for, as an error with a suggestion.
    void finish();

    void error(std::string_view key, std::string message);
    void warning(std::string_view key, std::string message);

  private:
    const toml::node* get(std::string_view key, bool required);
    void type_error(std::string_view key, const toml::node& n, std::string_view expected);

    const toml::table* m_table;
    std::string m_file;
    Diagnostics* m_diags;
    std::string m_what;
    std::vector<std::string> m_known;
};

/// Human name of a TOML node's type ("string", "integer", "table" ...).
std::string toml_type_name(const toml::node& n);

} // namespace alertdrill
