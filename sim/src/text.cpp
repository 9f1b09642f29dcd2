#include "alertdrill/text.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace alertdrill {

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    // Typos are suggested for short names among a reasonable number of them; beyond that the
    // edit distances would cost more than they help (a hostile file could ask for millions).
    constexpr size_t kMaxWord = 64, kMaxCandidates = 2000;
    if (word.size() > kMaxWord || candidates.size() > kMaxCandidates) return "";
    std::string best;
    size_t best_d = SIZE_MAX;
    std::string lw = to_lower(word);
    for (const auto& c : candidates) {
        if (c.size() > kMaxWord) continue;
        size_t d = edit_distance(lw, to_lower(c));
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    // Allow roughly one typo per four characters, at least one.
    size_t limit = std::max<size_t>(1, std::max(word.size(), best.size()) / 4 + 1);
    // An exact match is no typo; a match but for case is worth pointing out ('medium' for
    // 'Medium').
    if (best_d > limit || best == word) return "";
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::string m = closest_match(word, candidates);
    return m.empty() ? "" : " (did you mean '" + m + "'?)";
}

std::string escape_control(std::string_view text, bool keep_newlines) {
    std::string out;
    out.reserve(text.size());
    static const char* hex = "0123456789abcdef";
    for (unsigned char c : text) {
        if ((c == '\n' || c == '\t') && keep_newlines) {
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_ws(std::string_view s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        size_t start = i;
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        if (i > start) out.emplace_back(s.substr(start, i - start));
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

bool read_file(const std::string& path, std::string& out, std::string& error, size_t max_bytes) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        error = "is a directory, not a file";
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        // A device or a pipe has no size to check and may never end (/dev/zero).
        error = "is not a regular file (a device, a pipe or a socket)";
        return false;
    }
    if (static_cast<size_t>(st.st_size) > max_bytes) {
        error = "file is " + std::to_string(st.st_size) + " bytes; the limit is " +
                std::to_string(max_bytes) + " bytes";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    // Read at most one byte past the limit, in case the file grew after stat().
    out.assign(static_cast<size_t>(st.st_size), '\0');
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<size_t>(in.gcount()));
    char extra[4096];
    while (in.read(extra, sizeof extra) || in.gcount() > 0) {
        out.append(extra, static_cast<size_t>(in.gcount()));
        if (out.size() > max_bytes) {
            error = "file exceeds the limit of " + std::to_string(max_bytes) + " bytes";
            return false;
        }
    }
    return true;
}

bool read_source(const std::string& path, std::string& out, Diagnostics& diags, size_t max_bytes,
                 std::string_view what) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        diags.error({path, 0, 0}, std::string("cannot open: ") + std::strerror(errno));
        return false;
    }
    if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > max_bytes) {
        diags.error({path, 1, 1}, "the file is " + std::to_string(st.st_size) +
                                      " bytes; the limit for " + std::string(what) + " is " +
                                      std::to_string(max_bytes) + " bytes");
        return false;
    }
    std::string err;
    if (!read_file(path, out, err, max_bytes)) {
        diags.error({path, 1, 1}, err);
        return false;
    }
    return true;
}

SourcePos position_at(std::string_view text, size_t offset, const std::string& file) {
    offset = std::min(offset, text.size());
    int line = 1, col = 1;
    for (size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return {file, line, col};
}

size_t utf8_sequence_length(std::string_view text, size_t i) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t len = c >= 0xc2 && c <= 0xdf   ? 2
                 : c >= 0xe0 && c <= 0xef ? 3
                 : c >= 0xf0 && c <= 0xf4 ? 4
                                          : 0;
    if (len == 0 || i + len > text.size()) return 0;
    auto b1 = static_cast<unsigned char>(text[i + 1]);
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are malformed too.
    if ((c == 0xe0 && b1 < 0xa0) || (c == 0xed && b1 > 0x9f) || (c == 0xf0 && b1 < 0x90) ||
        (c == 0xf4 && b1 > 0x8f))
        return 0;
    for (size_t k = 1; k < len; ++k)
        if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
    return len;
}

size_t find_bad_text(std::string_view text) {
    size_t i = 0, n = text.size();
    while (i < n) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == 0) return i;
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len = utf8_sequence_length(text, i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

bool check_text(std::string_view text, const std::string& path, Diagnostics& diags) {
    size_t bad = find_bad_text(text);
    if (bad == std::string_view::npos) return true;
    if (text[bad] == '\0')
        diags.error(position_at(text, bad, path),
                    "the file contains a NUL byte; is this a binary file?");
    else
        diags.error(position_at(text, bad, path),
                    "the file is not valid UTF-8 here; save it as UTF-8 text");
    return false;
}

std::optional<double> parse_utc_seconds(std::string_view s) {
    // Fixed layout: 2026-12-04T10:00:00Z, optionally 2026-12-04T10:00:00.250Z.
    if (s.size() < 20 || s.back() != 'Z') return std::nullopt;
    auto num = [&](size_t at, size_t len, int& out) {
        out = 0;
        for (size_t i = at; i < at + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, sec;
    if (!num(0, 4, y) || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d) ||
        (s[10] != 'T' && s[10] != 't') || !num(11, 2, h) || s[13] != ':' || !num(14, 2, mi) ||
        s[16] != ':' || !num(17, 2, sec))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    double frac = 0;
    if (s.size() > 20) {
        if (s[19] != '.' || s.size() == 21) return std::nullopt;
        double scale = 0.1;
        for (size_t i = 20; i + 1 < s.size(); ++i, scale /= 10) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            frac += (s[i] - '0') * scale;
        }
    }
    // Days from the civil date (Howard Hinnant's days_from_civil), so no time zone is involved.
    int yy = mo <= 2 ? y - 1 : y;
    int era = (yy >= 0 ? yy : yy - 399) / 400;
    int yoe = yy - era * 400;
    int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = int64_t(era) * 146097 + doe - 719468;
    return double(days * 86400 + h * 3600 + mi * 60 + sec) + frac;
}

} // namespace alertdrill
