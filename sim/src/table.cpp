#include "alertdrill/table.hpp"

#include "alertdrill/text.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>

namespace alertdrill {

std::string_view column_type_name(ColumnType t) {
    switch (t) {
    case ColumnType::String:
        return "string";
    case ColumnType::Long:
        return "long";
    case ColumnType::Real:
        return "real";
    case ColumnType::Bool:
        return "bool";
    case ColumnType::DateTime:
        return "datetime";
    case ColumnType::TimeSpan:
        return "timespan";
    case ColumnType::Dynamic:
        return "dynamic";
    }
    return "string";
}

std::optional<ColumnType> parse_column_type(std::string_view name) {
    std::string n = to_lower(name);
    if (n == "string") return ColumnType::String;
    if (n == "long" || n == "int") return ColumnType::Long;
    if (n == "real" || n == "double") return ColumnType::Real;
    if (n == "bool" || n == "boolean") return ColumnType::Bool;
    if (n == "datetime" || n == "date") return ColumnType::DateTime;
    if (n == "timespan" || n == "time") return ColumnType::TimeSpan;
    if (n == "dynamic") return ColumnType::Dynamic;
    return std::nullopt;
}

std::string format_datetime_us(int64_t micros) {
    using namespace std::chrono;
    int64_t secs = micros >= 0 ? micros / 1000000 : -((-micros + 999999) / 1000000);
    int64_t frac = micros - secs * 1000000;
    sys_seconds tp{seconds{secs}};
    auto dp = floor<days>(tp);
    year_month_day ymd{dp};
    hh_mm_ss hms{tp - dp};
    std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", int(ymd.year()),
                                  unsigned(ymd.month()), unsigned(ymd.day()), hms.hours().count(),
                                  hms.minutes().count(), hms.seconds().count());
    if (frac) {
        std::string f = fmt::format("{:06}", frac);
        while (!f.empty() && f.back() == '0') f.pop_back();
        out += "." + f;
    }
    return out + "Z";
}

std::optional<int64_t> parse_datetime_us(std::string_view text) {
    using namespace std::chrono;
    std::string s = trim(text);
    int y, mo, d, h = 0, mi = 0;
    double sec = 0;
    char tail[16] = {0};
    int n = std::sscanf(s.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d:%lf%15s", &y, &mo, &d, &h, &mi, &sec,
                        tail);
    if (n < 3) return std::nullopt;
    if (n == 3 && s.size() != 10) return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec < 0 || sec >= 61)
        return std::nullopt;
    year_month_day ymd{year(y), month(mo), day(d)};
    if (!ymd.ok()) return std::nullopt;
    int64_t secs = duration_cast<seconds>(sys_days(ymd).time_since_epoch()).count();
    secs += h * 3600 + mi * 60;
    int64_t us = secs * 1000000 + static_cast<int64_t>(sec * 1e6 + 0.5);
    std::string t = tail;
    if (t.empty() || t == "Z" || t == "z") return us;
    int oh = 0, om = 0;
    char sign = t[0];
    if ((sign == '+' || sign == '-') && std::sscanf(t.c_str() + 1, "%2d:%2d", &oh, &om) >= 1) {
        int64_t off = (oh * 60 + om) * 60LL * 1000000;
        return sign == '+' ? us - off : us + off;
    }
    return std::nullopt;
}

std::string format_timespan_us(int64_t micros) {
    bool neg = micros < 0;
    uint64_t u = neg ? static_cast<uint64_t>(-micros) : static_cast<uint64_t>(micros);
    uint64_t total_s = u / 1000000, frac = u % 1000000;
    uint64_t days = total_s / 86400, h = (total_s / 3600) % 24, m = (total_s / 60) % 60,
             s = total_s % 60;
    std::string out = neg ? "-" : "";
    if (days) out += fmt::format("{}.", days);
    out += fmt::format("{:02}:{:02}:{:02}", h, m, s);
    if (frac) out += fmt::format(".{:06}0", frac);
    return out;
}

