#pragma once
// A strict, event-driven reader for the JSON alertdrill writes, for readers that must be fast
// (read_transcript_fast). It accepts only what nlohmann::json::parse reads to the same values,
// and gives up on anything else rather than report it: a byte order mark, an integer past 64
// bits, a number whose value strtod could not represent. No document is built; a string
// without escapes is handed over as a view into the text.
#include "alertdrill/text.hpp"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace alertdrill::detail {

/// Feeds `h` the events of the JSON in `text`: start_object(), key(string_view), end_object(),
/// start_array(), end_array(), string(string_view), number_unsigned(uint64_t) for a whole number
/// from 0 up, number_integer(int64_t) for a negative one (and "-0"), number_float(double),
/// boolean(bool) and null(), each returning false to stop. A string_view lives until the next
/// event. True when the text is one JSON value with nothing but whitespace around it and every
/// event was taken.
template <class Handler>
class JsonScanner {
  public:
    JsonScanner(std::string_view text, Handler& h)
        : m_p(text.data()), m_end(text.data() + text.size()), m_h(h) {}

    bool run() {
        ws();
        for (;;) {
            // A value.
            if (m_p >= m_end) return false;
            const char c = *m_p;
            if (c == '{' || c == '[') {
                ++m_p;
                const char close = c == '{' ? '}' : ']';
                if (!(c == '{' ? m_h.start_object() : m_h.start_array())) return false;
                ws();
                if (m_p >= m_end || *m_p != close) {
                    m_open.push_back(c);
                    if (c == '{' && !key()) return false;
                    continue;
                }
                ++m_p;
                if (!(c == '{' ? m_h.end_object() : m_h.end_array())) return false;
            } else if (!scalar(c)) {
                return false;
            }
            // What may follow a value: a comma, or the end of its container.
            for (;;) {
                ws();
                if (m_open.empty()) return m_p == m_end;
                if (m_p >= m_end) return false;
                const char open = m_open.back();
                if (*m_p == ',') {
                    ++m_p;
                    ws();
                    if (open == '{' && !key()) return false;
                    break;
                }
                if (*m_p != (open == '{' ? '}' : ']')) return false;
                ++m_p;
                m_open.pop_back();
                if (!(open == '{' ? m_h.end_object() : m_h.end_array())) return false;
            }
        }
    }

  private:
    void ws() {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t')) ++m_p;
    }
    static bool digit(char c) { return c >= '0' && c <= '9'; }

    /// A key, its colon and the whitespace up to its value.
    bool key() {
        std::string_view k;
        if (m_p >= m_end || *m_p != '"' || !string(k) || !m_h.key(k)) return false;
        ws();
        if (m_p >= m_end || *m_p != ':') return false;
        ++m_p;
        ws();
        return true;
    }

    bool scalar(char c) {
        std::string_view s;
        switch (c) {
        case '"':
            return string(s) && m_h.string(s);
        case 't':
            return literal("true") && m_h.boolean(true);
        case 'f':
            return literal("false") && m_h.boolean(false);
        case 'n':
            return literal("null") && m_h.null();
        default:
            return (c == '-' || digit(c)) && number();
        }
    }

    bool literal(std::string_view word) {
        if (size_t(m_end - m_p) < word.size() || std::memcmp(m_p, word.data(), word.size()) != 0)
            return false;
        m_p += word.size();
        return true;
    }

