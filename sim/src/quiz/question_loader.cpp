// Builds one Question from its [[question]] table; the bank loader calls it and then checks the
// bank as a whole.
#include "quiz/quiz_loader_internal.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <re2/re2.h>

namespace alertdrill::quiz_detail {

std::vector<TableReader> named_tables(TableReader& parent, std::string_view key, bool required,
                                      const std::string& noun, const std::string& suffix) {
    std::vector<TableReader> out;
    for (auto& r : parent.tables(key, required)) {
        const toml::node* id = r.raw().get("id");
        std::string name = id && id->is_string() ? noun + " '" + *id->value<std::string>() + "'"
                                                 : noun + " " + std::to_string(out.size() + 1);
        out.emplace_back(r.raw(), r.file(), r.diags(), name + suffix);
    }
    return out;
}

namespace {

bool valid_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return false;
    return true;
}

std::string read_id(TableReader& r, const std::string& what) {
    auto id = r.string("id", true);
    if (!id) return "";
    if (!valid_id(*id)) {
        r.error("id", "'" + *id + "' is not a valid " + what +
                          " id: use letters, digits, '-', '_' and '.' (at most 64)");
    }
    return *id;
}

void read_options(TableReader& r, Question& q) {
    auto tables = named_tables(r, "option", true, "option", " of question '" + q.id + "'");
    std::vector<std::string> seen;
    int correct = 0;
    for (auto& o : tables) {
        QuizOption opt;
        opt.pos = o.pos();
        opt.id = read_id(o, "option");
        if (!opt.id.empty()) {
            if (std::find(seen.begin(), seen.end(), opt.id) != seen.end())
                o.error("id",
                        "option id '" + opt.id + "' is used twice in question '" + q.id + "'");
            seen.push_back(opt.id);
        }
        opt.text = o.string("text", true).value_or("");
        auto is_correct = o.boolean("correct", false);
        auto fraction = o.number("fraction", false, -1.0, 1.0);
        if (is_correct && fraction)
            o.error("fraction",
                    "option '" + opt.id + "' sets both 'correct' and 'fraction'; keep one");
        if (fraction)
            opt.fraction = *fraction;
        else if (is_correct && *is_correct)
            opt.fraction = 1;
        else
            opt.fraction = std::nan(""); // decided below
        if (is_correct && *is_correct) ++correct;
        opt.feedback = o.string_or("feedback", "");
        opt.misconception = o.string_or("misconception", "");
        o.finish();
        q.options.push_back(std::move(opt));
    }
    // Options without an explicit fraction: in a multiple-response question each right one is
    // worth an equal share and each wrong one takes that share away, so ticking everything
    // scores nothing; elsewhere an unmarked option is simply wrong.
    for (auto& o : q.options) {
        if (!std::isnan(o.fraction)) {
            if (q.type == QuestionType::Multiple && o.fraction == 1 && correct > 1)
                o.fraction = 1.0 / correct;
            continue;
        }
        o.fraction = (q.type == QuestionType::Multiple && correct > 0) ? -1.0 / correct : 0.0;
    }
}

void read_truefalse(TableReader& r, Question& q) {
    auto answer = r.boolean("answer", true);
    std::string fb_true = r.string_or("feedback_true", "");
    std::string fb_false = r.string_or("feedback_false", "");
    bool a = answer.value_or(true);
    QuizOption t{"true", "True", a ? 1.0 : 0.0, fb_true, a ? "" : q.misconception, r.pos()};
    QuizOption f{"false", "False", a ? 0.0 : 1.0, fb_false, a ? q.misconception : "", r.pos()};
    q.options = {t, f};
}

void read_accepts(TableReader& r, Question& q) {
    auto tables = named_tables(r, "accept", true, "accepted answer", " of question '" + q.id + "'");
    for (auto& a : tables) {
        QuizAccept acc;
        acc.pos = a.pos();
        if (q.type == QuestionType::ShortAnswer) {
            auto text = a.string("text", false);
            auto pattern = a.string("pattern", false);
            if (text && pattern)
                a.error("pattern", "an accepted answer has either 'text' or 'pattern', not both");
            else if (!text && !pattern)
                a.diags().error(a.pos(), a.what() + " needs 'text' or 'pattern'");
            if (text) acc.text = *text;
            if (pattern) {
                acc.pattern = *pattern;
                RE2::Options o;
                o.set_log_errors(false);
                RE2 re(*pattern, o);
                if (!re.ok())
                    a.error("pattern", "'pattern' is not a valid regular expression: " +
                                           re.error() + " (patterns use RE2 syntax)");
            }
        } else {
            acc.value = a.number("value", true).value_or(0);
            acc.tolerance = a.number("tolerance", false, 0.0).value_or(0);
        }
        acc.fraction = a.number("fraction", false, -1.0, 1.0).value_or(1.0);
        acc.feedback = a.string_or("feedback", "");
        acc.misconception = a.string_or("misconception", "");
        a.finish();
        q.accepts.push_back(std::move(acc));
    }
    if (q.type == QuestionType::ShortAnswer) {
        q.case_sensitive = r.boolean("case_sensitive", false).value_or(false);
        auto ws = r.choice("whitespace", false, {"collapse", "ignore", "exact"});
        if (ws == "ignore")
            q.whitespace = Whitespace::Ignore;
        else if (ws == "exact")
            q.whitespace = Whitespace::Exact;
    } else {
        q.unit = r.string_or("unit", "");
    }
}

void read_items(TableReader& r, Question& q) {
    bool matching = q.type == QuestionType::Matching;
    auto tables = named_tables(r, matching ? "pair" : "item", true, matching ? "pair" : "item",
                               " of question '" + q.id + "'");
    std::vector<std::string> seen;
    for (auto& t : tables) {
        QuizItem it;
        it.pos = t.pos();
        it.id = read_id(t, matching ? "pair" : "item");
        if (!it.id.empty()) {
            if (std::find(seen.begin(), seen.end(), it.id) != seen.end())
                t.error("id", "id '" + it.id + "' is used twice in question '" + q.id + "'");
            seen.push_back(it.id);
        }
        if (t.raw().contains("distractors")) {
            // TOML puts a key written after [[question.pair]] into that pair; say where it goes.
            t.error("distractors",
                    "'distractors' belongs to the question, not to a pair: move it above "
                    "the first [[question.pair]]");
            t.allow("distractors");
        }
        if (matching) {
            it.text = t.string("prompt", true).value_or("");
            it.answer = t.string("answer", true).value_or("");
            it.misconception = t.string_or("misconception", "");
        } else {
            it.text = t.string("text", true).value_or("");
        }
        t.finish();
        q.items.push_back(std::move(it));
    }
    if (matching) {
        q.distractors = r.strings("distractors", false).value_or(std::vector<std::string>{});
    } else {
        auto g = r.choice("grading", false, {"adjacent", "all_or_nothing"});
        if (g == "all_or_nothing") q.ordering_grading = OrderingGrading::AllOrNothing;
    }
}

void read_evidence(TableReader& r, Question& q) {
    auto ev = std::make_shared<EvidenceSource>();
    ev->scenario_pos = r.pos("scenario");
    ev->scenario = r.string("scenario", true).value_or("");
    if (auto seeds = r.node("seeds", false)) {
        const toml::array* arr = seeds->as_array();
        if (!arr || arr->empty())
            r.error("seeds", "'seeds' must be a non-empty array of scenario seeds, e.g. [1, 2, 3]");
        else
            for (const auto& el : *arr) {
                auto v = el.value<int64_t>();
                if (!el.is_integer() || !v || *v < 0)
                    r.diags().error(pos_of(el, r.file()),
                                    "a seed must be a whole number of at least 0");
                else if (std::find(ev->seeds.begin(), ev->seeds.end(), uint64_t(*v)) !=
                         ev->seeds.end())
                    r.diags().error(pos_of(el, r.file()),
                                    fmt::format("seed {} is listed twice", *v));
                else
                    ev->seeds.push_back(static_cast<uint64_t>(*v));
            }
    }
    if (ev->seeds.empty()) ev->seeds = {1};
    ev->query_pos = r.pos("answer_query");
    auto query = r.string("answer_query", false);
    auto key = r.string("answer_key", false);
    auto column = r.string("answer_column", false);
    if (query && (key || column))
        r.error("answer_query", "an evidence question takes its answer from 'answer_query' or "
                                "from 'answer_key' with 'answer_column', not both");
    else if (!query && !(key && column))
        r.diags().error(r.pos(), r.what() + " needs 'answer_query' (KQL giving one value) or "
                                            "'answer_key' and 'answer_column'");
    ev->query = query.value_or("");
    ev->key = key.value_or("");
    ev->column = column.value_or("");
    if (!query) ev->query_pos = r.pos(key ? "answer_key" : "answer_column");
    ev->allow_query = r.boolean("allow_query", false).value_or(true);
    ev->max_query_rows =
        static_cast<size_t>(r.integer("query_max_rows", false, 1, 1000).value_or(5));
    if (r.raw().contains("variant")) {
        r.allow("variant");
        r.error("variant", "an evidence question takes its variants from 'seeds' (one per "
                           "scenario seed), not from [[question.variant]] tables");
    }
    q.evidence = std::move(ev);
}

void read_variants(TableReader& r, Question& q) {
    const toml::node* n = r.node("variant", false);
    if (!n) return;
    const toml::array* arr = n->as_array();
    if (!arr) {
        r.error("variant",
                "'variant' in " + r.what() + " must be an array of tables ([[question.variant]])");
        return;
    }
    for (const auto& el : *arr) {
        const toml::table* t = el.as_table();
        if (!t) {
            r.diags().error(pos_of(el, r.file()),
                            "'variant' must hold tables of placeholder values");
            continue;
        }
        std::map<std::string, std::string> values;
        for (const auto& [k, v] : *t) {
            if (auto s = v.value<std::string>(); s && v.is_string())
                values[std::string(k.str())] = *s;
            else if (v.is_integer() || v.is_floating_point())
                values[std::string(k.str())] = fmt::format("{}", *v.value<double>());
            else
                r.diags().error(pos_of(v, r.file()), "variant value '" + std::string(k.str()) +
                                                         "' must be a string or a number, not " +
                                                         toml_type_name(v));
        }
        q.variants.push_back(std::move(values));
        q.variant_pos.push_back(pos_of(*t, r.file()));
    }
}

} // namespace

