#include "alertdrill/toml_reader.hpp"

#include "alertdrill/limits.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fmt/core.h>

namespace alertdrill {

SourcePos pos_of(const toml::node& node, const std::string& file) {
    const auto& src = node.source();
    return {file, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column)};
}

namespace {

/// toml++'s wording for the commonest mistakes, put in an author's terms.
std::string explain_syntax(std::string_view text, const toml::parse_error& e) {
    std::string desc(e.description());
    const auto& b = e.source().begin;
    if (desc.find("TOML_MAX_NESTED_VALUES") != std::string::npos)
        return "arrays and inline tables are nested too deeply here (the limit is 256 levels)";
    if (desc.find("unescaped control characters") != std::string::npos) {
        // Find the byte toml++ stopped at: a line end there means the string never closed.
        size_t off = 0;
        for (size_t line = 1; line < b.line && off < text.size(); ++off)
            if (text[off] == '\n') ++line;
        off += b.column ? b.column - 1 : 0;
        if (off >= text.size() || text[off] == '\n' || text[off] == '\r')
            return "this string is not closed: add the closing quote before the end of the line "
                   "(text over several lines goes between triple quotes)";
        return "a string holds a control character; write it as an escape such as \\t or "
               "\\u001b";
    }
    return "TOML syntax: " + desc;
}

/// Where a dotted key with more than limits::k_toml_depth parts starts, or npos. toml++ nests a
/// table per part and recurses over them: tens of thousands of parts (a.a.a...) overflow the
/// stack, so such keys are refused before parsing. Dots inside strings and comments do not count;
/// a value such as 1.5 is two parts at most.
size_t deep_dotted_key_at(std::string_view t) {
    int dots = 0;
    bool segment = false;
    size_t run_start = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == '#') {
            while (i < t.size() && t[i] != '\n') ++i;
            dots = 0, segment = false;
        } else if (c == '"' || c == '\'') {
            bool multi = t.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''");
            if (!segment && dots == 0) run_start = i;
            if (multi) {
                size_t end = t.find(c == '"' ? "\"\"\"" : "'''", i + 3);
                i = end == std::string_view::npos ? t.size() : end + 2;
                dots = 0, segment = false;
                continue;
            }
            for (++i; i < t.size() && t[i] != c && t[i] != '\n'; ++i)
                if (c == '"' && t[i] == '\\') ++i;
            segment = true;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '_' || c == '-') { // a bare key's characters (ASCII, no locale lookup)
            if (!segment && dots == 0) run_start = i;
            segment = true;
        } else if (c == '.') {
            if (segment && ++dots >= limits::k_toml_depth) return run_start;
            segment = false;
        } else if (c != ' ' && c != '\t') {
            dots = 0, segment = false;
        }
    }
    return std::string_view::npos;
}

/// Walks the parsed document without recursion, reporting nesting deeper than the limit and
/// strings longer than the limit.
void check_shape(const toml::table& root, const std::string& path, Diagnostics& diags) {
    struct Item {
        const toml::node* node;
        int depth;
    };
    std::vector<Item> stack{{&root, 0}};
    bool deep_reported = false;
    size_t long_strings = 0;
    while (!stack.empty()) {
        Item it = stack.back();
        stack.pop_back();
        if (it.depth > limits::k_toml_depth) {
            if (!deep_reported)
                diags.error(pos_of(*it.node, path), "tables and arrays are nested more than " +
                                                        std::to_string(limits::k_toml_depth) +
                                                        " levels deep here");
            deep_reported = true;
            continue;
        }
        if (const auto* t = it.node->as_table()) {
            for (const auto& [k, v] : *t) stack.push_back({&v, it.depth + 1});
        } else if (const auto* a = it.node->as_array()) {
            for (const auto& v : *a) stack.push_back({&v, it.depth + 1});
        } else if (const auto* str = it.node->as_string()) {
            if (str->get().size() > limits::k_string_bytes && long_strings++ < 10)
                diags.error(pos_of(*it.node, path),
                            "this string is " + std::to_string(str->get().size()) +
                                " bytes long; the limit is " +
                                std::to_string(limits::k_string_bytes) + " bytes");
        }
    }
}

} // namespace

