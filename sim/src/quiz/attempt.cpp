// One attempt at a bank: deterministic presentation from a seed, practice retries with Moodle's
// interactive penalty, assessment deferred grading with a time limit, certainty-based marking.
#include "alertdrill/quiz_attempt.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>

namespace alertdrill {

std::string quiz_mode_name(QuizMode m) {
    return m == QuizMode::Practice ? "practice" : "assessment";
}

QuizAttempt::QuizAttempt(const QuestionBank& bank, QuizMode mode, uint64_t seed, bool cbm)
    : m_bank(&bank), m_mode(mode), m_seed(seed), m_cbm(cbm) {
    std::vector<size_t> picks(bank.questions.size());
    for (size_t i = 0; i < picks.size(); ++i) picks[i] = i;
    QuizRng order_rng(seed);
    if (bank.shuffle_questions || bank.questions_per_attempt > 0) order_rng.shuffle(picks);
    if (bank.questions_per_attempt > 0 &&
        static_cast<size_t>(bank.questions_per_attempt) < picks.size()) {
        picks.resize(static_cast<size_t>(bank.questions_per_attempt));
        // Drawn but not shuffled: keep the authored order.
        if (!bank.shuffle_questions) std::sort(picks.begin(), picks.end());
    }
    for (size_t i : picks) {
        const Question& src = bank.questions[i];
        // Each question has its own stream, so adding a question to a bank does not change the
        // variants and orders of the others under the same seed.
        QuizRng rng(seed ^ fnv1a(src.id));
        PresentedQuestion p;
        p.variant = src.variants.empty() ? 0 : rng.below(src.variants.size());
        p.question = instantiate_question(src, p.variant);
        const Question& q = p.question;
        if (q.type == QuestionType::Matching)
            p.order = q.match_choices();
        else if (q.type == QuestionType::Ordering)
            for (const auto& it : q.items) p.order.push_back(it.id);
        else
            for (const auto& o : q.options) p.order.push_back(o.id);
        // True/false keeps True before False; an ordering question always starts shuffled, or the
        // right answer would be on screen.
        bool shuffle =
            q.type != QuestionType::TrueFalse && (q.shuffle || q.type == QuestionType::Ordering);
        if (shuffle) rng.shuffle(p.order);
        if (q.type == QuestionType::Ordering && p.order.size() > 1) {
            bool sorted = true;
            for (size_t k = 0; k < p.order.size(); ++k)
                sorted = sorted && p.order[k] == q.items[k].id;
            if (sorted) std::rotate(p.order.begin(), p.order.begin() + 1, p.order.end());
        }
        m_questions.push_back(std::move(p));
    }
    m_state.resize(m_questions.size());
}

int QuizAttempt::index_of(const std::string& id) const {
    for (size_t i = 0; i < m_questions.size(); ++i)
        if (m_questions[i].question.id == id) return static_cast<int>(i);
    return -1;
}

double QuizAttempt::time_limit_seconds() const {
    return m_mode == QuizMode::Assessment ? m_bank->time_limit_minutes * 60.0 : 0.0;
}

double QuizAttempt::question_mark(size_t index, double& fraction,
                                  std::vector<std::string>& feedback,
                                  std::vector<std::string>& misconceptions) const {
    const State& s = m_state[index];
    const Question& q = m_questions[index].question;
    fraction = 0;
    if (s.tries.empty()) return 0;
    Grade g = grade_response(q, s.tries.back());
    fraction = g.fraction;
    feedback = g.feedback;
    misconceptions = g.misconceptions;
    double adjusted = fraction;
    if (m_mode == QuizMode::Practice) {
        // Moodle's interactive behaviour: the last try's fraction less the penalty for each
        // earlier try, never below zero.
        double prev = static_cast<double>(s.tries.size() - 1);
        adjusted = std::max(0.0, fraction - q.penalty * prev);
    }
    if (m_cbm) return cbm_score(adjusted, s.certainties.back()) * q.mark;
    return adjusted * q.mark;
}

bool QuizAttempt::submit(size_t index, const QuizResponse& r, int certainty, double at_seconds,
                         TryFeedback& fb, std::string& error) {
    fb = TryFeedback{};
    if (index >= m_questions.size()) {
        error = "no such question";
        return false;
    }
    const Question& q = m_questions[index].question;
    State& s = m_state[index];
    if (s.finished) {
        error = "question '" + q.id + "' is already finished; no more tries";
        return false;
    }
    if (m_cbm && (certainty < 1 || certainty > 3)) {
        error = "certainty-based marking needs a certainty of 1, 2 or 3 with each answer";
        return false;
    }
    double limit = time_limit_seconds();
    if (limit > 0 && at_seconds > limit) {
        m_time_up = true;
        error = fmt::format(
            "the time limit of {} minutes has passed; the answer to '{}' was not accepted",
            m_bank->time_limit_minutes, q.id);
        return false;
    }
    if (m_mode == QuizMode::Assessment) {
        // Deferred feedback: the last answer given counts, and nothing is revealed until the end.
        s.tries = {r};
        s.certainties = {m_cbm ? certainty : 0};
        return true;
    }
    s.tries.push_back(r);
    s.certainties.push_back(m_cbm ? certainty : 0);
    std::vector<std::string> misc;
    fb.graded = true;
    fb.mark = question_mark(index, fb.fraction, fb.feedback, misc);
    int tries = static_cast<int>(s.tries.size());
    fb.tries_left = std::max(0, m_bank->practice_tries - tries);
    bool right = fb.fraction >= 0.9999;
    s.finished = right || fb.tries_left == 0;
    fb.finished = s.finished;
    if (right && !q.feedback_correct.empty()) fb.feedback.push_back(q.feedback_correct);
    if (!right && !q.feedback_wrong.empty()) fb.feedback.push_back(q.feedback_wrong);
    if (s.finished) {
        if (!q.feedback.empty()) fb.feedback.push_back(q.feedback);
        fb.right_answer = right_answer(q);
    } else if (static_cast<size_t>(tries - 1) < q.hints.size()) {
        fb.hint = q.hints[static_cast<size_t>(tries - 1)];
    }
    return true;
}

bool QuizAttempt::restore(size_t index, const QuizResponse& r, int tries, int certainty,
                          std::string& error) {
    if (index >= m_questions.size()) {
        error = "no such question";
        return false;
    }
    const std::string& id = m_questions[index].question.id;
    int most = m_mode == QuizMode::Practice ? std::max(1, m_bank->practice_tries) : 1;
    if (tries < 1 || tries > most) {
        error = fmt::format("question '{}' records {} tries; this bank allows 1 to {} in {} mode",
                            id, tries, most, quiz_mode_name(m_mode));
        return false;
    }
    if (m_cbm && (certainty < 1 || certainty > 3)) {
        error = fmt::format("question '{}' records certainty {}; certainty-based marking needs 1, "
                            "2 or 3",
                            id, certainty);
        return false;
    }
    State& s = m_state[index];
    // Only the last try is kept in a result; the earlier ones matter for their number alone
    // (the practice penalty), so the last answer stands in for them.
    s.tries.assign(static_cast<size_t>(tries), r);
    s.certainties.assign(static_cast<size_t>(tries), m_cbm ? certainty : 0);
    s.finished = true;
    return true;
}

namespace {

std::vector<CalibrationRow> calibrate(const std::vector<QuestionResult>& qs) {
    // Moodle's CBM guidance: certainty 1 pays best below 67% right, 2 between 67% and 80%,
    // 3 above 80%. A level used outside its band is over- or under-confident.
    std::vector<CalibrationRow> rows;
    for (int c = 1; c <= 3; ++c) {
        CalibrationRow row;
        row.certainty = c;
        double sum = 0;
        for (const auto& q : qs)
            if (q.answered && q.certainty == c) {
                ++row.count;
                sum += q.fraction;
            }
        if (row.count == 0) continue;
        row.mean_fraction = sum / row.count;
        double lo = c == 1 ? 0.0 : c == 2 ? 0.67 : 0.8;
        double hi = c == 1 ? 0.67 : c == 2 ? 0.8 : 1.01;
        row.judgement = row.mean_fraction < lo    ? "over-confident"
                        : row.mean_fraction >= hi ? "under-confident"
                                                  : "well calibrated";
        rows.push_back(row);
    }
    return rows;
}

} // namespace

QuizResult QuizAttempt::finish(double elapsed_seconds) const {
    QuizResult r;
    r.bank_id = m_bank->id;
    r.bank_title = m_bank->title;
    r.bank_hash = m_bank->content_hash;
    r.mode = quiz_mode_name(m_mode);
    r.seed = m_seed;
    r.cbm = m_cbm;
    r.elapsed_seconds = elapsed_seconds;
    r.time_limit_seconds = time_limit_seconds();
    r.time_up = m_time_up || (r.time_limit_seconds > 0 && elapsed_seconds > r.time_limit_seconds);
    r.pass_percent = m_mode == QuizMode::Assessment ? m_bank->pass_percent : 0;
    double fraction_sum = 0;
    for (size_t i = 0; i < m_questions.size(); ++i) {
        const Question& q = m_questions[i].question;
        const State& s = m_state[i];
        QuestionResult qr;
        qr.id = q.id;
        qr.type = question_type_name(q.type);
        qr.topic = q.topic;
        qr.variant = m_questions[i].variant;
        qr.max_mark = q.mark;
        qr.tries = static_cast<int>(s.tries.size());
        qr.answered = !s.tries.empty() && s.tries.back().answered();
        if (!s.tries.empty()) {
            qr.response = format_response(q, s.tries.back());
            qr.certainty = s.certainties.back();
        }
        qr.mark = question_mark(i, qr.fraction, qr.feedback, qr.misconceptions);
        if (!qr.answered) {
            qr.misconceptions.clear();
            // An unanswered question under CBM scores as certainty 1 wrong: zero.
            qr.mark = 0;
        }
        if (!q.feedback.empty()) qr.feedback.push_back(q.feedback);
        fraction_sum += qr.fraction * q.mark;
        r.mark += qr.mark;
        r.max_mark += q.mark;
        r.questions.push_back(std::move(qr));
    }
    // Under CBM the percentage is of the plain maximum (certainty 1 on everything = 100%), as in
    // Moodle, so a confident expert can pass 100% and a careless guesser can go negative.
    r.percent = r.max_mark > 0 ? 100.0 * r.mark / r.max_mark : 0;
    r.accuracy_percent = r.max_mark > 0 ? 100.0 * fraction_sum / r.max_mark : 0;
    r.passed = m_mode == QuizMode::Assessment ? r.percent + 1e-9 >= r.pass_percent : true;
    if (m_cbm) r.calibration = calibrate(r.questions);
    return r;
}

} // namespace alertdrill
