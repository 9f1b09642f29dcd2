#pragma once
// Every limit that keeps a broken or hostile file from taking the machine, in one place.
// Reaching any of them is an error naming the file, the position and the limit (never a crash,
// a hang or a silent cut). scenarios/README.md ("Limits") lists them for authors; keep the two
// in step.
#include <cstddef>
#include <cstdint>

namespace alertdrill::limits {

inline constexpr size_t kMiB = 1u << 20;

// Largest file each loader reads, in bytes. The file's size is checked before it is read, and
// only regular files are read (a device or a pipe is refused, so /dev/zero cannot fill memory).
inline constexpr size_t k_scenario_bytes = 8 * kMiB;
inline constexpr size_t k_catalog_bytes = 4 * kMiB;
inline constexpr size_t k_bank_bytes = 8 * kMiB;
inline constexpr size_t k_gift_bytes = 8 * kMiB;
inline constexpr size_t k_script_bytes = 4 * kMiB; ///< play scripts and quiz answer files
inline constexpr size_t k_transcript_bytes = 64 * kMiB;
inline constexpr size_t k_quiz_result_bytes = 16 * kMiB;
inline constexpr size_t k_journal_bytes = 64 * kMiB;
/// Any other text file (the default of read_file).
inline constexpr size_t k_default_bytes = 16 * kMiB;

/// Deepest nesting of TOML arrays and tables (a table inside a table counts one level; the
/// formats need at most 4). toml++ itself stops inline values at 256.
inline constexpr int k_toml_depth = 32;
/// Deepest nesting of JSON arrays and objects in transcripts, results and journals (they need 4).
inline constexpr int k_json_depth = 32;

/// Longest single string value in a TOML or JSON file (a briefing, a description, an outcome).
inline constexpr size_t k_string_bytes = 64 * 1024;
/// Longest line of a play script or a quiz answers file.
inline constexpr size_t k_script_line_bytes = 4096;

/// Noise rows one [table.noise] may generate, and rows over all tables of a scenario.
inline constexpr int64_t k_noise_rows_per_table = 1'000'000;
inline constexpr int64_t k_scenario_rows = 2'000'000;

/// KQL: rows kept in a result (more are cut, with a notice), row visits over a whole query,
/// the largest intermediate table (join, mv-expand), wall-clock time, query text length and
/// parser nesting.
inline constexpr size_t k_query_result_rows = 10'000;
inline constexpr size_t k_query_work = 50'000'000;
inline constexpr size_t k_query_intermediate_rows = 2'000'000;
inline constexpr double k_query_seconds = 10.0;
inline constexpr size_t k_query_bytes = 64 * 1024;
inline constexpr int k_query_depth = 64;

} // namespace alertdrill::limits
