// alertdrill_bench: the paths a trainee or instructor waits on, each against its natural limit in
// the same run. See the README's Performance section for the figures and what they mean.
//   alertdrill_bench [--quick] [--json] [--jobs N] [--only SECTION]... [--alertdrill PATH]
//                    [--kql-bench PATH] [--source DIR] [--transcripts N] [--evidence-rows N]
#include "bench.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fmt/format.h>
#include <map>

#ifndef ALERTDRILL_BENCH_BINARY
#define ALERTDRILL_BENCH_BINARY ""
#endif
#ifndef ALERTDRILL_BENCH_KQL
#define ALERTDRILL_BENCH_KQL ""
#endif

using namespace alertdrill::bench;

int main(int argc, char** argv) {
    Options o;
    o.source_dir = ALERTDRILL_SOURCE_DIR;
    o.alertdrill_bin = ALERTDRILL_BENCH_BINARY;
    o.kql_bench_bin = ALERTDRILL_BENCH_KQL;
    CLI::App app{"alertdrill benchmark: loading, playing, evidence, grading, start-up, query, gui"};
    std::optional<size_t> transcripts, evidence_rows;
    app.add_flag("--quick", o.quick, "Small sizes and few repeats (a smoke run)");
    app.add_flag("--json", o.json, "JSON on stdout (format alertdrill-bench, version 1)");
    app.add_option("--jobs", o.jobs, "Grading threads for the scaling figure (default: cores)");
    app.add_option("--only", o.only,
                   "Run only these sections (loading, playing, evidence, grading, startup, "
                   "query, gui)");
    app.add_option("--alertdrill", o.alertdrill_bin, "The alertdrill binary")
        ->default_str(o.alertdrill_bin);
    app.add_option("--kql-bench", o.kql_bench_bin, "The alertdrill_bench_kql binary")
        ->default_str(o.kql_bench_bin);
    app.add_option("--source", o.source_dir, "Source tree (scenarios/, content/, tests/golden/)")
        ->default_str(o.source_dir);
    app.add_option("--transcripts", transcripts, "Transcripts to grade (default 10000)");
    app.add_option("--evidence-rows", evidence_rows, "Noise rows to generate (default 1000000)");
    CLI11_PARSE(app, argc, argv);
    if (o.quick) {
        o.evidence_rows = 100'000;
        o.transcripts = 300;
        o.process_runs = 5;
        o.repeats = 2;
        o.kql_rows = 20'000;
        o.gui_frames = 30;
    }
    if (transcripts) o.transcripts = std::max<size_t>(1, *transcripts);
    if (evidence_rows) o.evidence_rows = std::max<size_t>(1, *evidence_rows);

    const std::vector<std::pair<std::string, SectionFn>> all = {
        {"loading", run_loading}, {"playing", run_playing}, {"evidence", run_evidence},
        {"grading", run_grading}, {"startup", run_startup}, {"query", run_query},
        {"gui", run_gui}};
    for (const auto& name : o.only)
        if (std::none_of(all.begin(), all.end(), [&](const auto& s) { return s.first == name; })) {
            fmt::print(stderr, "alertdrill_bench: no section '{}'\n", name);
            return 2;
        }
    const auto machine = machine_info();
    std::vector<Section> sections;
    for (const auto& [name, fn] : all) {
        if (!o.only.empty() && std::find(o.only.begin(), o.only.end(), name) == o.only.end())
            continue;
        if (!o.json) fmt::print(stderr, "alertdrill_bench: {} ...\n", name);
        try {
            sections.push_back(fn(o));
        } catch (const std::exception& e) {
            Section s;
            s.name = name;
            s.title = name;
            s.skipped = std::string("failed: ") + e.what();
            sections.push_back(std::move(s));
        }
    }
    if (o.json)
        fmt::print("{}\n", to_json(sections, machine, o).dump(2));
    else
        print_table(sections, machine);
    bool failed = std::any_of(sections.begin(), sections.end(),
                              [](const Section& s) { return s.skipped.rfind("failed", 0) == 0; });
    return failed ? 1 : 0;
}
