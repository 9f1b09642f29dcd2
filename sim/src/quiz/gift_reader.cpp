// GIFT reader. Follows Moodle's qformat_gift: questions are separated by blank lines, `//` lines
// are comments, `::title::` names a question, the answer block sits in unescaped braces, answers
// start at unescaped '=' or '~', `%n%` weights, `#` feedback, `####` general feedback, and
// backslash escapes for ~ = # { } : and \n.
#include "alertdrill/gift.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace alertdrill {

namespace {

size_t find_unescaped(const std::string& s, std::string_view what, size_t from = 0) {
    for (size_t i = from; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s.compare(i, what.size(), what) == 0) return i;
    }
    return std::string::npos;
}

/// `fold_lines`: a line break in the file is a space in the text (only an escaped \n is a
/// newline), as gift-pegjs reads stems and answers; titles keep their line breaks.
std::string unescape(std::string_view s, bool fold_lines = true) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\n' && fold_lines) {
            while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
            out += ' ';
            while (i + 1 < s.size() && (s[i + 1] == ' ' || s[i + 1] == '\t')) ++i;
            continue;
        }
        if (s[i] == '\\' && i + 1 < s.size()) {
            char c = s[i + 1];
            if (c == 'n') {
                out += '\n';
                ++i;
                continue;
            }
            if (std::string_view("~=#{}:\\").find(c) != std::string_view::npos) {
                out += c;
                ++i;
                continue;
            }
        }
        out += s[i];
    }
    return trim(out);
}

bool parse_number(std::string_view text, double& out) {
    std::string s = trim(text);
    if (s.empty()) return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return *end == '\0' && std::isfinite(out);
}

/// Splits an answer block at each unescaped answer mark ('=' or '~'); text before the first mark is
/// returned in `lead`.
std::vector<std::pair<char, std::string>> split_answers(const std::string& s, std::string& lead) {
    std::vector<std::pair<char, std::string>> out;
    size_t i = 0, start = 0;
    char mark = 0;
    for (; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] == '=' || s[i] == '~') {
            if (mark)
                out.emplace_back(mark, s.substr(start, i - start));
            else
                lead = s.substr(0, i);
            mark = s[i];
            start = i + 1;
        }
    }
    if (mark)
        out.emplace_back(mark, s.substr(start));
    else
        lead = s;
    return out;
}

/// Reads a leading %n% weight; false when it is malformed.
bool take_weight(std::string& body, GiftAnswer& a) {
    std::string t = trim(body);
    if (t.empty() || t[0] != '%') {
        body = t;
        return true;
    }
    size_t close = t.find('%', 1);
    if (close == std::string::npos || !parse_number(t.substr(1, close - 1), a.weight)) return false;
    a.has_weight = true;
    body = t.substr(close + 1);
    return true;
}

void take_feedback(std::string& body, GiftAnswer& a) {
    size_t hash = find_unescaped(body, "#");
    if (hash == std::string::npos) return;
    a.has_feedback = true;
    a.feedback = unescape(std::string_view(body).substr(hash + 1));
    body = body.substr(0, hash);
}

bool parse_numeric_answer(std::string body, GiftAnswer& a) {
    size_t range = body.find("..");
    if (range != std::string::npos) {
        double lo, hi;
        if (!parse_number(body.substr(0, range), lo) || !parse_number(body.substr(range + 2), hi))
            return false;
        a.value = (lo + hi) / 2;
        a.tolerance = std::abs(hi - lo) / 2;
        return true;
    }
    size_t colon = find_unescaped(body, ":");
    if (colon == std::string::npos) {
        body.erase(std::remove(body.begin(), body.end(), '\\'), body.end());
        return parse_number(body, a.value);
    }
    std::string v = body.substr(0, colon), t = body.substr(colon + 1);
    return parse_number(v, a.value) && parse_number(t, a.tolerance);
}

