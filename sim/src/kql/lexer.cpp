#include "kql/lexer.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

namespace alertdrill::kql {
namespace {

bool ident_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

const char* const k_hyphenated[] = {"project-away",    "project-rename", "project-keep",
                                    "project-reorder", "mv-expand",      "mv-apply"};

// Timespan units in microseconds.
int64_t unit_us(std::string_view u) {
    if (u == "d" || u == "day" || u == "days") return 86400LL * 1000000;
    if (u == "h" || u == "hr" || u == "hrs" || u == "hour" || u == "hours") return 3600LL * 1000000;
    if (u == "m" || u == "min" || u == "minute" || u == "minutes") return 60LL * 1000000;
    if (u == "s" || u == "sec" || u == "second" || u == "seconds") return 1000000;
    if (u == "ms" || u == "milli" || u == "millis" || u == "millisecond" || u == "milliseconds")
        return 1000;
    if (u == "microsecond" || u == "microseconds") return 1;
    if (u == "tick" || u == "ticks") return -10; // 100 ns: divide
    return 0;
}

} // namespace

std::string raw_until_paren(std::string_view src, size_t pos, size_t& end) {
    int depth = 1;
    size_t i = pos;
    for (; i < src.size(); ++i) {
        if (src[i] == '(') ++depth;
        if (src[i] == ')' && --depth == 0) break;
    }
    if (i >= src.size()) throw QueryError(pos, "expected ')' to close the literal");
    end = i + 1;
    return std::string(src.substr(pos, i - pos));
}

std::vector<Token> lex(std::string_view s) {
    std::vector<Token> out;
    size_t i = 0, n = s.size();
    auto punct = [&](size_t p, size_t len) {
        Token t;
        t.kind = Tok::Punct;
        t.text = std::string(s.substr(p, len));
        t.pos = p;
        t.len = len;
        out.push_back(std::move(t));
        i = p + len;
    };
    while (i < n) {
        char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            while (i < n && s[i] != '\n') ++i;
            continue;
        }
        size_t start = i;
        // String literals: '..', "..", verbatim @'..', obfuscated h'..'.
        bool verbatim = false;
        if ((c == '@' || c == 'h' || c == 'H') && i + 1 < n &&
            (s[i + 1] == '\'' || s[i + 1] == '"')) {
            verbatim = c == '@';
            ++i;
            c = s[i];
        }
        if (c == '\'' || c == '"') {
            char q = c;
            std::string val;
            ++i;
            bool closed = false;
            while (i < n) {
                char ch = s[i];
                if (ch == '\n') break;
                if (ch == q) {
                    if (verbatim && i + 1 < n && s[i + 1] == q) {
                        val += q;
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                if (ch == '\\' && !verbatim && i + 1 < n) {
                    char e = s[i + 1];
                    switch (e) {
                    case 'n':
                        val += '\n';
                        break;
                    case 't':
                        val += '\t';
                        break;
                    case 'r':
                        val += '\r';
                        break;
                    case '\\':
                        val += '\\';
                        break;
                    case '\'':
                        val += '\'';
                        break;
                    case '"':
                        val += '"';
                        break;
                    default:
                        throw QueryError(i, std::string("unknown escape '\\") + e + "' in string");
                    }
                    i += 2;
                    continue;
                }
                val += ch;
                ++i;
            }
            if (!closed)
                throw QueryError(start, "this string is not closed: expected a closing " +
                                            std::string(1, q));
            Token t;
            t.kind = Tok::String;
            t.text = std::move(val);
            t.pos = start;
            t.len = i - start;
            out.push_back(std::move(t));
            continue;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) ||
            (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
            bool real = false;
            if (c == '0' && i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
                i += 2;
                while (i < n && std::isxdigit(static_cast<unsigned char>(s[i]))) ++i;
                Token t;
                t.kind = Tok::Long;
                std::from_chars(s.data() + start + 2, s.data() + i, t.i, 16);
                t.pos = start;
                t.len = i - start;
                out.push_back(std::move(t));
                continue;
            }
            while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
            if (i < n && s[i] == '.' && !(i + 1 < n && s[i + 1] == '.')) {
                real = true;
                ++i;
                while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
            }
            if (i < n && (s[i] == 'e' || s[i] == 'E') && i + 1 < n &&
                (std::isdigit(static_cast<unsigned char>(s[i + 1])) ||
                 ((s[i + 1] == '-' || s[i + 1] == '+') && i + 2 < n &&
                  std::isdigit(static_cast<unsigned char>(s[i + 2]))))) {
                real = true;
                i += 2;
                while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
            }
            std::string num(s.substr(start, i - start));
            Token t;
            t.pos = start;
            if (i < n && ident_start(s[i])) {
                size_t us = i;
                while (i < n && ident_char(s[i])) ++i;
                std::string unit(s.substr(us, i - us));
                int64_t mul = unit_us(unit);
                if (!mul)
                    throw QueryError(us, "unknown timespan unit '" + unit +
                                             "': expected d, h, m, s, ms, microsecond or tick");
                double v = std::strtod(num.c_str(), nullptr);
                double us_val = mul > 0 ? v * double(mul) : v / 10.0;
                if (!std::isfinite(us_val) || std::fabs(us_val) > 9.2e18)
                    throw QueryError(start, "timespan literal out of range");
                t.kind = Tok::TimeSpan;
                t.i = static_cast<int64_t>(std::llround(us_val));
            } else if (real) {
                t.kind = Tok::Real;
                t.d = std::strtod(num.c_str(), nullptr);
            } else {
                t.kind = Tok::Long;
                auto r = std::from_chars(num.data(), num.data() + num.size(), t.i);
                if (r.ec != std::errc()) {
                    t.kind = Tok::Real;
                    t.d = std::strtod(num.c_str(), nullptr);
                }
            }
            t.len = i - start;
            out.push_back(std::move(t));
            continue;
        }
        if (ident_start(c) || c == '$' || (c == '!' && i + 1 < n && ident_start(s[i + 1]))) {
            ++i;
            while (i < n && ident_char(s[i])) ++i;
            std::string word(s.substr(start, i - start));
            for (const char* h : k_hyphenated) {
                std::string_view hv(h);
                if (s.substr(start, hv.size()) == hv &&
                    (start + hv.size() >= n || !ident_char(s[start + hv.size()]))) {
                    word = h;
                    i = start + hv.size();
                }
            }
            if (i < n && s[i] == '~' && (word == "in" || word == "!in")) {
                word += '~';
                ++i;
            }
            bool raw_literal =
                word == "datetime" || word == "timespan" || word == "date" || word == "time";
            Token t;
            t.kind = Tok::Ident;
            t.text = std::move(word);
            t.pos = start;
            t.len = i - start;
            out.push_back(std::move(t));
            size_t j = i;
            while (j < n && (s[j] == ' ' || s[j] == '\t')) ++j;
            if (raw_literal && j < n && s[j] == '(') {
                // datetime(2026-03-14T02:10:00Z) is not made of tokens: keep it raw.
                punct(j, 1);
                size_t end = 0;
                Token raw;
                raw.kind = Tok::Raw;
                raw.text = raw_until_paren(s, j + 1, end);
                raw.pos = j + 1;
                raw.len = end - 1 - (j + 1);
                out.push_back(std::move(raw));
                punct(end - 1, 1);
            }
            continue;
        }
        static const char* const two[] = {"==", "!=", "=~", "!~", "<=", ">=", "..", "<>"};
        bool done = false;
        for (const char* p : two) {
            if (i + 1 < n && s[i] == p[0] && s[i + 1] == p[1]) {
                punct(i, 2);
                done = true;
                break;
            }
        }
        if (done) continue;
        if (std::string_view("|()[]{},;=<>+-*/%.:").find(c) != std::string_view::npos) {
            punct(i, 1);
            continue;
        }
        throw QueryError(i, std::string("unexpected character '") +
                                (std::isprint(static_cast<unsigned char>(c)) ? std::string(1, c)
                                                                             : std::string("?")) +
                                "'");
    }
    Token end;
    end.kind = Tok::End;
    end.pos = n;
    out.push_back(end);
    return out;
}

} // namespace alertdrill::kql
