#pragma once
// Small text helpers shared by loaders and front ends.
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

/// Reads a whole file; false with `error` set when it cannot be read or exceeds `max_bytes`.
bool read_file(const std::string& path, std::string& out, std::string& error,
               size_t max_bytes = 16u << 20);

/// Seconds since 1970 of a UTC time written `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, as transcripts
/// record it; nullopt for anything else.
std::optional<double> parse_utc_seconds(std::string_view iso);

} // namespace alertdrill
