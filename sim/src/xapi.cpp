#include "alertdrill/xapi.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fmt/format.h>

namespace alertdrill {

using nlohmann::json;

namespace {

std::array<uint8_t, 20> sha1(std::string_view data) {
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::string m(data);
    uint64_t bits = uint64_t(data.size()) * 8;
    m += char(0x80);
    while (m.size() % 64 != 56) m += char(0);
    for (int i = 7; i >= 0; --i) m += char((bits >> (i * 8)) & 0xff);
    auto rol = [](uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
    for (size_t off = 0; off < m.size(); off += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; ++i)
            w[i] = uint32_t(uint8_t(m[off + i * 4])) << 24 |
                   uint32_t(uint8_t(m[off + i * 4 + 1])) << 16 |
                   uint32_t(uint8_t(m[off + i * 4 + 2])) << 8 |
                   uint32_t(uint8_t(m[off + i * 4 + 3]));
        for (int i = 16; i < 80; ++i) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            uint32_t f, k;
            if (i < 20)
                f = (b & c) | (~b & d), k = 0x5A827999;
            else if (i < 40)
                f = b ^ c ^ d, k = 0x6ED9EBA1;
            else if (i < 60)
                f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
            else
                f = b ^ c ^ d, k = 0xCA62C1D6;
            uint32_t t = rol(a, 5) + f + e + k + w[i];
            e = d, d = c, c = rol(b, 30), b = a, a = t;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
    }
    std::array<uint8_t, 20> out{};
    for (int i = 0; i < 20; ++i) out[i] = uint8_t(h[i / 4] >> (24 - (i % 4) * 8));
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Our own namespace for alertdrill statement ids and registrations.
constexpr const char* kNamespace = "4c1f6d52-8e0b-5a57-9d43-2f7a1e6b9c30";

json verb(const std::string& id) {
    return {{"id", "http://adlnet.gov/expapi/verbs/" + id}, {"display", {{"en-US", id}}}};
}

/// The context every statement of one attempt shares.
json attempt_context(const std::string& registration, json extensions) {
    return {{"registration", registration},
            {"platform", "alertdrill " ALERTDRILL_VERSION},
            {"language", "en-US"},
            {"extensions", std::move(extensions)}};
}

json agent(const std::string& trainee, const XapiOptions& opts) {
    const std::string name = trainee.empty() ? "anonymous" : trainee;
    return {{"objectType", "Agent"},
            {"name", name},
            {"account", {{"homePage", opts.home_page}, {"name", name}}}};
}

/// xAPI's interactionType for a question type.
const char* interaction_type(const std::string& type) {
    if (type == "single" || type == "multiple") return "choice";
    if (type == "truefalse") return "true-false";
    if (type == "numeric") return "numeric";
    if (type == "ordering") return "sequencing";
    if (type == "matching") return "matching";
    return "fill-in"; // short, evidence
}

/// A score for xAPI: scaled must lie in [-1, 1] (certainty-based marks go below zero), raw no
/// higher than max.
json quiz_score(double mark, double max_mark) {
    double scaled = max_mark > 0 ? std::clamp(mark / max_mark, -1.0, 1.0) : 0.0;
    return {{"scaled", scaled}, {"raw", std::min(mark, max_mark)}, {"max", max_mark}};
}

} // namespace

std::string sha1_hex(std::string_view data) {
    std::string out;
    for (uint8_t b : sha1(data)) out += fmt::format("{:02x}", b);
    return out;
}

std::string uuid_v5(std::string_view ns, std::string_view name) {
    std::string bytes;
    for (size_t i = 0; i + 1 < ns.size(); ++i) {
        int hi = hex_value(ns[i]), lo = hex_value(ns[i + 1]);
        if (hi < 0 || lo < 0) continue;
        bytes += char(hi * 16 + lo);
        ++i;
    }
    auto h = sha1(bytes + std::string(name));
    h[6] = uint8_t((h[6] & 0x0f) | 0x50);
    h[8] = uint8_t((h[8] & 0x3f) | 0x80);
    std::string s;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += fmt::format("{:02x}", h[i]);
    }
    return s;
}

json xapi_statements(const Transcript& t, const ScenarioDef& def, const Score& score, int end_min,
                     const XapiOptions& opts) {
    std::string attempt = t.scenario_id + "\n" + t.scenario_hash + "\n" + t.trainee + "\n" +
                          t.started_utc + "\n" + std::to_string(t.seed);
    std::string registration = uuid_v5(kNamespace, "registration\n" + attempt);
    json actor = agent(t.trainee, opts);
    json object = {{"objectType", "Activity"},
                   {"id", opts.home_page + "/scenarios/" + t.scenario_id},
                   {"definition",
                    {{"name", {{"en-US", def.title.empty() ? t.scenario_id : def.title}}},
                     {"description", {{"en-US", def.summary.empty() ? def.title : def.summary}}},
                     {"type", "http://adlnet.gov/expapi/activities/simulation"}}}};
    if (def.summary.empty() && def.title.empty()) object["definition"].erase("description");
    json context = attempt_context(
        registration, {{opts.home_page + "/xapi/seed", t.seed},
                       {opts.home_page + "/xapi/scenario-hash", t.scenario_hash},
                       {opts.home_page + "/xapi/mode", std::string(mode_name(t.mode))}});
    json steps = json::object();
    for (int i = 0; i < kStepCount; ++i)
        steps[std::string(step_id(static_cast<Step>(i)))] = {{"score", score.phases[i].earned},
                                                             {"max", score.phases[i].max}};
    bool passed = score.total >= opts.pass_mark;
    json result = {
        {"score",
         {{"scaled", score.total / 100.0}, {"raw", score.total}, {"min", 0}, {"max", 100}}},
        {"success", passed},
        {"completion", t.finished},
        {"duration", fmt::format("PT{}M", std::max(0, end_min))},
        {"extensions",
         {{opts.home_page + "/xapi/steps", steps},
          {opts.home_page + "/xapi/time-to-contain-min",
           score.time_to_contain_min ? json(*score.time_to_contain_min) : json()},
          {opts.home_page + "/xapi/hints-used", score.hints_used}}}};

    auto statement = [&](const std::string& v, bool with_result) {
        json s = {{"id", uuid_v5(kNamespace, "statement\n" + v + "\n" + attempt)},
                  {"version", "1.0.3"},
                  {"actor", actor},
                  {"verb", verb(v)},
                  {"object", object},
                  {"context", context}};
        if (!t.started_utc.empty()) s["timestamp"] = t.started_utc;
        if (with_result) s["result"] = result;
        return s;
    };
    json out = json::array();
    out.push_back(statement("attempted", false));
    if (t.finished) {
        out.push_back(statement("completed", true));
        out.push_back(statement(passed ? "passed" : "failed", true));
    }
    return out;
}

json xapi_quiz_statements(const QuizResult& r, const QuestionBank& bank, std::string_view identity,
                          const XapiOptions& opts) {
    const std::string attempt = "quiz\n" + r.bank_id + "\n" + sha1_hex(identity);
    const std::string registration = uuid_v5(kNamespace, "registration\n" + attempt);
    const std::string quiz_id = opts.home_page + "/quizzes/" + r.bank_id;
    json quiz = {{"objectType", "Activity"},
                 {"id", quiz_id},
                 {"definition",
                  {{"name", {{"en-US", bank.title.empty() ? r.bank_id : bank.title}}},
                   {"type", "http://adlnet.gov/expapi/activities/assessment"}}}};
    if (!bank.description.empty())
        quiz["definition"]["description"] = {{"en-US", bank.description}};
    json context =
        attempt_context(registration, {{opts.home_page + "/xapi/seed", r.seed},
                                       {opts.home_page + "/xapi/bank-hash", r.bank_hash},
                                       {opts.home_page + "/xapi/mode", r.mode},
                                       {opts.home_page + "/xapi/certainty-based", r.cbm}});
    const json actor = agent(r.trainee, opts);
    auto statement = [&](const std::string& v, const std::string& part, json object) {
        return json{{"id", uuid_v5(kNamespace, "statement\n" + v + "\n" + part + attempt)},
                    {"version", "1.0.3"},
                    {"actor", actor},
                    {"verb", verb(v)},
                    {"object", std::move(object)},
                    {"context", context}};
    };
    json out = json::array();
    out.push_back(statement("attempted", "", quiz));
    for (const auto& q : r.questions) {
        if (!q.answered) continue;
        const Question* def = bank.find(q.id);
        json object = {{"objectType", "Activity"},
                       {"id", quiz_id + "/questions/" + q.id},
                       {"definition",
                        {{"name", {{"en-US", q.id}}},
                         {"type", "http://adlnet.gov/expapi/activities/cmi.interaction"},
                         {"interactionType", interaction_type(q.type)}}}};
        if (def && !def->text.empty()) object["definition"]["description"] = {{"en-US", def->text}};
        json s = statement("answered", q.id + "\n", std::move(object));
        s["context"]["contextActivities"] = {{"parent", json::array({{{"id", quiz_id}}})}};
        s["result"] = {{"success", q.fraction >= 1.0},
                       {"response", q.response},
                       {"score", quiz_score(q.mark, q.max_mark)}};
        if (!q.misconceptions.empty())
            s["result"]["extensions"] = {
                {opts.home_page + "/xapi/misconceptions", q.misconceptions}};
        out.push_back(std::move(s));
    }
    json result = {{"score", quiz_score(r.mark, r.max_mark)},
                   {"success", r.passed},
                   {"completion", true},
                   {"duration", fmt::format("PT{:.2f}S", std::max(0.0, r.elapsed_seconds))}};
    json completed = statement("completed", "", quiz);
    completed["result"] = result;
    out.push_back(std::move(completed));
    json verdict = statement(r.passed ? "passed" : "failed", "", quiz);
    verdict["result"] = result;
    out.push_back(std::move(verdict));
    return out;
}

} // namespace alertdrill
