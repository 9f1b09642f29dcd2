#pragma once
// Drives the frame loop without a person: replays a transcript one action per step (queued
// exactly like a click), writes a screenshot per step, or measures frame build times.
#include "gui/app.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace alertdrill::gui {

class Workspace;

class FrameDriver {
  public:
    explicit FrameDriver(const AppOptions& opts) : m_opts(opts) {}
    /// Opens the scenario or transcript named by the options; false means exit with exit_code().
    bool prepare(Workspace& ws);
    int exit_code() const { return m_exit; }
    /// True when no person is expected (screenshots or benchmark): fixed size, no vsync.
    bool scripted() const { return !m_opts.screenshot_dir.empty() || m_opts.bench_frames > 0; }
    bool finished() const { return m_finished; }
    /// A replay shown at a person's pace: the loop must wake on a timer.
    bool watching() const { return !m_opts.replay.empty() && m_opts.screenshot_dir.empty(); }

    void before_frame(Workspace& ws);
    /// Wall and thread-CPU milliseconds of one frame's NewFrame..Render.
    void record_build_time(double wall_ms, double cpu_ms);
    void after_render(Workspace& ws, int fb_w, int fb_h);
    void first_frame_done();
    /// Prints the final score or the benchmark figures; returns the exit code.
    int finish(Workspace& ws);

  private:
    void fail(const std::string& message);

    AppOptions m_opts;
    int m_exit = 0;
    bool m_finished = false;
    // replay
    std::vector<std::string> m_lines;
    size_t m_next = 0;
    int m_settle = 3;
    int m_shots = 0;
    std::chrono::steady_clock::time_point m_last_step{};
    // benchmark
    int m_frame = 0;
    std::vector<double> m_build_ms;
    std::vector<double> m_cpu_ms;
    double m_sort_ms = -1, m_filter_ms = -1;
    double m_first_frame_ms = 0;
};

} // namespace alertdrill::gui
