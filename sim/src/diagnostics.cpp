#include "alertdrill/diagnostics.hpp"

#include <algorithm>

namespace alertdrill {

std::string Diagnostic::format() const {
    std::string out = pos.file;
    if (pos.line > 0) {
        out += ":" + std::to_string(pos.line);
        if (pos.column > 0) out += ":" + std::to_string(pos.column);
    }
    out += level == DiagLevel::Error ? ": error: " : ": warning: ";
    out += message;
    return out;
}

void Diagnostics::error(const SourcePos& pos, std::string message) {
    m_items.push_back({pos, DiagLevel::Error, std::move(message)});
}

void Diagnostics::warning(const SourcePos& pos, std::string message) {
    m_items.push_back({pos, DiagLevel::Warning, std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

size_t Diagnostics::error_count() const {
    return std::count_if(m_items.begin(), m_items.end(),
                         [](const Diagnostic& d) { return d.level == DiagLevel::Error; });
}

size_t Diagnostics::warning_count() const {
    return m_items.size() - error_count();
}

void Diagnostics::sort() {
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.pos.file != b.pos.file) return a.pos.file < b.pos.file;
        if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
        return a.pos.column < b.pos.column;
    });
}

std::string Diagnostics::format() const {
    std::string out;
    for (const auto& d : m_items) out += d.format() + "\n";
    return out;
}

} // namespace alertdrill
