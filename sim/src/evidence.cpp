// Evidence tables for one scenario variant: the authored rows plus seeded benign noise, sorted
// by time. Noise values come from pre-parsed templates so a million rows stay under a second.
#include "alertdrill/rng.hpp"
#include "scenario_internal.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <deque>
#include <fmt/format.h>
#include <mutex>
#include <unordered_map>

namespace alertdrill::detail {

namespace {

/// One piece of a noise template: literal text or a generator token.
struct Segment {
    enum Kind { Literal, Ip, Int, Hex, Pick, Uuid } kind = Literal;
    std::string text;                 ///< literal text
    uint32_t base = 0, span = 1;      ///< Ip: network and host count
    int64_t lo = 0, hi = 0;           ///< Int range; Hex digit count in lo
    std::vector<std::string> choices; ///< Pick
};

using Template = std::vector<Segment>;

Segment literal(std::string text) {
    Segment s;
    s.text = std::move(text);
    return s;
}

bool parse_cidr(std::string_view s, uint32_t& base, uint32_t& span) {
    unsigned a, b, c, d, bits = 32;
    std::string str(s);
    int n = std::sscanf(str.c_str(), "%u.%u.%u.%u/%u", &a, &b, &c, &d, &bits);
    if (n < 4 || a > 255 || b > 255 || c > 255 || d > 255 || bits > 32 || bits < 8) return false;
    uint32_t ip = (a << 24) | (b << 16) | (c << 8) | d;
    uint32_t mask = bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits);
    base = ip & mask;
    span = bits == 32 ? 1 : (0xffffffffu >> bits) + 1;
    return true;
}

Template parse_template(const std::string& t) {
    Template out;
    size_t i = 0;
    while (i < t.size()) {
        size_t open = t.find('{', i);
        size_t close = open == std::string::npos ? std::string::npos : t.find('}', open);
        if (open == std::string::npos || close == std::string::npos) {
            out.push_back(literal(t.substr(i)));
            break;
        }
        if (open > i) out.push_back(literal(t.substr(i, open - i)));
        std::string tok = t.substr(open + 1, close - open - 1);
        Segment seg;
        auto colon = tok.find(':');
        std::string name = tok.substr(0, colon),
                    arg = colon == std::string::npos ? "" : tok.substr(colon + 1);
        bool ok = true;
        if (name == "ip") {
            seg.kind = Segment::Ip;
            ok = parse_cidr(arg, seg.base, seg.span);
        } else if (name == "int") {
            seg.kind = Segment::Int;
            long long lo = 0, hi = 0;
            ok = std::sscanf(arg.c_str(), "%lld-%lld", &lo, &hi) == 2 && lo <= hi;
            seg.lo = lo;
            seg.hi = hi;
        } else if (name == "hex") {
            seg.kind = Segment::Hex;
            seg.lo = std::clamp(std::atoi(arg.c_str()), 1, 64);
        } else if (name == "pick") {
            seg.kind = Segment::Pick;
            size_t p = 0;
            while (true) {
                size_t bar = arg.find('|', p);
                seg.choices.push_back(arg.substr(p, bar == std::string::npos ? bar : bar - p));
                if (bar == std::string::npos) break;
                p = bar + 1;
            }
        } else if (name == "uuid") {
            seg.kind = Segment::Uuid;
        } else {
            ok = false;
        }
        if (!ok)
            out.push_back(literal(t.substr(open, close - open + 1)));
        else
            out.push_back(std::move(seg));
        i = close + 1;
    }
    return out;
}

void expand(const Template& t, Rng& rng, std::string& out) {
    out.clear();
    static const char* hex = "0123456789abcdef";
    for (const auto& s : t) {
        switch (s.kind) {
        case Segment::Literal:
            out += s.text;
            break;
        case Segment::Ip: {
            uint32_t ip = s.base + static_cast<uint32_t>(rng.below(s.span));
            fmt::format_to(std::back_inserter(out), "{}.{}.{}.{}", ip >> 24, (ip >> 16) & 255,
                           (ip >> 8) & 255, ip & 255);
            break;
        }
        case Segment::Int:
            fmt::format_to(std::back_inserter(out), "{}", rng.range(s.lo, s.hi));
            break;
        case Segment::Hex:
            for (int64_t k = 0; k < s.lo; ++k) out += hex[rng.below(16)];
            break;
        case Segment::Pick:
            out += s.choices[rng.below(s.choices.size())];
            break;
        case Segment::Uuid:
            for (int k = 0; k < 36; ++k)
                out += (k == 8 || k == 13 || k == 18 || k == 23) ? '-' : hex[rng.below(16)];
            break;
        }
    }
}

void push_cell(Column& col, std::string_view text, int64_t start_us) {
    switch (col.type()) {
    case ColumnType::String:
    case ColumnType::Dynamic:
        col.push_string(text);
        return;
    case ColumnType::Long: {
        int64_t v = 0;
        auto r = std::from_chars(text.data(), text.data() + text.size(), v);
        if (r.ec == std::errc())
            col.push_int(v);
        else
            col.push_null();
        return;
    }
    case ColumnType::Real: {
        std::string s(text);
        char* end = nullptr;
        double v = std::strtod(s.c_str(), &end);
        if (end && *end == 0 && !s.empty())
            col.push_real(v);
        else
            col.push_null();
        return;
    }
    case ColumnType::Bool:
        col.push_bool(text == "true" || text == "1");
        return;
    case ColumnType::TimeSpan: {
        int64_t v = 0;
        auto r = std::from_chars(text.data(), text.data() + text.size(), v);
        if (r.ec == std::errc())
            col.push_int(v * 1000000);
        else
            col.push_null();
        return;
    }
    case ColumnType::DateTime: {
        if (auto m = parse_relative_minutes(text))
            col.push_int(start_us + int64_t(*m) * 60'000'000);
        else if (auto us = parse_datetime_us(text))
            col.push_int(*us);
        else
            col.push_null();
        return;
    }
    }
}

/// A row before it is placed: an authored row (index) or a noise row (negative index).
struct Pending {
    int64_t time_us;
    int64_t index; ///< >= 0: authored row; < 0: noise row -(index+1)
};

/// Where a row was made: authored rows in file order, then noise rows in order.
uint64_t order(const Pending& p) {
    return p.index >= 0 ? uint64_t(p.index) : (uint64_t(1) << 62) + uint64_t(-(p.index + 1));
}

EvidenceTable build_table(const ScenarioDef& def, const TableDef& td, uint64_t seed) {
    const int64_t start_us = def.start_utc_s * 1000000;
    EvidenceTable out;
    Table& table = out.table;
    table.set_name(td.name);
    for (const auto& c : td.columns) table.add_column(c.name, c.type);
    int time_col = table.column_index("TimeGenerated");
    if (time_col >= 0 && table.columns()[time_col].type() != ColumnType::DateTime) time_col = -1;

    std::vector<Pending> pending;
    for (size_t i = 0; i < td.rows.size(); ++i) {
        int64_t t = INT64_MIN;
        if (time_col >= 0 && td.rows[i].cells[time_col]) {
            const std::string& txt = *td.rows[i].cells[time_col];
            if (auto m = parse_relative_minutes(txt))
                t = start_us + int64_t(*m) * 60'000'000;
            else if (auto us = parse_datetime_us(txt))
                t = *us;
        }
        pending.push_back({t, static_cast<int64_t>(i)});
    }
    const uint64_t table_seed = seed ^ fnv1a(td.name);
    int64_t noise_rows = td.noise ? td.noise->rows : 0;
    if (noise_rows > 0) {
        Rng trng(table_seed ^ 0x7157ULL);
        int64_t from = start_us + int64_t(td.noise->from_min) * 60'000'000;
        int64_t to = start_us + int64_t(td.noise->to_min) * 60'000'000;
        int64_t span_s = std::max<int64_t>(1, (to - from) / 1000000);
        pending.reserve(pending.size() + noise_rows);
        for (int64_t n = 0; n < noise_rows; ++n)
            pending.push_back({from + trng.range(0, span_s - 1) * 1000000, -(n + 1)});
    }
    // By time, ties in the order made (authored rows first): what a stable sort gives, faster.
    if (time_col >= 0)
        std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
            if (a.time_us != b.time_us) return a.time_us < b.time_us;
            return order(a) < order(b);
        });

    // Noise templates per column, parsed once. Most are plain text (a host name, a process):
    // such a value is encoded once and then appended by its dictionary code.
    std::vector<std::vector<Template>> templates(td.columns.size());
    std::vector<std::vector<int64_t>> literal_code(td.columns.size()); // -2 not plain, -1 unseen
    if (td.noise)
        for (size_t c = 0; c < td.columns.size(); ++c) {
            auto it = td.noise->values.find(td.columns[c].name);
            if (it == td.noise->values.end()) continue;
            const ColumnType type = td.columns[c].type;
            const bool text = type == ColumnType::String || type == ColumnType::Dynamic;
            for (const auto& t : it->second) {
                templates[c].push_back(parse_template(t));
                const Template& p = templates[c].back();
                bool plain = p.empty() || (p.size() == 1 && p[0].kind == Segment::Literal);
                literal_code[c].push_back(text && plain ? -1 : -2);
            }
        }

    for (auto& col : table.columns()) col.reserve(pending.size());
    std::vector<int>& minutes = out.row_minute;
    std::vector<std::string>& after = out.row_after;
    minutes.reserve(pending.size());
    after.reserve(pending.size());
    std::string buf;
    for (size_t r = 0; r < pending.size(); ++r) {
        const Pending& p = pending[r];
        int minute = INT_MIN;
        if (time_col >= 0 && p.time_us != INT64_MIN) {
            int64_t diff = p.time_us - start_us;
            minute = static_cast<int>(diff >= 0 ? diff / 60'000'000
                                                : -((-diff + 59'999'999) / 60'000'000));
        }
        minutes.push_back(minute);
        if (p.index >= 0) {
            const RowDef& rd = td.rows[static_cast<size_t>(p.index)];
            for (size_t c = 0; c < td.columns.size(); ++c) {
                Column& col = table.columns()[c];
                if (rd.cells[c])
                    push_cell(col, *rd.cells[c], start_us);
                else
                    col.push_null();
            }
            if (!rd.key.empty()) table.mark_key(r, rd.key);
            after.push_back(rd.after);
        } else {
            Rng rng(table_seed ^ (static_cast<uint64_t>(-p.index) * 0x9e3779b97f4a7c15ULL));
            for (size_t c = 0; c < td.columns.size(); ++c) {
                Column& col = table.columns()[c];
                if (static_cast<int>(c) == time_col) {
                    col.push_int(p.time_us);
                } else if (!templates[c].empty()) {
                    const size_t k = rng.below(templates[c].size());
                    const Template& t = templates[c][k];
                    int64_t& code = literal_code[c][k];
                    if (code >= 0) {
                        col.push_code(uint32_t(code));
                    } else if (t.size() == 1 && t[0].kind == Segment::Int &&
                               col.type() == ColumnType::Long) {
                        col.push_int(rng.range(t[0].lo, t[0].hi)); // as expand would, unformatted
                    } else {
                        expand(t, rng, buf);
                        push_cell(col, buf, start_us);
                        if (code == -1) code = col.code(col.size() - 1);
                    }
                } else {
                    col.push_null();
                }
            }
            after.emplace_back();
        }
    }
    return out;
}

} // namespace

