// `alertdrill xapi`: xAPI 1.0.3 statements for re-scored transcripts and re-graded quiz results,
// printed as a JSON array or posted to a Learning Record Store (--lrs).
#include "alertdrill/cohort_quiz.hpp"
#include "alertdrill/json_reader.hpp"
#include "alertdrill/limits.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "alertdrill/xapi.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/lrs_http.hpp"
#include "cli/query_runner.hpp"

#include <iostream>
#include <map>

namespace alertdrill::cli {

namespace {

/// True when `text` (read from `path`) is a quiz result; anything else is left to the transcript
/// reader and its messages.
bool is_quiz_result(const std::string& text, const std::string& path) {
    Diagnostics ignored;
    auto j = parse_json_text(text, path, ignored);
    return j && json_format(*j) == kQuizResultFormat;
}

} // namespace

void add_xapi_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "xapi", "xAPI 1.0.3 statements (attempted, completed, passed/failed) for transcripts, "
                "and for quiz results with one answered statement per question");
    static std::vector<std::string> paths;
    static std::string banks_dir;
    static XapiOptions opts;
    static LrsUpload up;
    static int batch = 50;
    cmd->add_option("TRANSCRIPT", paths,
                    "Transcript or quiz result JSON files (with --lrs, none sends only what is "
                    "queued)");
    cmd->add_option("--banks", banks_dir,
                    "Folder of question banks for quiz results (default content/quizzes)");
    cmd->add_option("--home-page", opts.home_page, "homePage of the actors' accounts");
    cmd->add_option("--pass-mark", opts.pass_mark, "Total needed to pass (default 70)")
        ->check(CLI::Range(0, 100));
    cmd->add_option("--lrs", up.endpoint,
                    "Post the statements to this LRS endpoint (e.g. http://host/data/xAPI)");
    cmd->add_option("--auth", up.auth, "user:password for the LRS (basic auth)")
        ->envname("ALERTDRILL_LRS_AUTH");
    cmd->add_option("--batch", batch, "Statements per request (default 50)")
        ->check(CLI::Range(1, 1000));
    cmd->add_option("--retries", up.send.retries,
                    "Further tries after a network error or 5xx (default 3, waits 0.5 s, doubling)")
        ->check(CLI::Range(0, 10));
    cmd->add_option("--timeout", up.timeout_s, "Seconds per request (default 30)")
        ->check(CLI::Range(1, 600));
    cmd->add_option("--data-dir", up.data_dir,
                    "Where unsent statements wait (default $XDG_DATA_HOME/alertdrill; the queue "
                    "is its xapi-queue folder)");
    cmd->callback([&exit_code] {
        if (up.endpoint.empty() && paths.empty()) {
            std::cerr << "alertdrill xapi: give transcripts, or --lrs to send the queue\n";
            exit_code = 2;
            return;
        }
        auto cat = load_catalog_or_report();
        if (!cat) {
            exit_code = 1;
            return;
        }
        std::map<std::string, std::optional<ScenarioDef>> scenarios;
        nlohmann::json all = nlohmann::json::array();
        std::map<std::string, std::string> source; // statement id -> transcript
        BankCache banks(banks_dir);
        bool ok = true;
        auto add = [&](nlohmann::json statements, const std::string& path) {
            for (auto& s : statements) {
                source[s["id"].get<std::string>()] = path;
                all.push_back(std::move(s));
            }
        };
        for (const auto& path : paths) {
            // A knowledge check is re-graded from its answers against its bank, as grade does.
            std::string text, error;
            const bool read = read_file(path, text, error, limits::k_transcript_bytes);
            if (read && is_quiz_result(text, path)) {
                GradedQuiz q;
                std::shared_ptr<const QuestionBank> bank;
                if (grade_quiz_text(path, text, banks, q, error) && q.result &&
                    (bank = banks.get(q.bank_id, error))) {
                    add(xapi_quiz_statements(*q.result, *bank, text, opts), path);
                } else {
                    if (error.empty() && !q.flags.empty())
                        error = path + ": " + q.flags.front().kind + ": " + q.flags.front().message;
                    std::cerr << safe(error) << "\n";
                    ok = false;
                }
                continue;
            }
            Diagnostics d; // an unreadable file: load_transcript says why, at its path
            auto t = read ? parse_transcript(text, path, d) : load_transcript(path, d);
            if (!t) {
                print_diagnostics(d);
                ok = false;
                continue;
            }
            std::string spath = locate_scenario(*t, "");
            if (!scenarios.count(spath)) scenarios[spath] = load_scenario(spath, *cat, d);
            auto& def = scenarios[spath];
            if (!def) {
                d.sort();
                print_diagnostics(d);
                ok = false;
                continue;
            }
            auto r = replay_transcript(*t, *def, *cat, d, make_query_runner());
            if (!r) {
                std::cerr << safe(path) << ": ";
                print_diagnostics(d);
                ok = false;
                continue;
            }
            add(xapi_statements(*t, *def, r->score, r->session->now_min(), opts), path);
        }
        if (!up.endpoint.empty()) {
            up.send.batch = size_t(batch);
            int rc = upload_statements(up, all.get<std::vector<nlohmann::json>>(), source);
            exit_code = ok ? rc : 1;
            return;
        }
        std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        exit_code = ok ? 0 : 1;
    });
}

} // namespace alertdrill::cli