std::optional<Question> read_question(TableReader& r, const QuestionBank& bank,
                                      const std::string* fixed_id) {
    Question q;
    q.pos = r.pos();
    q.id = fixed_id ? *fixed_id : read_id(r, "question");
    auto type_name = r.choice("type", true,
                              {"single", "multiple", "truefalse", "short", "numeric", "ordering",
                               "matching", "evidence"});
    q.text = r.string("text", true).value_or("");
    q.topic = r.string_or("topic", "");
    q.mark = r.number("mark", false, 0.0, 1000.0).value_or(1.0);
    q.penalty = r.number("penalty", false, 0.0, 1.0).value_or(bank.penalty);
    q.shuffle = r.boolean("shuffle", false).value_or(true);
    q.hints = r.strings("hints", false, true).value_or(std::vector<std::string>{});
    q.feedback = r.string_or("feedback", "");
    q.feedback_correct = r.string_or("feedback_correct", "");
    q.feedback_wrong = r.string_or("feedback_wrong", "");
    q.misconception = r.string_or("misconception", "");
    if (type_name != "evidence") read_variants(r, q);
    if (!type_name) {
        // Mark every type-specific key as read: the type error already says what is wrong.
        for (const char* k :
             {"option", "answer", "feedback_true", "feedback_false", "accept", "case_sensitive",
              "whitespace", "unit", "item", "pair", "distractors", "grading", "scenario", "seeds",
              "answer_query", "answer_key", "answer_column", "allow_query", "query_max_rows"})
            r.allow(k);
        return std::nullopt;
    }
    q.type = *parse_question_type(*type_name);
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Multiple:
        read_options(r, q);
        break;
    case QuestionType::TrueFalse:
        read_truefalse(r, q);
        break;
    case QuestionType::ShortAnswer:
    case QuestionType::Numeric:
        read_accepts(r, q);
        break;
    case QuestionType::Ordering:
    case QuestionType::Matching:
        read_items(r, q);
        break;
    case QuestionType::Evidence:
        read_evidence(r, q);
        break;
    }
    return q;
}

} // namespace alertdrill::quiz_detail