void Column::mark_null(bool null) {
    // The first null materialises the flags (a null in row 0 must not be lost).
    if (null && m_nulls.empty()) m_nulls.assign(m_size, false);
    if (null || !m_nulls.empty()) m_nulls.push_back(null);
    ++m_size;
}

void Column::push_null() {
    switch (m_type) {
    case ColumnType::String:
    case ColumnType::Dynamic:
        push_string("");
        --m_size;
        if (!m_nulls.empty()) m_nulls.pop_back();
        break;
    case ColumnType::Real:
        m_reals.push_back(0);
        break;
    default:
        m_ints.push_back(0);
        break;
    }
    mark_null(true);
}

namespace {

/// A fast 32-bit hash of a cell's text (8 bytes a step, then a final mix).
uint32_t text_hash(std::string_view s) {
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
    const char* p = s.data();
    size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
    }
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0x94d049bb133111ebULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return static_cast<uint32_t>(h);
}

} // namespace

size_t Column::Dictionary::probe(std::string_view s, uint32_t h) const {
    const size_t mask = slots.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t v = slots[i];
        if (v == 0 || (hashes[v - 1] == h && strings[v - 1] == s)) return i;
    }
}

void Column::Dictionary::grow() {
    // At most half full: probes stay short.
    size_t want = 16;
    while (want < 2 * (strings.size() + 1)) want *= 2;
    if (want <= slots.size()) return;
    slots.assign(want, 0);
    const size_t mask = want - 1;
    for (uint32_t code = 0; code < strings.size(); ++code) {
        size_t i = hashes[code] & mask;
        while (slots[i]) i = (i + 1) & mask;
        slots[i] = code + 1;
    }
}

const std::deque<std::string>& Column::dictionary() const {
    static const std::deque<std::string> none;
    return m_dict ? m_dict->strings : none;
}

Column::Dictionary& Column::own_dictionary() {
    if (!m_dict)
        m_dict = std::make_shared<Dictionary>();
    else if (m_dict.use_count() > 1)
        m_dict = std::make_shared<Dictionary>(*m_dict);
    return *m_dict;
}

std::optional<uint32_t> Column::find_code(std::string_view s) const {
    if (!m_dict || m_dict->slots.empty()) return std::nullopt;
    uint32_t v = m_dict->slots[m_dict->probe(s, text_hash(s))];
    if (v == 0) return std::nullopt;
    return v - 1;
}

void Column::push_string(std::string_view s) {
    const uint32_t h = text_hash(s);
    if (m_dict && !m_dict->slots.empty()) {
        if (uint32_t v = m_dict->slots[m_dict->probe(s, h)]) {
            push_code(v - 1);
            return;
        }
    }
    // A new value: `s` is not a view into this dictionary, so copying it first is safe.
    Dictionary& d = own_dictionary();
    if (2 * (d.strings.size() + 1) > d.slots.size()) d.grow();
    const uint32_t code = static_cast<uint32_t>(d.strings.size());
    d.slots[d.probe(s, h)] = code + 1;
    d.strings.emplace_back(s);
    d.hashes.push_back(h);
    push_code(code);
}

void Column::push_code(uint32_t code) {
    m_codes.push_back(code);
    mark_null(false);
}

void Column::push_int(int64_t v) {
    m_ints.push_back(v);
    mark_null(false);
}

void Column::push_real(double v) {
    m_reals.push_back(v);
    mark_null(false);
}

void Column::reserve(size_t rows) {
    switch (m_type) {
    case ColumnType::String:
    case ColumnType::Dynamic:
        m_codes.reserve(rows);
        break;
    case ColumnType::Real:
        m_reals.reserve(rows);
        break;
    default:
        m_ints.reserve(rows);
        break;
    }
}

Column Column::clone(std::string name) const {
    Column c(std::move(name), m_type);
    c.m_size = m_size;
    c.m_ints = m_ints;
    c.m_reals = m_reals;
    c.m_codes = m_codes;
    c.m_dict = m_dict; // shared until either side adds a value
    c.m_nulls = m_nulls;
    return c;
}

