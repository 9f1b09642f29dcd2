#include "alertdrill/html_report.hpp"

#include "alertdrill/cohort_quiz.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace alertdrill {

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
            out += c;
        }
    }
    return out;
}

namespace {

const char* kStyle = R"(<style>
body{font-family:DejaVu Sans,Arial,sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid #ccd}
.meta{color:#555;font-size:13px}.big{font-size:40px;font-weight:bold;color:#0b5cad}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccd;padding:3px 8px;text-align:left}
th{background:#eef2f7}.neg{color:#b3261e;font-weight:bold}.flag{color:#b3261e}
.lanes{display:flex;gap:24px}.lanes>div{flex:1}ol{font-size:13px;padding-left:22px}
</style>)";

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
           html_escape(title) + "</title>" + kStyle + "</head><body>\n" + body + "</body></html>\n";
}

/// Horizontal bars, one per step: earned of max.
std::string step_chart(const std::array<double, kStepCount>& earned,
                       const std::array<int, kStepCount>& max) {
    const int row = 34, label_w = 200, bar_w = 420;
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\">",
        label_w + bar_w + 90, row * kStepCount + 10);
    for (int i = 0; i < kStepCount; ++i) {
        int y = 5 + i * row;
        double frac = max[i] > 0 ? std::clamp(earned[i] / max[i], 0.0, 1.0) : 0.0;
        svg += fmt::format("<text x=\"0\" y=\"{}\" font-size=\"13\">{}</text>", y + 18,
                           html_escape(step_title(static_cast<Step>(i))));
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"22\" fill=\"#e3e8ef\"/>",
                           label_w, y + 4, bar_w);
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.0f}\" height=\"22\" "
                           "fill=\"{}\"/>",
                           label_w, y + 4, bar_w * frac,
                           frac >= 0.8   ? "#2e7d32"
                           : frac >= 0.5 ? "#f9a825"
                                         : "#c62828");
        svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"13\">{:g} / {}</text>",
                           label_w + bar_w + 8, y + 20, std::round(earned[i] * 10) / 10, max[i]);
    }
    return svg + "</svg>\n";
}

struct Mark {
    int at_min;
    TimelineEntry::Kind kind;
    std::string text;
};

/// Two lanes on one minute axis: the trainee's session and the expert path.
std::string timeline_svg(const std::vector<Mark>& trainee, const std::vector<Mark>& expert) {
    int end = 10;
    for (const auto* lane : {&trainee, &expert})
        for (const auto& m : *lane) end = std::max(end, m.at_min + 5);
    const int top = 30, lane_w = 540, height = std::min(2400, std::max(300, end * 6));
    auto y_of = [&](int min) { return top + double(min) * (height - top - 10) / end; };
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\">",
        60 + 2 * lane_w, height);
    svg += fmt::format("<text x=\"60\" y=\"16\" font-size=\"14\" font-weight=\"bold\">Trainee"
                       "</text><text x=\"{}\" y=\"16\" font-size=\"14\" font-weight=\"bold\">"
                       "Expert path</text>",
                       60 + lane_w);
    for (int m = 0; m <= end; m += 10)
        svg +=
            fmt::format("<line x1=\"40\" x2=\"{}\" y1=\"{:.0f}\" y2=\"{:.0f}\" stroke=\"#e3e8ef\"/>"
                        "<text x=\"0\" y=\"{:.0f}\" font-size=\"11\">{} min</text>",
                        60 + 2 * lane_w, y_of(m), y_of(m), y_of(m) + 4, m);
    auto lane = [&](const std::vector<Mark>& marks, int x0) {
        double last_y = -100;
        for (const auto& m : marks) {
            const char* color = m.kind == TimelineEntry::Kind::Alert      ? "#c62828"
                                : m.kind == TimelineEntry::Kind::Attacker ? "#6a1b9a"
                                                                          : "#0b5cad";
            double y = std::max(y_of(m.at_min), last_y + 13);
            last_y = y;
            std::string text = m.text.size() > 70 ? m.text.substr(0, 67) + "..." : m.text;
            svg += fmt::format("<circle cx=\"{}\" cy=\"{:.0f}\" r=\"4\" fill=\"{}\"/>"
                               "<text x=\"{}\" y=\"{:.0f}\" font-size=\"11\" fill=\"{}\">{}</text>",
                               x0, y, color, x0 + 8, y + 4, color, html_escape(text));
        }
    };
    lane(trainee, 60);
    lane(expert, 60 + lane_w);
    return svg + "</svg>\n";
}

std::vector<Mark> marks_of(const Session& s) {
    std::vector<Mark> out;
    for (const auto& e : s.timeline()) {
        std::string prefix = e.kind == TimelineEntry::Kind::Alert      ? "ALERT "
                             : e.kind == TimelineEntry::Kind::Attacker ? "ATTACKER "
                                                                       : "";
        out.push_back({e.at_min, e.kind, prefix + e.text});
    }
    return out;
}

} // namespace

