#pragma once
// What the window knows between frames: the catalog, the scenario list, the one Session, and the
// view state of the panels (selection, filters). Panels read the Session through const getters
// and change it only by queueing a command line with send(); the queue is applied at the start
// of the next frame, so a click, a typed command and a replayed transcript take the same path.
#include "alertdrill/catalog.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/scoring.hpp"
#include "alertdrill/session.hpp"
#include "gui/evidence_view.hpp"
#include "gui/settings.hpp"

#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill::gui {

/// One line in the message log under the status bar.
/// The evidence panel's tab for the last query's result (table names have no spaces).
inline constexpr const char* kQueryResultTab = "Query result";

struct LogLine {
    enum class Kind { Outcome, Happened, Error, Feedback } kind = Kind::Outcome;
    int at_min = 0;
    std::string text;
};

class Workspace {
  public:
    Workspace();

    // ---- scenario lifecycle (no engine state changes besides creating a Session)
    const Catalog& catalog() const { return m_catalog; }
    bool catalog_ok() const { return m_catalog_ok; }
    const std::string& load_error() const { return m_load_error; }
    const std::vector<ScenarioInfo>& scenarios() const { return m_scenarios; }
    void refresh_scenarios();
    /// Loads and instantiates a scenario; the session starts in Briefing.
    bool open_scenario(const std::string& path, Mode mode, uint64_t seed,
                       const std::map<std::string, std::string>& variant = {});
    /// Reopens an autosaved, unfinished session and queues its actions again.
    bool resume(const std::string& transcript_path);
    void close_scenario();
    bool has_session() const { return m_session != nullptr; }
    const Session& session() const { return *m_session; }

    // ---- commands: the only way panels change the session
    void send(std::string line) { m_pending.push_back(std::move(line)); }
    /// Leaves the briefing (Session::begin, which apply() would also do on the first action).
    void send_begin() { m_pending.push_back(kBeginCommand); }
    bool has_pending() const { return !m_pending.empty(); }
    /// Applies every queued line (start of frame). Returns how many were applied.
    int apply_pending(int max_lines = 1 << 30);
    const std::vector<LogLine>& log() const { return m_log; }

    // ---- autosave
    const std::string& autosave_path() const { return m_autosave_path; }
    void set_autosave(bool on) { m_autosave = on; }

    // ---- scoring (cached per session change)
    const Score& score();

    // ---- view state shared by panels
    std::string selected_alert;
    std::string selected_resource;
    std::string selected_table;
    /// The actions panel's selection; set by clicks and by every applied action, so the panel
    /// shows what was just done (and a replay's screenshots show it too).
    std::string selected_action;
    std::string action_target;
    bool scroll_to_action = false;
    /// Right-hand tabs: 0 timeline, 1 incident report; -1 leaves them as they are.
    int right_tab_request = -1;
    /// An entity pivot: filters the evidence by `value` and shows the table that mentions it.
    void pivot(const std::string& value);
    EvidenceView evidence;
    std::string query_text;
    std::string command_text;
    bool focus_command = false;
    Settings settings;
    bool want_picker = false;
    /// The tool windows (menu bar "Tools" and the picker open them).
    struct Windows {
        bool rules = false;
        bool quiz = false;
        bool author = false;
        bool cohort = false;
    } windows;
    /// When set (gui --dump-state FILE), each tool window writes what it shows here every frame;
    /// the file is written on exit, so tests can check what a person saw without reading pixels.
    nlohmann::json* state_dump = nullptr;

  private:
    static constexpr const char* kBeginCommand = "\x01"
                                                 "begin";
    void focus_target(const ActionRecord& rec);
    void autosave();

    Catalog m_catalog;
    bool m_catalog_ok = false;
    std::string m_load_error;
    std::vector<ScenarioInfo> m_scenarios;
    std::optional<ScenarioDef> m_def;
    std::unique_ptr<Session> m_session;
    uint64_t m_seed = 1;
    std::map<std::string, std::string> m_variant;
    std::string m_started_utc;
    std::deque<std::string> m_pending;
    std::vector<LogLine> m_log;
    bool m_autosave = true;
    std::string m_autosave_path;
    std::optional<Score> m_score;
    size_t m_score_history = SIZE_MAX;
};

} // namespace alertdrill::gui
