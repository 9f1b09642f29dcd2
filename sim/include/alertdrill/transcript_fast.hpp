#pragma once
// The fast way to read a transcript, for the grader that reads thousands: a strict JSON scanner
// fills a Transcript straight from the text, with no JSON document in between. It accepts only
// a transcript shaped exactly as alertdrill writes one and gives up, silently, on anything
// else; the caller then reads the text the positioned way (parse_transcript), which says what is
// wrong and where. So every message about a broken file comes from one place.
#include "alertdrill/transcript.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace alertdrill {

struct FastReadOptions {
    /// Keep the stored `score` object (informational; grading never reads it and skips it).
    bool keep_score = true;
    /// Keep each action's outcome text (replay recomputes it; grading skips it).
    bool keep_outcomes = true;
};

/// The Transcript parse_transcript gives for `text`, field for field (less what `opts` drops),
/// except that the recorded scenario path is as written (check it with usable_scenario_path).
/// nullopt, having said nothing, when the text is not valid JSON, nests deeper than
/// limits::k_json_depth, is not this format and version, has a key it does not know, a repeated
/// key, a null (outside the stored score), a value of another type or out of range, a string
/// past limits::k_string_bytes, or lacks a required key: whenever the positioned path would
/// report anything at all, and on a few sound texts alertdrill never writes (a byte order mark).
std::optional<Transcript> read_transcript_fast(std::string_view text,
                                               const FastReadOptions& opts = {});

} // namespace alertdrill