EvidenceSet::EvidenceSet(std::shared_ptr<const ScenarioDef> def, uint64_t seed)
    : m_def(std::move(def)), m_seed(seed), m_tables(m_def->tables.size()) {}

const EvidenceTable& EvidenceSet::get(size_t ti) {
    std::lock_guard lock(m_mutex);
    auto& slot = m_tables.at(ti);
    if (!slot) {
        slot =
            std::make_unique<const EvidenceTable>(build_table(*m_def, m_def->tables[ti], m_seed));
        m_bytes += slot->table.memory_bytes() +
                   slot->row_minute.size() * (sizeof(int) + sizeof(std::string));
        ++m_generated;
    }
    return *slot;
}

namespace {

/// Evidence sets by resolved scenario and seed: those some instance still holds (so a session,
/// its replay and the query command share one copy), and the most recent few while they fit in
/// a memory budget (so re-scoring a class that played the same seed generates it once).
class EvidenceCache {
  public:
    std::shared_ptr<EvidenceSet> get(const std::shared_ptr<const ScenarioDef>& def, uint64_t seed,
                                     const std::string& resolved_key) {
        std::string key = resolved_key + "seed=" + std::to_string(seed);
        std::lock_guard lock(m_mutex);
        auto it = m_live.find(key);
        if (it != m_live.end())
            if (auto set = it->second.lock()) return set;
        auto set = std::make_shared<EvidenceSet>(def, seed);
        if (m_live.size() >= 2 * m_swept + 64) {
            std::erase_if(m_live, [](const auto& kv) { return kv.second.expired(); });
            m_swept = m_live.size();
        }
        m_live[key] = set;
        m_recent.push_back(set);
        size_t bytes = 0;
        for (const auto& s : m_recent) bytes += s->memory_bytes();
        while (m_recent.size() > 1 && (m_recent.size() > k_recent || bytes > k_recent_bytes)) {
            bytes -= m_recent.front()->memory_bytes();
            m_recent.pop_front();
        }
        return set;
    }

  private:
    static constexpr size_t k_recent = 32;
    static constexpr size_t k_recent_bytes = size_t(128) << 20;
    std::mutex m_mutex;
    std::unordered_map<std::string, std::weak_ptr<EvidenceSet>> m_live;
    size_t m_swept = 0;
    std::deque<std::shared_ptr<EvidenceSet>> m_recent;
};
EvidenceCache g_evidence;

} // namespace

std::shared_ptr<EvidenceSet> evidence_set_for(std::shared_ptr<const ScenarioDef> def, uint64_t seed,
                                              const std::string& resolved_key) {
    return g_evidence.get(def, seed, resolved_key);
}

} // namespace alertdrill::detail
