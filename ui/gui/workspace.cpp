#include "gui/workspace.hpp"

#include "alertdrill/atomic_file.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "cli/query_runner.hpp"

#include <algorithm>
#include <ctime>
#include <set>
#include <unistd.h>

namespace alertdrill::gui {

namespace {

std::string utc_stamp(const char* fmt) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, fmt, &tm);
    return buf;
}

} // namespace

Workspace::Workspace() {
    Diagnostics diags;
    m_catalog_ok = load_catalog(default_catalog_path(), m_catalog, diags);
    if (!m_catalog_ok) m_load_error = diags.format();
    settings = load_settings();
}

void Workspace::refresh_scenarios() {
    m_scenarios = m_catalog_ok ? list_scenarios(default_scenarios_dir(), m_catalog)
                               : std::vector<ScenarioInfo>{};
}

bool Workspace::open_scenario(const std::string& path, Mode mode, uint64_t seed,
                              const std::map<std::string, std::string>& variant) {
    m_load_error.clear();
    Diagnostics diags;
    auto def = load_scenario(path, m_catalog, diags);
    if (!def) {
        m_load_error = diags.format();
        return false;
    }
    auto inst = instantiate(*def, m_catalog, seed, diags, variant);
    if (!inst) {
        m_load_error = diags.format();
        return false;
    }
    close_scenario();
    m_def = std::move(def);
    m_seed = seed;
    m_variant = variant;
    m_session = std::make_unique<Session>(inst, m_catalog, mode);
    m_session->set_query_runner(cli::make_query_runner()); // as `play` does
    m_started_utc = utc_stamp("%Y-%m-%dT%H:%M:%SZ");
    m_autosave_path = sessions_dir() + "/" + m_def->id + "-" + utc_stamp("%Y%m%dT%H%M%SZ") + "-" +
                      std::to_string(getpid()) + ".json";
    if (!m_def->resources.empty()) selected_resource = m_def->resources.front().id;
    return true;
}

bool Workspace::resume(const std::string& transcript_path) {
    Diagnostics diags;
    auto t = load_transcript(transcript_path, diags);
    if (!t) {
        m_load_error = diags.format();
        return false;
    }
    if (!open_scenario(locate_scenario(*t, ""), t->mode, t->seed, t->variant)) return false;
    m_autosave_path = transcript_path; // keep writing the same file
    m_started_utc = t->started_utc;
    send_begin();
    for (const auto& a : t->actions) send(a.line);
    return true;
}

void Workspace::close_scenario() {
    m_session.reset();
    m_def.reset();
    m_pending.clear();
    m_log.clear();
    m_score.reset();
    m_score_history = SIZE_MAX;
    selected_alert.clear();
    selected_resource.clear();
    selected_table.clear();
    selected_action.clear();
    action_target.clear();
    evidence = EvidenceView{};
    query_text.clear();
    command_text.clear();
}

const Score& Workspace::score() {
    size_t key = m_session->history().size() * 4 + size_t(m_session->state());
    if (!m_score || key != m_score_history) {
        m_score = compute_score(*m_session);
        m_score_history = key;
    }
    return *m_score;
}

int Workspace::apply_pending(int max_lines) {
    int applied = 0;
    while (!m_pending.empty() && applied < max_lines && m_session) {
        std::string line = std::move(m_pending.front());
        m_pending.pop_front();
        ++applied;
        if (line == kBeginCommand) {
            m_session->begin();
            if (selected_alert.empty() && !m_session->alerts().empty())
                selected_alert = m_session->alert_def(m_session->alerts().front()).id;
            continue;
        }
        const bool practice = m_session->mode() == Mode::Practice;
        // Practice mode's immediate feedback: harmful and out-of-order moves, as they happen.
        auto mistakes = [this] {
            std::set<std::string> out;
            for (const auto& f : score().feedback)
                if (f.kind == "harmful" || f.kind == "order") out.insert(f.kind + ":" + f.ref);
            return out;
        };
        std::set<std::string> before;
        if (practice) before = mistakes();
        auto revealed_before = m_session->revealed_tables();
        const int at = m_session->now_min();
        ApplyResult res = m_session->apply(line);
        if (!res.ok) {
            m_log.push_back({LogLine::Kind::Error, at, line + ": " + res.error});
            continue;
        }
        m_log.push_back({LogLine::Kind::Outcome, at, "> " + line + "  " + res.outcome});
        for (const auto& h : res.happened)
            m_log.push_back({LogLine::Kind::Happened, m_session->now_min(), h});
        for (const auto& t : m_session->revealed_tables())
            if (std::find(revealed_before.begin(), revealed_before.end(), t) ==
                revealed_before.end())
                selected_table = t;
        focus_target(m_session->history().back());
        if (practice) {
            for (const auto& f : score().feedback)
                if ((f.kind == "harmful" || f.kind == "order") &&
                    !before.count(f.kind + ":" + f.ref))
                    m_log.push_back(
                        {LogLine::Kind::Feedback, at,
                         "Feedback: " + f.text + " (" + std::to_string(f.points) + " points)"});
        }
        autosave();
    }
    return applied;
}

void Workspace::pivot(const std::string& value) {
    evidence.set_filter(value);
    if (!m_session) return;
    const std::string needle = to_lower(value);
    // A table as of now shares its dictionary with the whole table: test each distinct value
    // once, then look for a visible row holding a match.
    for (const Table* t : m_session->visible_tables())
        for (const auto& c : t->columns()) {
            if (c.type() != ColumnType::String && c.type() != ColumnType::Dynamic) continue;
            std::vector<char> match;
            bool any = false;
            for (const auto& d : c.dictionary()) {
                match.push_back(to_lower(d).find(needle) != std::string::npos);
                any = any || match.back();
            }
            for (size_t r = 0; any && r < c.size(); ++r)
                if (!c.is_null(r) && match[c.code(r)]) {
                    selected_table = t->name();
                    return;
                }
        }
}

void Workspace::focus_target(const ActionRecord& rec) {
    if (m_catalog.find(rec.action)) {
        selected_action = rec.action;
        action_target = rec.target;
        scroll_to_action = true;
    }
    right_tab_request =
        rec.action.rfind("report_", 0) == 0 || rec.action == "submit_report" ? 1 : 0;
    if (rec.target.empty()) return;
    if (m_session->alert(rec.target)) selected_alert = rec.target;
    if (m_session->scenario().resource(rec.target)) selected_resource = rec.target;
    if (rec.action == "investigate_ip" || rec.action == "block_ip") pivot(rec.target);
    if (rec.action == "run_query") selected_table = kQueryResultTab;
}

void Workspace::autosave() {
    if (!m_autosave || !m_session) return;
    std::string error;
    if (!make_dirs(sessions_dir(), error)) {
        m_log.push_back({LogLine::Kind::Error, m_session->now_min(), "autosave: " + error});
        m_autosave = false;
        return;
    }
    Transcript t = make_transcript(*m_session, m_seed, m_variant, "", m_started_utc,
                                   utc_stamp("%Y-%m-%dT%H:%M:%SZ"));
    if (!save_transcript(m_autosave_path, t, error)) {
        m_log.push_back({LogLine::Kind::Error, m_session->now_min(), "autosave: " + error});
        m_autosave = false;
    }
}

} // namespace alertdrill::gui
