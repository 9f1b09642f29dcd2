#pragma once
// Transcripts: versioned JSON holding the scenario id and content hash, seed, variant, mode,
// every action with its simulated time and outcome, and the score. Re-scoring replays the
// actions against the scenario, so a score written in a file is never trusted.
#include "alertdrill/catalog.hpp"
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/scoring.hpp"
#include "alertdrill/session.hpp"

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

inline constexpr int kTranscriptVersion = 1;
inline constexpr const char* kTranscriptFormat = "alertdrill-transcript";

struct Transcript {
    int version = kTranscriptVersion;
    std::string scenario_id;
    std::string scenario_path;
    std::string scenario_hash;
    uint64_t seed = 1;
    std::map<std::string, std::string> variant; ///< variable overrides given at start
    Mode mode = Mode::Practice;
    std::string trainee;
    std::string started_utc; ///< wall-clock time the session began (ISO 8601)
    /// Wall-clock time of the last save, i.e. of the last action (ISO 8601); "" in files from
    /// before it was recorded. Optional, so the format version did not change: older readers
    /// ignore it.
    std::string ended_utc;
    std::vector<ActionRecord> actions;
    bool finished = false;
    nlohmann::json score; ///< as written; informational only

    bool operator==(const Transcript&) const = default;
};

/// The transcript of a session as it stands.
Transcript make_transcript(const Session& s, uint64_t seed,
                           const std::map<std::string, std::string>& variant,
                           const std::string& trainee, const std::string& started_utc,
                           const std::string& ended_utc = "");
nlohmann::json transcript_to_json(const Transcript& t);
/// Writes atomically (temp file, fsync, rename).
bool save_transcript(const std::string& path, const Transcript& t, std::string& error);
/// Reads and checks the shape. A newer format version is refused, naming both versions.
std::optional<Transcript> load_transcript(const std::string& path, Diagnostics& diags);
std::optional<Transcript> parse_transcript(const std::string& text, const std::string& path,
                                           Diagnostics& diags);
/// The same for JSON already parsed from `text` (a grader that read the `format` first parses
/// only once); `text` is read again only to place a problem at its line and column.
std::optional<Transcript> transcript_from_json(const nlohmann::json& j, std::string_view text,
                                               const std::string& path, Diagnostics& diags);

struct Replay {
    std::unique_ptr<Session> session;
    Score score;
};

/// Replays the transcript's actions against the scenario. Fails (with diagnostics) when the
/// scenario's content hash differs, or an action is refused or lands at another minute.
std::optional<Replay> replay_transcript(const Transcript& t, const ScenarioDef& def,
                                        const Catalog& catalog, Diagnostics& diags,
                                        const QueryRunner& runner = {});

/// Recorded scenario paths come from a file someone else may have written: only a regular
/// `<id>.toml` file is followed, never a folder, device or some other file the path names. A
/// transcript read back keeps its recorded path only when this holds.
bool usable_scenario_path(const std::string& path, const std::string& id);

/// Finds the scenario file a transcript names: `explicit_path` if given, else its recorded path,
/// else <scenarios dir>/<id>.toml.
std::string locate_scenario(const Transcript& t, const std::string& explicit_path);

} // namespace alertdrill
