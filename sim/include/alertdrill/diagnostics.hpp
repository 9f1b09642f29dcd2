#pragma once
// Problems found in authored files, collected rather than thrown so an author sees all of them.
#include <string>
#include <vector>

namespace alertdrill {

enum class DiagLevel { Error, Warning };

/// A position in a source file; line and column are 1-based, 0 when unknown.
struct SourcePos {
    std::string file;
    int line = 0;
    int column = 0;
};

struct Diagnostic {
    SourcePos pos;
    DiagLevel level = DiagLevel::Error;
    std::string message;

    /// `FILE:LINE:COL: error: message` (line and column dropped when unknown).
    std::string format() const;
};

class Diagnostics {
  public:
    void error(const SourcePos& pos, std::string message);
    void warning(const SourcePos& pos, std::string message);
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void append(const Diagnostics& other);

    bool has_errors() const;
    size_t error_count() const;
    size_t warning_count() const;
    const std::vector<Diagnostic>& items() const { return m_items; }
    bool empty() const { return m_items.empty(); }

    /// Sorted by file, line, column; stable so equal positions keep their discovery order.
    void sort();
    /// Every diagnostic, one per line, each ending in '\n'.
    std::string format() const;

  private:
    std::vector<Diagnostic> m_items;
};

} // namespace alertdrill
