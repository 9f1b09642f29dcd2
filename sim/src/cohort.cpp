#include "alertdrill/cohort.hpp"
#include "alertdrill/json_reader.hpp"

#include "alertdrill/cohort_quiz.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "alertdrill/transcript_fast.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace alertdrill {

namespace fs = std::filesystem;

Stats compute_stats(std::vector<double> v) {
    Stats s;
    s.n = v.size();
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    s.mean = sum / double(v.size());
    s.min = v.front();
    s.max = v.back();
    size_t m = v.size() / 2;
    s.median = v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
    return s;
}

std::vector<std::string> collect_json_files(const std::vector<std::string>& paths,
                                            std::vector<std::string>& missing) {
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end;
                 it.increment(ec)) {
                if (it->is_regular_file(ec) && it->path().extension() == ".json")
                    out.push_back(it->path().string());
            }
            if (ec) missing.push_back(p + ": " + ec.message());
        } else if (fs::exists(p, ec)) {
            out.push_back(p);
        } else {
            missing.push_back(p + ": no such file or folder");
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {

/// A scenario loaded once per file, with what its expert path needs (seed 1).
struct CachedScenario {
    std::optional<ScenarioDef> def;
    std::string error;
    int expert_min = 0;
    int expert_total = 0;
};

class ScenarioCache {
  public:
    ScenarioCache(const Catalog& cat, const QueryRunner& runner) : m_cat(cat), m_runner(runner) {}

    std::shared_ptr<const CachedScenario> get(const std::string& path) {
        std::lock_guard lock(m_mutex);
        auto& slot = m_items[path];
        if (!slot) slot = load(path);
        return slot;
    }

  private:
    std::shared_ptr<CachedScenario> load(const std::string& path) {
        auto c = std::make_shared<CachedScenario>();
        Diagnostics d;
        c->def = load_scenario(path, m_cat, d);
        if (!c->def) {
            d.sort();
            c->error = d.items().empty() ? path + ": cannot load" : d.items().front().format();
            return c;
        }
        auto inst = instantiate(*c->def, m_cat, 1, d);
        if (!inst) return c;
        Session s(inst, m_cat);
        if (m_runner) s.set_query_runner(m_runner);
        for (const auto& line : s.expert_path()) s.apply(line);
        if (s.state() != SessionState::Debrief) s.apply("end");
        c->expert_min = s.now_min();
        c->expert_total = compute_score(s).total;
        return c;
    }

    const Catalog& m_cat;
    const QueryRunner& m_runner;
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<CachedScenario>> m_items;
};

enum class FileKind { Transcript, Quiz, Skipped, Unreadable };

/// A person reads each outcome and types the next action; a session faster than that was not
/// played by hand (a script, a copied file, an edited clock).
void check_wall_clock(GradedAttempt& a, double min_per_action) {
    auto start = parse_utc_seconds(a.started_utc), end = parse_utc_seconds(a.ended_utc);
    if (!start || !end) return;
    a.wall_seconds = *end - *start;
    if (*a.wall_seconds < 0) {
        a.flags.push_back({"non_monotonic", "the wall clock ends (" + a.ended_utc +
                                                ") before it starts (" + a.started_utc + ")"});
        return;
    }
    double need = min_per_action * double(a.action_count);
    if (a.action_count > 0 && *a.wall_seconds < need)
        a.flags.push_back(
            {"wall_clock_too_fast",
             fmt::format(
                 "{} actions in {:g} s of real time; a person needs at least {:g} s ({:g} s "
                 "an action)",
                 a.action_count, *a.wall_seconds, need, min_per_action)});
}

/// Where each transcript's scenario file is, asked of the filesystem once per recorded path
/// and scenario id in a grade run rather than once per transcript.
class ScenarioLocator {
  public:
    struct Located {
        bool recorded_usable = false; ///< the recorded path passes usable_scenario_path
        std::string file;             ///< the scenario file to load
    };

    explicit ScenarioLocator(const std::string& scenarios_dir) : m_dir(scenarios_dir) {}

    const Located& get(const std::string& recorded, const std::string& id) {
        std::string key = recorded;
        key += '\0'; // ids hold no NUL, so the last one splits the key
        key += id;
        std::lock_guard lock(m_mutex);
        auto [it, fresh] = m_items.try_emplace(std::move(key));
        if (fresh) {
            Located& l = it->second;
            l.recorded_usable = usable_scenario_path(recorded, id);
            // As locate_scenario, unless the grader named the scenarios folder.
            l.file = !m_dir.empty()      ? m_dir + "/" + id + ".toml"
                     : l.recorded_usable ? recorded
                                         : default_scenarios_dir() + "/" + id + ".toml";
        }
        return it->second; // map nodes stay put as others are added
    }

  private:
    std::string m_dir;
    std::mutex m_mutex;
    std::map<std::string, Located> m_items;
};

/// A file the fast reader did not take, read the positioned way: a quiz result (graded here),
/// another format (skipped), or a broken transcript, whose first problem becomes the message.
std::optional<Transcript> read_positioned(const std::string& path, const std::string& text,
                                          BankCache* banks, GradedQuiz& quiz, std::string& message,
                                          FileKind& kind) {
    kind = FileKind::Unreadable;
    // parse_json_text refuses what could hurt the parser (nesting deeper than the limit, NUL
    // bytes, malformed UTF-8) before nlohmann sees it.
    Diagnostics pd;
    auto parsed = parse_json_text(text, path, pd);
    if (!parsed) {
        message = pd.items().empty() ? path + ": not valid JSON" : pd.items().front().format();
        return std::nullopt;
    }
    const std::string format = json_format(*parsed);
    if (format == kQuizResultFormat && banks) {
        if (grade_quiz_text(path, text, *banks, quiz, message)) kind = FileKind::Quiz;
        return std::nullopt;
    }
    if (format != kTranscriptFormat) {
        message = path + ": not a transcript (format '" + escape_control(format, false) + "')";
        kind = FileKind::Skipped;
        return std::nullopt;
    }
    Diagnostics d;
    auto t = transcript_from_json(*parsed, text, path, d);
    if (!t)
        message =
            d.items().empty() ? path + ": not a readable transcript" : d.items().front().format();
    return t;
}

FileKind grade_one(const std::string& path, ScenarioCache& cache, ScenarioLocator& locator,
                   BankCache* banks, const Catalog& cat, const GradeOptions& opts,
                   GradedAttempt& out, GradedQuiz& quiz, std::string& message) {
    std::string text, err;
    if (!read_file(path, text, err, limits::k_transcript_bytes)) {
        message = path + ": " + err;
        return FileKind::Unreadable;
    }
    // Grading needs neither the stored score nor the outcome texts: replay recomputes both.
    auto t = read_transcript_fast(text, {.keep_score = false, .keep_outcomes = false});
    if (!t) {
        FileKind kind;
        t = read_positioned(path, text, banks, quiz, message, kind);
        if (!t) return kind;
    }
    const auto& located = locator.get(t->scenario_path, t->scenario_id);
    if (!located.recorded_usable) t->scenario_path.clear();
    out.path = path;
    out.trainee = t->trainee;
    out.scenario_id = t->scenario_id;
    out.scenario_hash = t->scenario_hash;
    out.seed = t->seed;
    out.mode = std::string(mode_name(t->mode));
    out.started_utc = t->started_utc;
    out.ended_utc = t->ended_utc;
    out.finished = t->finished;
    out.action_count = t->actions.size();

    std::string fp = t->scenario_id + "\n";
    int last = INT32_MIN;
    for (size_t i = 0; i < t->actions.size(); ++i) {
        const auto& a = t->actions[i];
        fp += a.line;
        fp += '@';
        fp += std::to_string(a.at_min);
        fp += '\n';
        if (a.at_min < last && out.flags.empty())
            out.flags.push_back({"non_monotonic", "action " + std::to_string(i + 1) +
                                                      " is at minute " + std::to_string(a.at_min) +
                                                      ", before the one above it (" +
                                                      std::to_string(last) + ")"});
        last = std::max(last, a.at_min);
    }
    out.fingerprint = content_hash(fp);
    check_wall_clock(out, opts.min_seconds_per_action);

    auto sc = cache.get(located.file);
    if (!sc->def) {
        out.flags.push_back({"scenario_missing", sc->error});
        return FileKind::Transcript;
    }
    if (sc->def->content_hash != t->scenario_hash) {
        out.flags.push_back({"hash_mismatch", "made with another version of scenario '" +
                                                  t->scenario_id + "' (hash " + t->scenario_hash +
                                                  ", the file now has " + sc->def->content_hash +
                                                  ")"});
        return FileKind::Transcript;
    }
    Diagnostics d;
    auto r = replay_transcript(*t, *sc->def, cat, d, opts.runner);
    if (!r) {
        out.flags.push_back({"replay_failed", d.items().empty() ? std::string("replay failed")
                                                                : d.items().back().message});
        return FileKind::Transcript;
    }
    out.end_min = r->session->now_min();
    out.score = std::move(r->score);
    if (out.end_min < sc->expert_min && out.score->total >= sc->expert_total)
        out.flags.push_back({"too_fast", "scored " + std::to_string(out.score->total) + " in " +
                                             std::to_string(out.end_min) +
                                             " simulated minutes; the expert path needs " +
                                             std::to_string(sc->expert_min)});
    return FileKind::Transcript;
}

} // namespace

std::vector<GradedAttempt> grade_files(const std::vector<std::string>& files,
                                       const Catalog& catalog, const GradeOptions& opts,
                                       std::vector<std::string>& unreadable,
                                       std::vector<std::string>& skipped,
                                       std::vector<GradedQuiz>* quizzes) {
    ScenarioCache cache(catalog, opts.runner);
    ScenarioLocator locator(opts.scenarios_dir);
    std::optional<BankCache> banks;
    if (quizzes) banks.emplace(opts.banks_dir);
    std::vector<GradedAttempt> results(files.size());
    std::vector<GradedQuiz> quiz_results(quizzes ? files.size() : 0);
    GradedQuiz unused;
    std::vector<FileKind> kinds(files.size(), FileKind::Unreadable);
    std::vector<std::string> messages(files.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < files.size(); i = next++) {
            try {
                kinds[i] =
                    grade_one(files[i], cache, locator, banks ? &*banks : nullptr, catalog, opts,
                              results[i], quizzes ? quiz_results[i] : unused, messages[i]);
            } catch (const std::exception& e) {
                kinds[i] = FileKind::Unreadable;
                messages[i] = files[i] + ": " + e.what();
            }
        }
    };
    unsigned jobs = opts.jobs ? opts.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = unsigned(std::min<size_t>(jobs, std::max<size_t>(1, files.size())));
    std::vector<std::thread> pool;
    for (unsigned k = 1; k < jobs; ++k) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();

    std::vector<GradedAttempt> out;
    for (size_t i = 0; i < files.size(); ++i) {
        if (kinds[i] == FileKind::Transcript)
            out.push_back(std::move(results[i]));
        else if (kinds[i] == FileKind::Quiz)
            quizzes->push_back(std::move(quiz_results[i]));
        else
            (kinds[i] == FileKind::Skipped ? skipped : unreadable).push_back(messages[i]);
    }
    return out;
}

