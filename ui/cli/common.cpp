#include "cli/common.hpp"

#include "alertdrill/text.hpp"

#include <chrono>
#include <ctime>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace alertdrill::cli {

std::string safe(const std::string& s) {
    return escape_control(s, true);
}

void print_diagnostics(const Diagnostics& d) {
    for (const auto& x : d.items()) std::cerr << escape_control(x.format(), false) << "\n";
}

std::optional<Catalog> load_catalog_or_report() {
    Catalog cat;
    Diagnostics d;
    if (!load_catalog(default_catalog_path(), cat, d)) {
        d.sort();
        print_diagnostics(d);
        std::cerr << "alertdrill: the action catalog has errors; fix them first\n";
        return std::nullopt;
    }
    return cat;
}

void print_debrief(std::ostream& out, const Session& s, const Score& score) {
    out << "\n=== Debrief: " << safe(s.scenario().title) << " ===\n";
    out << fmt::format("Score: {}/100\n", score.total);
    for (int i = 0; i < kStepCount; ++i) {
        const auto& p = score.phases[i];
        int width = p.max > 0 ? p.earned * 20 / p.max : 0;
        out << fmt::format("  {:<28} {:>3}/{:<3} {}\n", step_title(static_cast<Step>(i)), p.earned,
                           p.max, std::string(static_cast<size_t>(width), '#'));
    }
    if (score.time_to_contain_min)
        out << fmt::format("Time to contain: {} min (target {} min)\n", *score.time_to_contain_min,
                           score.contain_target_min);
    else
        out << fmt::format("Time to contain: never contained (target {} min)\n",
                           score.contain_target_min);
    if (score.data_lost_mb > 0) out << fmt::format("Data lost: {:.0f} MB\n", score.data_lost_mb);
    if (score.hints_used) out << "Hints used: " << score.hints_used << "\n";
    if (!score.feedback.empty()) {
        out << "\nWhere points went:\n";
        for (const auto& f : score.feedback)
            out << fmt::format("  [{}] {:+d}  {}\n", step_id(f.step), f.points, safe(f.text));
    }
    if (!score.suppressed.empty()) {
        out << "\nWhat suppression rules hid:\n";
        for (const auto& line : score.suppressed) out << "  " << safe(line) << "\n";
    }
    out << "\nThe expert path:\n";
    int n = 1;
    for (const auto& line : score.expert_path) out << fmt::format("  {:>2}. {}\n", n++, safe(line));
}

std::string score_document(const Session& s, const Score& score, uint64_t seed) {
    nlohmann::json j = score_to_json(score);
    j["format"] = "alertdrill-score";
    j["version"] = 1;
    j["scenario"] = s.scenario().id;
    j["seed"] = seed;
    j["variables"] = s.instance().variables;
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool parse_variants(const std::vector<std::string>& items, std::map<std::string, std::string>& out,
                    std::string& error) {
    for (const auto& it : items) {
        auto eq = it.find('=');
        if (eq == std::string::npos || eq == 0) {
            error = "--variant takes NAME=VALUE, not '" + it + "'";
            return false;
        }
        out[it.substr(0, eq)] = it.substr(eq + 1);
    }
    return true;
}

std::string utc_now_iso() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace alertdrill::cli
