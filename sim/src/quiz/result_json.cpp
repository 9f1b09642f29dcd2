// Quiz results as versioned JSON. Readers accept their own version and older ones; a newer file is
// refused with both versions named, so an old build never half-reads a new format.
#include "alertdrill/quiz_result.hpp"

#include "alertdrill/atomic_file.hpp"
#include "alertdrill/json_reader.hpp"
#include "alertdrill/text.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace alertdrill {

using nlohmann::json;

std::string quiz_result_to_json(const QuizResult& r) {
    json j;
    j["format"] = kQuizResultFormat;
    j["version"] = kQuizResultVersion;
    j["bank"] = r.bank_id;
    j["bank_title"] = r.bank_title;
    j["bank_hash"] = r.bank_hash;
    j["mode"] = r.mode;
    j["trainee"] = r.trainee;
    j["seed"] = r.seed;
    j["cbm"] = r.cbm;
    j["elapsed_seconds"] = r.elapsed_seconds;
    j["time_limit_seconds"] = r.time_limit_seconds;
    j["time_up"] = r.time_up;
    j["mark"] = r.mark;
    j["max_mark"] = r.max_mark;
    j["percent"] = r.percent;
    j["pass_percent"] = r.pass_percent;
    j["passed"] = r.passed;
    j["accuracy_percent"] = r.accuracy_percent;
    json qs = json::array();
    for (const auto& q : r.questions) {
        qs.push_back({{"id", q.id},
                      {"type", q.type},
                      {"topic", q.topic},
                      {"variant", q.variant},
                      {"max_mark", q.max_mark},
                      {"fraction", q.fraction},
                      {"mark", q.mark},
                      {"tries", q.tries},
                      {"certainty", q.certainty},
                      {"answered", q.answered},
                      {"response", q.response},
                      {"misconceptions", q.misconceptions},
                      {"feedback", q.feedback}});
    }
    j["questions"] = qs;
    json cal = json::array();
    for (const auto& c : r.calibration)
        cal.push_back({{"certainty", c.certainty},
                       {"count", c.count},
                       {"mean_fraction", c.mean_fraction},
                       {"judgement", c.judgement}});
    j["calibration"] = cal;
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool parse_quiz_result(const std::string& text, const std::string& path, QuizResult& out,
                       Diagnostics& d) {
    auto doc = parse_json_text(text, path, d);
    if (!doc) return false;
    if (!doc->is_object()) {
        d.error({path, 1, 1}, "not an alertdrill quiz result (a quiz result is a JSON object)");
        return false;
    }
    size_t before = d.error_count();
    JsonReader top(*doc, text, path, d, {}, "the quiz result");
    auto format = top.string("format", false);
    if (!format || *format != kQuizResultFormat) {
        d.error(top.pos("format"),
                std::string("not an alertdrill quiz result (\"format\" is not \"") +
                    kQuizResultFormat + "\")");
        return false;
    }
    auto version = top.integer("version", true);
    if (!version) return false;
    if (*version > kQuizResultVersion || *version < 1) {
        top.error("version", fmt::format("this quiz result is format version {}, but this "
                                         "alertdrill reads version {}{}",
                                         *version, kQuizResultVersion,
                                         *version > kQuizResultVersion
                                             ? " at most; update alertdrill to read it"
                                             : ""));
        return false;
    }
    constexpr double kBig = 1e9; // marks, seconds and percentages beyond this are corrupt
    QuizResult r;
    r.version = static_cast<int>(*version);
    r.bank_id = top.string("bank", true).value_or("");
    r.bank_title = top.string("bank_title", false).value_or("");
    r.bank_hash = top.string("bank_hash", false).value_or("");
    r.mode = top.string("mode", true).value_or("");
    if (!r.mode.empty() && r.mode != "practice" && r.mode != "assessment")
        top.error("mode", "'mode' in the quiz result is '" + escape_control(r.mode, false) +
                              "'; it must be practice or assessment");
    r.trainee = top.string("trainee", false).value_or("");
    r.seed = top.unsigned_integer("seed", false).value_or(0);
    r.cbm = top.boolean("cbm", false).value_or(false);
    r.elapsed_seconds = top.number("elapsed_seconds", false, 0, kBig).value_or(0);
    r.time_limit_seconds = top.number("time_limit_seconds", false, 0, kBig).value_or(0);
    r.time_up = top.boolean("time_up", false).value_or(false);
    r.mark = top.number("mark", false, -kBig, kBig).value_or(0);
    r.max_mark = top.number("max_mark", false, 0, kBig).value_or(0);
    r.percent = top.number("percent", false, -kBig, kBig).value_or(0);
    r.pass_percent = top.number("pass_percent", false, 0, 100).value_or(0);
    r.passed = top.boolean("passed", false).value_or(false);
    r.accuracy_percent = top.number("accuracy_percent", false, 0, 100).value_or(0);
    if (auto qs = top.objects("questions", true, "question")) {
        for (auto& qj : *qs) {
            QuestionResult q;
            q.id = qj.string("id", true).value_or("");
            q.type = qj.string("type", false).value_or("");
            q.topic = qj.string("topic", false).value_or("");
            q.variant = static_cast<size_t>(qj.integer("variant", false, 0, 1'000'000).value_or(0));
            q.max_mark = qj.number("max_mark", false, 0, kBig).value_or(1);
            q.fraction = qj.number("fraction", false, -1, 1).value_or(0);
            q.mark = qj.number("mark", false, -kBig, kBig).value_or(0);
            q.tries = static_cast<int>(qj.integer("tries", false, 0, 1'000'000).value_or(0));
            q.certainty = static_cast<int>(qj.integer("certainty", false, 0, 3).value_or(0));
            q.answered = qj.boolean("answered", false).value_or(false);
            q.response = qj.string("response", false).value_or("");
            q.misconceptions =
                qj.strings("misconceptions", false).value_or(std::vector<std::string>{});
            q.feedback = qj.strings("feedback", false).value_or(std::vector<std::string>{});
            qj.finish();
            r.questions.push_back(std::move(q));
        }
    }
    if (auto cal = top.objects("calibration", false, "calibration row")) {
        for (auto& cj : *cal) {
            CalibrationRow c;
            c.certainty = static_cast<int>(cj.integer("certainty", true, 1, 3).value_or(0));
            c.count = static_cast<int>(cj.integer("count", false, 0, 1'000'000).value_or(0));
            c.mean_fraction = cj.number("mean_fraction", false, -1, 1).value_or(0);
            c.judgement = cj.string("judgement", false).value_or("");
            cj.finish();
            r.calibration.push_back(std::move(c));
        }
    }
    top.finish();
    if (d.error_count() > before) return false;
    out = std::move(r);
    return true;
}

bool quiz_result_from_json(const std::string& text, const std::string& path, QuizResult& out,
                           std::string& error) {
    Diagnostics d;
    bool ok = parse_quiz_result(text, path, out, d);
    if (!ok) {
        error = d.format();
        if (!error.empty()) error.pop_back(); // the last newline
    }
    return ok;
}

bool load_quiz_result(const std::string& path, QuizResult& out, Diagnostics& d) {
    std::string text;
    if (!read_source(path, text, d, limits::k_quiz_result_bytes, "a quiz result")) return false;
    return parse_quiz_result(text, path, out, d);
}

bool load_quiz_result(const std::string& path, QuizResult& out, std::string& error) {
    Diagnostics d;
    bool ok = load_quiz_result(path, out, d);
    if (!ok) {
        error = d.format();
        if (!error.empty()) error.pop_back();
    }
    return ok;
}

bool save_quiz_result(const std::string& path, const QuizResult& r, std::string& error) {
    return write_file_atomic(path, quiz_result_to_json(r), error);
}

} // namespace alertdrill
