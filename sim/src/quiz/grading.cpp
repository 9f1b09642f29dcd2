// Grading of one response per question type. Fractions follow Moodle's question types: single and
// true/false take the chosen option's fraction, multiple response sums the chosen fractions
// (clamped to 0..1), short answer and numeric take the first matching accepted answer,
// ordering scores adjacent pairs, matching scores each prompt.
#include "alertdrill/quiz_attempt.hpp"

#include "alertdrill/quiz_evidence.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <cmath>
#include <re2/re2.h>

namespace alertdrill {

namespace {

const QuizOption* option_by_id(const Question& q, const std::string& id) {
    for (const auto& o : q.options)
        if (o.id == id) return &o;
    return nullptr;
}

std::string normalise(std::string_view s, Whitespace ws, bool case_sensitive) {
    std::string out;
    if (ws == Whitespace::Exact)
        out = std::string(s);
    else if (ws == Whitespace::Ignore) {
        for (char c : s)
            if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    } else {
        out = join(split_ws(s), " ");
    }
    return case_sensitive ? out : to_lower(out);
}

void add_tag(std::vector<std::string>& tags, const std::string& t) {
    if (!t.empty() && std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
}

} // namespace

std::optional<double> parse_numeric_answer(const Question& q, std::string_view text) {
    std::string s = trim(text);
    if (!q.unit.empty() && s.size() >= q.unit.size() &&
        iequals(std::string_view(s).substr(s.size() - q.unit.size()), q.unit))
        s = trim(std::string_view(s).substr(0, s.size() - q.unit.size()));
    if (s.empty()) return std::nullopt;
    size_t used = 0;
    double v = 0;
    try {
        v = std::stod(s, &used);
    } catch (...) {
        return std::nullopt;
    }
    if (used != s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

Grade grade_response(const Question& q, const QuizResponse& r) {
    Grade g;
    if (!r.answered()) return g;
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::TrueFalse:
    case QuestionType::Multiple: {
        double sum = 0;
        for (const auto& id : r.choices) {
            const QuizOption* o = option_by_id(q, id);
            if (!o) continue;
            sum += o->fraction;
            if (!o->feedback.empty()) g.feedback.push_back(o->feedback);
            if (o->fraction < 0.9999 && (q.type != QuestionType::Multiple || o->fraction <= 0))
                add_tag(g.misconceptions, o->misconception);
        }
        g.fraction = std::clamp(sum, 0.0, 1.0);
        break;
    }
    case QuestionType::ShortAnswer: {
        std::string given = normalise(r.text, q.whitespace, q.case_sensitive);
        for (const auto& a : q.accepts) {
            bool hit;
            if (!a.pattern.empty()) {
                // RE2 runs in time linear in the answer: an author's pattern such as (a+)+$
                // cannot hang grading on a long answer, as a backtracking engine would.
                RE2::Options o;
                o.set_log_errors(false);
                o.set_case_sensitive(q.case_sensitive);
                std::string subject =
                    q.whitespace == Whitespace::Exact ? r.text : join(split_ws(r.text), " ");
                RE2 re(a.pattern, o);
                hit = re.ok() && RE2::FullMatch(subject, re);
            } else {
                hit = given == normalise(a.text, q.whitespace, q.case_sensitive);
            }
            if (!hit) continue;
            g.fraction = std::max(0.0, a.fraction);
            if (!a.feedback.empty()) g.feedback.push_back(a.feedback);
            if (a.fraction < 0.9999) add_tag(g.misconceptions, a.misconception);
            break;
        }
        break;
    }
    case QuestionType::Numeric: {
        auto v = parse_numeric_answer(q, r.text);
        if (!v) break;
        for (const auto& a : q.accepts) {
            if (std::abs(*v - a.value) > a.tolerance + 1e-12) continue;
            g.fraction = std::max(0.0, a.fraction);
            if (!a.feedback.empty()) g.feedback.push_back(a.feedback);
            if (a.fraction < 0.9999) add_tag(g.misconceptions, a.misconception);
            break;
        }
        break;
    }
    case QuestionType::Evidence: {
        EvidenceGrade eg = grade_evidence(q, r.text);
        g.fraction = eg.right ? 1 : 0;
        if (!eg.note.empty()) g.feedback.push_back(eg.note);
        break;
    }
    case QuestionType::Ordering: {
        size_t n = q.items.size();
        auto rank = [&](const std::string& id) {
            for (size_t i = 0; i < n; ++i)
                if (q.items[i].id == id) return static_cast<int>(i);
            return -10;
        };
        bool all = r.choices.size() == n;
        size_t good = 0;
        for (size_t i = 0; i < r.choices.size(); ++i) {
            if (rank(r.choices[i]) != static_cast<int>(i)) all = false;
            if (i + 1 < r.choices.size() && rank(r.choices[i]) + 1 == rank(r.choices[i + 1]))
                ++good;
        }
        if (q.ordering_grading == OrderingGrading::AllOrNothing || n < 2)
            g.fraction = all ? 1 : 0;
        else
            g.fraction = all ? 1.0 : static_cast<double>(good) / static_cast<double>(n - 1);
        break;
    }
    case QuestionType::Matching: {
        size_t right = 0;
        for (const auto& it : q.items) {
            auto m = r.matches.find(it.id);
            if (m != r.matches.end() && m->second == it.answer)
                ++right;
            else if (m != r.matches.end())
                add_tag(g.misconceptions, it.misconception);
        }
        g.fraction =
            q.items.empty() ? 0 : static_cast<double>(right) / static_cast<double>(q.items.size());
        break;
    }
    }
    if (g.fraction < 0.9999 && g.misconceptions.empty()) add_tag(g.misconceptions, q.misconception);
    return g;
}

double cbm_score(double fraction, int certainty) {
    static const double right[] = {0, 1, 2, 3};
    static const double wrong[] = {0, 0, -2, -6};
    int c = std::clamp(certainty, 1, 3);
    if (fraction <= 0.00000005) return wrong[c];
    return wrong[c] * (1 - fraction) + right[c] * fraction;
}

} // namespace alertdrill
