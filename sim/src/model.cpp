#include "alertdrill/model.hpp"

#include "alertdrill/text.hpp"

namespace alertdrill {

std::string_view step_id(Step s) {
    switch (s) {
    case Step::Context:
        return "context";
    case Step::Analysis:
        return "analysis";
    case Step::Containment:
        return "containment";
    case Step::Posture:
        return "posture";
    case Step::Documentation:
        return "documentation";
    }
    return "context";
}

std::string_view step_title(Step s) {
    switch (s) {
    case Step::Context:
        return "Cloud context";
    case Step::Analysis:
        return "Threat analysis";
    case Step::Containment:
        return "Containment and remediation";
    case Step::Posture:
        return "Posture improvement";
    case Step::Documentation:
        return "Documentation";
    }
    return "";
}

const std::vector<std::string>& step_ids() {
    static const std::vector<std::string> ids{"context", "analysis", "containment", "posture",
                                              "documentation"};
    return ids;
}

std::optional<Step> parse_step(std::string_view id) {
    for (int i = 0; i < kStepCount; ++i)
        if (step_ids()[i] == id) return static_cast<Step>(i);
    return std::nullopt;
}

std::string_view severity_name(Severity s) {
    switch (s) {
    case Severity::Informational:
        return "Informational";
    case Severity::Low:
        return "Low";
    case Severity::Medium:
        return "Medium";
    case Severity::High:
        return "High";
    }
    return "";
}

std::optional<Severity> parse_severity(std::string_view s) {
    for (auto v : {Severity::Informational, Severity::Low, Severity::Medium, Severity::High})
        if (severity_name(v) == s) return v;
    return std::nullopt;
}

std::string_view alert_status_name(AlertStatus s) {
    switch (s) {
    case AlertStatus::Active:
        return "Active";
    case AlertStatus::InProgress:
        return "InProgress";
    case AlertStatus::Resolved:
        return "Resolved";
    case AlertStatus::Dismissed:
        return "Dismissed";
    }
    return "";
}

std::string_view stage_name(Stage s) {
    switch (s) {
    case Stage::Early:
        return "early";
    case Stage::Mid:
        return "mid";
    case Stage::Late:
        return "late";
    }
    return "";
}

std::optional<Stage> parse_stage(std::string_view s) {
    for (auto v : {Stage::Early, Stage::Mid, Stage::Late})
        if (stage_name(v) == s) return v;
    return std::nullopt;
}

const std::vector<std::string>& intent_names() {
    static const std::vector<std::string> v{"Unknown",
                                            "PreAttack",
                                            "InitialAccess",
                                            "Persistence",
                                            "PrivilegeEscalation",
                                            "DefenseEvasion",
                                            "CredentialAccess",
                                            "Discovery",
                                            "LateralMovement",
                                            "Execution",
                                            "Collection",
                                            "Exfiltration",
                                            "CommandAndControl",
                                            "Impact",
                                            "Probing",
                                            "Exploitation"};
    return v;
}

const std::vector<std::string>& entity_types() {
    static const std::vector<std::string> v{"ip",   "account",  "host",           "process",
                                            "file", "filehash", "azure-resource", "malware",
                                            "dns",  "url"};
    return v;
}

const std::vector<std::string>& report_field_ids() {
    static const std::vector<std::string> v{"attack_vector", "root_cause", "prevention",
                                            "action_taken", "data_exposure"};
    return v;
}

const Resource* ScenarioDef::resource(std::string_view rid) const {
    for (const auto& r : resources)
        if (r.id == rid) return &r;
    return nullptr;
}

const AlertDef* ScenarioDef::alert(std::string_view aid) const {
    for (const auto& a : alerts)
        if (a.id == aid) return &a;
    return nullptr;
}

const TableDef* ScenarioDef::table(std::string_view tname) const {
    for (const auto& t : tables)
        if (t.name == tname) return &t;
    return nullptr;
}

const Checkpoint* ScenarioDef::checkpoint(std::string_view cid) const {
    for (const auto& c : checkpoints)
        if (c.id == cid) return &c;
    return nullptr;
}

std::array<int, kStepCount> ScenarioDef::max_points() const {
    std::array<int, kStepCount> pts{};
    for (const auto& item : rubric) pts[static_cast<int>(item.step)] += item.points;
    for (const auto& f : report) pts[static_cast<int>(Step::Documentation)] += f.points;
    for (const auto& c : checkpoints) pts[static_cast<int>(c.step)] += c.points;
    return pts;
}

} // namespace alertdrill
