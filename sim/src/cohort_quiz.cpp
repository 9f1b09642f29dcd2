#include "alertdrill/cohort_quiz.hpp"

#include "alertdrill/catalog.hpp"
#include "alertdrill/quiz_attempt.hpp"

#include <cmath>
#include <filesystem>
#include <fmt/format.h>

namespace alertdrill {

using nlohmann::json;

BankCache::BankCache(std::string dir) : m_dir(std::move(dir)) {
    if (m_dir.empty())
        m_dir = (std::filesystem::path(default_catalog_path()).parent_path() / "quizzes").string();
}

std::shared_ptr<const QuestionBank> BankCache::get(const std::string& id, std::string& error) {
    std::lock_guard lock(m_mutex);
    auto [it, fresh] = m_items.try_emplace(id);
    Entry& e = it->second;
    if (fresh) {
        // The id names a file: letters, digits, '_' and '-' only, so a result cannot point
        // outside the folder.
        if (id.empty() ||
            id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "0123456789_-") != std::string::npos) {
            e.error = "the bank id '" + id + "' may hold only letters, digits, '_' and '-'";
        } else {
            auto bank = std::make_shared<QuestionBank>();
            Diagnostics d;
            std::string path = m_dir + "/" + id + ".toml";
            if (load_question_bank(path, *bank, d))
                e.bank = bank;
            else {
                d.sort();
                e.error = d.items().empty() ? path + ": cannot load" : d.items().front().format();
            }
        }
    }
    error = e.error;
    return e.bank;
}

bool grade_quiz_text(const std::string& path, const std::string& text, BankCache& banks,
                     GradedQuiz& out, std::string& error) {
    QuizResult stored;
    if (!quiz_result_from_json(text, path, stored, error)) return false;
    out.path = path;
    out.trainee = stored.trainee;
    out.bank_id = stored.bank_id;
    out.mode = stored.mode;
    out.written_percent = stored.percent;
    std::string err;
    auto bank = banks.get(stored.bank_id, err);
    if (!bank) {
        out.flags.push_back({"bank_missing", err});
        return true;
    }
    if (bank->content_hash != stored.bank_hash) {
        out.flags.push_back({"hash_mismatch", "made with another version of bank '" +
                                                  stored.bank_id + "' (hash " + stored.bank_hash +
                                                  ", the file now has " + bank->content_hash +
                                                  ")"});
        return true;
    }
    QuizResult r;
    if (!regrade_quiz_result(*bank, stored, r, err)) {
        out.flags.push_back({"regrade_failed", err});
        return true;
    }
    if (std::fabs(r.percent - stored.percent) > 0.005)
        out.flags.push_back(
            {"score_mismatch", fmt::format("the file says {:.2f}%; its answers earn {:.2f}%",
                                           stored.percent, r.percent)});
    out.result = std::move(r);
    return true;
}

QuizCohort summarize_quizzes(std::vector<GradedQuiz> results) {
    QuizCohort q;
    q.results = std::move(results);
    std::map<std::string, std::vector<QuizResult>> by_bank;
    for (const auto& g : q.results) {
        if (!g.flags.empty()) ++q.flagged;
        if (!g.result) continue;
        ++q.graded;
        by_bank[g.bank_id].push_back(*g.result);
    }
    for (const auto& [id, rs] : by_bank) {
        ItemAnalysis a;
        std::string err;
        // Every result here is of one bank and one version, which is all analyse_results asks.
        if (analyse_results(rs, a, err)) q.banks.push_back(std::move(a));
    }
    return q;
}

json quiz_cohort_to_json(const QuizCohort& q) {
    json rows = json::array();
    for (const auto& g : q.results) {
        json flags = json::array();
        for (const auto& f : g.flags) flags.push_back({{"kind", f.kind}, {"message", f.message}});
        json r = {{"path", g.path},
                  {"trainee", g.trainee},
                  {"bank", g.bank_id},
                  {"mode", g.mode},
                  {"graded", g.result.has_value()},
                  {"written_percent", g.written_percent},
                  {"flags", flags}};
        if (g.result) {
            r["mark"] = g.result->mark;
            r["max_mark"] = g.result->max_mark;
            r["percent"] = g.result->percent;
            r["passed"] = g.result->passed;
        }
        rows.push_back(std::move(r));
    }
    json banks = json::array();
    for (const auto& a : q.banks) banks.push_back(json::parse(item_analysis_to_json(a)));
    return {{"results", rows}, {"graded", q.graded}, {"flagged", q.flagged}, {"banks", banks}};
}

namespace {

std::string opt_num(const std::optional<double>& v) {
    return v ? fmt::format("{:.2f}", *v) : std::string();
}

} // namespace

std::string quiz_results_to_csv(const QuizCohort& q) {
    std::string out =
        "path,trainee,bank,mode,graded,mark,max_mark,percent,written_percent,passed,flags\n";
    for (const auto& g : q.results) {
        std::string kinds;
        for (const auto& f : g.flags) kinds += (kinds.empty() ? "" : ";") + f.kind;
        out += csv_field(g.path) + "," + csv_field(g.trainee) + "," + csv_field(g.bank_id) + "," +
               csv_field(g.mode) + "," + (g.result ? "yes" : "no");
        if (g.result)
            out +=
                fmt::format(",{:g},{:g},{:.2f},{:.2f},{}", g.result->mark, g.result->max_mark,
                            g.result->percent, g.written_percent, g.result->passed ? "yes" : "no");
        else
            out += fmt::format(",,,,{:.2f},", g.written_percent);
        out += "," + csv_field(kinds) + "\n";
    }
    return out;
}

std::string quiz_items_to_csv(const QuizCohort& q) {
    std::string out = "bank,question,type,attempts,facility,sd,discrimination,"
                      "discriminative_efficiency\n";
    for (const auto& a : q.banks)
        for (const auto& s : a.questions)
            out +=
                fmt::format("{},{},{},{},{:.2f},{},{},{}\n", csv_field(a.bank_id), csv_field(s.id),
                            csv_field(s.type), s.attempts, s.facility, opt_num(s.sd),
                            opt_num(s.discrimination), opt_num(s.discriminative_efficiency));
    return out;
}

} // namespace alertdrill