std::string debrief_html(const Session& session, const Score& score, const std::string& trainee,
                         const std::string& started_utc) {
    const ScenarioDef& def = session.scenario();
    std::string b;
    b += "<h1>Debrief: " + html_escape(def.title) + "</h1>\n";
    b += "<div class=\"meta\">Trainee: " + html_escape(trainee) + " &middot; scenario " +
         html_escape(def.id) + " &middot; seed " + std::to_string(session.instance().seed) +
         " &middot; started " + html_escape(started_utc) + "</div>\n";
    b += fmt::format("<p><span class=\"big\">{}</span> / 100</p>\n", score.total);
    std::array<double, kStepCount> earned{};
    std::array<int, kStepCount> max{};
    for (int i = 0; i < kStepCount; ++i) {
        earned[i] = score.phases[i].earned;
        max[i] = score.phases[i].max;
    }
    b += "<h2>Score by workflow step</h2>\n" + step_chart(earned, max);
    b += "<p>Time to contain: " +
         (score.time_to_contain_min ? std::to_string(*score.time_to_contain_min) + " min"
                                    : std::string("never contained")) +
         fmt::format(" (target {} min) &middot; hints used: {}", score.contain_target_min,
                     score.hints_used) +
         (score.data_lost_mb > 0 ? fmt::format(" &middot; data lost: {:.0f} MB", score.data_lost_mb)
                                 : "") +
         "</p>\n";

    b += "<h2>Where points went</h2>\n";
    if (score.feedback.empty())
        b += "<p>No points lost.</p>\n";
    else {
        b += "<table><tr><th>Step</th><th>Points</th><th>Kind</th><th>Why</th></tr>\n";
        for (const auto& f : score.feedback)
            b += fmt::format(
                "<tr><td>{}</td><td class=\"{}\">{:+d}</td><td>{}</td><td>{}</td></tr>\n",
                html_escape(step_title(f.step)), f.points < 0 ? "neg" : "", f.points,
                html_escape(f.kind), html_escape(f.text));
        b += "</table>\n";
    }

    // The expert path played on the same variant, so both lanes share the minute axis.
    Session expert(session.instance_ptr(), session.catalog(), session.mode());
    for (const auto& line : score.expert_path) expert.apply(line);
    b += "<h2>Timeline</h2>\n" + timeline_svg(marks_of(session), marks_of(expert));
    b += "<div class=\"lanes\"><div><h2>Your actions</h2><ol>";
    for (const auto& a : session.history())
        b += fmt::format("<li>[{} min] {}</li>", a.at_min, html_escape(a.line));
    b += "</ol></div><div><h2>The expert path</h2><ol>";
    for (const auto& line : score.expert_path) b += "<li>" + html_escape(line) + "</li>";
    b += "</ol></div></div>\n";
    return page("Debrief: " + def.title + " - " + trainee, b);
}

std::string cohort_html(const std::vector<GradedAttempt>& attempts, const CohortSummary& s,
                        const QuizCohort* quizzes) {
    // Only quiz results: no empty transcript tables above them.
    if (attempts.empty() && quizzes && !quizzes->results.empty())
        return page("Cohort results", quiz_cohort_html(*quizzes));
    std::string b = "<h1>Cohort results</h1>\n";
    b += fmt::format(
        "<div class=\"meta\">{} attempts &middot; {} graded &middot; {} flagged</div>\n",
        s.attempts, s.graded, s.flagged);
    b += fmt::format("<p>Mean total <span class=\"big\">{:.1f}</span> / 100 (min {:g}, median "
                     "{:g}, max {:g})</p>\n",
                     s.total.mean, s.total.min, s.total.median, s.total.max);
    std::array<double, kStepCount> mean{};
    for (int i = 0; i < kStepCount; ++i) mean[i] = s.steps[i].mean;
    b += "<h2>Mean score by workflow step</h2>\n" + step_chart(mean, s.step_max);
    b += "<table><tr><th>Step</th><th>Mean</th><th>Min</th><th>Median</th><th>Max</th><th>Of</th></"
         "tr>";
    for (int i = 0; i < kStepCount; ++i)
        b += fmt::format("<tr><td>{}</td><td>{:.1f}</td><td>{:g}</td><td>{:g}</td><td>{:g}</td>"
                         "<td>{}</td></tr>",
                         html_escape(step_title(static_cast<Step>(i))), s.steps[i].mean,
                         s.steps[i].min, s.steps[i].median, s.steps[i].max, s.step_max[i]);
    b += "</table>\n";
    b += fmt::format("<p>Time to contain: mean {:.1f} min, median {:g} ({} never contained). "
                     "Hints: {} attempts used any, mean {:.2f}.</p>\n",
                     s.time_to_contain.mean, s.time_to_contain.median, s.never_contained,
                     s.used_hints, s.hints.mean);
    auto counts = [&](const char* title, const std::vector<std::pair<std::string, int>>& v) {
        b += std::string("<h2>") + title + "</h2><table><tr><th>Item</th><th>Attempts</th></tr>";
        for (const auto& [id, n] : v)
            b += fmt::format("<tr><td>{}</td><td>{}</td></tr>", html_escape(id), n);
        b += "</table>\n";
    };
    counts("Most missed rubric items", s.most_missed);
    counts("Most common harmful actions", s.most_harmful);
    counts("Misconceptions shown at checkpoints", s.checkpoint_misconceptions);
    b += "<h2>Attempts</h2><table><tr><th>Trainee</th><th>Scenario</th><th>Total</th>"
         "<th>Contain</th><th>Hints</th><th>Flags</th></tr>\n";
    for (const auto& a : attempts) {
        std::string flags;
        for (const auto& f : a.flags)
            flags += "<div class=\"flag\">" + html_escape(f.kind + ": " + f.message) + "</div>";
        b += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            html_escape(a.trainee), html_escape(a.scenario_id),
            a.score ? std::to_string(a.score->total) : "-",
            a.score && a.score->time_to_contain_min ? std::to_string(*a.score->time_to_contain_min)
                                                    : "-",
            a.score ? std::to_string(a.score->hints_used) : "-", flags);
    }
    b += "</table>\n";
    if (quizzes) b += quiz_cohort_html(*quizzes);
    return page("Cohort results", b);
}

} // namespace alertdrill
