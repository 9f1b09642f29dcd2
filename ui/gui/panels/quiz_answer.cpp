// Answer widgets per question type: radio buttons (single, true/false), check boxes (multiple),
// a text field (short, numeric), a list with move buttons (ordering), a choice per prompt
// (matching).
#include "gui/panels/quiz_answer.hpp"

#include "alertdrill/text.hpp"
#include "gui/panels/widgets.hpp"

#include <algorithm>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace alertdrill::gui {

std::string option_text(const Question& q, const std::string& id) {
    for (const auto& o : q.options)
        if (o.id == id) return o.text;
    for (const auto& it : q.items)
        if (it.id == id) return it.text;
    return id;
}

std::string readable_answer(const Question& q, const std::string& text_form) {
    const bool ids = q.type == QuestionType::Single || q.type == QuestionType::TrueFalse ||
                     q.type == QuestionType::Multiple || q.type == QuestionType::Ordering;
    if (!ids || q.type == QuestionType::TrueFalse) return text_form;
    std::string out;
    size_t start = 0;
    while (start <= text_form.size()) {
        size_t comma = text_form.find(',', start);
        if (comma == std::string::npos) comma = text_form.size();
        std::string id = trim(text_form.substr(start, comma - start));
        if (!id.empty())
            out += (out.empty()                        ? ""
                    : q.type == QuestionType::Ordering ? " -> "
                                                       : "; ") +
                   option_text(q, id);
        start = comma + 1;
    }
    return out;
}

QuizResponse draw_answer(const PresentedQuestion& p, AnswerDraft& d, bool read_only) {
    const Question& q = p.question;
    if (!d.initialised) {
        if (q.type == QuestionType::Ordering) d.ordering = p.order;
        d.initialised = true;
    }
    QuizResponse r;
    ImGui::BeginDisabled(read_only);
    ImGui::PushTextWrapPos(0);
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::TrueFalse:
        for (size_t i = 0; i < p.order.size(); ++i) {
            const std::string& id = p.order[i];
            ImGui::PushID(int(i));
            if (ImGui::RadioButton("##opt", d.single == id)) d.single = id;
            ImGui::SameLine();
            ImGui::TextWrapped("%s", option_text(q, id).c_str());
            ImGui::PopID();
        }
        if (!d.single.empty()) r.choices = {d.single};
        break;
    case QuestionType::Multiple:
        ImGui::TextColored(kDim, "Tick every option that applies; wrong ticks can cost marks.");
        for (size_t i = 0; i < p.order.size(); ++i) {
            const std::string& id = p.order[i];
            auto it = std::find(d.multiple.begin(), d.multiple.end(), id);
            bool on = it != d.multiple.end();
            ImGui::PushID(int(i));
            if (ImGui::Checkbox("##opt", &on)) {
                if (on)
                    d.multiple.push_back(id);
                else
                    d.multiple.erase(it);
            }
            ImGui::SameLine();
            ImGui::TextWrapped("%s", option_text(q, id).c_str());
            ImGui::PopID();
        }
        // In the order shown, like the typed "1, 3".
        for (const auto& id : p.order)
            if (std::count(d.multiple.begin(), d.multiple.end(), id)) r.choices.push_back(id);
        break;
    case QuestionType::ShortAnswer:
    case QuestionType::Evidence: // the value, or a KQL query whose result holds it
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
        ImGui::InputTextWithHint("##answer", "your answer", &d.text);
        r.text = d.text;
        break;
    case QuestionType::Numeric:
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        ImGui::InputTextWithHint("##answer", "a number", &d.text);
        if (!q.unit.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(kDim, "%s", q.unit.c_str());
        }
        r.text = d.text;
        break;
    case QuestionType::Ordering:
        ImGui::TextColored(kDim, "Put the items in order, first at the top.");
        for (size_t i = 0; i < d.ordering.size(); ++i) {
            ImGui::PushID(int(i));
            ImGui::BeginDisabled(i == 0);
            bool up = ImGui::ArrowButton("##up", ImGuiDir_Up);
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(i + 1 == d.ordering.size());
            bool down = ImGui::ArrowButton("##down", ImGuiDir_Down);
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::TextWrapped("%zu. %s", i + 1, option_text(q, d.ordering[i]).c_str());
            ImGui::PopID();
            if (up) std::swap(d.ordering[i], d.ordering[i - 1]);
            if (down) std::swap(d.ordering[i], d.ordering[i + 1]);
        }
        r.choices = d.ordering;
        break;
    case QuestionType::Matching:
        if (!ImGui::BeginTable("matching", 2, ImGuiTableFlags_NoSavedSettings)) break;
        table_column("Prompt", 16);
        table_column("Choice", 0);
        for (size_t i = 0; i < q.items.size(); ++i) {
            const QuizItem& it = q.items[i];
            ImGui::PushID(int(i));
            std::string& chosen = d.matches[it.id];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", it.text.c_str());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (ImGui::BeginCombo("##choice", chosen.empty() ? "choose..." : chosen.c_str())) {
                for (const auto& c : p.order)
                    if (ImGui::Selectable(c.c_str(), chosen == c)) chosen = c;
                ImGui::EndCombo();
            }
            ImGui::PopID();
            if (!chosen.empty()) r.matches[it.id] = chosen;
        }
        ImGui::EndTable();
        break;
    }
    ImGui::PopTextWrapPos();
    ImGui::EndDisabled();
    return r;
}

} // namespace alertdrill::gui
