#pragma once
// Small text helpers shared by loaders and front ends.
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/limits.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alertdrill {

/// Edit distance (insert, delete, substitute), case-sensitive.
size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate to `word` if it is close enough to be a likely typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Replaces control characters (and ESC) with visible escapes so text from files cannot drive
/// the terminal. Newlines and tabs are kept when `keep_newlines` is true.
std::string escape_control(std::string_view text, bool keep_newlines = true);

std::string to_lower(std::string_view s);
std::string trim(std::string_view s);
std::vector<std::string> split_ws(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
/// Joins with `sep`, quoting nothing.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// Reads a whole regular file; false with `error` set when it cannot be read, is not a regular
/// file (a folder, a device, a pipe) or exceeds `max_bytes`.
bool read_file(const std::string& path, std::string& out, std::string& error,
               size_t max_bytes = limits::k_default_bytes);

/// Reads a file a loader will parse: like read_file, but problems go to `diags` (a missing file
/// as `FILE: error: ...`, a folder, device or over-long file at FILE:1:1) and `what` names the
/// kind of file in the size message ("a scenario").
bool read_source(const std::string& path, std::string& out, Diagnostics& diags, size_t max_bytes,
                 std::string_view what);

/// 1-based line and column of byte `offset` in `text` (columns count bytes).
SourcePos position_at(std::string_view text, size_t offset, const std::string& file);

/// Byte offset of the first NUL byte or malformed UTF-8 sequence in `text`, or npos.
size_t find_bad_text(std::string_view text);
/// Length of the well-formed multi-byte UTF-8 sequence starting at text[i] (a byte >= 0x80), or
/// 0 when it is malformed (overlong, a surrogate, past U+10FFFF or cut short).
size_t utf8_sequence_length(std::string_view text, size_t i);
/// Reports the first NUL byte or malformed UTF-8 in `text` at its FILE:LINE:COL; false if any.
bool check_text(std::string_view text, const std::string& path, Diagnostics& diags);

/// Seconds since 1970 of a UTC time written `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, as transcripts
/// record it; nullopt for anything else.
std::optional<double> parse_utc_seconds(std::string_view iso);

} // namespace alertdrill
