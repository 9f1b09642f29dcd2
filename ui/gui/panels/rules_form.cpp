// The suppression-rule form: name, alert type, entity conditions, reason, comment, expiry and
// state, with a live preview of what the rule would have dismissed so far (no time passes) and
// buttons that send the terminal's own commands, so every change lands in the transcript.
#include "gui/panels/rules_form.hpp"

#include "alertdrill/suppression.hpp"
#include "alertdrill/text.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>
#include <set>

namespace alertdrill::gui {

namespace {

std::string short_key(const std::string& field) {
    for (const auto& k : suppression_field_keys())
        if (k.find('.') == std::string::npos && suppression_field(k) == field) return k;
    return field;
}

int reason_index(const std::string& reason) {
    const auto& rs = suppression_reasons();
    auto it = std::find(rs.begin(), rs.end(), reason);
    return it == rs.end() ? 0 : int(it - rs.begin());
}

std::string quoted(const std::string& v) {
    return v.empty() || v.find_first_of(" \t") != std::string::npos ? "\"" + v + "\"" : v;
}

/// Alert types the trainee has seen (released alerts), for the type list.
std::vector<std::string> seen_types(const Session& s) {
    std::set<std::string> types;
    for (const auto& st : s.alerts()) types.insert(s.alert_def(st).alert_type);
    return {types.begin(), types.end()};
}

/// Starts a new rule from the selected alert: its type and its first identifying entity.
void prefill_from_alert(Workspace& ws, RuleForm& f) {
    const AlertState* st = ws.session().alert(ws.selected_alert);
    if (!st) return;
    const AlertDef& d = ws.session().alert_def(*st);
    f.clear();
    f.name = "fp-" + d.id;
    f.type = d.alert_type;
    const auto& keys = rule_condition_keys();
    for (const char* key : {"ip", "account", "host", "file"}) {
        auto vals = alert_field_values(d, ws.session().scenario(), suppression_field(key));
        if (vals.empty()) continue;
        int idx = int(std::find(keys.begin(), keys.end(), key) - keys.begin());
        f.conditions.push_back({idx, false, vals.front()});
        break;
    }
}

void draw_preview(Workspace& ws, const RuleForm& f, const std::string& spec) {
    const Session& s = ws.session();
    std::string error;
    auto rule = s.preview_rule_spec(spec, f.editing, error);
    nlohmann::json* dump = ws.state_dump;
    if (dump) (*dump)["rules"]["form"] = {{"spec", spec}, {"error", error}};
    if (!rule) {
        if (trim(f.name).empty())
            ImGui::TextColored(kDim, "Name the rule to see what it would dismiss.");
        else
            ImGui::TextColored(kBad, "Cannot save yet: %s", error.c_str());
        return;
    }
    auto ids = s.rule_would_match(*rule);
    ImGui::TextColored(ids.empty() ? kDim : kWarn,
                       "Preview: this rule would have dismissed %zu alert%s of this session so far",
                       ids.size(), ids.size() == 1 ? "" : "s");
    for (const auto& id : ids) {
        const AlertState* st = s.alert(id);
        if (!st) continue;
        const AlertDef& d = s.alert_def(*st);
        ImGui::BulletText("%s  %s  %s",
                          clock_text(s.scenario().start_utc_s, st->released_min).c_str(),
                          id.c_str(), d.display_name.c_str());
    }
    if (dump) (*dump)["rules"]["form"]["would_match"] = ids;
    std::string broad = rule_breadth_problem(*rule);
    if (!broad.empty()) ImGui::TextColored(kWarn, "Over-broad: %s", broad.c_str());
}

} // namespace

const std::vector<std::string>& rule_condition_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> v;
        for (const auto& k : suppression_field_keys())
            if (k.find('.') == std::string::npos) v.push_back(k);
        return v;
    }();
    return keys;
}

void RuleForm::load(const SuppressionRule& r) {
    clear();
    editing = true;
    name = r.name;
    type = r.alert_type;
    const auto& keys = rule_condition_keys();
    for (const auto& c : r.conditions) {
        std::string k = short_key(c.field);
        int idx = int(std::find(keys.begin(), keys.end(), k) - keys.begin());
        if (idx >= int(keys.size())) continue;
        conditions.push_back({idx, bool(c.contains), c.contains ? *c.contains : join(c.in, ",")});
        original_keys.push_back(k);
    }
    reason = reason_index(r.reason);
    comment = r.comment;
    if (r.expires_utc_s) expires = datetime_text(*r.expires_utc_s).substr(0, 10);
    enabled = original_enabled = r.enabled;
    original_spec = spec();
}

std::string RuleForm::spec() const {
    const auto& keys = rule_condition_keys();
    std::string out = "name=" + quoted(trim(name)) + " type=" + quoted(trim(type));
    std::set<std::string> given;
    for (const auto& c : conditions) {
        const std::string& k = keys[size_t(c.key)];
        given.insert(k);
        out += " " + k + (c.contains ? "~=" : "=") + quoted(trim(c.value));
    }
    for (const auto& k : original_keys)
        if (!given.count(k)) out += " " + k + "=";
    out += " reason=" + suppression_reasons()[size_t(reason)];
    out += " expires=" + (trim(expires).empty() ? std::string("never") : trim(expires));
    if (!trim(comment).empty()) out += " comment=" + quoted(trim(comment));
    return out;
}