void Column::append_rows(const Column& src, const std::vector<uint32_t>& rows) {
    reserve(m_size + rows.size());
    const bool strings = m_type == ColumnType::String || m_type == ColumnType::Dynamic;
    // Remapping codes through a table pays off once many rows share few dictionary entries.
    std::vector<uint32_t> remap;
    const size_t src_dict = src.dictionary().size();
    if (strings && rows.size() * 4 >= src_dict) remap.assign(src_dict, UINT32_MAX);
    for (uint32_t r : rows) {
        if (r == UINT32_MAX || src.is_null(r)) {
            push_null();
            continue;
        }
        if (strings) {
            uint32_t code = src.m_codes[r];
            if (!remap.empty()) {
                if (remap[code] == UINT32_MAX) {
                    push_string(src.str(r));
                    remap[code] = m_codes.back();
                    continue;
                }
                m_codes.push_back(remap[code]);
                mark_null(false);
            } else {
                push_string(src.str(r));
            }
        } else if (m_type == ColumnType::Real) {
            push_real(src.m_reals[r]);
        } else {
            push_int(src.m_ints[r]);
        }
    }
}

void Column::append_rows_sharing(const Column& src, const std::vector<uint32_t>& rows) {
    const bool strings = m_type == ColumnType::String || m_type == ColumnType::Dynamic;
    if (!strings) return append_rows(src, rows);
    if (m_dict != src.m_dict) {
        if (m_size != 0) return append_rows(src, rows); // has values of its own
        m_dict = src.m_dict;
    }
    m_codes.reserve(m_size + rows.size());
    for (uint32_t r : rows) {
        // A null cell keeps its source code (the empty value), so no new entry is needed.
        m_codes.push_back(src.m_codes[r]);
        mark_null(src.is_null(r));
    }
}

std::string Column::display(size_t row) const {
    if (is_null(row)) return "";
    switch (m_type) {
    case ColumnType::String:
    case ColumnType::Dynamic:
        return std::string(str(row));
    case ColumnType::Long:
        return std::to_string(i64(row));
    case ColumnType::Real:
        return fmt::format("{}", real(row));
    case ColumnType::Bool:
        return i64(row) ? "true" : "false";
    case ColumnType::DateTime:
        return format_datetime_us(i64(row));
    case ColumnType::TimeSpan:
        return format_timespan_us(i64(row));
    }
    return "";
}

size_t Column::memory_bytes() const {
    size_t b = m_ints.capacity() * 8 + m_reals.capacity() * 8 + m_codes.capacity() * 4 +
               m_nulls.capacity() / 8;
    if (m_dict) {
        for (const auto& s : m_dict->strings) b += s.capacity() + sizeof(std::string);
        b += m_dict->hashes.capacity() * 4 + m_dict->slots.capacity() * 4;
    }
    return b;
}

Table::Table(const Table& other) : m_name(other.m_name), m_keys(other.m_keys) {
    m_columns.reserve(other.m_columns.size());
    for (const auto& c : other.m_columns) m_columns.push_back(c.clone(c.name()));
}

Table& Table::operator=(const Table& other) {
    if (this != &other) *this = Table(other);
    return *this;
}

Column& Table::add_column(std::string name, ColumnType type) {
    m_columns.emplace_back(std::move(name), type);
    return m_columns.back();
}

int Table::column_index(std::string_view name) const {
    for (size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].name() == name) return static_cast<int>(i);
    return -1;
}

const Column* Table::column(std::string_view name) const {
    int i = column_index(name);
    return i < 0 ? nullptr : &m_columns[static_cast<size_t>(i)];
}

const std::string* Table::key_of(size_t row) const {
    auto it = m_keys.find(row);
    return it == m_keys.end() ? nullptr : &it->second;
}

size_t Table::memory_bytes() const {
    size_t b = 0;
    for (const auto& c : m_columns) b += c.memory_bytes();
    return b;
}

} // namespace alertdrill
