#include "alertdrill/scenario.hpp"
#include "alertdrill/script.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/player_views.hpp"
#include "cli/query_runner.hpp"

#include <fstream>
#include <iostream>
#include <unistd.h>

namespace alertdrill::cli {

namespace {

struct PlayOptions {
    std::string scenario;
    uint64_t seed = 1;
    bool seed_given = false;
    std::vector<std::string> variants;
    std::string mode = "practice";
    bool mode_given = false;
    std::string script;
    std::string transcript;
    std::string trainee;
    bool json = false;
};

void show_result(const Session& s, const ApplyResult& r, const Score* before, bool quiet) {
    if (quiet) return;
    for (const auto& h : r.happened) std::cout << "  ! " << safe(h) << "\n";
    std::cout << safe(r.outcome) << "\n";
    if (before && s.mode() == Mode::Practice) {
        Score after = compute_score(s);
        for (const auto& f : after.feedback) {
            if (f.kind != "harmful" && f.kind != "order") continue;
            bool old = false;
            for (const auto& g : before->feedback) old |= g.ref == f.ref && g.kind == f.kind;
            if (!old) std::cout << "  Feedback: " << safe(f.text) << "\n";
        }
    }
}

int run_play(PlayOptions o) {
    auto cat = load_catalog_or_report();
    if (!cat) return 1;
    Script script;
    if (!o.script.empty()) {
        Diagnostics sd;
        if (!load_script(o.script, script, sd)) {
            print_diagnostics(sd);
            return 1;
        }
        // The script's own settings apply unless the command line gives them.
        if (script.seed && !o.seed_given) o.seed = *script.seed;
        if (script.mode && !o.mode_given) o.mode = *script.mode;
        for (const auto& [k, v] : script.variant)
            o.variants.insert(o.variants.begin(), k + "=" + v);
    }
    auto mode = parse_mode(o.mode);
    if (!mode) {
        std::cerr << "alertdrill: mode must be practice or assessment, not '" << safe(o.mode)
                  << "'\n";
        return 2;
    }
    std::map<std::string, std::string> variant;
    std::string err;
    if (!parse_variants(o.variants, variant, err)) {
        std::cerr << "alertdrill: " << err << "\n";
        return 2;
    }
    Diagnostics d;
    auto def = load_scenario(o.scenario, *cat, d);
    if (!def) {
        d.sort();
        print_diagnostics(d);
        return 1;
    }
    auto inst = instantiate(*def, *cat, o.seed, d, variant);
    if (!inst) {
        print_diagnostics(d);
        return 1;
    }
    Session s(inst, *cat, *mode);
    s.set_query_runner(make_query_runner());
    const std::string started = utc_now_iso();
    auto save = [&]() -> bool {
        if (o.transcript.empty()) return true;
        std::string e;
        if (!save_transcript(o.transcript, make_transcript(s, o.seed, variant, o.trainee, started),
                             e)) {
            std::cerr << "alertdrill: cannot save the transcript: " << e << "\n";
            return false;
        }
        return true;
    };
    if (!save()) return 1; // a read-only or full disk is reported before the trainee starts

    const bool quiet = o.json;
    if (!o.script.empty()) {
        for (const auto& line : script.lines) {
            if (s.state() == SessionState::Debrief) {
                std::cerr << o.script << ":" << line.number
                          << ": error: the session already ended; '" << safe(line.text)
                          << "' cannot be applied\n";
                return 1;
            }
            auto words = split_ws(line.text);
            if (handle_view_command(quiet ? std::cerr : std::cout, s, words, line.text)) continue;
            Score before = compute_score(s);
            if (!quiet) std::cout << "> " << safe(line.text) << "\n";
            ApplyResult r = s.apply(line.text);
            if (!r.ok) {
                std::cerr << o.script << ":" << line.number << ": error: " << safe(r.error) << "\n";
                return 1;
            }
            show_result(s, r, &before, quiet);
            if (!save()) return 1;
        }
        if (s.state() != SessionState::Debrief) s.apply("end");
    } else {
        print_briefing(std::cout, s);
        const bool tty = isatty(STDIN_FILENO);
        std::string line;
        while (s.state() != SessionState::Debrief) {
            std::cout << "\n[T+" << s.now_min() << "m] > " << std::flush;
            if (!std::getline(std::cin, line)) {
                if (tty) std::cout << "\n";
                s.apply("end");
                break;
            }
            auto words = split_ws(line);
            if (words.empty()) continue;
            if (words[0] == "quit" || words[0] == "exit") words[0] = "end", line = "end";
            if (handle_view_command(std::cout, s, words, line)) continue;
            Score before = compute_score(s);
            ApplyResult r = s.apply(line);
            if (!r.ok) {
                std::cout << "  " << safe(r.error) << "\n";
                continue;
            }
            show_result(s, r, &before, false);
            save();
        }
    }
    if (!save()) return 1;
    Score score = compute_score(s);
    if (o.json) {
        nlohmann::json j = score_to_json(score);
        j["format"] = "alertdrill-score";
        j["version"] = 1;
        j["scenario"] = s.scenario().id;
        j["seed"] = o.seed;
        j["variables"] = s.instance().variables;
        std::cout << j.dump(2) << "\n";
    } else {
        print_debrief(std::cout, s, score);
    }
    return 0;
}

} // namespace

void add_play_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("play", "Play a scenario in the terminal");
    static PlayOptions o;
    cmd->add_option("SCENARIO", o.scenario, "Scenario file (.toml)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--seed", o.seed, "Variant seed (attacker IPs, accounts, branch); default 1")
        ->each([](const std::string&) { o.seed_given = true; });
    cmd->add_option("--variant", o.variants, "Fix a variable: NAME=VALUE (repeatable)");
    cmd->add_option("--mode", o.mode, "practice (hints, feedback) or assessment")
        ->check(CLI::IsMember({"practice", "assessment"}))
        ->each([](const std::string&) { o.mode_given = true; });
    cmd->add_option("--script", o.script, "Read actions from FILE, one per line, as typed");
    cmd->add_option("--transcript", o.transcript,
                    "Save the session to this JSON file after every action");
    cmd->add_option("--trainee", o.trainee, "Trainee name recorded in the transcript");
    cmd->add_flag("--json", o.json, "Print the final score as JSON");
    cmd->callback([&exit_code] { exit_code = run_play(o); });
}

} // namespace alertdrill::cli
