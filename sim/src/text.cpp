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
    std::string best;
    size_t best_d = SIZE_MAX;
    std::string lw = to_lower(word);
    for (const auto& c : candidates) {
        size_t d = edit_distance(lw, to_lower(c));
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    // Allow roughly one typo per four characters, at least one.
    size_t limit = std::max<size_t>(1, std::max(word.size(), best.size()) / 4 + 1);
    if (best_d == 0 || best_d > limit) return "";
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
    if (static_cast<size_t>(st.st_size) > max_bytes) {
        error = "file is " + std::to_string(st.st_size) + " bytes; the limit is " +
                std::to_string(max_bytes);
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (out.size() > max_bytes) {
        error = "file exceeds the limit of " + std::to_string(max_bytes) + " bytes";
        return false;
    }
    return true;
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
