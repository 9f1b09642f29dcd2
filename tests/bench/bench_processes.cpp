// Sections measured as whole processes: start-up of `alertdrill list` and `alertdrill validate`
// against /bin/true (what any process costs here), the query engine's own benchmark (KQL vs
// SQLite, tests/bench/kql_bench.cpp) and the GUI's frame benchmark (`alertdrill gui
// --bench-frames`), folded into this table.
#include "bench.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <regex>

namespace alertdrill::bench {

Section run_startup(const Options& o) {
    Section sec{"startup", "Start-up", {}, ""};
    if (!is_executable(o.alertdrill_bin)) {
        sec.skipped = "no alertdrill binary at '" + o.alertdrill_bin + "' (--alertdrill)";
        return sec;
    }
    struct Cmd {
        std::string name;
        std::vector<std::string> argv;
        std::vector<double> wall, cpu;
        int bad = 0;
        void run() {
            double ms = 0, cpu_ms = 0;
            if (run_process(argv, 60, ms, nullptr, &cpu_ms) != 0) ++bad;
            wall.push_back(ms);
            cpu.push_back(cpu_ms);
        }
    };
    std::vector<Cmd> cmds(3);
    cmds[0].name = "/bin/true";
    cmds[0].argv = {"/bin/true"};
    cmds[1].name = "alertdrill list";
    cmds[1].argv = {o.alertdrill_bin, "list"};
    cmds[2].name = "alertdrill validate scenarios/";
    cmds[2].argv = {o.alertdrill_bin, "validate", o.source_dir + "/scenarios/"};
    for (auto& c : cmds) c.run(); // warm the page cache
    for (auto& c : cmds) c = Cmd{c.name, c.argv, {}, {}, 0};
    // Interleaved, so a burst of load from elsewhere hits every command alike.
    for (int i = 0; i < o.process_runs; ++i)
        for (auto& c : cmds) c.run();
    const double base = percentile(cmds[0].wall, 0.5), cbase = percentile(cmds[0].cpu, 0.5);
    for (size_t k = 1; k < cmds.size(); ++k) {
        const double m = percentile(cmds[k].wall, 0.5), c = percentile(cmds[k].cpu, 0.5);
        Figure f{
            cmds[k].name + " vs /bin/true, wall",       m, "ms", base, m / base, "< 50 ms", m < 50,
            fmt::format("median of {}", o.process_runs)};
        if (cmds[k].bad) f.note += fmt::format("; {} runs exited non-zero", cmds[k].bad);
        sec.figures.push_back(f);
        // CPU time is what the process itself costs; wall time adds waiting for a busy core.
        Figure cf{cmds[k].name + ", CPU (user + system)", c, "ms", cbase};
        if (cbase > 0) cf.ratio = c / cbase;
        sec.figures.push_back(cf);
    }
    return sec;
}

Section run_query(const Options& o) {
    Section sec{"query", "Query (KQL vs SQLite)", {}, ""};
    if (!is_executable(o.kql_bench_bin)) {
        sec.skipped = "no alertdrill_bench_kql at '" + o.kql_bench_bin + "' (--kql-bench)";
        return sec;
    }
    std::string out;
    double ms = 0;
    run_process({o.kql_bench_bin, "--json", "--rows", std::to_string(o.kql_rows), "--repeat",
                 o.quick ? "1" : "3"},
                1800, ms, &out);
    auto j = nlohmann::json::parse(out, nullptr, false);
    if (j.is_discarded() || !j.contains("queries")) {
        sec.skipped = "alertdrill_bench_kql printed no JSON";
        return sec;
    }
    const std::string rows = fmt::format("{} rows", j.value("rows", 0ull));
    for (const auto& q : j["queries"]) {
        const double k = q.value("kql_ms", 0.0), s = q.value("sqlite_ms", 0.0);
        Figure f{q.value("name", std::string("?")),
                 k,
                 "ms",
                 s,
                 s > 0 ? k / s : 0.0,
                 "<= 1x",
                 s > 0 && k <= s,
                 rows};
        if (q.value("rows", 0ull) != q.value("sqlite_rows", 0ull))
            f.note += fmt::format("; row counts differ: {} vs SQLite {}", q.value("rows", 0ull),
                                  q.value("sqlite_rows", 0ull));
        sec.figures.push_back(f);
    }
    if (j.contains("table_memory_bytes") && j.contains("csv_bytes")) {
        const double mib = 1024.0 * 1024.0;
        const double mem = j["table_memory_bytes"].get<double>(),
                     csv = j["csv_bytes"].get<double>();
        sec.figures.push_back(Figure{"table memory vs the same rows as CSV",
                                     mem / mib,
                                     "MiB",
                                     csv / mib,
                                     mem / csv,
                                     "",
                                     {},
                                     rows});
    }
    return sec;
}

Section run_gui(const Options& o) {
    Section sec{"gui", "GUI frame", {}, ""};
    if (!is_executable(o.alertdrill_bin)) {
        sec.skipped = "no alertdrill binary at '" + o.alertdrill_bin + "' (--alertdrill)";
        return sec;
    }
    std::vector<std::string> argv = {o.alertdrill_bin, "gui", "--bench-frames",
                                     std::to_string(o.gui_frames)};
    const char* display = std::getenv("DISPLAY");
    if (!display || !*display) {
        if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) {
            sec.skipped = "no display and no xvfb-run";
            return sec;
        }
        argv.insert(argv.begin(), {"xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"});
    }
    std::string out;
    double ms = 0;
    int rc = run_process(argv, 300, ms, &out);
    std::smatch m;
    auto grab = [&](const char* re, int group) -> std::optional<double> {
        if (std::regex_search(out, m, std::regex(re))) return std::stod(m[group].str());
        return std::nullopt;
    };
    auto cpu_med = grab(R"(\(thread CPU\):\s*mean [0-9.]+ ms, median ([0-9.]+) ms)", 1);
    auto cpu_p95 =
        grab(R"(\(thread CPU\):\s*mean [0-9.]+ ms, median [0-9.]+ ms, p95 ([0-9.]+))", 1);
    auto wall_med = grab(R"(\(wall\):\s*mean [0-9.]+ ms, median ([0-9.]+) ms)", 1);
    auto first = grab(R"(start to first frame: ([0-9.]+) ms)", 1);
    auto rss = grab(R"(peak RSS: ([0-9.]+) MiB)", 1);
    if (!cpu_med) {
        sec.skipped =
            fmt::format("`alertdrill gui --bench-frames` gave no frame figures (exit {})", rc);
        return sec;
    }
    const std::string over = fmt::format("{} frames over a 100,001-row table", o.gui_frames);
    Figure f{
        "frame build, thread CPU, median", cpu_med, "ms", {}, {}, "< 2 ms", *cpu_med < 2, over};
    sec.figures.push_back(f);
    if (cpu_p95) sec.figures.push_back(Figure{"frame build, thread CPU, p95", cpu_p95, "ms"});
    if (wall_med) sec.figures.push_back(Figure{"frame build, wall, median", wall_med, "ms"});
    if (first) sec.figures.push_back(Figure{"start to first frame", first, "ms"});
    if (rss) sec.figures.push_back(Figure{"peak RSS", rss, "MiB"});
    return sec;
}

} // namespace alertdrill::bench
