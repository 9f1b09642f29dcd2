// Evidence: a scenario with one 1,000,000-row noise table (the GUI benchmark's fixture with its
// row count raised), instantiated on one thread. Time against formatting the same rows as CSV
// text; memory the instance holds against the size of that CSV.
#include "alertdrill/catalog.hpp"
#include "alertdrill/cohort.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/text.hpp"
#include "bench.hpp"

#include <fmt/format.h>
#include <regex>

namespace alertdrill::bench {

namespace {

/// Bytes of the table written as CSV (header, quoted fields where needed, '\n' rows), built
/// row by row as an exporter would.
size_t csv_bytes(const Table& t) {
    size_t bytes = 0;
    std::string row;
    for (size_t c = 0; c < t.columns().size(); ++c)
        row += (c ? "," : "") + csv_field(t.columns()[c].name());
    bytes += row.size() + 1;
    for (size_t r = 0; r < t.row_count(); ++r) {
        row.clear();
        for (size_t c = 0; c < t.columns().size(); ++c) {
            if (c) row += ',';
            row += csv_field(t.columns()[c].display(r));
        }
        bytes += row.size() + 1;
    }
    return bytes;
}

} // namespace

Section run_evidence(const Options& o) {
    Section sec{"evidence", "Evidence", {}, ""};
    const std::string fixture = o.source_dir + "/tests/data/gui/bench_100k.toml";
    std::string text, err;
    if (!read_file(fixture, text, err)) {
        sec.skipped = err;
        return sec;
    }
    const std::regex rows_line(R"(\nrows = 100000\n)");
    if (!std::regex_search(text, rows_line)) {
        sec.skipped = fixture + " no longer has 'rows = 100000'";
        return sec;
    }
    text = std::regex_replace(text, rows_line, fmt::format("\nrows = {}\n", o.evidence_rows));
    Catalog cat;
    Diagnostics d;
    if (!load_catalog(default_catalog_path(), cat, d)) throw std::runtime_error(d.format());
    auto def = load_scenario_text(text, fixture, cat, d);
    if (!def) throw std::runtime_error(d.format());

    // Instantiate once to warm up (allocator, code), then measure a fresh one.
    if (auto warm = instantiate(*def, cat, 2, d)) warm->table(0);
    const size_t heap0 = heap_in_use();
    reset_peak_rss();
    const size_t rss0 = current_rss();
    const double w0 = now_ms(), c0 = thread_cpu_ms();
    auto inst = instantiate(*def, cat, 1, d);
    if (!inst) throw std::runtime_error(d.format());
    const Table& t = inst->table(size_t(inst->table_index("VMConnection"))); // generated here
    const double wall = now_ms() - w0, cpu = thread_cpu_ms() - c0;
    const size_t held = heap_in_use() - heap0;
    const size_t peak = peak_rss() > rss0 ? peak_rss() - rss0 : 0;

    const double f0 = now_ms();
    const size_t csv = csv_bytes(t);
    const double csv_ms = now_ms() - f0;

    const std::string rows = fmt::format("{} rows x {} columns", t.row_count(), t.columns().size());
    Figure time{"generate noise table, one thread (CPU time)",
                cpu,
                "ms",
                csv_ms,
                cpu / csv_ms,
                "< 1000 ms",
                cpu < 1000,
                fmt::format("{}; wall {:.0f} ms; baseline: the same rows "
                            "formatted as CSV",
                            rows, wall)};
    if (o.evidence_rows != 1'000'000) time.target.clear(), time.met.reset();
    const double mib = 1024.0 * 1024.0;
    Figure mem{"memory held by the instance vs its CSV",
               double(held) / mib,
               "MiB",
               double(csv) / mib,
               double(held) / double(csv),
               "<= 2x",
               double(held) <= 2.0 * csv,
               fmt::format("peak RSS growth while generating {:.0f} MiB", double(peak) / mib)};
    sec.figures = {time, mem};
    return sec;
}

} // namespace alertdrill::bench
