// Moodle's quiz statistics (see quiz_stats.hpp). The per-question pass mirrors Moodle's walkers:
// means first, then variances and covariances of each question's mark with the attempt's other
// marks; the test pass uses the sums of powers of deviations from the mean total.
#include "alertdrill/quiz_stats.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace alertdrill {

namespace {

struct Sample {
    double mark;
    double other; ///< the attempt's total less this question
};

QuestionStats question_stats(const std::string& id, const std::string& type, double max_mark,
                             const std::vector<Sample>& xs) {
    QuestionStats q;
    q.id = id;
    q.type = type;
    q.max_mark = max_mark;
    q.attempts = static_cast<int>(xs.size());
    double s = static_cast<double>(xs.size());
    if (xs.empty()) return q;
    double mean = 0, other_mean = 0;
    for (const auto& x : xs) mean += x.mark, other_mean += x.other;
    mean /= s;
    other_mean /= s;
    q.mean_mark = mean;
    q.facility = max_mark != 0 ? 100.0 * mean / max_mark : 0;
    if (xs.size() < 2) return q;
    std::vector<double> marks, others;
    for (const auto& x : xs) marks.push_back(x.mark), others.push_back(x.other);
    std::sort(marks.begin(), marks.end());
    std::sort(others.begin(), others.end());
    double var_sum = 0, other_var_sum = 0, cov_sum = 0, cov_max_sum = 0;
    for (size_t i = 0; i < xs.size(); ++i) {
        double dm = xs[i].mark - mean, dother = xs[i].other - other_mean;
        var_sum += dm * dm;
        other_var_sum += dother * dother;
        cov_sum += dm * dother;
        // The largest covariance these marks could have: both sorted, paired rank by rank.
        cov_max_sum += (marks[i] - mean) * (others[i] - other_mean);
    }
    double var = var_sum / (s - 1), other_var = other_var_sum / (s - 1);
    double cov = cov_sum / (s - 1), cov_max = cov_max_sum / (s - 1);
    q.mark_variance = var;
    q.sd = max_mark != 0 ? 100.0 * std::sqrt(var) / max_mark : 0;
    if (var * other_var > 0) q.discrimination = 100.0 * cov / std::sqrt(var * other_var);
    if (cov_max != 0) q.discriminative_efficiency = 100.0 * cov / cov_max;
    return q;
}

} // namespace

