#include "alertdrill/scenario.hpp"

#include "alertdrill/paths.hpp"
#include "alertdrill/rng.hpp"
#include "alertdrill/text.hpp"
#include "scenario_internal.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <mutex>

namespace alertdrill {

namespace fs = std::filesystem;

std::string content_hash(std::string_view text) {
    return fmt::format("{:016x}", fnv1a(text));
}

int ScenarioInstance::table_index(std::string_view name) const {
    const auto& tables = resolved->tables;
    for (size_t i = 0; i < tables.size(); ++i)
        if (tables[i].name == name) return static_cast<int>(i);
    return -1;
}

const EvidenceTable& ScenarioInstance::evidence(size_t ti) const {
    return evidence_set->get(ti);
}

size_t ScenarioInstance::tables_generated() const {
    return evidence_set->generated();
}

std::optional<ScenarioDef> detail::build_scenario_doc(const toml::table& doc,
                                                      const std::string& text,
                                                      const std::string& path,
                                                      const Catalog& catalog, Diagnostics& diags,
                                                      const ScenarioLimits& limits, bool check) {
    size_t errors_before = diags.error_count();
    ScenarioDef s;
    s.path = path;
    s.id = fs::path(path).stem().string();
    s.content_hash = content_hash(text);
    s.source_text = text;
    TableReader top(doc, path, diags, "the scenario file");
    detail::build_scenario(top, s, catalog);
    if (check) detail::check_scenario(s, catalog, limits, diags);
    if (diags.error_count() > errors_before) return std::nullopt;
    return s;
}

namespace {

std::optional<ScenarioDef> build_from_text(const std::string& text, const std::string& path,
                                           const Catalog& catalog, Diagnostics& diags,
                                           const ScenarioLimits& limits, bool check) {
    auto doc = parse_toml_text(text, path, diags);
    if (!doc) return std::nullopt;
    return detail::build_scenario_doc(*doc, text, path, catalog, diags, limits, check);
}

std::string substitute(std::string text, const std::map<std::string, std::string>& vars) {
    for (const auto& [name, value] : vars) {
        std::string token = "{" + name + "}";
        size_t pos = 0;
        while ((pos = text.find(token, pos)) != std::string::npos) {
            text.replace(pos, token.size(), value);
            pos += value.size();
        }
    }
    return text;
}

template <class T>
void keep_if_holds(std::vector<T>& items, const std::map<std::string, std::string>& vars) {
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const T& x) { return !detail::condition_holds(x.when, vars); }),
                items.end());
}

} // namespace

std::optional<ScenarioDef> load_scenario(const std::string& path, const Catalog& catalog,
                                         Diagnostics& diags, const ScenarioLimits& limits) {
    std::string text;
    if (!read_source(path, text, diags, limits.max_file_bytes, "a scenario")) return std::nullopt;
    return build_from_text(text, path, catalog, diags, limits, true);
}

std::optional<ScenarioDef> load_scenario_text(const std::string& text, const std::string& path,
                                              const Catalog& catalog, Diagnostics& diags,
                                              const ScenarioLimits& limits) {
    if (text.size() > limits.max_file_bytes) {
        diags.error({path, 1, 1}, "the file is " + std::to_string(text.size()) +
                                      " bytes; the limit for a scenario is " +
                                      std::to_string(limits.max_file_bytes) + " bytes");
        return std::nullopt;
    }
    return build_from_text(text, path, catalog, diags, limits, true);
}

namespace {

/// Scenarios resolved for a set of variable values, by everything that decides the result (the
/// file, the catalog's steps, the values, the substituted text). Re-scoring a class replays
/// many transcripts of the same scenario and values; parsing the TOML again for each was most
/// of the cost of a replay. Bounded (a class uses a few hundred variants at most), emptied
/// when full. Instances share the resolved scenario rather than copy it.
struct Resolved {
    std::shared_ptr<const ScenarioDef> def;
    Diagnostics diags; ///< what building it reported (warnings), given to every caller
};

class ResolvedCache {
  public:
    std::shared_ptr<const Resolved> find(const std::string& key) {
        std::lock_guard lock(m_mutex);
        auto it = m_items.find(key);
        return it == m_items.end() ? nullptr : it->second;
    }
    void put(std::string key, std::shared_ptr<const Resolved> r) {
        std::lock_guard lock(m_mutex);
        if (m_items.size() >= 256) m_items.clear();
        m_items.emplace(std::move(key), std::move(r));
    }

