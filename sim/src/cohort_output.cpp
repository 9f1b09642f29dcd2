// The cohort's machine-readable shapes: versioned JSON and CSV.
#include "alertdrill/cohort.hpp"

#include <fmt/format.h>

namespace alertdrill {

using nlohmann::json;

namespace {

json stats_json(const Stats& s) {
    if (s.n == 0) return {{"n", 0}};
    return {{"n", s.n}, {"mean", s.mean}, {"min", s.min}, {"median", s.median}, {"max", s.max}};
}

json counts_json(const std::vector<std::pair<std::string, int>>& v) {
    json out = json::array();
    for (const auto& [id, n] : v) out.push_back({{"id", id}, {"attempts", n}});
    return out;
}

std::string flag_kinds(const GradedAttempt& a) {
    std::string out;
    for (const auto& f : a.flags) out += (out.empty() ? "" : ";") + f.kind;
    return out;
}

} // namespace

json cohort_to_json(const std::vector<GradedAttempt>& attempts, const CohortSummary& s) {
    json rows = json::array();
    for (const auto& a : attempts) {
        json flags = json::array();
        for (const auto& f : a.flags) flags.push_back({{"kind", f.kind}, {"message", f.message}});
        json r = {{"path", a.path},
                  {"trainee", a.trainee},
                  {"scenario", a.scenario_id},
                  {"scenario_hash", a.scenario_hash},
                  {"seed", a.seed},
                  {"mode", a.mode},
                  {"started_utc", a.started_utc},
                  {"ended_utc", a.ended_utc},
                  {"wall_seconds", a.wall_seconds ? json(*a.wall_seconds) : json()},
                  {"finished", a.finished},
                  {"actions", a.action_count},
                  {"graded", a.score.has_value()},
                  {"flags", flags}};
        if (a.score) {
            r["end_min"] = a.end_min;
            r["score"] = score_to_json(*a.score);
        }
        rows.push_back(std::move(r));
    }
    json steps = json::object();
    for (int i = 0; i < kStepCount; ++i) {
        json st = stats_json(s.steps[i]);
        st["max_points"] = s.step_max[i];
        steps[std::string(step_id(static_cast<Step>(i)))] = st;
    }
    json summary = {{"attempts", s.attempts},
                    {"graded", s.graded},
                    {"flagged", s.flagged},
                    {"total", stats_json(s.total)},
                    {"steps", steps},
                    {"most_missed", counts_json(s.most_missed)},
                    {"most_harmful", counts_json(s.most_harmful)},
                    {"checkpoint_misconceptions", counts_json(s.checkpoint_misconceptions)},
                    {"time_to_contain_min", stats_json(s.time_to_contain)},
                    {"never_contained", s.never_contained},
                    {"hints", stats_json(s.hints)},
                    {"attempts_with_hints", s.used_hints}};
    return {{"format", kCohortFormat},
            {"version", kCohortVersion},
            {"alertdrill", ALERTDRILL_VERSION},
            {"attempts", rows},
            {"summary", summary}};
}

std::string csv_field(const std::string& s) {
    std::string v = s;
    // A spreadsheet runs a cell that starts with these as a formula.
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string cohort_to_csv(const std::vector<GradedAttempt>& attempts) {
    std::string out = "path,trainee,scenario,seed,mode,graded,total";
    for (int i = 0; i < kStepCount; ++i) out += "," + std::string(step_id(static_cast<Step>(i)));
    out += ",time_to_contain_min,hints_used,harmful,missed,end_min,flags\n";
    for (const auto& a : attempts) {
        out += csv_field(a.path) + "," + csv_field(a.trainee) + "," + csv_field(a.scenario_id) +
               "," + std::to_string(a.seed) + "," + a.mode + "," + (a.score ? "yes" : "no");
        if (a.score) {
            const Score& sc = *a.score;
            out += "," + std::to_string(sc.total);
            for (int i = 0; i < kStepCount; ++i) out += "," + std::to_string(sc.phases[i].earned);
            out += "," + (sc.time_to_contain_min ? std::to_string(*sc.time_to_contain_min) : "");
            out += fmt::format(",{},{},{},{}", sc.hints_used, sc.harmful.size(), sc.missed.size(),
                               a.end_min);
        } else {
            out += std::string(kStepCount + 6, ',');
        }
        out += "," + csv_field(flag_kinds(a)) + "\n";
    }
    return out;
}

} // namespace alertdrill