bool analyse_results(const std::vector<QuizResult>& results, ItemAnalysis& out,
                     std::string& error) {
    out = ItemAnalysis{};
    if (results.empty()) {
        error = "no quiz results to analyse";
        return false;
    }
    out.bank_id = results.front().bank_id;
    out.bank_title = results.front().bank_title;
    for (const auto& r : results)
        if (r.bank_id != out.bank_id) {
            error = "results of different banks ('" + out.bank_id + "' and '" + r.bank_id +
                    "') cannot be analysed together";
            return false;
        }
    std::set<std::string> hashes;
    for (const auto& r : results)
        if (!r.bank_hash.empty()) hashes.insert(r.bank_hash);
    if (hashes.size() > 1)
        out.warnings.push_back(
            fmt::format("the attempts used {} different versions of the bank '{}'; questions "
                        "that changed between them are compared as if they had not",
                        hashes.size(), out.bank_id));
    // Questions in order of first appearance, with each attempt's sample.
    std::vector<std::string> order;
    std::map<std::string, std::vector<Sample>> samples;
    std::map<std::string, std::pair<std::string, double>> info;
    std::vector<double> totals;
    for (const auto& r : results) {
        double total = 0;
        for (const auto& q : r.questions) total += q.mark;
        totals.push_back(total);
        for (const auto& q : r.questions) {
            if (!samples.count(q.id)) order.push_back(q.id);
            samples[q.id].push_back({q.mark, total - q.mark});
            info[q.id] = {q.type, q.max_mark};
        }
        out.test.max_mark = std::max(out.test.max_mark, r.max_mark);
    }
    double sum_mark_variance = 0;
    for (const auto& id : order) {
        out.questions.push_back(question_stats(id, info[id].first, info[id].second, samples[id]));
        if (out.questions.back().mark_variance)
            sum_mark_variance += *out.questions.back().mark_variance;
    }

    TestStats& t = out.test;
    t.attempts = static_cast<int>(totals.size());
    double s = static_cast<double>(totals.size());
    for (double x : totals) t.mean += x;
    t.mean /= s;
    std::vector<double> sorted = totals;
    std::sort(sorted.begin(), sorted.end());
    size_t n = sorted.size();
    t.median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    if (n > 1) {
        double p2 = 0, p3 = 0, p4 = 0;
        for (double x : totals) {
            double d = x - t.mean;
            p2 += d * d, p3 += d * d * d, p4 += d * d * d * d;
        }
        // Equal totals leave rounding noise in the mean, not a spread: without this, a cohort
        // that all scored the same got a skewness and an alpha above 100%.
        if (p2 <= 1e-12 * std::max(1.0, t.max_mark * t.max_mark)) p2 = p3 = p4 = 0;
        t.sd = std::sqrt(p2 / (s - 1));
        if (n > 2) {
            double m2 = p2 / s, m3 = p3 / s, m4 = p4 / s;
            double k2 = s * m2 / (s - 1);
            double k3 = s * s * m3 / ((s - 1) * (s - 2));
            if (k2 != 0) {
                t.skewness = k3 / std::pow(k2, 1.5);
                if (n > 3) {
                    double k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) /
                                ((s - 1) * (s - 2) * (s - 3));
                    t.kurtosis = k4 / (k2 * k2);
                }
                double p = static_cast<double>(out.questions.size());
                if (p > 1) {
                    t.alpha = (100 * p / (p - 1)) * (1 - sum_mark_variance / k2);
                    t.error_ratio = 100 * std::sqrt(std::max(0.0, 1 - *t.alpha / 100));
                    t.standard_error = *t.error_ratio * *t.sd / 100;
                }
            }
        }
    }

    std::map<std::string, MisconceptionCount> tags;
    for (const auto& r : results) {
        std::set<std::string> in_attempt;
        for (const auto& q : r.questions)
            for (const auto& m : q.misconceptions) {
                auto& c = tags[m];
                c.tag = m;
                ++c.count;
                if (std::find(c.questions.begin(), c.questions.end(), q.id) == c.questions.end())
                    c.questions.push_back(q.id);
                in_attempt.insert(m);
            }
        for (const auto& m : in_attempt) ++tags[m].attempts;
    }
    for (auto& [k, v] : tags) out.misconceptions.push_back(v);
    std::stable_sort(out.misconceptions.begin(), out.misconceptions.end(),
                     [](const auto& a, const auto& b) { return a.count > b.count; });
    return true;
}

std::string item_analysis_to_json(const ItemAnalysis& a) {
    using nlohmann::json;
    auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    json j;
    j["format"] = "alertdrill-quiz-stats";
    j["version"] = 1;
    j["bank"] = a.bank_id;
    j["bank_title"] = a.bank_title;
    const TestStats& t = a.test;
    j["test"] = {{"attempts", t.attempts},
                 {"max_mark", t.max_mark},
                 {"mean", t.mean},
                 {"median", t.median},
                 {"sd", opt(t.sd)},
                 {"skewness", opt(t.skewness)},
                 {"kurtosis", opt(t.kurtosis)},
                 {"alpha", opt(t.alpha)},
                 {"error_ratio", opt(t.error_ratio)},
                 {"standard_error", opt(t.standard_error)}};
    json qs = json::array();
    for (const auto& q : a.questions)
        qs.push_back({{"id", q.id},
                      {"type", q.type},
                      {"attempts", q.attempts},
                      {"max_mark", q.max_mark},
                      {"mean_mark", q.mean_mark},
                      {"facility", q.facility},
                      {"sd", opt(q.sd)},
                      {"discrimination", opt(q.discrimination)},
                      {"discriminative_efficiency", opt(q.discriminative_efficiency)}});
    j["questions"] = qs;
    json ms = json::array();
    for (const auto& m : a.misconceptions)
        ms.push_back({{"tag", m.tag},
                      {"count", m.count},
                      {"attempts", m.attempts},
                      {"questions", m.questions}});
    j["misconceptions"] = ms;
    j["warnings"] = a.warnings;
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace alertdrill
