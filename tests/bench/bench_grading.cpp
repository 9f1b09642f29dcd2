// Grading: N transcripts made in this process from every golden script (expert and the others)
// under varied seeds, some cut short as a trainee who stopped would leave them, written to a
// temporary folder; then `alertdrill grade`'s path (grade_files + summarize, replaying every
// action) against reading and parsing the same files with nlohmann::json alone. Also split:
// the transcripts that ran no query and those that did (which regenerate their seed's
// evidence), and a class that played every scenario on one seed (the evidence made once).
#include "alertdrill/cohort.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/script.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "bench.hpp"
#include "cli/query_runner.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <thread>

namespace alertdrill::bench {

namespace fs = std::filesystem;

namespace {

struct Made {
    std::vector<std::string> files;
    std::vector<std::string> with_query, without_query; // the same files, split
    size_t refused = 0, bytes = 0;
};

/// `count` transcripts in `dir`; with `one_seed` every round replays each script on its own
/// seed (a class on the default seed), otherwise round r uses seed r + 1.
Made make_transcripts(const Options& o, const Catalog& cat, const std::string& dir, size_t count,
                      bool one_seed) {
    const auto paths = golden_scripts(o.source_dir, "");
    std::vector<Script> scripts(paths.size());
    std::map<std::string, ScenarioDef> defs;
    for (size_t i = 0; i < paths.size(); ++i) {
        Diagnostics d;
        if (!load_script(paths[i], scripts[i], d)) throw std::runtime_error(d.format());
        const std::string sp = scenario_of_script(o.source_dir, paths[i]);
        if (!defs.count(sp)) {
            auto def = load_scenario(sp, cat, d);
            if (!def) throw std::runtime_error(d.format());
            defs.emplace(sp, std::move(*def));
        }
    }
    const QueryRunner runner = cli::make_query_runner();
    Made m;
    for (uint64_t round = 0; m.files.size() < count; ++round) {
        // One instance per scenario and variant in a round: every script of a round shares
        // the round's seed.
        std::map<std::string, std::shared_ptr<const ScenarioInstance>> insts;
        for (size_t i = 0; i < paths.size() && m.files.size() < count; ++i) {
            const Script& sc = scripts[i];
            const uint64_t seed = round == 0 || one_seed ? sc.seed.value_or(1) : 1 + round;
            const std::string sp = scenario_of_script(o.source_dir, paths[i]);
            std::string key = sp;
            for (const auto& [k, v] : sc.variant) key += "|" + k + "=" + v;
            auto& inst = insts[key];
            Diagnostics d;
            if (!inst) inst = instantiate(defs.at(sp), cat, seed, d, sc.variant);
            if (!inst) throw std::runtime_error(d.format());
            Mode mode = parse_mode(sc.mode.value_or("practice")).value_or(Mode::Practice);
            Session s(inst, cat, mode);
            s.set_query_runner(runner);
            s.begin();
            // Every fourth transcript stops early, unfinished, like an abandoned session.
            const size_t n = m.files.size();
            const bool cut = n % 4 == 3;
            const size_t limit = cut ? 1 + n % std::max<size_t>(1, sc.lines.size()) : SIZE_MAX;
            size_t taken = 0;
            for (const auto& line : sc.lines) {
                auto words = split_ws(line.text);
                if (words.empty() || is_view_command(words[0])) continue;
                if (s.state() == SessionState::Debrief || taken++ == limit) break;
                if (!s.apply(line.text).ok) ++m.refused;
            }
            if (!cut && s.state() != SessionState::Debrief) s.apply("end");
            Transcript t = make_transcript(s, seed, sc.variant, fmt::format("trainee-{:05}", n),
                                           "2026-12-04T09:00:00Z");
            std::string text = transcript_to_json(t).dump(2);
            std::string file = fmt::format("{}/{:05}-{}.json", dir, n, t.scenario_id);
            std::ofstream(file, std::ios::binary) << text;
            m.bytes += text.size();
            m.files.push_back(file);
            const bool query = std::any_of(t.actions.begin(), t.actions.end(),
                                           [](const auto& a) { return a.action == "run_query"; });
            (query ? m.with_query : m.without_query).push_back(file);
        }
    }
    return m;
}

} // namespace

Section run_grading(const Options& o) {
    Section sec{"grading", "Grading", {}, ""};
    Catalog cat;
    Diagnostics d;
    if (!load_catalog(default_catalog_path(), cat, d)) throw std::runtime_error(d.format());
    std::string tmpl = (fs::temp_directory_path() / "alertdrill_bench_XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot make a temporary folder");
    const std::string dir = tmpl;
    struct Cleanup {
        std::string dir;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } cleanup{dir};
    const Made made = make_transcripts(o, cat, dir, o.transcripts, false);
    const std::string class_dir = dir + "/class";
    fs::create_directory(class_dir);
    const Made one_seed = make_transcripts(o, cat, class_dir, o.transcripts, true);
    const size_t n = made.files.size();

    // Baseline: read and parse each file, one thread.
    size_t parsed = 0;
    auto parse_only = [&](const std::vector<std::string>& files) {
        parsed = 0;
        for (const auto& f : files) {
            std::string text, err;
            if (!read_file(f, text, err)) continue;
            auto j = nlohmann::json::parse(text, nullptr, false);
            parsed += !j.is_discarded();
        }
    };
    size_t graded = 0, flagged = 0, failed = 0;
    auto grade = [&](const std::vector<std::string>& files, unsigned jobs) {
        GradeOptions opts;
        opts.jobs = jobs;
        opts.runner = cli::make_query_runner();
        std::vector<std::string> unreadable, skipped;
        auto attempts = grade_files(files, cat, opts, unreadable, skipped);
        CohortSummary sum = summarize(attempts);
        graded = sum.graded;
        flagged = sum.flagged;
        failed = unreadable.size();
        for (const auto& a : attempts)
            for (const auto& f : a.flags) failed += f.kind == "replay_failed";
    };
    parse_only(made.files); // page cache
    // One timing each: 10,000 transcripts already take long enough to time steadily.
    const double parse_ms = median_ms(1, [&] { parse_only(made.files); });
    const size_t parsed_all = parsed;
    const double one_ms = median_ms(1, [&] { grade(made.files, 1); });
    const std::string note =
        fmt::format("{:.1f} MiB of JSON; {} graded, {} flagged, {} not replayable",
                    double(made.bytes) / (1024.0 * 1024.0), graded, flagged, failed);
    const unsigned jobs = o.jobs ? o.jobs : std::max(2u, std::thread::hardware_concurrency());
    const double tn = median_ms(1, [&] { grade(made.files, jobs); });
    auto rate = [](size_t count, double ms) { return double(count) / (ms / 1000.0); };

    Figure f1{fmt::format("re-score {} transcripts, 1 thread, vs nlohmann parse only", n),
              rate(n, one_ms),
              "per s",
              rate(n, parse_ms),
              parse_ms / one_ms,
              ">= 0.5x",
              parse_ms / one_ms >= 0.5,
              note};
    if (made.refused)
        f1.note += fmt::format("; {} script lines refused at other seeds", made.refused);
    if (parsed_all != n) f1.note += fmt::format("; only {} of {} parsed", parsed_all, n);
    const double speedup = one_ms / tn;
    const double want = 0.75 * std::min<double>(jobs, std::thread::hardware_concurrency());
    Figure f2{fmt::format("re-score, --jobs {} vs 1 thread", jobs),
              rate(n, tn),
              "per s",
              rate(n, one_ms),
              speedup,
              fmt::format(">= {:.2g}x", want),
              speedup >= want,
              "the machine's load shares the cores"};
    sec.figures = {f1, f2};

    // The same comparison for a subset: re-scoring vs parsing those files, one thread.
    auto part = [&](const std::vector<std::string>& files, std::string name, std::string why,
                    bool target) {
        if (files.empty()) return;
        parse_only(files);
        const double p = median_ms(1, [&] { parse_only(files); });
        const double g = median_ms(1, [&] { grade(files, 1); });
        sec.figures.push_back(Figure{std::move(name), rate(files.size(), g), "per s",
                                     rate(files.size(), p), p / g, target ? ">= 0.5x" : "",
                                     target ? std::optional<bool>(p / g >= 0.5) : std::nullopt,
                                     std::move(why)});
    };
    part(made.without_query,
         fmt::format("  of which the {} that ran no query", made.without_query.size()),
         "no evidence table is generated", false);
    part(made.with_query,
         fmt::format("  of which the {} that ran KQL queries", made.with_query.size()),
         "each regenerates the tables its queries read, for its own seed", false);
    part(one_seed.files,
         fmt::format("a class on one seed: {} transcripts, every script on its own seed",
                     one_seed.files.size()),
         fmt::format("{} ran queries; the evidence of a scenario and seed is generated once",
                     one_seed.with_query.size()),
         true);
    return sec;
}

} // namespace alertdrill::bench
