#pragma once
// Typed, position-aware access to the JSON files alertdrill reads back (transcripts, quiz
// results): the JSON twin of toml_reader.hpp. nlohmann::json keeps no source positions, so a
// problem's FILE:LINE:COL is found by walking the original text to the value's path, which is
// cheap and only done when there is something to report.
#include "alertdrill/diagnostics.hpp"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alertdrill {

/// Parses JSON text: NUL bytes, malformed UTF-8, nesting deeper than limits::k_json_depth and
/// syntax errors are reported at their FILE:LINE:COL. nullopt on any of them.
std::optional<nlohmann::json> parse_json_text(std::string_view text, const std::string& path,
                                              Diagnostics& diags);

/// The top-level "format" string of a saved file (transcript, quiz result...), or "".
std::string json_format(const nlohmann::json& j);

/// Byte offset in `text` (valid JSON) of the value reached by following `path` (object keys
/// and array indices as decimal strings); when a step is missing, the offset of the deepest
/// value that exists.
size_t json_value_offset(std::string_view text, const std::vector<std::string>& path);

class JsonReader {
  public:
    /// `text` is the file's text, which must outlive the reader; `what` names the object in
    /// messages ("the transcript", "action 3").
    JsonReader(const nlohmann::json& object, std::string_view text, std::string file,
               Diagnostics& diags, std::vector<std::string> path, std::string what);

    SourcePos pos() const;
    /// Position of a key's value, or of the object when the key is absent.
    SourcePos pos(std::string_view key) const;
    const std::string& what() const { return m_what; }

    std::optional<std::string> string(std::string_view key, bool required);
    std::optional<int64_t> integer(std::string_view key, bool required, int64_t min = INT64_MIN,
                                   int64_t max = INT64_MAX);
    /// A whole number from 0 to 2^64-1 (seeds).
    std::optional<uint64_t> unsigned_integer(std::string_view key, bool required);
    std::optional<double> number(std::string_view key, bool required, double min = -1e300,
                                 double max = 1e300);
    std::optional<bool> boolean(std::string_view key, bool required);
    std::optional<std::vector<std::string>> strings(std::string_view key, bool required);
    /// An object whose values are all strings.
    std::optional<std::map<std::string, std::string>> string_map(std::string_view key,
                                                                 bool required);
    std::optional<JsonReader> object(std::string_view key, bool required);
    /// An array of objects; each element gets a reader named `element_what` + " " + index.
    std::optional<std::vector<JsonReader>> objects(std::string_view key, bool required,
                                                   std::string_view element_what);
    /// The raw value, marked known (for informational values nobody checks).
    const nlohmann::json* raw(std::string_view key);

    /// Warns about each key present but never asked for, with a did-you-mean suggestion (a
    /// warning: files written by a newer alertdrill may hold optional keys this one ignores).
    void finish();
    void error(std::string_view key, std::string message);

  private:
    const nlohmann::json* get(std::string_view key, bool required);
    void type_error(std::string_view key, const nlohmann::json& v, std::string_view expected);
    std::vector<std::string> child(std::string_view key) const;

    const nlohmann::json* m_obj;
    std::string_view m_text;
    std::string m_file;
    Diagnostics* m_diags;
    std::vector<std::string> m_path;
    std::string m_what;
    std::vector<std::string> m_known;
};

/// "string", "number", "object" ... as an author would say it.
std::string json_type_name(const nlohmann::json& v);

} // namespace alertdrill
