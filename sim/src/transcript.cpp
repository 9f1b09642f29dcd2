#include "alertdrill/transcript.hpp"

#include "alertdrill/atomic_file.hpp"
#include "alertdrill/json_reader.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript_fast.hpp"

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

bool usable_scenario_path(const std::string& path, const std::string& id) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path p(path);
    if (path.empty() || p.filename() != id + ".toml" || !fs::is_regular_file(p, ec)) return false;
    // A link named <id>.toml must lead to a file of that name too.
    return fs::weakly_canonical(p, ec).filename() == id + ".toml" && !ec;
}

std::optional<Transcript> parse_transcript(const std::string& text, const std::string& path,
                                           Diagnostics& d) {
    // A transcript as alertdrill writes it is read without a JSON document; anything else goes
    // the positioned way, which says what is wrong and where.
    if (auto t = read_transcript_fast(text)) {
        if (!usable_scenario_path(t->scenario_path, t->scenario_id)) t->scenario_path.clear();
        return t;
    }
    auto doc = parse_json_text(text, path, d);
    if (!doc) return std::nullopt;
    return transcript_from_json(*doc, text, path, d);
}

std::optional<Transcript> transcript_from_json(const json& j, std::string_view text,
                                               const std::string& path, Diagnostics& d) {
    const json* doc = &j;
    if (!doc->is_object()) {
        d.error({path, 1, 1}, "a transcript must be a JSON object");
        return std::nullopt;
    }
    size_t before = d.error_count();
    JsonReader top(*doc, text, path, d, {}, "the transcript");
    auto format = top.string("format", true);
    if (!format) return std::nullopt;
    if (*format != kTranscriptFormat) {
        top.error("format", "not an alertdrill transcript (format is '" +
                                escape_control(*format, false) + "', expected '" +
                                kTranscriptFormat + "')");
        return std::nullopt;
    }
    Transcript t;
    auto version = top.integer("version", true);
    if (!version) return std::nullopt;
    if (*version > kTranscriptVersion || *version < 1) {
        top.error(
            "version",
            "transcript format version " + std::to_string(*version) +
                " is not supported; this alertdrill reads version " +
                std::to_string(kTranscriptVersion) +
                (*version > kTranscriptVersion ? " (the file is from a newer alertdrill)" : ""));
        return std::nullopt;
    }
    t.version = static_cast<int>(*version);
    top.string("alertdrill", false); // the writer's version: informational
    if (auto sc = top.object("scenario", true)) {
        t.scenario_id = sc->string("id", true).value_or("");
        t.scenario_hash = sc->string("hash", true).value_or("");
        t.scenario_path = sc->string("path", false).value_or("");
        if (sc->raw("id") &&
            (t.scenario_id.empty() ||
             t.scenario_id.find_first_not_of(
                 "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
                 std::string::npos))
            sc->error("id", "the scenario id '" + escape_control(t.scenario_id, false) +
                                "' may hold only letters, digits, '_' and '-'");
        sc->finish();
    }
    if (auto seed = top.unsigned_integer("seed", true)) t.seed = *seed;
    if (auto v = top.string_map("variant", false)) t.variant = *v;
    if (auto mode = top.string("mode", false)) {
        if (auto m = parse_mode(*mode))
            t.mode = *m;
        else
            top.error("mode",
                      "mode '" + escape_control(*mode, false) + "' must be practice or assessment");
    }
    t.trainee = top.string("trainee", false).value_or("");
    t.started_utc = top.string("started_utc", false).value_or("");
    t.ended_utc = top.string("ended_utc", false).value_or("");
    t.finished = top.boolean("finished", false).value_or(false);
    if (const auto* score = top.raw("score")) t.score = *score;
    if (auto acts = top.objects("actions", true, "action")) {
        for (auto& a : *acts) {
            ActionRecord r;
            r.line = a.string("line", true).value_or("");
            r.action = a.string("action", false).value_or("");
            r.target = a.string("target", false).value_or("");
            // A session cannot run past a week of simulated time.
            r.at_min = static_cast<int>(a.integer("at_min", true, 0, 7 * 24 * 60).value_or(0));
            r.minutes = static_cast<int>(a.integer("minutes", false, 0, 7 * 24 * 60).value_or(0));
            r.outcome = a.string("outcome", false).value_or("");
            r.found_keys = a.strings("found_keys", false).value_or(std::vector<std::string>{});
            r.hint_item = a.string("hint_item", false).value_or("");
            a.finish();
            t.actions.push_back(std::move(r));
        }
    }
    top.finish();
    if (d.error_count() > before) return std::nullopt;
    if (!usable_scenario_path(t.scenario_path, t.scenario_id)) t.scenario_path.clear();
    return t;
}

std::optional<Transcript> load_transcript(const std::string& path, Diagnostics& d) {
    std::string text;
    if (!read_source(path, text, d, limits::k_transcript_bytes, "a transcript"))
        return std::nullopt;
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
    // Evidence tables are generated only when a query reads them.
    auto inst = instantiate(def, catalog, t.seed, d, t.variant);
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
    if (usable_scenario_path(t.scenario_path, t.scenario_id)) return t.scenario_path;
    return default_scenarios_dir() + "/" + t.scenario_id + ".toml";
}

} // namespace alertdrill
