#pragma once
// alertdrill_bench: every figure is a ratio against a baseline measured in the same process (or a
// count, or an absolute time with its target), so a run on a busy machine still compares like
// with like. One section per file; this header holds what they share.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill::bench {

struct Options {
    bool quick = false;         ///< small sizes, few repeats: a smoke run in seconds
    bool json = false;          ///< JSON on stdout instead of the table
    unsigned jobs = 0;          ///< grading threads for the scaling figure (0 = every core)
    std::string source_dir;     ///< scenarios/, content/, tests/golden/
    std::string alertdrill_bin; ///< the built `alertdrill`, for start-up and the GUI frame figure
    std::string kql_bench_bin;  ///< the built `alertdrill_bench_kql`
    std::vector<std::string> only; ///< section names to run (empty = all)
    // Sizes (the defaults are the issue's; --quick shrinks them).
    size_t evidence_rows = 1'000'000;
    size_t transcripts = 10'000;
    int process_runs = 21;
    int repeats = 10;
    size_t kql_rows = 1'000'000;
    int gui_frames = 300;
};

/// One line of the table. `value` is what was measured, `baseline` the same-process reference
/// in the same unit (when there is one), `ratio` value / baseline (or as the section defines it).
struct Figure {
    Figure() = default;
    Figure(std::string name_, std::optional<double> value_, std::string unit_,
           std::optional<double> baseline_ = {}, std::optional<double> ratio_ = {},
           std::string target_ = "", std::optional<bool> met_ = {}, std::string note_ = "")
        : name(std::move(name_)), value(value_), unit(std::move(unit_)), baseline(baseline_),
          ratio(ratio_), target(std::move(target_)), met(met_), note(std::move(note_)) {}

    std::string name;
    std::optional<double> value;
    std::string unit;
    std::optional<double> baseline;
    std::optional<double> ratio;
    std::string target;      ///< e.g. "<= 1.5x", "< 50 us"; "" for informational figures
    std::optional<bool> met; ///< against `target`
    std::string note;
};

struct Section {
    std::string name;  ///< stable key: loading, playing, evidence, grading, startup, query, gui
    std::string title; ///< for the table
    std::vector<Figure> figures;
    std::string skipped; ///< why the section could not run ("" when it ran)
};

using SectionFn = std::function<Section(const Options&)>;
Section run_loading(const Options& o);
Section run_playing(const Options& o);
Section run_evidence(const Options& o);
Section run_grading(const Options& o);
Section run_startup(const Options& o);
Section run_query(const Options& o);
Section run_gui(const Options& o);

// ---- reporting
void print_table(const std::vector<Section>& sections, const nlohmann::json& machine);
nlohmann::json to_json(const std::vector<Section>& sections, const nlohmann::json& machine,
                       const Options& o);
/// Cores, load average and the kernel, so a reader can judge the run.
nlohmann::json machine_info();

// ---- measuring
double now_ms();
double thread_cpu_ms();
/// Sorted copy's value at fraction p (0.5 = median, 0.99 = 99th percentile).
double percentile(std::vector<double> v, double p);
/// Median wall time of `repeats` calls.
double median_ms(int repeats, const std::function<void()>& f);
/// Heap bytes in use (glibc mallinfo2), for memory held by a structure.
size_t heap_in_use();
/// Resets the peak-RSS counter (so VmHWM measures one phase) and reads it, in bytes.
void reset_peak_rss();
size_t peak_rss();
size_t current_rss();

/// Runs a program (no shell; found on PATH when not a path) with stdin from /dev/null, stdout
/// captured when `out` is given (else discarded) and stderr discarded. Kills its process group
/// after `timeout_s`. Returns the exit status (-1 when it could not start or timed out) and the
/// wall time in `ms`.
int run_process(const std::vector<std::string>& argv, double timeout_s, double& ms,
                std::string* out = nullptr, double* cpu_ms = nullptr);
bool is_executable(const std::string& path);

// ---- shared inputs
/// Every *.script under tests/golden (sorted), optionally only those whose name starts with
/// `prefix` (e.g. "expert").
std::vector<std::string> golden_scripts(const std::string& source_dir, const std::string& prefix);
/// The scenario a golden script belongs to: tests/golden/<id>/x.script -> scenarios/<id>.toml.
std::string scenario_of_script(const std::string& source_dir, const std::string& script);

} // namespace alertdrill::bench