bool parse_block(const std::string& block, GiftQuestion& q, Diagnostics& diags) {
    const SourcePos& pos = q.pos;
    // Where `needle` first appears in the question (the block starts at q.pos), so a problem
    // with one answer points at that answer's line rather than the question's first line.
    auto at = [&](std::string_view needle) {
        size_t off = needle.empty() ? std::string::npos : block.find(needle);
        if (off == std::string::npos) return pos;
        SourcePos p = position_at(block, off, pos.file);
        p.line += pos.line - 1;
        return p;
    };
    std::string rest = trim(block);
    if (rest.rfind("::", 0) == 0) {
        size_t end = find_unescaped(rest, "::", 2);
        if (end == std::string::npos) {
            diags.error(pos, "the title opened with '::' is never closed");
            return false;
        }
        q.has_title = true;
        q.title = unescape(std::string_view(rest).substr(2, end - 2), false);
        rest = trim(std::string_view(rest).substr(end + 2));
    }
    for (const char* fmt : {"[moodle]", "[html]", "[plain]", "[markdown]"})
        if (rest.rfind(fmt, 0) == 0)
            rest = trim(std::string_view(rest).substr(std::string_view(fmt).size()));
    size_t open = find_unescaped(rest, "{");
    if (open == std::string::npos) {
        q.kind = "Description";
        q.stem = unescape(rest);
        return true;
    }
    size_t close = find_unescaped(rest, "}", open + 1);
    if (close == std::string::npos) {
        diags.error(at(rest.substr(open)),
                    "the answer block opened with '{' is never closed with '}'");
        return false;
    }
    std::string before = trim(std::string_view(rest).substr(0, open));
    std::string after = trim(std::string_view(rest).substr(close + 1));
    q.stem = unescape(before);
    if (!after.empty()) q.stem += " _____ " + unescape(after);
    std::string inside = rest.substr(open + 1, close - open - 1);
    if (size_t gf = find_unescaped(inside, "####"); gf != std::string::npos) {
        q.has_global_feedback = true;
        q.global_feedback = unescape(std::string_view(inside).substr(gf + 4));
        inside = inside.substr(0, gf);
    }
    std::string t = trim(inside);
    if (t.empty()) {
        q.kind = "Essay";
        return true;
    }
    if (t[0] == '#') {
        q.kind = "Numerical";
        std::string body = t.substr(1), lead;
        auto parts = split_answers(body, lead);
        if (parts.empty())
            parts.emplace_back('=', lead);
        else if (!trim(lead).empty()) {
            diags.error(at(trim(lead)), "numerical answer block has text before its first '=': '" +
                                            trim(lead) + "'");
            return false;
        }
        for (auto& [mark, text] : parts) {
            GiftAnswer a;
            a.mark = mark;
            std::string b = text;
            if (!take_weight(b, a)) {
                diags.error(at(trim(text)),
                            "malformed %weight% in numerical answer '" + trim(text) + "'");
                return false;
            }
            take_feedback(b, a);
            if (!parse_numeric_answer(trim(b), a)) {
                diags.error(at(trim(b)),
                            "'" + trim(b) + "' is not a number, NUMBER:TOLERANCE or LOW..HIGH");
                return false;
            }
            q.answers.push_back(a);
        }
        return true;
    }
    {
        size_t hash = find_unescaped(t, "#");
        std::string head =
            trim(std::string_view(t).substr(0, hash == std::string::npos ? t.size() : hash));
        if (head == "T" || head == "TRUE" || head == "F" || head == "FALSE") {
            q.kind = "TF";
            q.tf_answer = head[0] == 'T';
            if (hash != std::string::npos) {
                std::string fbs = t.substr(hash + 1);
                size_t second = find_unescaped(fbs, "#");
                q.tf_has_wrong = true;
                q.tf_wrong_feedback = unescape(std::string_view(fbs).substr(0, second));
                if (second != std::string::npos) {
                    q.tf_has_right = true;
                    q.tf_right_feedback = unescape(std::string_view(fbs).substr(second + 1));
                }
            }
            return true;
        }
    }
    std::string lead;
    auto parts = split_answers(t, lead);
    if (parts.empty() || !trim(lead).empty()) {
        diags.error(parts.empty() ? pos : at(trim(lead)),
                    parts.empty()
                        ? "the answer block has no answers starting with '=' or '~'"
                        : "text before the first answer in the block: '" + trim(lead) + "'");
        return false;
    }
    bool matching = false, all_right = true;
    for (const auto& [mark, text] : parts) {
        if (mark == '=' && text.find("->") != std::string::npos) matching = true;
        if (mark != '=') all_right = false;
    }
    q.kind = matching ? "Matching" : all_right ? "Short" : "MC";
    for (auto& [mark, text] : parts) {
        GiftAnswer a;
        a.mark = mark;
        std::string b = text;
        if (!take_weight(b, a)) {
            diags.error(at(trim(text)), "malformed %weight% in answer '" + trim(text) + "'");
            return false;
        }
        take_feedback(b, a);
        if (matching) {
            size_t arrow = b.find("->");
            if (arrow == std::string::npos || mark != '=') {
                diags.error(at(trim(text)), "matching answer '" + trim(text) +
                                                "' needs the form '=PROMPT -> ANSWER'");
                return false;
            }
            a.text = unescape(std::string_view(b).substr(0, arrow));
            a.match = unescape(std::string_view(b).substr(arrow + 2));
        } else {
            a.text = unescape(b);
        }
        q.answers.push_back(std::move(a));
    }
    return true;
}

} // namespace

