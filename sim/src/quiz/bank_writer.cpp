// Writes a bank back as TOML in the authored layout (used by GIFT import).
#include "alertdrill/gift.hpp"

#include <cmath>
#include <fmt/core.h>

namespace alertdrill {

namespace {

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                out += fmt::format("\\u{:04X}", c);
            else
                out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string num(double v) {
    return fmt::format("{}", v);
}

void kv(std::string& out, const std::string& indent, const std::string& key,
        const std::string& value) {
    if (!value.empty()) out += indent + key + " = " + quote(value) + "\n";
}

} // namespace

std::string bank_to_toml(const QuestionBank& bank) {
    std::string out = "[bank]\n";
    kv(out, "", "title", bank.title.empty() ? bank.id : bank.title);
    kv(out, "", "description", bank.description);
    out += "penalty = " + num(bank.penalty) + "\n";
    if (bank.shuffle_questions) out += "shuffle_questions = true\n";
    if (bank.questions_per_attempt > 0)
        out += fmt::format("questions_per_attempt = {}\n", bank.questions_per_attempt);
    out += fmt::format("\n[bank.practice]\ntries = {}\n", bank.practice_tries);
    out += fmt::format(
        "\n[bank.assessment]\ntime_limit_minutes = {}\npass_percent = {}\nattempts = {}\n",
        bank.time_limit_minutes, num(bank.pass_percent), bank.attempts);
    const std::string in = "  ";
    for (const auto& q : bank.questions) {
        out += "\n[[question]]\n";
        kv(out, "", "id", q.id);
        kv(out, "", "type", question_type_name(q.type));
        kv(out, "", "topic", q.topic);
        kv(out, "", "text", q.text);
        if (q.mark != 1) out += "mark = " + num(q.mark) + "\n";
        if (std::abs(q.penalty - bank.penalty) > 1e-9 && q.penalty >= 0)
            out += "penalty = " + num(q.penalty) + "\n";
        if (!q.shuffle) out += "shuffle = false\n";
        if (!q.hints.empty()) {
            out += "hints = [";
            for (size_t i = 0; i < q.hints.size(); ++i) out += (i ? ", " : "") + quote(q.hints[i]);
            out += "]\n";
        }
        kv(out, "", "feedback", q.feedback);
        kv(out, "", "feedback_correct", q.feedback_correct);
        kv(out, "", "feedback_wrong", q.feedback_wrong);
        kv(out, "", "misconception", q.misconception);
        switch (q.type) {
        case QuestionType::TrueFalse:
            out += std::string("answer = ") +
                   (q.options.size() == 2 && q.options[0].fraction > 0.5 ? "true" : "false") + "\n";
            if (q.options.size() == 2) {
                kv(out, "", "feedback_true", q.options[0].feedback);
                kv(out, "", "feedback_false", q.options[1].feedback);
            }
            break;
        case QuestionType::Single:
        case QuestionType::Multiple:
            for (const auto& o : q.options) {
                out += in + "[[question.option]]\n";
                kv(out, in, "id", o.id);
                kv(out, in, "text", o.text);
                out += in + "fraction = " + num(o.fraction) + "\n";
                kv(out, in, "feedback", o.feedback);
                kv(out, in, "misconception", o.misconception);
            }
            break;
        case QuestionType::ShortAnswer:
        case QuestionType::Numeric:
            if (q.type == QuestionType::ShortAnswer) {
                if (q.case_sensitive) out += "case_sensitive = true\n";
                if (q.whitespace == Whitespace::Ignore) out += "whitespace = \"ignore\"\n";
                if (q.whitespace == Whitespace::Exact) out += "whitespace = \"exact\"\n";
            } else {
                kv(out, "", "unit", q.unit);
            }
            for (const auto& a : q.accepts) {
                out += in + "[[question.accept]]\n";
                if (q.type == QuestionType::Numeric) {
                    out += in + "value = " + num(a.value) + "\n";
                    if (a.tolerance != 0) out += in + "tolerance = " + num(a.tolerance) + "\n";
                } else if (!a.pattern.empty()) {
                    kv(out, in, "pattern", a.pattern);
                } else {
                    out += in + "text = " + quote(a.text) + "\n";
                }
                if (a.fraction != 1) out += in + "fraction = " + num(a.fraction) + "\n";
                kv(out, in, "feedback", a.feedback);
                kv(out, in, "misconception", a.misconception);
            }
            break;
        case QuestionType::Evidence:
            if (q.evidence) {
                const EvidenceSource& ev = *q.evidence;
                kv(out, "", "scenario", ev.scenario);
                out += "seeds = [";
                for (size_t i = 0; i < ev.seeds.size(); ++i)
                    out += (i ? ", " : "") + std::to_string(ev.seeds[i]);
                out += "]\n";
                kv(out, "", "answer_query", ev.query);
                kv(out, "", "answer_key", ev.key);
                kv(out, "", "answer_column", ev.column);
                if (!ev.allow_query) out += "allow_query = false\n";
                if (ev.max_query_rows != 5)
                    out += "query_max_rows = " + std::to_string(ev.max_query_rows) + "\n";
            }
            break;
        case QuestionType::Ordering:
            if (q.ordering_grading == OrderingGrading::AllOrNothing)
                out += "grading = \"all_or_nothing\"\n";
            for (const auto& it : q.items) {
                out += in + "[[question.item]]\n";
                kv(out, in, "id", it.id);
                kv(out, in, "text", it.text);
            }
            break;
        case QuestionType::Matching:
            if (!q.distractors.empty()) {
                out += "distractors = [";
                for (size_t i = 0; i < q.distractors.size(); ++i)
                    out += (i ? ", " : "") + quote(q.distractors[i]);
                out += "]\n";
            }
            for (const auto& it : q.items) {
                out += in + "[[question.pair]]\n";
                kv(out, in, "id", it.id);
                kv(out, in, "prompt", it.text);
                kv(out, in, "answer", it.answer);
                kv(out, in, "misconception", it.misconception);
            }
            break;
        }
        for (const auto& v : q.variants) {
            if (q.evidence) break; // derived from the seeds
            out += in + "[[question.variant]]\n";
            for (const auto& [k, val] : v) out += in + quote(k) + " = " + quote(val) + "\n";
        }
    }
    return out;
}

} // namespace alertdrill