std::optional<toml::table> parse_toml_text(std::string_view text, const std::string& path,
                                           Diagnostics& diags) {
    if (!check_text(text, path, diags)) return std::nullopt;
    if (size_t deep = deep_dotted_key_at(text); deep != std::string_view::npos) {
        diags.error(position_at(text, deep, path), "this dotted key has more than " +
                                                       std::to_string(limits::k_toml_depth) +
                                                       " parts; tables cannot nest that deep");
        return std::nullopt;
    }
    std::optional<toml::table> doc;
    try {
        doc = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        diags.error({path, static_cast<int>(b.line), static_cast<int>(b.column)},
                    explain_syntax(text, e));
        return std::nullopt;
    }
    size_t before = diags.error_count();
    check_shape(*doc, path, diags);
    if (diags.error_count() > before) return std::nullopt;
    return doc;
}

std::optional<toml::table> parse_toml_file(const std::string& path, Diagnostics& diags,
                                           size_t max_bytes, std::string_view what) {
    std::string text;
    if (!read_source(path, text, diags, max_bytes, what)) return std::nullopt;
    return parse_toml_text(text, path, diags);
}

int64_t to_unix_seconds(const toml::date_time& dt) {
    using namespace std::chrono;
    auto days =
        sys_days(year_month_day(year(dt.date.year), month(dt.date.month), day(dt.date.day)));
    int64_t secs = duration_cast<seconds>(days.time_since_epoch()).count();
    secs += dt.time.hour * 3600 + dt.time.minute * 60 + dt.time.second;
    if (dt.offset) secs -= dt.offset->minutes * 60;
    return secs;
}

std::string toml_type_name(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::string:
        return "string";
    case toml::node_type::integer:
        return "integer";
    case toml::node_type::floating_point:
        return "float";
    case toml::node_type::boolean:
        return "boolean";
    case toml::node_type::date:
        return "date";
    case toml::node_type::time:
        return "time";
    case toml::node_type::date_time:
        return "date-time";
    case toml::node_type::array:
        return "array";
    case toml::node_type::table:
        return "table";
    default:
        return "nothing";
    }
}

TableReader::TableReader(const toml::table& table, std::string file, Diagnostics& diags,
                         std::string what)
    : m_table(&table), m_file(std::move(file)), m_diags(&diags), m_what(std::move(what)) {}

SourcePos TableReader::pos() const {
    return pos_of(*m_table, m_file);
}

SourcePos TableReader::pos(std::string_view key) const {
    if (auto* n = m_table->get(key)) return pos_of(*n, m_file);
    return pos();
}

void TableReader::allow(std::string_view key) {
    if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) m_known.emplace_back(key);
}

bool TableReader::has(std::string_view key) {
    allow(key);
    return m_table->contains(key);
}

const toml::node* TableReader::get(std::string_view key, bool required) {
    allow(key);
    const toml::node* n = m_table->get(key);
    if (!n && required)
        m_diags->error(pos(), m_what + " is missing the required key '" + std::string(key) + "'");
    return n;
}

void TableReader::error(std::string_view key, std::string message) {
    m_diags->error(pos(key), std::move(message));
}

void TableReader::warning(std::string_view key, std::string message) {
    m_diags->warning(pos(key), std::move(message));
}

void TableReader::type_error(std::string_view key, const toml::node& n, std::string_view expected) {
    m_diags->error(pos_of(n, m_file), "'" + std::string(key) + "' in " + m_what + " must be " +
                                          std::string(expected) + ", not " + toml_type_name(n));
}

const toml::node* TableReader::node(std::string_view key, bool required) {
    return get(key, required);
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (auto v = n->value<std::string>(); v && n->is_string()) return *v;
    type_error(key, *n, "a string");
    return std::nullopt;
}

std::string TableReader::string_or(std::string_view key, std::string fallback) {
    auto v = string(key, false);
    return v ? *v : std::move(fallback);
}

