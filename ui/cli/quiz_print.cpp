#include "cli/quiz_print.hpp"

#include "alertdrill/text.hpp"

#include <fmt/core.h>
#include <map>
#include <ostream>

namespace alertdrill::cli {

namespace {
std::string esc(const std::string& s) {
    return escape_control(s);
}
std::string pct(const std::optional<double>& v) {
    return v ? fmt::format("{:.2f}%", *v) : "-";
}
std::string num(const std::optional<double>& v) {
    return v ? fmt::format("{:.4f}", *v) : "-";
}
} // namespace

void print_question(std::ostream& os, const PresentedQuestion& p, size_t index, size_t count) {
    const Question& q = p.question;
    os << "\n"
       << fmt::format("Question {} of {} [{}]", index + 1, count, q.id) << "\n"
       << esc(q.text) << "\n";
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Multiple:
    case QuestionType::TrueFalse:
        for (size_t i = 0; i < p.order.size(); ++i)
            for (const auto& o : q.options)
                if (o.id == p.order[i]) os << fmt::format("  {}. {}\n", i + 1, esc(o.text));
        break;
    case QuestionType::Ordering:
        for (size_t i = 0; i < p.order.size(); ++i)
            for (const auto& it : q.items)
                if (it.id == p.order[i]) os << fmt::format("  {}. {}\n", i + 1, esc(it.text));
        break;
    case QuestionType::Matching:
        os << "Prompts:\n";
        for (const auto& it : q.items) os << fmt::format("  {} : {}\n", esc(it.id), esc(it.text));
        os << "Choices:\n";
        for (size_t i = 0; i < p.order.size(); ++i)
            os << fmt::format("  {}. {}\n", i + 1, esc(p.order[i]));
        break;
    default:
        break;
    }
}

std::string answer_help(const Question& q) {
    switch (q.type) {
    case QuestionType::Single:
        return "(type the number of one option; blank to skip)";
    case QuestionType::TrueFalse:
        return "(type true or false; blank to skip)";
    case QuestionType::Multiple:
        return "(type the numbers of every option that applies, e.g. 1, 3)";
    case QuestionType::ShortAnswer:
        return "(type a short answer)";
    case QuestionType::Numeric:
        return q.unit.empty() ? "(type a number)" : "(type a number, in " + esc(q.unit) + ")";
    case QuestionType::Ordering:
        return "(type the numbers in the right order, e.g. 3, 1, 2)";
    case QuestionType::Matching:
        return "(type PROMPT=CHOICE pairs separated by ';', e.g. a=2; b=1)";
    }
    return "";
}

void print_try_feedback(std::ostream& os, const TryFeedback& fb) {
    if (!fb.graded) return;
    const char* verdict = fb.fraction >= 0.9999 ? "Correct"
                          : fb.fraction > 0     ? "Partly correct"
                                                : "Incorrect";
    os << fmt::format("  {} (mark {:.2f})", verdict, fb.mark) << "\n";
    for (const auto& f : fb.feedback) os << "  - " << esc(f) << "\n";
    if (!fb.finished) {
        os << fmt::format("  Tries left: {}", fb.tries_left) << "\n";
        if (!fb.hint.empty()) os << "  Hint: " << esc(fb.hint) << "\n";
    } else if (fb.fraction < 0.9999 && !fb.right_answer.empty()) {
        os << "  The right answer: " << esc(fb.right_answer) << "\n";
    }
}

void print_result(std::ostream& os, const QuizResult& r) {
    os << "\n"
       << esc(r.bank_title) << " (" << r.mode << (r.cbm ? ", certainty-based marking" : "")
       << ")\n";
    for (const auto& q : r.questions) {
        os << fmt::format("  {:<32} {:>6.2f} / {:<4g}", esc(q.id), q.mark, q.max_mark);
        if (!q.answered) os << "  not answered";
        os << "\n";
        if (r.mode == "assessment")
            for (const auto& f : q.feedback) os << "      " << esc(f) << "\n";
    }
    os << fmt::format("Mark: {:.2f} / {:g} ({:.1f}%)", r.mark, r.max_mark, r.percent) << "\n";
    if (r.cbm) os << fmt::format("Accuracy: {:.1f}%", r.accuracy_percent) << "\n";
    if (r.mode == "assessment")
        os << fmt::format("Pass mark {:g}%: {}", r.pass_percent, r.passed ? "PASSED" : "NOT PASSED")
           << "\n";
    if (r.time_up) os << "Time ran out; answers after the limit were not counted.\n";
    std::map<std::string, int> tags;
    for (const auto& q : r.questions)
        for (const auto& m : q.misconceptions) ++tags[m];
    if (!tags.empty()) {
        os << "Misconceptions to review:\n";
        for (const auto& [t, n] : tags)
            os << "  - " << esc(t) << (n > 1 ? fmt::format(" (x{})", n) : "") << "\n";
    }
    for (const auto& c : r.calibration)
        os << fmt::format("Certainty {}: {} answer(s), {:.0f}% right: {}", c.certainty, c.count,
                          100 * c.mean_fraction, c.judgement)
           << "\n";
}

void print_item_analysis(std::ostream& out, const ItemAnalysis& a) {
    const TestStats& t = a.test;
    out << escape_control(a.bank_title) << " (" << escape_control(a.bank_id) << "): " << t.attempts
        << " attempt(s)\n";
    double mx = t.max_mark > 0 ? t.max_mark : 1;
    out << fmt::format("  Mean {:.2f} ({:.2f}%), median {:.2f}, SD {} ({})\n", t.mean,
                       100 * t.mean / mx, t.median, num(t.sd),
                       t.sd ? fmt::format("{:.2f}%", 100 * *t.sd / mx) : "-");
    out << fmt::format("  Skewness {}, kurtosis {}\n", num(t.skewness), num(t.kurtosis));
    out << fmt::format("  Cronbach's alpha {}, error ratio {}, standard error {}\n", pct(t.alpha),
                       pct(t.error_ratio), num(t.standard_error));
    out << fmt::format("\n  {:<32} {:>4} {:>9} {:>9} {:>9} {:>9}\n", "question", "n", "facility",
                       "SD", "discrim.", "effic.");
    for (const auto& q : a.questions)
        out << fmt::format("  {:<32} {:>4} {:>8.2f}% {:>9} {:>9} {:>9}\n", escape_control(q.id),
                           q.attempts, q.facility, pct(q.sd), pct(q.discrimination),
                           pct(q.discriminative_efficiency));
    if (!a.misconceptions.empty()) {
        out << "\n  Most common misconceptions:\n";
        for (const auto& m : a.misconceptions)
            out << fmt::format("  {:>4} x {} ({} attempt(s); {})\n", m.count, escape_control(m.tag),
                               m.attempts, escape_control(join(m.questions, ", ")));
    }
}

} // namespace alertdrill::cli
