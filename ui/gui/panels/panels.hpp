#pragma once
// One panel per file (DESIGN.md convention 4). Each draws into the current window or child and
// changes the session only through Workspace::send.
#include <string>
#include <vector>

namespace alertdrill::gui {

class Workspace;

void draw_picker(Workspace& ws);
void draw_briefing(Workspace& ws);
void draw_alert_queue(Workspace& ws);
void draw_alert_detail(Workspace& ws);
void draw_resource_context(Workspace& ws);
void draw_evidence(Workspace& ws);
void draw_actions(Workspace& ws);
/// With `expert_at`, a fourth lane shows the expert path's actions at those minutes.
void draw_timeline(Workspace& ws, const std::vector<int>* expert_at = nullptr);
void draw_report_form(Workspace& ws);
void draw_log(Workspace& ws);
void draw_status_bar(Workspace& ws);
void draw_debrief(Workspace& ws);

// Tool windows: each draws itself when its Workspace::windows flag is set.
void draw_rules_window(Workspace& ws);
void draw_quiz_window(Workspace& ws);
void draw_author_window(Workspace& ws);
void draw_cohort_window(Workspace& ws);
/// The scenario's checkpoint question waiting for an answer, if any (not a menu window).
void draw_checkpoint_window(Workspace& ws);

/// The cost in simulated minutes of `action` on `target` in this session's scenario (a
/// scenario response may override the catalog's default). -1 for an unknown action.
int action_cost(const Workspace& ws, const std::string& action, const std::string& target);

} // namespace alertdrill::gui
