// Question-bank loading in three phases: parse the TOML, build typed questions, then check each
// question and the bank as a whole, collecting every problem before reporting.
#include "quiz/quiz_loader_internal.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/core.h>
#include <set>

namespace alertdrill {

std::string question_type_name(QuestionType t) {
    switch (t) {
    case QuestionType::Single:
        return "single";
    case QuestionType::Multiple:
        return "multiple";
    case QuestionType::TrueFalse:
        return "truefalse";
    case QuestionType::ShortAnswer:
        return "short";
    case QuestionType::Numeric:
        return "numeric";
    case QuestionType::Ordering:
        return "ordering";
    case QuestionType::Matching:
        return "matching";
    case QuestionType::Evidence:
        return "evidence";
    }
    return "single";
}

std::optional<QuestionType> parse_question_type(const std::string& name) {
    for (auto t : {QuestionType::Single, QuestionType::Multiple, QuestionType::TrueFalse,
                   QuestionType::ShortAnswer, QuestionType::Numeric, QuestionType::Ordering,
                   QuestionType::Matching, QuestionType::Evidence})
        if (question_type_name(t) == name) return t;
    return std::nullopt;
}

std::vector<std::string> Question::match_choices() const {
    std::vector<std::string> out;
    for (const auto& it : items)
        if (std::find(out.begin(), out.end(), it.answer) == out.end()) out.push_back(it.answer);
    for (const auto& d : distractors)
        if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
    return out;
}

const Question* QuestionBank::find(const std::string& qid) const {
    for (const auto& q : questions)
        if (q.id == qid) return &q;
    return nullptr;
}

double QuestionBank::max_mark() const {
    double m = 0;
    for (const auto& q : questions) m += q.mark;
    return m;
}

size_t QuizRng::below(size_t n) {
    if (n <= 1) return 0;
    // Rejection sampling keeps the draw unbiased.
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = next();
    while (x >= limit);
    return static_cast<size_t>(x % n);
}

namespace quiz_detail {

std::vector<std::string> placeholders(const std::string& text) {
    std::vector<std::string> out;
    size_t i = 0;
    while ((i = text.find("{{", i)) != std::string::npos) {
        size_t j = text.find("}}", i + 2);
        if (j == std::string::npos) break;
        out.push_back(trim(text.substr(i + 2, j - i - 2)));
        i = j + 2;
    }
    return out;
}

std::string fill_placeholders(const std::string& text,
                              const std::map<std::string, std::string>& values) {
    std::string out;
    size_t i = 0;
    while (true) {
        size_t a = text.find("{{", i);
        size_t b = a == std::string::npos ? a : text.find("}}", a + 2);
        if (b == std::string::npos) {
            out += text.substr(i);
            return out;
        }
        out += text.substr(i, a - i);
        auto it = values.find(trim(text.substr(a + 2, b - a - 2)));
        out += it != values.end() ? it->second : text.substr(a, b + 2 - a);
        i = b + 2;
    }
}

std::vector<const std::string*> all_texts(const Question& q) {
    std::vector<const std::string*> t{&q.text, &q.feedback, &q.feedback_correct, &q.feedback_wrong,
                                      &q.misconception};
    for (const auto& h : q.hints) t.push_back(&h);
    for (const auto& o : q.options) t.insert(t.end(), {&o.text, &o.feedback, &o.misconception});
    for (const auto& a : q.accepts)
        t.insert(t.end(), {&a.text, &a.pattern, &a.feedback, &a.misconception});
    for (const auto& it : q.items) t.insert(t.end(), {&it.text, &it.answer, &it.misconception});
    for (const auto& d : q.distractors) t.push_back(&d);
    return t;
}

void check_question(const Question& q, Diagnostics& d) {
    const std::string name = "question '" + q.id + "'";
    auto max_of = [](auto& v, auto f) {
        double m = -2;
        for (auto& x : v) m = std::max(m, f(x));
        return m;
    };
    switch (q.type) {
    case QuestionType::Single:
        if (q.options.size() < 2)
            d.error(q.pos, name + " needs at least two options");
        else if (max_of(q.options, [](auto& o) { return o.fraction; }) < 0.9999)
            d.error(
                q.pos,
                name +
                    " has no fully right option: mark one with correct = true or fraction = 1.0");
        break;
    case QuestionType::Multiple: {
        if (q.options.size() < 2) {
            d.error(q.pos, name + " needs at least two options");
            break;
        }
        double sum = 0;
        for (auto& o : q.options)
            if (o.fraction > 0) sum += o.fraction;
        if (std::abs(sum - 1.0) > 0.001)
            d.error(q.pos,
                    name + fmt::format(" has right-option fractions summing to {:.4g}; they must "
                                       "sum to 1.0 so a perfect answer earns the full mark",
                                       sum));
        break;
    }
    case QuestionType::TrueFalse:
        break;
    case QuestionType::ShortAnswer:
    case QuestionType::Numeric:
        if (!q.accepts.empty() && max_of(q.accepts, [](auto& a) { return a.fraction; }) < 0.9999)
            d.error(q.pos, name + " has no fully right accepted answer (fraction = 1.0)");
        break;
    case QuestionType::Ordering:
        if (q.items.size() < 2) d.error(q.pos, name + " needs at least two items to put in order");
        break;
    case QuestionType::Evidence:
        // Placeholders and the answer are checked against the scenario (quiz/evidence.cpp).
        return;
    case QuestionType::Matching: {
        if (q.items.size() < 2) d.error(q.pos, name + " needs at least two pairs");
        for (const auto& dis : q.distractors)
            for (const auto& it : q.items)
                if (it.answer == dis)
                    d.error(q.pos, name + " lists '" + dis +
                                       "' as a distractor but it is the answer of pair '" + it.id +
                                       "'");
        break;
    }
    }
    // Template questions: every placeholder must have a value in every variant, and every value
    // must be used (an unused one is most likely a typo in a placeholder).
    std::set<std::string> used;
    for (const auto* t : all_texts(q))
        for (auto& p : placeholders(*t)) used.insert(p);
    if (q.variants.empty()) {
        if (!used.empty())
            d.error(q.pos, name + " uses the placeholder '{{" + *used.begin() +
                               "}}' but has no [[question.variant]] tables");
        return;
    }
    std::vector<std::string> used_list(used.begin(), used.end());
    for (size_t i = 0; i < q.variants.size(); ++i) {
        for (const auto& p : used)
            if (!q.variants[i].count(p))
                d.error(q.variant_pos[i],
                        fmt::format("{} variant {} has no value for the placeholder '{{{{{}}}}}'",
                                    name, i + 1, p));
        for (const auto& [k, v] : q.variants[i])
            if (!used.count(k))
                d.error(q.variant_pos[i],
                        fmt::format("{} variant {} sets '{}', which no text uses{}", name, i + 1, k,
                                    did_you_mean(k, used_list)));
    }
}

} // namespace quiz_detail

Question instantiate_question(const Question& q, size_t variant) {
    if (q.variants.empty()) return q;
    variant %= q.variants.size();
    const auto& vals = q.variants[variant];
    auto fill = [&](std::string& s) { s = quiz_detail::fill_placeholders(s, vals); };
    Question out = q;
    out.variants.clear();
    for (auto* s :
         {&out.text, &out.feedback, &out.feedback_correct, &out.feedback_wrong, &out.misconception})
        fill(*s);
    for (auto& h : out.hints) fill(h);
    for (auto& o : out.options) fill(o.text), fill(o.feedback), fill(o.misconception);
    for (auto& a : out.accepts)
        fill(a.text), fill(a.pattern), fill(a.feedback), fill(a.misconception);
    for (auto& it : out.items) fill(it.text), fill(it.answer), fill(it.misconception);
    for (auto& d : out.distractors) fill(d);
    if (q.evidence && variant < q.evidence->answers.size()) {
        // One scenario seed: its instance grades query answers, its value is the right answer.
        auto ev = std::make_shared<EvidenceSource>(*q.evidence);
        ev->seeds = {q.evidence->seeds[variant]};
        ev->instances = {q.evidence->instances[variant]};
        ev->answers = {q.evidence->answers[variant]};
        QuizAccept right;
        right.text = ev->answers[0];
        right.pos = q.pos;
        out.accepts = {right};
        out.evidence = std::move(ev);
    }
    return out;
}

namespace {

bool load_from_table(const toml::table& root, const std::string& path, QuestionBank& out,
                     Diagnostics& diags) {
    size_t errors_before = diags.error_count();
    out = QuestionBank{};
    out.path = path;
    out.id = std::filesystem::path(path).stem().string();
    TableReader top(root, path, diags, "the question bank");
    if (auto bank = top.table("bank", true)) {
        out.title = bank->string("title", true).value_or("");
        out.description = bank->string_or("description", "");
        out.penalty = bank->number("penalty", false, 0.0, 1.0).value_or(out.penalty);
        out.shuffle_questions = bank->boolean("shuffle_questions", false).value_or(false);
        out.questions_per_attempt =
            static_cast<int>(bank->integer("questions_per_attempt", false, 0, 10000).value_or(0));
        if (auto dir = bank->string("scenarios", false))
            out.scenarios_dir =
                (std::filesystem::path(path).parent_path() / *dir).lexically_normal().string();
        if (auto p = bank->table("practice", false)) {
            out.practice_tries = static_cast<int>(p->integer("tries", false, 1, 10).value_or(3));
            p->finish();
        }
        if (auto a = bank->table("assessment", false)) {
            out.time_limit_minutes =
                static_cast<int>(a->integer("time_limit_minutes", false, 0, 24 * 60).value_or(0));
            out.pass_percent = a->number("pass_percent", false, 0.0, 100.0).value_or(70);
            out.attempts = static_cast<int>(a->integer("attempts", false, 1, 100).value_or(1));
            a->finish();
        }
        bank->finish();
    }
    std::map<std::string, SourcePos> ids;
    for (auto& qr : quiz_detail::named_tables(top, "question", true, "question", "")) {
        auto q = quiz_detail::read_question(qr, out);
        qr.finish();
        if (!q) continue;
        if (!q->id.empty()) {
            if (auto it = ids.find(q->id); it != ids.end())
                diags.error(q->pos, fmt::format("question id '{}' is already used at line {}",
                                                q->id, it->second.line));
            else
                ids[q->id] = q->pos;
        }
        quiz_detail::check_question(*q, diags);
        out.questions.push_back(std::move(*q));
    }
    top.finish();
    quiz_detail::resolve_evidence(out, diags);
    if (out.questions_per_attempt > static_cast<int>(out.questions.size()))
        diags.error(top.pos("bank"),
                    fmt::format("questions_per_attempt is {} but the bank has only {} questions",
                                out.questions_per_attempt, out.questions.size()));
    return diags.error_count() == errors_before;
}

} // namespace

bool load_question_bank_text(const std::string& text, const std::string& path, QuestionBank& out,
                             Diagnostics& diags) {
    auto root = parse_toml_text(text, path, diags);
    if (!root) return false;
    bool ok = load_from_table(*root, path, out, diags);
    out.content_hash = fmt::format("{:016x}", fnv1a(text));
    return ok;
}

bool load_question_bank(const std::string& path, QuestionBank& out, Diagnostics& diags) {
    std::string text;
    if (!read_source(path, text, diags, limits::k_bank_bytes, "a question bank")) return false;
    return load_question_bank_text(text, path, out, diags);
}

} // namespace alertdrill
