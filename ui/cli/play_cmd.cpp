#include "alertdrill/journal.hpp"
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
    std::string resume;
    std::string data_dir;
    bool json = false;
};

std::string session_stamp() {
    std::string t = utc_now_iso(); // 2026-12-04T10:00:00Z -> 20261204T100000Z
    std::string out;
    for (char c : t)
        if (c != '-' && c != ':') out += c;
    return out + "-" + std::to_string(::getpid());
}

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
    // Resuming: the journal decides the scenario, seed, variant, mode and trainee.
    std::optional<JournalContents> resumed;
    if (!o.resume.empty()) {
        Diagnostics jd;
        resumed = read_journal(o.resume, jd);
        print_diagnostics(jd);
        if (!resumed) return 1;
        const auto& h = resumed->header;
        if (o.scenario.empty()) o.scenario = h.scenario_path;
        o.seed = h.seed;
        o.mode = std::string(mode_name(h.mode));
        o.trainee = h.trainee;
        o.variants.clear();
        for (const auto& [k, v] : h.variant) o.variants.push_back(k + "=" + v);
    }
    if (o.scenario.empty()) {
        std::cerr << "alertdrill: play needs a SCENARIO file (or --resume JOURNAL)\n";
        return 2;
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
    if (resumed && resumed->header.scenario_hash != def->content_hash) {
        std::cerr << "alertdrill: " << o.resume << ": the journal was made with another version of "
                  << def->id << " (content hash " << resumed->header.scenario_hash
                  << ", the file now has " << def->content_hash << "); it cannot be resumed\n";
        return 1;
    }
    auto inst = instantiate(*def, *cat, o.seed, d, variant);
    if (!inst) {
        print_diagnostics(d);
        return 1;
    }
    Session s(inst, *cat, *mode);
    s.set_query_runner(make_query_runner());
    std::string started = resumed ? resumed->header.started_utc : utc_now_iso();

    // Every action is journaled (appended and fsynced) before its outcome is shown.
    std::optional<Journal> journal;
    std::string sessions = data_dir(o.data_dir) + "/sessions";
    if (resumed) {
        for (size_t i = 0; i < resumed->entries.size(); ++i) {
            const auto& e = resumed->entries[i];
            int before = s.now_min();
            ApplyResult r = s.apply(e.line);
            if (!r.ok || before != e.at_min) {
                std::cerr << o.resume << ": error: entry " << i + 1 << " ('" << safe(e.line)
                          << "') does not replay: "
                          << (r.ok ? "it lands at another minute" : safe(r.error)) << "\n";
                return 1;
            }
        }
        journal = Journal::reopen(o.resume, *resumed, err);
        if (!journal) {
            std::cerr << "alertdrill: " << err << "\n";
            return 1;
        }
        std::cerr << "alertdrill: resumed " << resumed->entries.size() << " actions from "
                  << o.resume << " at T+" << s.now_min() << "m\n";
    } else {
        if (!check_writable(sessions, err)) { // a read-only or full disk, before the trainee starts
            std::cerr << "alertdrill: " << err << "\n";
            return 1;
        }
        JournalHeader h{def->path, def->id, def->content_hash, o.seed,
                        variant,   *mode,   o.trainee,         started};
        std::string path = sessions + "/" + def->id + "-" + session_stamp() + ".journal";
        journal = Journal::create(path, h, err);
        if (!journal) {
            std::cerr << "alertdrill: " << err << "\n";
            return 1;
        }
        std::cerr << "alertdrill: this session is saved as it goes in " << path
                  << "\n  (resume with: alertdrill play --resume " << path << ")\n";
    }
    auto journal_last = [&]() -> bool {
        if (s.history().empty()) return true;
        if (!journal->append(s.history().back(), err)) {
            std::cerr << "alertdrill: cannot save the action: " << err << "\n";
            return false;
        }
        return true;
    };
    auto save = [&]() -> bool {
        std::string e;
        Transcript t = make_transcript(s, o.seed, variant, o.trainee, started, utc_now_iso());
        std::string auto_path = journal->path().substr(0, journal->path().size() - 8) + ".json";
        bool ok = save_transcript(auto_path, t, e);
        if (ok && !o.transcript.empty()) ok = save_transcript(o.transcript, t, e);
        if (!ok) std::cerr << "alertdrill: cannot save the transcript: " << e << "\n";
        return ok;
    };
    if (!save()) return 1;

    const bool quiet = o.json;
    if (!o.script.empty()) {
        size_t skip = resumed ? resumed->entries.size() : 0; // already replayed from the journal
        for (const auto& line : script.lines) {
            if (skip > 0 && !is_view_command(line.text.substr(0, line.text.find(' ')))) {
                --skip;
                continue;
            }
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
            if (!journal_last()) return 1;
            show_result(s, r, &before, quiet);
            if (!save()) return 1;
        }
        if (s.state() != SessionState::Debrief) {
            s.apply("end");
            if (!journal_last()) return 1;
        }
    } else {
        print_briefing(std::cout, s);
        const bool tty = isatty(STDIN_FILENO);
        std::string line;
        while (s.state() != SessionState::Debrief) {
            std::cout << "\n[T+" << s.now_min() << "m] > " << std::flush;
            if (!std::getline(std::cin, line)) {
                if (tty) std::cout << "\n";
                s.apply("end");
                journal_last();
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
            if (!journal_last()) return 1;
            show_result(s, r, &before, false);
            save();
        }
    }
    if (!save()) return 1;
    Score score = compute_score(s);
    if (o.json) {
        std::cout << score_document(s, score, o.seed) << "\n";
    } else {
        print_debrief(std::cout, s, score);
    }
    return 0;
}

} // namespace

void add_play_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("play", "Play a scenario in the terminal");
    static PlayOptions o;
    cmd->add_option("SCENARIO", o.scenario, "Scenario file (.toml); optional with --resume")
        ->check(CLI::ExistingFile);
    cmd->add_option("--resume", o.resume,
                    "Continue an interrupted session from its journal (printed when it started)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--data-dir", o.data_dir,
                    "Where sessions are saved (default $XDG_DATA_HOME/alertdrill)");
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
