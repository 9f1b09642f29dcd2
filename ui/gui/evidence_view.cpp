#include "gui/evidence_view.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>

namespace alertdrill::gui {

namespace {

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

/// Whether `hay` holds `lower_needle` ignoring ASCII case. Runs over every distinct value of a
/// table on each rebuild: it skips to candidate first letters rather than lowering every char.
bool icontains(std::string_view hay, std::string_view lower_needle) {
    if (lower_needle.empty()) return true;
    if (hay.size() < lower_needle.size()) return false;
    const char first = lower_needle[0];
    const char first_upper = first >= 'a' && first <= 'z' ? char(first - 'a' + 'A') : first;
    const size_t last = hay.size() - lower_needle.size();
    for (size_t i = 0; i <= last; ++i) {
        if (hay[i] != first && hay[i] != first_upper) continue;
        size_t k = 1;
        while (k < lower_needle.size() && ascii_lower(hay[i + k]) == lower_needle[k]) ++k;
        if (k == lower_needle.size()) return true;
    }
    return false;
}

bool is_text(const Column& c) {
    return c.type() == ColumnType::String || c.type() == ColumnType::Dynamic;
}

/// Whether a cell of a non-text column could show `needle` (lower case) at all: each type prints
/// only some characters (a date-time at most one '.'), so an IP or a word skips formatting every
/// number and date of the table, which is most of a rebuild.
bool could_show(ColumnType type, std::string_view needle) {
    auto only = [&](std::string_view chars) {
        return needle.find_first_not_of(chars) == std::string_view::npos;
    };
    const auto dots = std::count(needle.begin(), needle.end(), '.');
    switch (type) {
    case ColumnType::Long:
        return only("-0123456789");
    case ColumnType::DateTime:
        return only("0123456789-:tz.") && dots <= 1;
    case ColumnType::TimeSpan:
        return only("0123456789-:.") && dots <= 2;
    case ColumnType::Bool:
        return only("truefals");
    case ColumnType::Real: // digits, or inf / nan
        return only("0123456789-+.einfa");
    default:
        return true;
    }
}

} // namespace

bool EvidenceView::update(const Table* table, uint64_t generation) {
    if (!table) {
        m_table = nullptr;
        m_rows.clear();
        return false;
    }
    if (table == m_table && generation == m_generation && table->row_count() == m_row_count &&
        m_filter == m_built_filter && m_sort_col == m_built_sort && m_sort_desc == m_built_desc)
        return false;
    m_table = table;
    m_generation = generation;
    m_row_count = table->row_count();
    m_built_filter = m_filter;
    m_built_sort = m_sort_col;
    m_built_desc = m_sort_desc;
    rebuild(*table);
    return true;
}

void EvidenceView::rebuild(const Table& t) {
    auto t0 = std::chrono::steady_clock::now();
    const size_t n = t.row_count();
    const std::string needle = to_lower(trim(m_filter));
    m_rows.clear();
    if (needle.empty()) {
        m_rows.resize(n);
        std::iota(m_rows.begin(), m_rows.end(), 0u);
    } else {
        // Text columns are dictionary-encoded: test each distinct value once, then rows by code.
        std::vector<std::vector<char>> dict_match(t.columns().size());
        for (size_t c = 0; c < t.columns().size(); ++c) {
            const Column& col = t.columns()[c];
            if (!is_text(col)) continue;
            auto& m = dict_match[c];
            m.reserve(col.dictionary().size());
            for (const auto& s : col.dictionary()) m.push_back(icontains(s, needle) ? 1 : 0);
        }
        // Numbers, dates and timespans print only digits and a few separators: a filter they
        // cannot show skips them, and formatting 100,000 date-times is the slow part.
        std::vector<size_t> cols;
        for (size_t c = 0; c < t.columns().size(); ++c)
            if (is_text(t.columns()[c]) || could_show(t.columns()[c].type(), needle))
                cols.push_back(c);
        for (size_t r = 0; r < n; ++r) {
            bool hit = false;
            for (size_t k = 0; k < cols.size() && !hit; ++k) {
                const size_t c = cols[k];
                const Column& col = t.columns()[c];
                if (col.is_null(r)) continue;
                hit = is_text(col) ? dict_match[c][col.code(r)] != 0
                                   : icontains(col.display(r), needle);
            }
            if (hit) m_rows.push_back(static_cast<uint32_t>(r));
        }
    }
    if (m_sort_col >= 0 && size_t(m_sort_col) < t.columns().size()) {
        const Column& col = t.columns()[m_sort_col];
        // Text sorts by the rank of each distinct value, so rows compare integers.
        std::vector<uint32_t> rank;
        if (is_text(col)) {
            const auto& dict = col.dictionary();
            std::vector<uint32_t> order(dict.size());
            std::iota(order.begin(), order.end(), 0u);
            std::sort(order.begin(), order.end(),
                      [&](uint32_t a, uint32_t b) { return dict[a] < dict[b]; });
            rank.resize(dict.size());
            for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
        }
        auto less = [&](uint32_t a, uint32_t b) {
            bool na = col.is_null(a), nb = col.is_null(b);
            if (na || nb) return na && !nb;
            if (!rank.empty()) return rank[col.code(a)] < rank[col.code(b)];
            if (col.type() == ColumnType::Real) return col.real(a) < col.real(b);
            return col.i64(a) < col.i64(b);
        };
        if (m_sort_desc)
            std::stable_sort(m_rows.begin(), m_rows.end(),
                             [&](uint32_t a, uint32_t b) { return less(b, a); });
        else
            std::stable_sort(m_rows.begin(), m_rows.end(), less);
    }
    m_rebuild_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace alertdrill::gui
