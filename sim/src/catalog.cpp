#include "alertdrill/catalog.hpp"

#include "alertdrill/rng.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/toml_reader.hpp"
#include "scenario_internal.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

namespace alertdrill {

std::string_view target_kind_name(TargetKind k) {
    switch (k) {
    case TargetKind::None:
        return "none";
    case TargetKind::Resource:
        return "resource";
    case TargetKind::Alert:
        return "alert";
    case TargetKind::Ip:
        return "ip";
    case TargetKind::Account:
        return "account";
    case TargetKind::Process:
        return "process";
    case TargetKind::File:
        return "file";
    case TargetKind::Text:
        return "text";
    case TargetKind::Minutes:
        return "minutes";
    }
    return "none";
}

static const std::vector<std::string>& target_kind_names() {
    static const std::vector<std::string> v{"none",    "resource", "alert", "ip",     "account",
                                            "process", "file",     "text",  "minutes"};
    return v;
}

const std::vector<std::string>& resource_kinds() {
    static const std::vector<std::string> v{"vm",       "storage", "sql",      "appservice",
                                            "identity", "nsg",     "keyvault", "subscription"};
    return v;
}

void Catalog::add(ActionDef a) {
    std::string part = a.id + ':' + std::to_string(int(a.step));
    for (const auto& al : a.aliases) part += ',' + al;
    m_fingerprint = fnv1a(part + ';', m_fingerprint);
    m_actions.push_back(std::move(a));
}

const ActionDef* Catalog::find(std::string_view id_or_alias) const {
    for (const auto& a : m_actions)
        if (a.id == id_or_alias) return &a;
    for (const auto& a : m_actions)
        for (const auto& al : a.aliases)
            if (al == id_or_alias) return &a;
    return nullptr;
}

std::vector<std::string> Catalog::ids() const {
    std::vector<std::string> out;
    for (const auto& a : m_actions) out.push_back(a.id);
    return out;
}

bool load_catalog(const std::string& path, Catalog& out, Diagnostics& diags) {
    std::string text;
    if (!read_source(path, text, diags, limits::k_catalog_bytes, "the action catalog"))
        return false;
    return load_catalog_text(text, path, out, diags);
}

bool load_catalog_text(std::string_view text, const std::string& path, Catalog& out,
                       Diagnostics& diags) {
    auto doc = parse_toml_text(text, path, diags);
    if (!doc) return false;
    return detail::load_catalog_doc(*doc, path, out, diags);
}

bool detail::load_catalog_doc(const toml::table& doc, const std::string& path, Catalog& out,
                              Diagnostics& diags) {
    size_t before = diags.error_count();
    out = Catalog();
    out.set_path(path);
    TableReader top(doc, path, diags, "the action catalog");
    std::map<std::string, int> seen; // id or alias -> line of the action that took it
    for (auto& r : top.tables("action", true)) {
        ActionDef a;
        a.pos = r.pos();
        // A value of the wrong type is already reported; "needs" is for absent or empty ones.
        auto blank = [&](std::string_view key, const std::string& v) {
            const toml::node* n = r.raw().get(key);
            return v.empty() && (!n || n->is_string());
        };
        a.id = r.string_or("id", "");
        if (blank("id", a.id)) r.error("id", r.what() + " needs a non-empty 'id'");
        std::string label = a.id.empty() ? r.what() : "action '" + a.id + "'";
        a.name = r.string_or("name", "");
        if (blank("name", a.name)) r.error("name", label + " needs a 'name'");
        a.description = r.string_or("description", "");
        if (blank("description", a.description))
            r.error("description", label + " needs a 'description'");
        if (auto s = r.choice("step", true, step_ids())) a.step = *parse_step(*s);
        if (auto m = r.integer("minutes", true, 0, 24 * 60)) a.minutes = static_cast<int>(*m);
        if (auto t = r.choice("target", false, target_kind_names())) {
            for (size_t i = 0; i < target_kind_names().size(); ++i)
                if (target_kind_names()[i] == *t) a.target = static_cast<TargetKind>(i);
        }
        if (auto k = r.strings("resource_kinds", false)) {
            for (const auto& kind : *k)
                if (std::find(resource_kinds().begin(), resource_kinds().end(), kind) ==
                    resource_kinds().end())
                    r.error("resource_kinds", "unknown resource kind '" + kind + "' in " + label +
                                                  did_you_mean(kind, resource_kinds()));
            a.resource_kinds = *k;
            if (a.target != TargetKind::Resource)
                r.error("resource_kinds", label + " has resource_kinds but its target is not "
                                                  "'resource'");
        }
        if (auto al = r.strings("aliases", false)) a.aliases = *al;
        a.default_outcome = r.string_or("default_outcome", "");
        if (blank("default_outcome", a.default_outcome))
            r.error("default_outcome", label + " needs a 'default_outcome'");
        if (auto d = r.boolean("destructive", false)) a.destructive = *d;
        r.finish();
        if (!a.id.empty()) {
            if (auto [it, fresh] = seen.emplace(a.id, a.pos.line); !fresh)
                diags.error(a.pos, "duplicate action id '" + a.id + "' (first used at line " +
                                       std::to_string(it->second) + ")");
            for (const auto& al : a.aliases)
                if (auto [it, fresh] = seen.emplace(al, a.pos.line); !fresh)
                    diags.error(a.pos, "alias '" + al + "' of " + label +
                                           " is already used by the action at line " +
                                           std::to_string(it->second));
        }
        out.add(std::move(a));
    }
    top.finish();
    return diags.error_count() == before;
}

static std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

std::string default_catalog_path() {
    return env_or("ALERTDRILL_CONTENT", std::string(ALERTDRILL_SOURCE_DIR) + "/content") +
           "/actions.toml";
}

std::string default_scenarios_dir() {
    if (std::filesystem::is_directory("scenarios")) return "scenarios";
    return env_or("ALERTDRILL_SCENARIOS", std::string(ALERTDRILL_SOURCE_DIR) + "/scenarios");
}

} // namespace alertdrill
