// Bank to GIFT. What GIFT has no syntax for travels in `// @key value` comments (see gift.hpp).
#include "alertdrill/gift.hpp"

#include "alertdrill/text.hpp"

#include <cmath>
#include <fmt/core.h>

namespace alertdrill {

namespace {

std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            continue;
        else {
            if (std::string_view("~=#{}:\\").find(c) != std::string_view::npos) out += '\\';
            out += c;
        }
    }
    return out;
}

std::string one_line(const std::string& s) {
    std::string out = s;
    for (char& c : out)
        if (c == '\n' || c == '\r') c = ' ';
    return out;
}

std::string weight(double fraction) {
    return fmt::format("%{:.7g}%", fraction * 100);
}

std::string feedback(const std::string& fb) {
    return fb.empty() ? "" : "#" + esc(fb);
}

void meta(std::string& out, const std::string& key, const std::string& value) {
    if (!value.empty()) out += "// @" + key + " " + one_line(value) + "\n";
}

bool write_question(const Question& q, double bank_penalty, std::string& out, Diagnostics& diags) {
    std::string head, body;
    meta(head, "id", q.id);
    meta(head, "topic", q.topic);
    for (const auto& h : q.hints) meta(head, "hint", h);
    if (q.mark != 1) meta(head, "mark", fmt::format("{}", q.mark));
    if (std::abs(q.penalty - bank_penalty) > 1e-9)
        meta(head, "penalty", fmt::format("{}", q.penalty));
    if (!q.shuffle) meta(head, "shuffle", "false");
    meta(head, "feedback_correct", q.feedback_correct);
    meta(head, "feedback_wrong", q.feedback_wrong);
    meta(head, "misconception", q.misconception.empty() ? "" : "* " + q.misconception);
    switch (q.type) {
    case QuestionType::TrueFalse: {
        bool a = q.options.size() == 2 && q.options[0].fraction > 0.5;
        const std::string& fb_true = q.options.size() == 2 ? q.options[0].feedback : "";
        const std::string& fb_false = q.options.size() == 2 ? q.options[1].feedback : "";
        // {T#feedback for the wrong choice#feedback for the right one}
        const std::string& wrong = a ? fb_false : fb_true;
        const std::string& right = a ? fb_true : fb_false;
        body = a ? "T" : "F";
        if (!wrong.empty() || !right.empty()) body += "#" + esc(wrong) + "#" + esc(right);
        break;
    }
    case QuestionType::Single:
    case QuestionType::Multiple: {
        std::vector<std::string> ids;
        for (const auto& o : q.options) {
            ids.push_back(o.id);
            if (!o.misconception.empty()) meta(head, "misconception", o.id + " " + o.misconception);
            std::string mark;
            if (q.type == QuestionType::Single && o.fraction >= 0.9999)
                mark = "=";
            else if (o.fraction == 0)
                mark = "~";
            else
                mark = "~" + weight(o.fraction);
            body += "\n" + mark + esc(o.text) + feedback(o.feedback);
        }
        meta(head, "ids", join(ids, " "));
        body += "\n";
        break;
    }
    case QuestionType::Evidence: // instantiated per seed: the value is a plain short answer
    case QuestionType::ShortAnswer: {
        if (q.case_sensitive) meta(head, "case_sensitive", "true");
        if (q.whitespace == Whitespace::Ignore) meta(head, "whitespace", "ignore");
        if (q.whitespace == Whitespace::Exact) meta(head, "whitespace", "exact");
        size_t k = 0;
        std::vector<const QuizAccept*> patterns;
        for (const auto& a : q.accepts) {
            if (!a.pattern.empty()) {
                patterns.push_back(&a);
                continue;
            }
            ++k;
            if (!a.misconception.empty())
                meta(head, "misconception", std::to_string(k) + " " + a.misconception);
            body += "\n=" + (a.fraction >= 0.9999 ? "" : weight(a.fraction)) + esc(a.text) +
                    feedback(a.feedback);
        }
        if (k == 0) {
            diags.warning(q.pos, "question '" + q.id +
                                     "' accepts only patterns, which GIFT cannot express; skipped");
            return false;
        }
        for (const auto* a : patterns)
            diags.warning(a->pos, "question '" + q.id + "': the pattern answer /" + a->pattern +
                                      "/ has no GIFT form; left out of the export");
        body += "\n";
        break;
    }
    case QuestionType::Numeric: {
        meta(head, "unit", q.unit);
        body = "#";
        size_t k = 0;
        for (const auto& a : q.accepts) {
            ++k;
            if (!a.misconception.empty())
                meta(head, "misconception", std::to_string(k) + " " + a.misconception);
            body += "\n=" + (a.fraction >= 0.9999 ? "" : weight(a.fraction)) +
                    fmt::format("{}:{}", a.value, a.tolerance) + feedback(a.feedback);
        }
        body += "\n";
        break;
    }
    case QuestionType::Matching: {
        std::vector<std::string> ids;
        for (const auto& it : q.items) {
            ids.push_back(it.id);
            if (!it.misconception.empty())
                meta(head, "misconception", it.id + " " + it.misconception);
            body += "\n=" + esc(it.text) + " -> " + esc(it.answer);
        }
        for (const auto& d : q.distractors) body += "\n= -> " + esc(d);
        meta(head, "ids", join(ids, " "));
        body += "\n";
        break;
    }
    case QuestionType::Ordering:
        diags.warning(q.pos, "question '" + q.id +
                                 "' is an ordering question, which GIFT cannot express; skipped");
        return false;
    }
    if (!q.feedback.empty()) {
        bool multiline = !body.empty() && body.back() == '\n';
        body += "####" + esc(q.feedback) + (multiline ? "\n" : "");
    }
    out += head + "::" + esc(q.id) + ":: " + esc(q.text) + " {" + body + "}\n\n";
    return true;
}

} // namespace

std::string bank_to_gift(const QuestionBank& bank, Diagnostics& diags) {
    std::string out = "// " + one_line(bank.title) + "\n// Exported by alertdrill from the bank '" +
                      bank.id + "'. Lines starting '// @' carry what GIFT has no syntax for.\n";
    meta(out, "bank-title", bank.title);
    meta(out, "bank-description", bank.description);
    out += "\n";
    for (const auto& q : bank.questions) {
        if (q.variants.empty()) {
            write_question(q, bank.penalty, out, diags);
            continue;
        }
        for (size_t v = 0; v < q.variants.size(); ++v) {
            Question one = instantiate_question(q, v);
            one.id = q.id + "-v" + std::to_string(v + 1);
            write_question(one, bank.penalty, out, diags);
        }
    }
    return out;
}

} // namespace alertdrill
