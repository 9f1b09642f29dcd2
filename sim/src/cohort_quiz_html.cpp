// The knowledge-check section of the cohort page: per bank, the test statistics, a facility bar
// per question with its discrimination, and the most common misconceptions.
#include "alertdrill/cohort_quiz.hpp"
#include "alertdrill/html_report.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace alertdrill {

namespace {

std::string pct(const std::optional<double>& v) {
    return v ? fmt::format("{:.1f}%", *v) : "-";
}
std::string num(const std::optional<double>& v) {
    return v ? fmt::format("{:.3f}", *v) : "-";
}

/// Moodle's reading of the discrimination index: below 0 is a question that works against the
/// test, below 20% a weak one.
const char* discrimination_class(const std::optional<double>& d) {
    if (!d) return "";
    return *d < 0 ? "neg" : *d < 20 ? "flag" : "";
}

std::string facility_bar(double facility) {
    double f = std::clamp(facility, 0.0, 100.0);
    return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"124\" height=\"14\">"
                       "<rect x=\"0\" y=\"2\" width=\"120\" height=\"10\" fill=\"#e3e8ef\"/>"
                       "<rect x=\"0\" y=\"2\" width=\"{:.0f}\" height=\"10\" fill=\"{}\"/></svg>",
                       1.2 * f,
                       f >= 80   ? "#2e7d32"
                       : f >= 40 ? "#f9a825"
                                 : "#c62828");
}

} // namespace

std::string quiz_cohort_html(const QuizCohort& q) {
    if (q.results.empty()) return "";
    std::string b = "<h1>Knowledge checks</h1>\n";
    b += fmt::format("<div class=\"meta\">{} quiz results &middot; {} re-graded from their "
                     "answers &middot; {} flagged</div>\n",
                     q.results.size(), q.graded, q.flagged);
    for (const auto& a : q.banks) {
        const TestStats& t = a.test;
        double mx = t.max_mark > 0 ? t.max_mark : 1;
        b += "<h2>" + html_escape(a.bank_title) + " (" + html_escape(a.bank_id) + ")</h2>\n";
        b += fmt::format(
            "<p>{} attempts &middot; mean {:.2f} of {:g} ({:.1f}%) &middot; median {:.2f} "
            "&middot; SD {} &middot; skewness {} &middot; kurtosis {}<br>Cronbach's alpha {} "
            "&middot; error ratio {} &middot; standard error {}</p>\n",
            t.attempts, t.mean, t.max_mark, 100 * t.mean / mx, t.median, num(t.sd), num(t.skewness),
            num(t.kurtosis), pct(t.alpha), pct(t.error_ratio), num(t.standard_error));
        b += "<table><tr><th>Question</th><th>Type</th><th>Attempts</th><th>Facility</th>"
             "<th></th><th>SD</th><th>Discrimination</th><th>Efficiency</th></tr>\n";
        for (const auto& s : a.questions)
            b += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.1f}%</td><td>{}</td>"
                             "<td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n",
                             html_escape(s.id), html_escape(s.type), s.attempts, s.facility,
                             facility_bar(s.facility), pct(s.sd),
                             discrimination_class(s.discrimination), pct(s.discrimination),
                             pct(s.discriminative_efficiency));
        b += "</table>\n";
        if (!a.misconceptions.empty()) {
            b += "<h2>Most common misconceptions: " + html_escape(a.bank_id) +
                 "</h2><table><tr><th>Misconception</th><th>Answers</th><th>Attempts</th>"
                 "<th>Questions</th></tr>\n";
            for (const auto& m : a.misconceptions) {
                std::string qs;
                for (const auto& id : m.questions) qs += (qs.empty() ? "" : ", ") + id;
                b += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                                 html_escape(m.tag), m.count, m.attempts, html_escape(qs));
            }
            b += "</table>\n";
        }
        for (const auto& w : a.warnings) b += "<p class=\"flag\">" + html_escape(w) + "</p>\n";
    }
    b += "<h2>Quiz results</h2><table><tr><th>Trainee</th><th>Bank</th><th>Mode</th>"
         "<th>Percent</th><th>Passed</th><th>Flags</th></tr>\n";
    for (const auto& g : q.results) {
        std::string flags;
        for (const auto& f : g.flags)
            flags += "<div class=\"flag\">" + html_escape(f.kind + ": " + f.message) + "</div>";
        b += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            html_escape(g.trainee), html_escape(g.bank_id), html_escape(g.mode),
            g.result ? fmt::format("{:.1f}%", g.result->percent) : "-",
            g.result ? (g.result->passed ? "yes" : "no") : "-", flags);
    }
    return b + "</table>\n";
}

} // namespace alertdrill