void draw_rule_form(Workspace& ws, RuleForm& f) {
    const Session& s = ws.session();
    const bool live = s.state() != SessionState::Debrief;
    const float label_w = ImGui::GetFontSize() * 7;
    auto label = [&](const char* text) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(kDim, "%s", text);
        ImGui::SameLine(label_w);
    };
    panel_header(f.editing ? "Edit rule" : "New rule");
    if (ImGui::Button("Clear form")) f.clear();
    ImGui::SameLine();
    ImGui::BeginDisabled(!s.alert(ws.selected_alert));
    if (ImGui::Button("Start from the selected alert")) prefill_from_alert(ws, f);
    ImGui::EndDisabled();

    label("Name");
    ImGui::SetNextItemWidth(-1);
    ImGui::BeginDisabled(f.editing); // the name picks the rule to edit
    ImGui::InputTextWithHint("##rule_name", "e.g. fp-scanner-10.0.5.20", &f.name);
    ImGui::EndDisabled();

    label("Alert type");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    ImGui::InputTextWithHint("##rule_type", "* for all", &f.type);
    ImGui::SameLine();
    if (ImGui::BeginCombo("##type_pick", "pick", ImGuiComboFlags_NoPreview)) {
        if (ImGui::Selectable("All alert types (*)", f.type == "*")) f.type = "*";
        for (const auto& t : seen_types(s))
            if (ImGui::Selectable(t.c_str(), f.type == t)) f.type = t;
        ImGui::EndCombo();
    }

    label("Conditions");
    ImGui::TextColored(kDim, "all must match; an entity equals any of a comma list, or contains");
    const auto& keys = rule_condition_keys();
    for (size_t i = 0; i < f.conditions.size(); ++i) {
        auto& c = f.conditions[i];
        ImGui::PushID(int(i));
        ImGui::Dummy(ImVec2(label_w - ImGui::GetStyle().ItemSpacing.x, 1));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        if (ImGui::BeginCombo("##key", keys[size_t(c.key)].c_str())) {
            for (int k = 0; k < int(keys.size()); ++k)
                if (ImGui::Selectable(keys[size_t(k)].c_str(), c.key == k)) c.key = k;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        int op = c.contains ? 1 : 0;
        if (ImGui::Combo("##op", &op, "equals any of\0contains\0")) c.contains = op == 1;
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-ImGui::GetFrameHeight() - ImGui::GetStyle().ItemSpacing.x);
        ImGui::InputTextWithHint("##value", c.contains ? "text" : "a, b", &c.value);
        ImGui::SameLine();
        bool remove = ImGui::Button("x");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this condition");
        ImGui::PopID();
        if (remove) {
            f.conditions.erase(f.conditions.begin() + long(i));
            break;
        }
    }
    ImGui::Dummy(ImVec2(label_w - ImGui::GetStyle().ItemSpacing.x, 1));
    ImGui::SameLine();
    if (ImGui::SmallButton("+ Add condition")) f.conditions.push_back({});

    label("Reason");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    const auto& reasons = suppression_reasons();
    if (ImGui::BeginCombo("##reason", reasons[size_t(f.reason)].c_str())) {
        for (int r = 0; r < int(reasons.size()); ++r)
            if (ImGui::Selectable(reasons[size_t(r)].c_str(), f.reason == r)) f.reason = r;
        ImGui::EndCombo();
    }
    label("Comment");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##comment", "why this is safe to hide, and who owns it", &f.comment);
    label("Expires");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputTextWithHint("##expires", "YYYY-MM-DD", &f.expires);
    ImGui::SameLine();
    ImGui::TextColored(kDim, "blank = never (now %s)", datetime_text(s.now_utc_s()).c_str());
    label("State");
    ImGui::Checkbox("Enabled", &f.enabled);

    ImGui::Spacing();
    const std::string spec = f.spec();
    ImGui::TextColored(kDim, "Command:");
    ImGui::SameLine();
    ImGui::TextWrapped("%s_suppression_rule %s", f.editing ? "edit" : "create", spec.c_str());
    draw_preview(ws, f, spec);

    std::string error;
    const bool valid = s.preview_rule_spec(spec, f.editing, error).has_value();
    const bool changed = !f.editing || spec != f.original_spec;
    ImGui::BeginDisabled(!live || !valid);
    if (action_button("Simulate", action_cost(ws, "simulate_suppression_rule", "")))
        ws.send("simulate_suppression_rule " + spec);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Recorded in the transcript: how many alerts it would have dismissed");
    ImGui::SameLine();
    const char* verb = f.editing ? "edit_suppression_rule" : "create_suppression_rule";
    ImGui::BeginDisabled(!changed && f.enabled == f.original_enabled);
    if (action_button(f.editing ? "Save changes" : "Create rule", action_cost(ws, verb, ""))) {
        std::string name = trim(f.name);
        if (changed) ws.send(std::string(verb) + " " + spec);
        if (f.enabled != (f.editing ? f.original_enabled : true))
            ws.send(std::string(f.enabled ? "enable" : "disable") + "_suppression_rule " + name);
        f.clear();
    }
    ImGui::EndDisabled();
    ImGui::EndDisabled();
}

} // namespace alertdrill::gui
