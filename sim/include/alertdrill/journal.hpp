#pragma once
// The session journal: every accepted action is appended and fsynced before its outcome is shown,
// so a crash or a kill loses nothing a trainee saw. One JSON object a line: a header, then one
// line per action. A torn or corrupted tail (a kill mid-write) is cut back to the last whole
// entry with a message, never a crash.
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/session.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

inline constexpr int kJournalVersion = 1;

struct JournalHeader {
    std::string scenario_path;
    std::string scenario_id;
    std::string scenario_hash;
    uint64_t seed = 1;
    std::map<std::string, std::string> variant;
    Mode mode = Mode::Practice;
    std::string trainee;
    std::string started_utc;
};

struct JournalEntry {
    std::string line;
    int at_min = 0;
};

struct JournalContents {
    JournalHeader header;
    std::vector<JournalEntry> entries;
    bool truncated = false;   ///< a torn or corrupted tail was cut off
    size_t valid_bytes = 0;   ///< length of the whole entries
};

class Journal {
  public:
    /// Starts a new journal (fails if the file exists or the folder is not writable).
    static std::optional<Journal> create(const std::string& path, const JournalHeader& h,
                                         std::string& error);
    /// Opens an existing journal for appending after `read_journal` checked it; cuts a torn tail.
    static std::optional<Journal> reopen(const std::string& path, const JournalContents& c,
                                         std::string& error);
    /// Appends and fsyncs one action. False with `error` when the disk refuses.
    bool append(const ActionRecord& rec, std::string& error);
    const std::string& path() const { return m_path; }

  private:
    std::string m_path;
};

/// Reads a journal. Header problems are errors; a bad tail is cut (truncated = true) with a
/// warning naming the line.
std::optional<JournalContents> read_journal(const std::string& path, Diagnostics& diags);

/// `$XDG_DATA_HOME/alertdrill` (default ~/.local/share/alertdrill), or `override` when given.
std::string data_dir(const std::string& override_dir = "");
/// Checks that a folder can hold a session (creates it, writes and removes a probe file).
bool check_writable(const std::string& dir, std::string& error);

} // namespace alertdrill