namespace {

std::vector<std::pair<std::string, int>> top_counts(const std::map<std::string, int>& m, size_t n) {
    std::vector<std::pair<std::string, int>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (v.size() > n) v.resize(n);
    return v;
}

} // namespace

CohortSummary summarize(std::vector<GradedAttempt>& attempts) {
    std::map<std::string, std::vector<size_t>> by_fp;
    for (size_t i = 0; i < attempts.size(); ++i)
        if (attempts[i].action_count > 0) by_fp[attempts[i].fingerprint].push_back(i);
    for (const auto& [fp, idx] : by_fp) {
        if (idx.size() < 2) continue;
        for (size_t i : idx) {
            std::vector<std::string> others;
            for (size_t k : idx)
                if (k != i && attempts[k].trainee != attempts[i].trainee &&
                    std::find(others.begin(), others.end(), attempts[k].trainee) == others.end())
                    others.push_back(attempts[k].trainee);
            if (others.empty()) continue;
            if (others.size() > 3) {
                size_t more = others.size() - 3;
                others.resize(3);
                others.push_back("and " + std::to_string(more) + " more");
            }
            attempts[i].flags.push_back(
                {"identical", "same actions at the same minutes as " + join(others, ", ")});
        }
    }

    CohortSummary s;
    s.attempts = attempts.size();
    std::vector<double> totals, contain, hints;
    std::array<std::vector<double>, kStepCount> steps;
    std::map<std::string, int> missed, harmful, misconceptions;
    for (const auto& a : attempts) {
        if (!a.flags.empty()) ++s.flagged;
        if (!a.score) continue;
        ++s.graded;
        const Score& sc = *a.score;
        totals.push_back(sc.total);
        for (int i = 0; i < kStepCount; ++i) {
            steps[i].push_back(sc.phases[i].earned);
            s.step_max[i] = std::max(s.step_max[i], sc.phases[i].max);
        }
        for (const auto& m : sc.missed) ++missed[a.scenario_id + ":" + m];
        for (const auto& h : sc.harmful) ++harmful[a.scenario_id + ":" + h];
        for (const auto& c : sc.checkpoints)
            for (const auto& m : c.misconceptions)
                ++misconceptions[a.scenario_id + ":" + c.id + ": " + m];
        if (sc.time_to_contain_min)
            contain.push_back(*sc.time_to_contain_min);
        else
            ++s.never_contained;
        hints.push_back(sc.hints_used);
        if (sc.hints_used > 0) ++s.used_hints;
    }
    s.total = compute_stats(totals);
    for (int i = 0; i < kStepCount; ++i) s.steps[i] = compute_stats(steps[i]);
    s.time_to_contain = compute_stats(contain);
    s.hints = compute_stats(hints);
    s.most_missed = top_counts(missed, 10);
    s.most_harmful = top_counts(harmful, 10);
    s.checkpoint_misconceptions = top_counts(misconceptions, 10);
    return s;
}

} // namespace alertdrill
