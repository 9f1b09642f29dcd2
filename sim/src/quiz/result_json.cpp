// Quiz results as versioned JSON. Readers accept their own version and older ones; a newer file is
// refused with both versions named, so an old build never half-reads a new format.
#include "alertdrill/quiz_result.hpp"

#include "alertdrill/atomic_file.hpp"
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

namespace {

template <class T>
T get_or(const json& j, const char* key, T fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    return it->get<T>();
}

} // namespace

bool quiz_result_from_json(const std::string& text, const std::string& path, QuizResult& out,
                           std::string& error) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        error = path + ": not valid JSON: " + e.what();
        return false;
    }
    if (!j.is_object() || get_or<std::string>(j, "format", "") != kQuizResultFormat) {
        error = path + ": not an alertdrill quiz result (\"format\" is not \"" + kQuizResultFormat +
                "\")";
        return false;
    }
    try {
        int version = get_or<int>(j, "version", 0);
        if (version > kQuizResultVersion) {
            error =
                fmt::format("{}: this quiz result is format version {}, but this alertdrill reads "
                            "version {} at most; update alertdrill to read it",
                            path, version, kQuizResultVersion);
            return false;
        }
        if (version < 1) {
            error = path + ": the quiz result has no valid \"version\"";
            return false;
        }
        QuizResult r;
        r.version = version;
        r.bank_id = get_or<std::string>(j, "bank", "");
        r.bank_title = get_or<std::string>(j, "bank_title", "");
        r.bank_hash = get_or<std::string>(j, "bank_hash", "");
        r.mode = get_or<std::string>(j, "mode", "");
        r.trainee = get_or<std::string>(j, "trainee", "");
        r.seed = get_or<uint64_t>(j, "seed", 0);
        r.cbm = get_or<bool>(j, "cbm", false);
        r.elapsed_seconds = get_or<double>(j, "elapsed_seconds", 0);
        r.time_limit_seconds = get_or<double>(j, "time_limit_seconds", 0);
        r.time_up = get_or<bool>(j, "time_up", false);
        r.mark = get_or<double>(j, "mark", 0);
        r.max_mark = get_or<double>(j, "max_mark", 0);
        r.percent = get_or<double>(j, "percent", 0);
        r.pass_percent = get_or<double>(j, "pass_percent", 0);
        r.passed = get_or<bool>(j, "passed", false);
        r.accuracy_percent = get_or<double>(j, "accuracy_percent", 0);
        if (!j.contains("questions") || !j["questions"].is_array()) {
            error = path + ": the quiz result has no \"questions\" array";
            return false;
        }
        for (const auto& qj : j["questions"]) {
            QuestionResult q;
            q.id = get_or<std::string>(qj, "id", "");
            if (q.id.empty()) {
                error = path + ": a question in the result has no \"id\"";
                return false;
            }
            q.type = get_or<std::string>(qj, "type", "");
            q.topic = get_or<std::string>(qj, "topic", "");
            q.variant = get_or<size_t>(qj, "variant", 0);
            q.max_mark = get_or<double>(qj, "max_mark", 1);
            q.fraction = get_or<double>(qj, "fraction", 0);
            q.mark = get_or<double>(qj, "mark", 0);
            q.tries = get_or<int>(qj, "tries", 0);
            q.certainty = get_or<int>(qj, "certainty", 0);
            q.answered = get_or<bool>(qj, "answered", false);
            q.response = get_or<std::string>(qj, "response", "");
            q.misconceptions = get_or<std::vector<std::string>>(qj, "misconceptions", {});
            q.feedback = get_or<std::vector<std::string>>(qj, "feedback", {});
            r.questions.push_back(std::move(q));
        }
        if (j.contains("calibration") && j["calibration"].is_array())
            for (const auto& cj : j["calibration"])
                r.calibration.push_back({get_or<int>(cj, "certainty", 0),
                                         get_or<int>(cj, "count", 0),
                                         get_or<double>(cj, "mean_fraction", 0),
                                         get_or<std::string>(cj, "judgement", "")});
        out = std::move(r);
        return true;
    } catch (const json::exception& e) {
        error = path + ": a field has the wrong type: " + e.what();
        return false;
    }
}

bool load_quiz_result(const std::string& path, QuizResult& out, std::string& error) {
    std::string text;
    if (!read_file(path, text, error)) {
        error = path + ": " + error;
        return false;
    }
    return quiz_result_from_json(text, path, out, error);
}

bool save_quiz_result(const std::string& path, const QuizResult& r, std::string& error) {
    return write_file_atomic(path, quiz_result_to_json(r), error);
}

} // namespace alertdrill
