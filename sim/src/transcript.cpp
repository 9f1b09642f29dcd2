#include "alertdrill/transcript.hpp"

#include "alertdrill/atomic_file.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/text.hpp"

#include <filesystem>

namespace alertdrill {

using nlohmann::json;

Transcript make_transcript(const Session& s, uint64_t seed,
                           const std::map<std::string, std::string>& variant,
                           const std::string& trainee, const std::string& started_utc,
                           const std::string& ended_utc) {
    Transcript t;
    t.scenario_id = s.scenario().id;
    t.scenario_path = s.scenario().path;
    t.scenario_hash = s.scenario().content_hash;
    t.seed = seed;
    t.variant = variant;
    t.mode = s.mode();
    t.trainee = trainee;
    t.started_utc = started_utc;
    t.ended_utc = ended_utc;
    t.actions = s.history();
    t.finished = s.state() == SessionState::Debrief;
    t.score = score_to_json(compute_score(s));
    return t;
}

json transcript_to_json(const Transcript& t) {
    json actions = json::array();
    for (const auto& a : t.actions) {
        json j = {{"line", a.line},     {"action", a.action},   {"target", a.target},
                  {"at_min", a.at_min}, {"minutes", a.minutes}, {"outcome", a.outcome}};
        if (!a.found_keys.empty()) j["found_keys"] = a.found_keys;
        if (!a.hint_item.empty()) j["hint_item"] = a.hint_item;
        actions.push_back(std::move(j));
    }
    json j = {
        {"format", kTranscriptFormat},
        {"version", t.version},
        {"alertdrill", ALERTDRILL_VERSION},
        {"scenario", {{"id", t.scenario_id}, {"path", t.scenario_path}, {"hash", t.scenario_hash}}},
        {"seed", t.seed},
        {"variant", t.variant},
        {"mode", std::string(mode_name(t.mode))},
        {"trainee", t.trainee},
        {"started_utc", t.started_utc},
        {"finished", t.finished},
        {"actions", actions},
        {"score", t.score}};
    if (!t.ended_utc.empty()) j["ended_utc"] = t.ended_utc;
    return j;
}

bool save_transcript(const std::string& path, const Transcript& t, std::string& error) {
    return write_file_atomic(
        path,
        transcript_to_json(t).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
        error);
}

namespace {

/// Reads a typed field, reporting a precise message when it is absent or of the wrong type.
template <class T>
bool field(const json& j, const char* key, T& out, const std::string& path,
           const std::string& where, Diagnostics& d, bool required = true) {
    auto it = j.find(key);
    if (it == j.end()) {
        if (required) d.error({path, 0, 0}, where + " is missing '" + key + "'");
        return !required;
    }
    try {
        out = it->get<T>();
        return true;
    } catch (const json::exception&) {
        d.error({path, 0, 0},
                where + ": '" + key + "' has the wrong type (" + it->type_name() + ")");
        return false;
    }
}

} // namespace

std::optional<Transcript> parse_transcript(const std::string& text, const std::string& path,
                                           Diagnostics& d) {
    json j;
    try {
        j = json::parse(text, nullptr, true, false);
    } catch (const json::parse_error& e) {
        // nlohmann reports a byte offset; turn it into line:column.
        size_t off = std::min<size_t>(e.byte ? e.byte - 1 : 0, text.size());
        int line = 1, col = 1;
        for (size_t i = 0; i < off; ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        std::string msg = e.what();
        auto p = msg.find("parse error");
        d.error({path, line, col},
                "invalid JSON: " + (p == std::string::npos ? msg : msg.substr(p)));
        return std::nullopt;
    }
    return transcript_from_json(std::move(j), path, d);
}

std::optional<Transcript> transcript_from_json(json j, const std::string& path, Diagnostics& d) {
    if (!j.is_object()) {
        d.error({path, 1, 1}, "a transcript must be a JSON object");
        return std::nullopt;
    }
    Transcript t;
    std::string format;
    if (!field(j, "format", format, path, "the transcript", d)) return std::nullopt;
    if (format != kTranscriptFormat) {
        d.error({path, 0, 0},
                "not an alertdrill transcript (format is '" + escape_control(format, false) + "')");
        return std::nullopt;
    }
    if (!field(j, "version", t.version, path, "the transcript", d)) return std::nullopt;
    if (t.version > kTranscriptVersion || t.version < 1) {
        d.error(
            {path, 0, 0},
            "transcript format version " + std::to_string(t.version) +
                " is not supported; this alertdrill reads version " +
                std::to_string(kTranscriptVersion) +
                (t.version > kTranscriptVersion ? " (the file is from a newer alertdrill)" : ""));
        return std::nullopt;
    }
    bool ok = true;
    auto sc = j.find("scenario");
    if (sc == j.end() || !sc->is_object()) {
        d.error({path, 0, 0}, "the transcript is missing the 'scenario' object");
        return std::nullopt;
    }
    ok &= field(*sc, "id", t.scenario_id, path, "scenario", d);
    ok &= field(*sc, "hash", t.scenario_hash, path, "scenario", d);
    if (t.scenario_id.empty() ||
        t.scenario_id.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
            std::string::npos) {
        d.error({path, 0, 0}, "the scenario id '" + escape_control(t.scenario_id, false) +
                                  "' may hold only letters, digits, '_' and '-'");
        ok = false;
    }
    ok &= field(*sc, "path", t.scenario_path, path, "scenario", d, false);
    ok &= field(j, "seed", t.seed, path, "the transcript", d);
    ok &= field(j, "variant", t.variant, path, "the transcript", d, false);
    std::string mode = "practice";
    ok &= field(j, "mode", mode, path, "the transcript", d, false);
    if (auto m = parse_mode(mode))
        t.mode = *m;
    else {
        d.error({path, 0, 0},
                "mode '" + escape_control(mode, false) + "' must be practice or assessment");
        ok = false;
    }
    ok &= field(j, "trainee", t.trainee, path, "the transcript", d, false);
    ok &= field(j, "started_utc", t.started_utc, path, "the transcript", d, false);
    ok &= field(j, "ended_utc", t.ended_utc, path, "the transcript", d, false);
    ok &= field(j, "finished", t.finished, path, "the transcript", d, false);
    if (auto it = j.find("score"); it != j.end()) t.score = std::move(*it);
    auto acts = j.find("actions");
    if (acts == j.end() || !acts->is_array()) {
        d.error({path, 0, 0}, "the transcript is missing the 'actions' array");
        return std::nullopt;
    }
    size_t i = 0;
    for (const auto& a : *acts) {
        std::string where = "action " + std::to_string(i++);
        if (!a.is_object()) {
            d.error({path, 0, 0}, where + " is not an object");
            ok = false;
            continue;
        }
        ActionRecord r;
        ok &= field(a, "line", r.line, path, where, d);
        ok &= field(a, "action", r.action, path, where, d, false);
        ok &= field(a, "target", r.target, path, where, d, false);
        ok &= field(a, "at_min", r.at_min, path, where, d);
        ok &= field(a, "minutes", r.minutes, path, where, d, false);
        ok &= field(a, "outcome", r.outcome, path, where, d, false);
        ok &= field(a, "found_keys", r.found_keys, path, where, d, false);
        t.actions.push_back(std::move(r));
    }
    if (!ok) return std::nullopt;
    return t;
}

std::optional<Transcript> load_transcript(const std::string& path, Diagnostics& d) {
    std::string text, err;
    if (!read_file(path, text, err, 64u << 20)) {
        d.error({path, 0, 0}, err);
        return std::nullopt;
    }
    return parse_transcript(text, path, d);
}

std::optional<Replay> replay_transcript(const Transcript& t, const ScenarioDef& def,
                                        const Catalog& catalog, Diagnostics& d,
                                        const QueryRunner& runner) {
    SourcePos where{def.path, 0, 0};
    if (t.scenario_id != def.id) {
        d.error(where,
                "the transcript is for scenario '" + t.scenario_id + "', not '" + def.id + "'");
        return std::nullopt;
    }
    if (t.scenario_hash != def.content_hash) {
        d.error(where, "the transcript was made with another version of scenario '" + def.id +
                           "' (content hash " + t.scenario_hash + ", the file now has " +
                           def.content_hash + "); it cannot be re-scored against this one");
        return std::nullopt;
    }
    // The evidence tables are read only by queries: a transcript without one skips making them.
    bool queries = false;
    if (runner)
        for (const auto& rec : t.actions) {
            auto words = split_ws(rec.line);
            const ActionDef* a = words.empty() ? nullptr : catalog.find(words[0]);
            queries = queries || (a && a->id == "run_query");
        }
    auto inst = instantiate(def, catalog, t.seed, d, t.variant, queries);
    if (!inst) return std::nullopt;
    Replay r;
    r.session = std::make_unique<Session>(inst, catalog, t.mode);
    if (runner) r.session->set_query_runner(runner);
    for (size_t i = 0; i < t.actions.size(); ++i) {
        const ActionRecord& rec = t.actions[i];
        int before = r.session->now_min();
        ApplyResult res = r.session->apply(rec.line);
        if (!res.ok) {
            d.error(where, "action " + std::to_string(i + 1) + " ('" +
                               escape_control(rec.line, false) +
                               "') is refused on replay: " + res.error);
            return std::nullopt;
        }
        if (before != rec.at_min) {
            d.error(where, "action " + std::to_string(i + 1) + " ('" +
                               escape_control(rec.line, false) + "') is recorded at minute " +
                               std::to_string(rec.at_min) + " but replays at minute " +
                               std::to_string(before));
            return std::nullopt;
        }
    }
    r.score = compute_score(*r.session);
    return r;
}

std::string locate_scenario(const Transcript& t, const std::string& explicit_path) {
    namespace fs = std::filesystem;
    if (!explicit_path.empty()) return explicit_path;
    if (!t.scenario_path.empty() && fs::exists(t.scenario_path)) return t.scenario_path;
    return default_scenarios_dir() + "/" + t.scenario_id + ".toml";
}

} // namespace alertdrill
