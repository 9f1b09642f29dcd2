// Re-grading a saved quiz result from its answers (quiz_attempt.hpp): a written mark is never
// trusted, as transcripts are re-scored from their actions.
#include "alertdrill/quiz_attempt.hpp"

#include <fmt/core.h>
#include <map>

namespace alertdrill {

bool regrade_quiz_result(const QuestionBank& bank, const QuizResult& stored, QuizResult& out,
                         std::string& error) {
    if (stored.bank_id != bank.id) {
        error = "the result is for bank '" + stored.bank_id + "', not '" + bank.id + "'";
        return false;
    }
    if (stored.bank_hash != bank.content_hash) {
        error = "made with another version of bank '" + bank.id + "' (hash " + stored.bank_hash +
                ", the file now has " + bank.content_hash + ")";
        return false;
    }
    QuizMode mode;
    if (stored.mode == "practice")
        mode = QuizMode::Practice;
    else if (stored.mode == "assessment")
        mode = QuizMode::Assessment;
    else {
        error = "mode '" + stored.mode + "' must be practice or assessment";
        return false;
    }
    QuizAttempt attempt(bank, mode, stored.seed, stored.cbm);
    std::map<std::string, const QuestionResult*> by_id;
    for (const auto& q : stored.questions) {
        if (attempt.index_of(q.id) < 0) {
            error = fmt::format("question '{}' is not drawn by seed {} from this bank", q.id,
                                stored.seed);
            return false;
        }
        if (!by_id.emplace(q.id, &q).second) {
            error = "question '" + q.id + "' is listed twice";
            return false;
        }
    }
    const auto& shown = attempt.questions();
    for (size_t i = 0; i < shown.size(); ++i) {
        const Question& q = shown[i].question;
        auto it = by_id.find(q.id);
        if (it == by_id.end()) {
            error = fmt::format("question '{}', drawn by seed {}, is missing", q.id, stored.seed);
            return false;
        }
        const QuestionResult& qr = *it->second;
        if (qr.variant != shown[i].variant) {
            error = fmt::format("question '{}' records variant {}; seed {} shows variant {}", q.id,
                                qr.variant, stored.seed, shown[i].variant);
            return false;
        }
        if (qr.response.empty() || qr.tries == 0) continue; // never answered: no mark
        QuizResponse r;
        std::string perr;
        if (!parse_response(q, qr.response, r, perr)) {
            error = "the answer to question '" + q.id + "' does not read: " + perr;
            return false;
        }
        if (!attempt.restore(i, r, qr.tries, qr.certainty, error)) return false;
    }
    out = attempt.finish(stored.elapsed_seconds);
    out.trainee = stored.trainee;
    out.time_up = out.time_up || stored.time_up;
    return true;
}

} // namespace alertdrill
