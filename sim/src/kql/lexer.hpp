#pragma once
// KQL tokens. Hyphenated operator names (project-away, mv-expand) and negated string operators
// (!has, !in~) come out as single identifiers so the parser can treat them as words.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace alertdrill::kql {

/// Thrown inside the engine; run() turns it into an Error with line and column.
struct QueryError : std::runtime_error {
    QueryError(size_t pos, const std::string& msg) : std::runtime_error(msg), offset(pos) {}
    size_t offset;
};

enum class Tok { Ident, Long, Real, TimeSpan, String, Punct, Raw, End };

struct Token {
    Tok kind = Tok::End;
    std::string text; // identifier/punctuation text, or the decoded string literal
    int64_t i = 0;    // Long value, or TimeSpan in microseconds
    double d = 0;     // Real value
    size_t pos = 0;
    size_t len = 0;
};

std::vector<Token> lex(std::string_view src);

/// The raw text of a `datetime(...)` literal's argument, starting after the '(' at `pos`.
std::string raw_until_paren(std::string_view src, size_t pos, size_t& end);

} // namespace alertdrill::kql
