#pragma once
// xAPI 1.0.3 statements for a re-scored transcript: attempted, then completed and passed or
// failed when the session ended; and for a re-graded knowledge check, with one answered per
// question. Statement ids are name-based UUIDs (v5, SHA-1) of the attempt
// and the verb, so sending the same transcript twice is harmless.
#include "alertdrill/model.hpp"
#include "alertdrill/quiz.hpp"
#include "alertdrill/quiz_result.hpp"
#include "alertdrill/scoring.hpp"
#include "alertdrill/transcript.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace alertdrill {

/// The SHA-1 digest of `data` as 40 hex digits.
std::string sha1_hex(std::string_view data);
/// RFC 4122 name-based UUID, version 5, in the given namespace UUID.
std::string uuid_v5(std::string_view namespace_uuid, std::string_view name);

struct XapiOptions {
    std::string home_page = "https://alertdrill.example"; ///< the actor account's homePage
    int pass_mark = 70;                                   ///< total needed for "passed"
};

/// The statements for one attempt (JSON array). `end_min` is the simulated minute it ended.
nlohmann::json xapi_statements(const Transcript& t, const ScenarioDef& def, const Score& score,
                               int end_min, const XapiOptions& opts = {});

/// The statements for one knowledge check, re-graded (`r`) against its `bank`: attempted, one
/// `answered` per question (a cmi.interaction activity inside the quiz, with its success, score
/// and the trainee's response), then completed and passed or failed (the bank's pass mark).
/// `identity` is the result file's text: the same file gives the same statement ids.
nlohmann::json xapi_quiz_statements(const QuizResult& r, const QuestionBank& bank,
                                    std::string_view identity, const XapiOptions& opts = {});

} // namespace alertdrill