    /// The grammar of RFC 8259; the value as strtod/strtoull give it, or give up.
    bool number() {
        const char* start = m_p;
        const bool negative = *m_p == '-';
        if (negative) ++m_p;
        if (m_p >= m_end || !digit(*m_p)) return false;
        if (*m_p++ != '0')
            while (m_p < m_end && digit(*m_p)) ++m_p;
        bool fraction = false;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (m_p >= m_end || !digit(*m_p)) return false;
            while (m_p < m_end && digit(*m_p)) ++m_p;
            fraction = true;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-')) ++m_p;
            if (m_p >= m_end || !digit(*m_p)) return false;
            while (m_p < m_end && digit(*m_p)) ++m_p;
            fraction = true;
        }
        // Out of range (an overflow, or an underflow strtod would round) gives up.
        if (fraction) {
            double d;
            auto [end, ec] = std::from_chars(start, m_p, d);
            return ec == std::errc() && end == m_p && m_h.number_float(d);
        }
        if (negative) {
            int64_t n;
            auto [end, ec] = std::from_chars(start, m_p, n);
            return ec == std::errc() && end == m_p && m_h.number_integer(n);
        }
        uint64_t n;
        auto [end, ec] = std::from_chars(start, m_p, n);
        return ec == std::errc() && end == m_p && m_h.number_unsigned(n);
    }

    /// At an opening quote. Refuses control characters, malformed UTF-8, unknown escapes and
    /// unpaired surrogates, as nlohmann does.
    bool string(std::string_view& out) {
        const char* start = ++m_p;
        while (m_p < m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                out = std::string_view(start, size_t(m_p - start));
                ++m_p;
                return true;
            }
            if (c == '\\') break;
            if (!plain(c)) return false;
        }
        if (m_p >= m_end) return false;
        m_buf.assign(start, m_p);
        while (m_p < m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                out = m_buf;
                ++m_p;
                return true;
            }
            if (c != '\\') {
                const char* from = m_p;
                if (!plain(c)) return false;
                m_buf.append(from, m_p);
                continue;
            }
            if (++m_p >= m_end) return false;
            switch (*m_p++) {
            case '"':
                m_buf += '"';
                break;
            case '\\':
                m_buf += '\\';
                break;
            case '/':
                m_buf += '/';
                break;
            case 'b':
                m_buf += '\b';
                break;
            case 'f':
                m_buf += '\f';
                break;
            case 'n':
                m_buf += '\n';
                break;
            case 'r':
                m_buf += '\r';
                break;
            case 't':
                m_buf += '\t';
                break;
            case 'u':
                if (!unicode_escape()) return false;
                break;
            default:
                return false;
            }
        }
        return false;
    }

    /// Steps over one character of a string that needs no decoding; false if it may not be there.
    bool plain(unsigned char c) {
        if (c < 0x20) return false;
        if (c < 0x80) {
            ++m_p;
            return true;
        }
        size_t len = utf8_sequence_length(std::string_view(m_p, size_t(m_end - m_p)), 0);
        m_p += len;
        return len != 0;
    }

    bool hex4(uint32_t& v) {
        if (m_end - m_p < 4) return false;
        v = 0;
        for (int i = 0; i < 4; ++i) {
            char c = *m_p++;
            int d = digit(c)               ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (d < 0) return false;
            v = v * 16 + uint32_t(d);
        }
        return true;
    }

    /// After "\u": the code point (a surrogate pair joined), written as UTF-8.
    bool unicode_escape() {
        uint32_t cp;
        if (!hex4(cp)) return false;
        if (cp >= 0xdc00 && cp <= 0xdfff) return false;
        if (cp >= 0xd800 && cp <= 0xdbff) {
            uint32_t low;
            if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u') return false;
            m_p += 2;
            if (!hex4(low) || low < 0xdc00 || low > 0xdfff) return false;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        }
        if (cp < 0x80) {
            m_buf += char(cp);
        } else if (cp < 0x800) {
            m_buf += char(0xc0 | (cp >> 6));
            m_buf += char(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            m_buf += char(0xe0 | (cp >> 12));
            m_buf += char(0x80 | ((cp >> 6) & 0x3f));
            m_buf += char(0x80 | (cp & 0x3f));
        } else {
            m_buf += char(0xf0 | (cp >> 18));
            m_buf += char(0x80 | ((cp >> 12) & 0x3f));
            m_buf += char(0x80 | ((cp >> 6) & 0x3f));
            m_buf += char(0x80 | (cp & 0x3f));
        }
        return true;
    }

    const char* m_p;
    const char* m_end;
    Handler& m_h;
    std::string m_buf;        ///< a string with escapes, decoded
    std::vector<char> m_open; ///< '{' or '[' for each container open
};

} // namespace alertdrill::detail