  private:
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<const Resolved>> m_items;
};
ResolvedCache g_resolved;

} // namespace

std::shared_ptr<const ScenarioInstance>
instantiate(const ScenarioDef& def, const Catalog& catalog, uint64_t seed, Diagnostics& diags,
            const std::map<std::string, std::string>& overrides) {
    auto inst = std::make_shared<ScenarioInstance>();
    inst->seed = seed;
    for (const auto& v : def.variables) {
        auto o = overrides.find(v.name);
        if (o != overrides.end()) {
            if (std::find(v.values.begin(), v.values.end(), o->second) == v.values.end()) {
                diags.error(v.pos, "variable '" + v.name + "' has no value '" + o->second +
                                       "'; it can be: " + join(v.values, ", "));
                return nullptr;
            }
            inst->variables[v.name] = o->second;
        } else if (!v.values.empty()) {
            Rng rng(seed ^ fnv1a(v.name));
            inst->variables[v.name] = v.values[rng.below(v.values.size())];
        }
    }
    for (const auto& [name, value] : overrides)
        if (!inst->variables.count(name)) {
            diags.error({def.path, 0, 0}, "the scenario has no variable '" + name + "'");
            return nullptr;
        }
    // The file's text is known by its hash and length: substituting and hashing it again for
    // every replay would cost a good part of what the cache saves.
    std::string key = def.path + '\n' + def.content_hash + ':' +
                      std::to_string(def.source_text.size()) + '\n' +
                      std::to_string(catalog.fingerprint()) + '\n';
    for (const auto& [k, v] : inst->variables) key += k + '=' + v + '\n';
    auto cached = g_resolved.find(key);
    if (!cached) {
        const std::string text = substitute(def.source_text, inst->variables);
        Diagnostics d;
        auto resolved = build_from_text(text, def.path, catalog, d, {}, false);
        diags.append(d);
        if (!resolved) return nullptr;
        resolved->content_hash = def.content_hash;
        resolved->source_text.clear();
        const auto& vars = inst->variables;
        keep_if_holds(resolved->alerts, vars);
        keep_if_holds(resolved->responses, vars);
        keep_if_holds(resolved->attacker, vars);
        keep_if_holds(resolved->rubric, vars);
        keep_if_holds(resolved->harmful, vars);
        keep_if_holds(resolved->report, vars);
        keep_if_holds(resolved->checkpoints, vars);
        for (auto& t : resolved->tables) keep_if_holds(t.rows, vars);
        cached = std::make_shared<const Resolved>(
            Resolved{std::make_shared<const ScenarioDef>(std::move(*resolved)), std::move(d)});
        g_resolved.put(key, cached);
    } else {
        diags.append(cached->diags);
    }
    inst->resolved = cached->def;
    inst->evidence_set = detail::evidence_set_for(inst->resolved, seed, key);
    return inst;
}

std::vector<ScenarioInfo> list_scenarios(const std::string& dir, const Catalog& catalog) {
    std::vector<ScenarioInfo> out;
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".toml" && e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        ScenarioInfo info;
        info.path = f.string();
        info.id = f.stem().string();
        if (!resolves_inside(info.path, dir)) {
            info.valid = false;
            info.first_error = info.path + ": error: " + outside_folder_message(info.path, dir);
            out.push_back(std::move(info));
            continue;
        }
        Diagnostics d;
        auto s = load_scenario(info.path, catalog, d);
        if (s) {
            info.title = s->title;
            info.difficulty = s->difficulty;
            info.summary = s->summary;
            info.estimated_minutes = s->estimated_minutes;
            info.objectives = s->objectives;
        } else {
            info.valid = false;
            d.sort();
            for (const auto& x : d.items())
                if (x.level == DiagLevel::Error) {
                    info.first_error = x.format();
                    break;
                }
        }
        out.push_back(std::move(info));
    }
    return out;
}

} // namespace alertdrill