bool parse_gift(const std::string& text, const std::string& path, std::vector<GiftQuestion>& out,
                Diagnostics& diags) {
    size_t errors = diags.error_count();
    if (!check_text(text, path, diags)) return false;
    std::string block;
    int block_line = 0, line_no = 0;
    std::vector<std::pair<std::string, std::string>> meta;
    auto flush = [&] {
        if (trim(block).empty()) {
            block.clear();
            return;
        }
        GiftQuestion q;
        q.pos = {path, block_line, 1};
        q.meta = std::move(meta);
        meta.clear();
        if (parse_block(block, q, diags)) out.push_back(std::move(q));
        block.clear();
    };
    size_t start = 0;
    std::string src = text;
    if (src.rfind("\xEF\xBB\xBF", 0) == 0) src.erase(0, 3); // UTF-8 byte-order mark
    while (start <= src.size()) {
        size_t end = src.find('\n', start);
        if (end == std::string::npos) end = src.size();
        std::string line = src.substr(start, end - start);
        start = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string t = trim(line);
        if (t.rfind("//", 0) == 0) {
            // `// @key value` comments carry what GIFT cannot (see gift.hpp).
            if (t.rfind("// @", 0) == 0) {
                std::string kv = t.substr(4);
                size_t sp = kv.find(' ');
                meta.emplace_back(kv.substr(0, sp),
                                  sp == std::string::npos ? "" : trim(kv.substr(sp + 1)));
            }
            continue;
        }
        if (t.rfind("$CATEGORY:", 0) == 0 && block.empty()) {
            GiftQuestion c;
            c.kind = "Category";
            c.has_title = true;
            c.title = trim(std::string_view(t).substr(10));
            c.pos = {path, line_no, 1};
            out.push_back(std::move(c));
            continue;
        }
        // Like Moodle, a blank line always ends a question, so an unclosed '{' is reported where
        // it is rather than swallowing the rest of the file.
        if (t.empty()) {
            flush();
            continue;
        }
        if (block.empty())
            block_line = line_no;
        else
            block += '\n';
        block += line;
        if (end == src.size()) break;
    }
    flush();
    return diags.error_count() == errors;
}

} // namespace alertdrill
