#pragma once
// Crash-safe writes: a reader sees the old file or the new one, never a torn one.
#include <string>
#include <string_view>

namespace alertdrill {

/// Writes `data` to `path` through a temp file in the same folder: write, flush, fsync, rename,
/// then fsync the folder. Returns false with `error` set (path and reason) on any failure.
bool write_file_atomic(const std::string& path, std::string_view data, std::string& error);

/// Appends one record and fsyncs before returning, for append-only journals.
bool append_durable(const std::string& path, std::string_view data, std::string& error);

/// Creates a folder and its parents (like mkdir -p); false with `error` on failure.
bool make_dirs(const std::string& path, std::string& error);

} // namespace alertdrill
