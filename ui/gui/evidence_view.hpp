#pragma once
// The evidence panel's cached view of one table: the filtered row indices in sorted order.
// Rebuilt only when the table, the filter or the sort changes, never per frame, so a
// 100,000-row table costs only the rows on screen.
#include "alertdrill/table.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace alertdrill::gui {

class EvidenceView {
  public:
    /// Brings the cache up to date for `table` (whose content may change when `generation`
    /// changes). Returns true when it was rebuilt.
    bool update(const Table* table, uint64_t generation);
    const std::vector<uint32_t>& rows() const { return m_rows; }

    void set_filter(std::string f) { m_filter = std::move(f); }
    const std::string& filter() const { return m_filter; }
    std::string& filter_buffer() { return m_filter; }
    void set_sort(int column, bool descending) {
        m_sort_col = column;
        m_sort_desc = descending;
    }
    int sort_column() const { return m_sort_col; }
    /// Milliseconds the last rebuild took.
    double last_rebuild_ms() const { return m_rebuild_ms; }

    /// Requests a scroll to this fraction of the rows on the next frame (benchmarks, pivots).
    float scroll_request = -1.0f;

  private:
    void rebuild(const Table& t);

    std::string m_filter;
    int m_sort_col = -1;
    bool m_sort_desc = false;

    const Table* m_table = nullptr;
    uint64_t m_generation = UINT64_MAX;
    size_t m_row_count = 0;
    std::string m_built_filter;
    int m_built_sort = -2;
    bool m_built_desc = false;
    std::vector<uint32_t> m_rows;
    double m_rebuild_ms = 0;
};

} // namespace alertdrill::gui
