// Loading: what `alertdrill validate scenarios/ content/` does (the catalog, then every file with
// its own loader and every cross-reference check) against parsing the same files with toml++
// alone. The ratio is what the three load phases cost on top of the parse.
#include "alertdrill/catalog.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/validate.hpp"
#include "bench.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

namespace alertdrill::bench {

Section run_loading(const Options& o) {
    Section sec{"loading", "Loading", {}, ""};
    Diagnostics expand_diags;
    const auto files =
        expand_paths({o.source_dir + "/scenarios", o.source_dir + "/content"}, expand_diags);
    if (files.empty()) {
        sec.skipped = "no files under " + o.source_dir + "/scenarios and content";
        return sec;
    }
    size_t bytes = 0;
    for (const auto& f : files) {
        std::string text, err;
        if (read_file(f, text, err)) bytes += text.size();
    }
    const int repeats = o.quick ? 3 : std::max(5, o.repeats * 2);

    // Baseline: read and parse each file, nothing else.
    size_t parsed = 0;
    auto parse_only = [&] {
        parsed = 0;
        for (const auto& f : files) {
            std::string text, err;
            if (!read_file(f, text, err)) continue;
            try {
                toml::table t = toml::parse(text, f);
                parsed += t.size() > 0;
            } catch (const toml::parse_error&) {
            }
        }
    };
    // Measured: the catalog, then validate_file on each, exactly as the validate command.
    size_t errors = 0;
    auto validate_all = [&] {
        Catalog cat;
        Diagnostics d;
        load_catalog(default_catalog_path(), cat, d);
        for (const auto& f : files) validate_file(f, cat, d);
        errors = d.error_count();
    };
    parse_only(); // warm the page cache and the allocator for both
    validate_all();
    // Interleave the two so a change in machine load hits both alike.
    std::vector<double> base, meas;
    for (int i = 0; i < repeats; ++i) {
        base.push_back(median_ms(1, parse_only));
        meas.push_back(median_ms(1, validate_all));
    }
    const double b = percentile(base, 0.5), m = percentile(meas, 0.5);
    Figure f;
    f.name = fmt::format("validate scenarios/ content/: {} files, {} KiB, vs toml++ parse only",
                         files.size(), bytes / 1024);
    f.value = m;
    f.baseline = b;
    f.unit = "ms";
    f.ratio = m / b;
    f.target = "<= 1.5x";
    f.met = *f.ratio <= 1.5;
    f.note = fmt::format("median of {}", repeats);
    if (errors) f.note += fmt::format(", {} errors in the files", errors);
    sec.figures.push_back(f);
    return sec;
}

} // namespace alertdrill::bench
