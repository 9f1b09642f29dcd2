// Playing: one action as the desktop window takes it. The GUI's Workspace (ui/gui/workspace.cpp,
// no ImGui in it) applies the queued line with its practice-mode feedback, then the next frame
// reads what the panels draw from: the score, the revealed tables, and the evidence panel's
// visible table with its cached row view (ui/gui/evidence_view.cpp). ImGui's own drawing is the
// GUI frame figure. Autosave (a file write with fsync per action) is left out: it is disk time.
#include "alertdrill/script.hpp"
#include "alertdrill/text.hpp"
#include "bench.hpp"
#include "gui/workspace.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace alertdrill::bench {

namespace {

/// The sim-side reads of one frame after an action (see draw_evidence and the other panels).
size_t frame_reads(gui::Workspace& ws) {
    const Session& s = ws.session();
    size_t touched = ws.score().feedback.size();
    auto names = s.revealed_tables();
    touched += s.done("run_query") + s.alerts().size() + s.timeline().size();
    if (ws.selected_table.empty() && !names.empty()) ws.selected_table = names.front();
    if (!ws.selected_table.empty() && ws.selected_table != gui::kQueryResultTab) {
        const Table* t = s.visible_table(ws.selected_table);
        ws.evidence.update(t, s.visible_version(ws.selected_table)); // as draw_evidence does
        touched += ws.evidence.rows().size();
    }
    return touched;
}

struct Sample {
    double total_us, apply_us, view_us;
    std::string where;
};

} // namespace

Section run_playing(const Options& o) {
    Section sec{"playing", "Playing", {}, ""};
    const auto scripts = golden_scripts(o.source_dir, "expert");
    if (scripts.empty()) {
        sec.skipped = "no expert scripts under " + o.source_dir + "/tests/golden";
        return sec;
    }
    gui::Workspace ws;
    if (!ws.catalog_ok()) {
        sec.skipped = "cannot load the catalog: " + ws.load_error();
        return sec;
    }
    const int passes = o.quick ? 1 : o.repeats;
    std::vector<Sample> samples;
    size_t refused = 0, sink = 0;
    for (int pass = 0; pass < passes; ++pass) {
        for (const auto& path : scripts) {
            Script script;
            Diagnostics d;
            if (!load_script(path, script, d)) throw std::runtime_error(d.format());
            Mode mode = parse_mode(script.mode.value_or("practice")).value_or(Mode::Practice);
            if (!ws.open_scenario(scenario_of_script(o.source_dir, path), mode,
                                  script.seed.value_or(1), script.variant))
                throw std::runtime_error(ws.load_error());
            ws.set_autosave(false);
            ws.send_begin();
            ws.apply_pending();
            sink += frame_reads(ws);
            const std::string name = std::filesystem::path(path).parent_path().filename().string();
            for (const auto& line : script.lines) {
                auto words = split_ws(line.text);
                if (words.empty() || is_view_command(words[0])) continue;
                if (ws.session().state() == SessionState::Debrief) break;
                const size_t before = ws.session().history().size();
                ws.send(line.text);
                double t0 = now_ms();
                ws.apply_pending();
                double t1 = now_ms();
                sink += frame_reads(ws);
                double t2 = now_ms();
                if (ws.session().history().size() == before) ++refused;
                samples.push_back(
                    {(t2 - t0) * 1000, (t1 - t0) * 1000, (t2 - t1) * 1000, name + ": " + words[0]});
            }
        }
    }
    std::vector<double> total, apply, view;
    for (const auto& s : samples) {
        total.push_back(s.total_us);
        apply.push_back(s.apply_us);
        view.push_back(s.view_us);
    }
    auto slowest = std::max_element(samples.begin(), samples.end(),
                                    [](auto& a, auto& b) { return a.total_us < b.total_us; });
    const std::string over = fmt::format("{} actions from {} expert scripts x {} passes",
                                         samples.size() / size_t(passes), scripts.size(), passes);
    Figure med{"apply + re-score + view, median",
               percentile(total, 0.5),
               "us",
               {},
               {},
               "< 50 us",
               {},
               over};
    med.met = *med.value < 50;
    Figure p99{"apply + re-score + view, p99",
               percentile(total, 0.99),
               "us",
               {},
               {},
               "",
               {},
               slowest == samples.end() ? "" : "slowest: " + slowest->where};
    Figure a{"  of which apply (with practice feedback), median", percentile(apply, 0.5), "us"};
    Figure v{"  of which frame reads (score, tables, evidence view), median", percentile(view, 0.5),
             "us"};
    if (refused) med.note += fmt::format(", {} lines refused", refused);
    sec.figures = {med, p99, a, v};
    if (sink == SIZE_MAX) std::puts(""); // keep the reads
    return sec;
}

} // namespace alertdrill::bench
