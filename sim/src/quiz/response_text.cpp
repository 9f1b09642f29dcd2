// The text form of answers: parsed from answer files and the prompt, written into results.
#include "alertdrill/quiz_attempt.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace alertdrill {

namespace {

constexpr size_t kMaxAnswerLength = 2000;

std::vector<std::string> split_list(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(sep, start);
        if (end == std::string_view::npos) end = s.size();
        std::string part = trim(s.substr(start, end - start));
        if (!part.empty()) out.push_back(part);
        start = end + 1;
    }
    return out;
}

/// Maps "2" to the second shown id when positions are given and no id is literally "2".
std::string resolve(const std::string& token, const std::vector<std::string>& ids,
                    const std::vector<std::string>* positions) {
    for (const auto& id : ids)
        if (iequals(id, token)) return id;
    if (positions && !token.empty() && std::all_of(token.begin(), token.end(), ::isdigit)) {
        size_t n = std::stoul(token.substr(0, 6));
        if (n >= 1 && n <= positions->size()) return (*positions)[n - 1];
    }
    return "";
}

std::string id_list(const std::vector<std::string>& ids) {
    return join(ids, ", ");
}

} // namespace

bool parse_response(const Question& q, std::string_view text, QuizResponse& out, std::string& error,
                    const std::vector<std::string>* positions) {
    out = QuizResponse{};
    std::string t = trim(text);
    if (t.empty()) return true; // unanswered
    // Long enough for any real answer; a cap keeps a pasted blob away from the regex engine,
    // whose backtracking recurses per character.
    if (t.size() > kMaxAnswerLength) {
        error = fmt::format("the answer is {} characters long; answers are limited to {}", t.size(),
                            kMaxAnswerLength);
        return false;
    }
    std::vector<std::string> option_ids, item_ids;
    for (const auto& o : q.options) option_ids.push_back(o.id);
    for (const auto& it : q.items) item_ids.push_back(it.id);
    switch (q.type) {
    case QuestionType::TrueFalse: {
        std::string l = to_lower(t);
        if (l == "t" || l == "true" || l == "yes")
            out.choices = {"true"};
        else if (l == "f" || l == "false" || l == "no")
            out.choices = {"false"};
        else if (std::string id = resolve(t, option_ids, positions); !id.empty())
            out.choices = {id};
        else {
            error = "'" + t + "' is not an answer to a true/false question; write true or false";
            return false;
        }
        return true;
    }
    case QuestionType::Single:
    case QuestionType::Multiple: {
        auto tokens = split_list(t, ',');
        if (tokens.size() == 1) tokens = split_ws(t);
        if (q.type == QuestionType::Single && tokens.size() != 1) {
            error =
                "question '" + q.id + "' takes one option; got " + std::to_string(tokens.size());
            return false;
        }
        for (const auto& tok : tokens) {
            std::string id = resolve(tok, option_ids, positions);
            if (id.empty()) {
                error = "'" + tok + "' is not an option of question '" + q.id +
                        "' (options: " + id_list(option_ids) + ")";
                return false;
            }
            if (std::find(out.choices.begin(), out.choices.end(), id) != out.choices.end()) {
                error = "option '" + id + "' is given twice";
                return false;
            }
            out.choices.push_back(id);
        }
        return true;
    }
    case QuestionType::ShortAnswer:
    case QuestionType::Evidence:
        out.text = t;
        return true;
    case QuestionType::Numeric:
        if (!parse_numeric_answer(q, t)) {
            error = "'" + t + "' is not a number" +
                    (q.unit.empty() ? "" : " (optionally followed by " + q.unit + ")");
            return false;
        }
        out.text = t;
        return true;
    case QuestionType::Ordering: {
        auto tokens = split_list(t, ',');
        if (tokens.size() == 1) tokens = split_ws(t);
        for (const auto& tok : tokens) {
            std::string id = resolve(tok, item_ids, positions);
            if (id.empty()) {
                error = "'" + tok + "' is not an item of question '" + q.id +
                        "' (items: " + id_list(item_ids) + ")";
                return false;
            }
            if (std::find(out.choices.begin(), out.choices.end(), id) != out.choices.end()) {
                error = "item '" + id + "' is given twice";
                return false;
            }
            out.choices.push_back(id);
        }
        if (out.choices.size() != q.items.size()) {
            error = fmt::format("put all {} items in order; got {}", q.items.size(),
                                out.choices.size());
            return false;
        }
        return true;
    }
    case QuestionType::Matching: {
        auto choices = q.match_choices();
        for (const auto& part : split_list(t, ';')) {
            size_t eq = part.find('=');
            if (eq == std::string::npos) {
                error = "'" + part + "' is not a match; write PAIR=CHOICE, separated by ';'";
                return false;
            }
            std::string pid = resolve(trim(part.substr(0, eq)), item_ids, nullptr);
            if (pid.empty()) {
                error = "'" + trim(part.substr(0, eq)) + "' is not a prompt of question '" + q.id +
                        "' (prompts: " + id_list(item_ids) + ")";
                return false;
            }
            std::string c = resolve(trim(part.substr(eq + 1)), choices, positions);
            if (c.empty()) {
                error = "'" + trim(part.substr(eq + 1)) + "' is not one of the choices (" +
                        join(choices, "; ") + ")";
                return false;
            }
            if (out.matches.count(pid)) {
                error = "prompt '" + pid + "' is matched twice";
                return false;
            }
            out.matches[pid] = c;
        }
        return true;
    }
    }
    return true;
}

std::string format_response(const Question& q, const QuizResponse& r) {
    switch (q.type) {
    case QuestionType::ShortAnswer:
    case QuestionType::Numeric:
    case QuestionType::Evidence:
        return r.text;
    case QuestionType::Matching: {
        std::vector<std::string> parts;
        for (const auto& it : q.items)
            if (auto m = r.matches.find(it.id); m != r.matches.end())
                parts.push_back(it.id + "=" + m->second);
        return join(parts, "; ");
    }
    default:
        return join(r.choices, ", ");
    }
}

std::string right_answer(const Question& q) {
    QuizResponse r;
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::TrueFalse: {
        const QuizOption* best = nullptr;
        for (const auto& o : q.options)
            if (!best || o.fraction > best->fraction) best = &o;
        if (best) r.choices = {best->id};
        break;
    }
    case QuestionType::Multiple:
        for (const auto& o : q.options)
            if (o.fraction > 0) r.choices.push_back(o.id);
        break;
    case QuestionType::ShortAnswer:
    case QuestionType::Numeric:
        for (const auto& a : q.accepts)
            if (a.fraction >= 0.9999) {
                r.text = q.type == QuestionType::Numeric ? fmt::format("{}", a.value)
                         : a.pattern.empty()             ? a.text
                                                         : "/" + a.pattern + "/";
                break;
            }
        break;
    case QuestionType::Ordering:
        for (const auto& it : q.items) r.choices.push_back(it.id);
        break;
    case QuestionType::Matching:
        for (const auto& it : q.items) r.matches[it.id] = it.answer;
        break;
    case QuestionType::Evidence:
        if (q.evidence && !q.evidence->answers.empty()) r.text = q.evidence->answers[0];
        break;
    }
    return format_response(q, r);
}

} // namespace alertdrill