std::optional<int64_t> TableReader::integer(std::string_view key, bool required, int64_t min,
                                            int64_t max) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (!n->is_integer()) {
        type_error(key, *n, "an integer");
        return std::nullopt;
    }
    int64_t v = *n->value<int64_t>();
    if (v < min || v > max) {
        m_diags->error(pos_of(*n, m_file), "'" + std::string(key) + "' in " + m_what + " is " +
                                               std::to_string(v) + "; it must be between " +
                                               std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return v;
}

std::optional<double> TableReader::number(std::string_view key, bool required, double min,
                                          double max) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (!n->is_number()) {
        type_error(key, *n, "a number");
        return std::nullopt;
    }
    double v = *n->value<double>();
    if (!(v >= min && v <= max)) {
        // The defaults (+-1e300) mean "no bound" and are not worth printing.
        std::string range = max >= 1e300    ? fmt::format("at least {}", min)
                            : min <= -1e300 ? fmt::format("at most {}", max)
                                            : fmt::format("between {} and {}", min, max);
        m_diags->error(pos_of(*n, m_file), "'" + std::string(key) + "' in " + m_what + " is " +
                                               fmt::format("{}", v) + "; it must be " + range);
        return std::nullopt;
    }
    return v;
}

std::optional<bool> TableReader::boolean(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
        type_error(key, *n, "true or false");
        return std::nullopt;
    }
    return *n->value<bool>();
}

std::optional<int64_t> TableReader::datetime(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (!n->is_date_time()) {
        type_error(key, *n, "a date-time such as 2026-03-14T02:10:00Z");
        return std::nullopt;
    }
    return to_unix_seconds(*n->value<toml::date_time>());
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key, bool required,
                                                             bool allow_single) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (allow_single && n->is_string()) return std::vector<std::string>{*n->value<std::string>()};
    const toml::array* arr = n->as_array();
    if (!arr) {
        type_error(key, *n, "an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (const auto& el : *arr) {
        if (!el.is_string()) {
            m_diags->error(pos_of(el, m_file), "'" + std::string(key) + "' in " + m_what +
                                                   " must hold only strings, not " +
                                                   toml_type_name(el));
            ok = false;
            continue;
        }
        out.push_back(*el.value<std::string>());
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<std::string> TableReader::choice(std::string_view key, bool required,
                                               const std::vector<std::string>& allowed) {
    auto v = string(key, required);
    if (!v) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) return v;
    m_diags->error(pos(key), "'" + std::string(key) + "' in " + m_what + " is '" + *v +
                                 "'; expected one of: " + join(allowed, ", ") +
                                 did_you_mean(*v, allowed));
    return std::nullopt;
}

std::optional<TableReader> TableReader::table(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    const toml::table* t = n->as_table();
    if (!t) {
        type_error(key, *n, "a table");
        return std::nullopt;
    }
    // [bank] then [bank.assessment]: name the table as the author writes its header.
    bool bracketed = m_what.size() > 2 && m_what.front() == '[' && m_what.back() == ']';
    std::string name =
        bracketed ? m_what.substr(1, m_what.size() - 2) + "." + std::string(key) : std::string(key);
    return TableReader(*t, m_file, *m_diags, "[" + name + "]");
}

std::vector<TableReader> TableReader::tables(std::string_view key, bool required) {
    std::vector<TableReader> out;
    const toml::node* n = get(key, required);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) {
        type_error(key, *n, "an array of tables ([[" + std::string(key) + "]])");
        return out;
    }
    size_t i = 0;
    for (const auto& el : *arr) {
        if (const toml::table* t = el.as_table()) {
            out.emplace_back(*t, m_file, *m_diags,
                             std::string(key) + "[" + std::to_string(i) + "]");
        } else {
            m_diags->error(pos_of(el, m_file), "'" + std::string(key) + "' in " + m_what +
                                                   " must hold tables, not " + toml_type_name(el));
        }
        ++i;
    }
    return out;
}

void TableReader::finish() {
    for (const auto& [k, v] : *m_table) {
        std::string_view key = k.str();
        if (std::find(m_known.begin(), m_known.end(), key) != m_known.end()) continue;
        const auto& b = k.source().begin;
        SourcePos p = b.line
                          ? SourcePos{m_file, static_cast<int>(b.line), static_cast<int>(b.column)}
                          : pos_of(v, m_file);
        m_diags->error(p, "unknown key '" + std::string(key) + "' in " + m_what +
                              did_you_mean(key, m_known));
    }
}

} // namespace alertdrill
