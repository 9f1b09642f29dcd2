// GIFT questions to bank questions, and the neutral JSON used to compare GIFT readers.
#include "alertdrill/gift.hpp"

#include "alertdrill/text.hpp"
#include "quiz/quiz_loader_internal.hpp"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

namespace alertdrill {

namespace {

using nlohmann::json;

json text_or_null(bool has, const std::string& s) {
    return has ? json(s) : json(nullptr);
}

/// Percent weight with GIFT's defaults: '=' alone is 100, '~' alone is 0.
double weight_of(const GiftAnswer& a) {
    return a.has_weight ? a.weight : a.mark == '=' ? 100.0 : 0.0;
}

std::string sanitise_id(const std::string& title) {
    std::string out;
    for (char c : title) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')
            out += c;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return to_lower(out.substr(0, 64));
}

std::vector<std::string> meta_all(const GiftQuestion& g, const std::string& key) {
    std::vector<std::string> out;
    for (const auto& [k, v] : g.meta)
        if (k == key) out.push_back(v);
    return out;
}

std::string meta_one(const GiftQuestion& g, const std::string& key) {
    auto all = meta_all(g, key);
    return all.empty() ? "" : all.back();
}

} // namespace

std::string gift_normalised_json(const std::vector<GiftQuestion>& qs) {
    json arr = json::array();
    for (const auto& g : qs) {
        json j;
        j["type"] = g.kind;
        j["title"] = text_or_null(g.has_title, g.title);
        j["stem"] = g.kind == "Category" ? json(nullptr) : json(g.stem);
        if (g.kind != "Description")
            j["globalFeedback"] = text_or_null(g.has_global_feedback, g.global_feedback);
        if (g.kind == "TF") {
            j["isTrue"] = g.tf_answer;
            j["wrongFeedback"] = text_or_null(g.tf_has_wrong, g.tf_wrong_feedback);
            j["rightFeedback"] = text_or_null(g.tf_has_right, g.tf_right_feedback);
        } else if (g.kind == "MC" || g.kind == "Short") {
            json cs = json::array();
            for (const auto& a : g.answers)
                cs.push_back({{"text", a.text},
                              {"weight", weight_of(a)},
                              {"feedback", text_or_null(a.has_feedback, a.feedback)}});
            j["choices"] = cs;
        } else if (g.kind == "Numerical") {
            json cs = json::array();
            for (const auto& a : g.answers)
                cs.push_back({{"value", a.value},
                              {"tolerance", a.tolerance},
                              {"weight", weight_of(a)},
                              {"feedback", text_or_null(a.has_feedback, a.feedback)}});
            j["choices"] = cs;
        } else if (g.kind == "Matching") {
            json ps = json::array();
            for (const auto& a : g.answers) ps.push_back({{"prompt", a.text}, {"answer", a.match}});
            j["pairs"] = ps;
        }
        arr.push_back(j);
    }
    return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool gift_to_bank(const std::vector<GiftQuestion>& qs, const std::string& path, QuestionBank& out,
                  Diagnostics& diags) {
    size_t errors = diags.error_count();
    std::set<std::string> used;
    int n = 0;
    std::string category_topic;
    for (const auto& g : qs) {
        if (g.kind == "Category") {
            // $CATEGORY: $course$/top/Module 4.8 -> topic "Module 4.8" for what follows.
            size_t slash = g.title.rfind('/');
            category_topic = slash == std::string::npos ? g.title : g.title.substr(slash + 1);
            continue;
        }
        ++n;
        if (g.kind == "Essay" || g.kind == "Description") {
            diags.warning(g.pos, "GIFT " + to_lower(g.kind) +
                                     " questions have no alertdrill form; skipped");
            continue;
        }
        Question q;
        q.pos = g.pos;
        std::string meta_id = meta_one(g, "id");
        q.id = !meta_id.empty() ? meta_id : g.has_title ? sanitise_id(g.title) : "";
        if (q.id.empty()) q.id = "q" + std::to_string(n);
        for (std::string base = q.id; used.count(q.id);) q.id = base + "-" + std::to_string(++n);
        used.insert(q.id);
        q.text = g.stem;
        q.feedback = g.global_feedback;
        q.topic = meta_one(g, "topic");
        if (q.topic.empty()) q.topic = category_topic;
        q.hints = meta_all(g, "hint");
        q.feedback_correct = meta_one(g, "feedback_correct");
        q.feedback_wrong = meta_one(g, "feedback_wrong");
        q.unit = meta_one(g, "unit");
        q.penalty = out.penalty;
        if (std::string m = meta_one(g, "mark"); !m.empty()) q.mark = std::atof(m.c_str());
        if (std::string p = meta_one(g, "penalty"); !p.empty()) q.penalty = std::atof(p.c_str());
        if (meta_one(g, "shuffle") == "false") q.shuffle = false;
        if (meta_one(g, "case_sensitive") == "true") q.case_sensitive = true;
        if (std::string w = meta_one(g, "whitespace"); w == "ignore")
            q.whitespace = Whitespace::Ignore;
        else if (w == "exact")
            q.whitespace = Whitespace::Exact;
        std::vector<std::string> ids = split_ws(meta_one(g, "ids"));
        std::map<std::string, std::string> tags;
        for (const auto& m : meta_all(g, "misconception")) {
            auto parts = split_ws(m);
            if (parts.size() == 2)
                tags[parts[0]] = parts[1];
            else
                diags.warning(g.pos,
                              "'// @misconception' needs 'ID TAG' (or '* TAG'), got '" + m + "'");
        }
        q.misconception = tags.count("*") ? tags["*"] : "";
        auto id_at = [&](size_t i, const std::string& fallback) {
            return i < ids.size() ? ids[i] : fallback;
        };
        if (g.kind == "TF") {
            q.type = QuestionType::TrueFalse;
            bool a = g.tf_answer;
            // {T#wrong#right}: the first feedback is for the wrong choice.
            std::string fb_true = a ? g.tf_right_feedback : g.tf_wrong_feedback;
            std::string fb_false = a ? g.tf_wrong_feedback : g.tf_right_feedback;
            q.options = {
                {"true", "True", a ? 1.0 : 0.0, fb_true, a ? "" : q.misconception, g.pos},
                {"false", "False", a ? 0.0 : 1.0, fb_false, a ? q.misconception : "", g.pos}};
        } else if (g.kind == "MC") {
            bool any_right = false;
            for (const auto& a : g.answers) any_right = any_right || a.mark == '=';
            q.type = any_right ? QuestionType::Single : QuestionType::Multiple;
            for (size_t i = 0; i < g.answers.size(); ++i) {
                const auto& a = g.answers[i];
                std::string id = id_at(i, std::string(1, static_cast<char>('a' + i % 26)) +
                                              (i >= 26 ? std::to_string(i / 26) : ""));
                q.options.push_back({id, a.text, weight_of(a) / 100.0, a.feedback,
                                     tags.count(id) ? tags[id] : "", g.pos});
            }
        } else if (g.kind == "Short" || g.kind == "Numerical") {
            q.type = g.kind == "Short" ? QuestionType::ShortAnswer : QuestionType::Numeric;
            for (size_t i = 0; i < g.answers.size(); ++i) {
                const auto& a = g.answers[i];
                QuizAccept acc;
                acc.text = g.kind == "Short" ? a.text : "";
                acc.value = a.value;
                acc.tolerance = a.tolerance;
                acc.fraction = weight_of(a) / 100.0;
                acc.feedback = a.feedback;
                std::string key = std::to_string(i + 1);
                acc.misconception = tags.count(key) ? tags[key] : "";
                acc.pos = g.pos;
                q.accepts.push_back(acc);
            }
        } else if (g.kind == "Matching") {
            q.type = QuestionType::Matching;
            size_t k = 0;
            for (const auto& a : g.answers) {
                if (a.text.empty()) {
                    q.distractors.push_back(a.match);
                    continue;
                }
                std::string id = id_at(k, "p" + std::to_string(k + 1));
                q.items.push_back({id, a.text, a.match, tags.count(id) ? tags[id] : "", g.pos});
                ++k;
            }
        }
        out.questions.push_back(std::move(q));
    }
    // Check the imported questions as the TOML loader would (fractions, pairs, placeholders).
    for (const auto& q : out.questions) quiz_detail::check_question(q, diags);
    (void)path;
    return diags.error_count() == errors;
}

bool import_gift(const std::string& path, QuestionBank& out, Diagnostics& diags) {
    std::string text;
    if (!read_source(path, text, diags, limits::k_gift_bytes, "a GIFT file")) return false;
    std::vector<GiftQuestion> qs;
    if (!parse_gift(text, path, qs, diags)) return false;
    out = QuestionBank{};
    out.path = path;
    out.id = std::filesystem::path(path).stem().string();
    out.title = out.id;
    for (const auto& q : qs)
        for (const auto& [k, v] : q.meta) {
            if (k == "bank-title") out.title = v;
            if (k == "bank-description") out.description = v;
        }
    return gift_to_bank(qs, path, out, diags);
}

} // namespace alertdrill
