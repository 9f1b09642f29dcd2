// Evidence questions: answers computed from a scenario's instantiated evidence at load time, one
// per scenario seed, and graded from a value or a trainee's KQL query.
#include "alertdrill/quiz_evidence.hpp"

#include "alertdrill/catalog.hpp"
#include "alertdrill/query_console.hpp"
#include "alertdrill/text.hpp"
#include "quiz/quiz_loader_internal.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <set>

namespace alertdrill {

namespace {

std::string normalise(std::string_view s) {
    return to_lower(join(split_ws(s), " "));
}

/// The first word of a query: up to whitespace, '|', '(' or ';'.
std::string first_word(std::string_view text) {
    std::string t = trim(text);
    size_t end = t.find_first_of(" \t\r\n|(;");
    return t.substr(0, end);
}

} // namespace

std::variant<kql::Result, kql::Error> run_evidence_query(const ScenarioInstance& inst,
                                                         std::string_view query) {
    kql::TableSet set = instance_table_set(inst);
    kql::Options opts;
    opts.now_us = (inst.def().start_utc_s + int64_t(inst.def().max_minutes) * 60) * 1000000;
    opts.max_work = kEvidenceQueryWork;
    opts.max_result_rows = kEvidenceQueryRows;
    return kql::run(query, set, opts);
}

std::optional<std::string> evidence_answer(const ScenarioInstance& inst, const EvidenceSource& ev,
                                           std::string& error) {
    if (!ev.query.empty()) {
        auto r = run_evidence_query(inst, ev.query);
        if (auto* e = std::get_if<kql::Error>(&r)) {
            error = fmt::format("the query fails at its line {}, column {}: {}", e->line, e->column,
                                e->message);
            return std::nullopt;
        }
        const Table& t = std::get<kql::Result>(r).table;
        if (t.row_count() != 1 || t.columns().size() != 1) {
            error = fmt::format("the query gives {} row{} of {} column{}; it must give exactly "
                                "one value (one row, one column)",
                                t.row_count(), t.row_count() == 1 ? "" : "s", t.columns().size(),
                                t.columns().size() == 1 ? "" : "s");
            return std::nullopt;
        }
        const Column& c = t.columns()[0];
        std::string v = c.is_null(0) ? "" : trim(c.display(0));
        if (v.empty()) {
            error = "the query's one value is empty";
            return std::nullopt;
        }
        return v;
    }
    for (size_t ti = 0; ti < inst.table_count(); ++ti) {
        const TableDef& td = inst.def().tables[ti];
        if (std::none_of(td.rows.begin(), td.rows.end(),
                         [&](const RowDef& r) { return r.key == ev.key; }))
            continue; // only authored rows carry keys: no need to generate this table
        const Table& t = inst.table(ti);
        for (const auto& [row, key] : t.keys()) {
            if (key != ev.key) continue;
            const Column* c = t.column(ev.column);
            if (!c) {
                std::vector<std::string> names;
                std::string same_but_case;
                for (const auto& col : t.columns()) {
                    names.push_back(col.name());
                    if (iequals(col.name(), ev.column)) same_but_case = col.name();
                }
                error = "table '" + t.name() + "' (which holds evidence row '" + ev.key +
                        "') has no column '" + ev.column + "'" +
                        (same_but_case.empty() ? did_you_mean(ev.column, names)
                                               : " (column names are case-sensitive: did you "
                                                 "mean '" +
                                                     same_but_case + "'?)");
                return std::nullopt;
            }
            std::string v = c->is_null(row) ? "" : trim(c->display(row));
            if (v.empty()) {
                error = "column '" + ev.column + "' of evidence row '" + ev.key + "' is empty";
                return std::nullopt;
            }
            return v;
        }
    }
    error = "no evidence row has _key = \"" + ev.key + "\"";
    return std::nullopt;
}

bool looks_like_query(const ScenarioInstance& inst, std::string_view text) {
    std::string w = first_word(text);
    if (w.empty()) return false;
    for (const char* kw : {"let", "print", "union", "datatable", "range"})
        if (w == kw) return true;
    return inst.table_index(w) >= 0;
}

EvidenceGrade grade_evidence(const Question& q, std::string_view answer) {
    EvidenceGrade g;
    const EvidenceSource* ev = q.evidence.get();
    if (!ev || ev->answers.empty() || ev->instances.empty() || !ev->instances[0]) {
        g.note = "This question's scenario could not be loaded, so it cannot be graded.";
        return g;
    }
    const std::string right = normalise(ev->answers[0]);
    const ScenarioInstance& inst = *ev->instances[0];
    if (!ev->allow_query || !looks_like_query(inst, answer)) {
        g.right = normalise(answer) == right;
        return g;
    }
    g.was_query = true;
    auto r = run_evidence_query(inst, answer);
    if (auto* e = std::get_if<kql::Error>(&r)) {
        g.note = fmt::format("Your query did not run (line {}, column {}): {}", e->line, e->column,
                             e->message);
        return g;
    }
    const Table& t = std::get<kql::Result>(r).table;
    if (t.row_count() > ev->max_query_rows) {
        g.note = fmt::format("Your query returned {} rows; a query answer counts only when its "
                             "result has at most {}. Narrow it down to the answer.",
                             t.row_count(), ev->max_query_rows);
        return g;
    }
    for (const auto& c : t.columns())
        for (size_t row = 0; row < t.row_count(); ++row)
            if (!c.is_null(row) && normalise(c.display(row)) == right) {
                g.right = true;
                g.note = "Your query's result holds the answer, " + ev->answers[0] + ".";
                return g;
            }
    g.note = fmt::format("Your query's result ({} row{}) does not hold the answer.", t.row_count(),
                         t.row_count() == 1 ? "" : "s");
    return g;
}

namespace quiz_detail {

void resolve_evidence(QuestionBank& bank, Diagnostics& diags) {
    namespace fs = std::filesystem;
    bool any = std::any_of(bank.questions.begin(), bank.questions.end(),
                           [](const Question& q) { return q.evidence != nullptr; });
    if (!any) return;
    const std::string dir =
        bank.scenarios_dir.empty() ? default_scenarios_dir() : bank.scenarios_dir;
    Catalog catalog;
    Diagnostics catalog_diags;
    bool catalog_ok = load_catalog(default_catalog_path(), catalog, catalog_diags);
    std::map<std::string, std::optional<ScenarioDef>> defs;
    std::map<std::pair<std::string, uint64_t>, std::shared_ptr<const ScenarioInstance>> instances;
    std::vector<std::string> known_ids;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".toml") known_ids.push_back(e.path().stem().string());
    std::sort(known_ids.begin(), known_ids.end());

    for (auto& q : bank.questions) {
        if (!q.evidence) continue;
        if (q.evidence->query.empty() && (q.evidence->key.empty() || q.evidence->column.empty()))
            continue; // the reader already said the source is missing
        const std::string name = "question '" + q.id + "'";
        auto ev = std::make_shared<EvidenceSource>(*q.evidence);
        const std::string path = (fs::path(dir) / (ev->scenario + ".toml")).string();
        if (!catalog_ok) {
            diags.error(ev->scenario_pos, name + " needs the action catalog to load scenario '" +
                                              ev->scenario + "', and " + default_catalog_path() +
                                              " does not load");
            continue;
        }
        if (ev->scenario.empty() ||
            std::find(known_ids.begin(), known_ids.end(), ev->scenario) == known_ids.end()) {
            diags.error(ev->scenario_pos, name + " names scenario '" + ev->scenario +
                                              "', which is not a scenario in " + dir + "/" +
                                              did_you_mean(ev->scenario, known_ids));
            continue;
        }
        auto& def = defs[ev->scenario];
        if (!def) {
            Diagnostics sd;
            def = load_scenario(path, catalog, sd);
            if (!def) {
                sd.sort();
                std::string first;
                for (const auto& x : sd.items())
                    if (x.level == DiagLevel::Error && first.empty()) first = ": " + x.format();
                diags.error(ev->scenario_pos, name + " names scenario '" + ev->scenario +
                                                  "', which does not load" + first);
                def = ScenarioDef{}; // reported once per question; no retry
                def->id.clear();
            }
        }
        if (def->id.empty()) continue;
        bool ok = true;
        for (uint64_t seed : ev->seeds) {
            auto& inst = instances[{ev->scenario, seed}];
            if (!inst) {
                Diagnostics id;
                inst = instantiate(*def, catalog, seed, id);
            }
            if (!inst) {
                diags.error(ev->scenario_pos, fmt::format("{}: scenario '{}' cannot be "
                                                          "instantiated with seed {}",
                                                          name, ev->scenario, seed));
                ok = false;
                break;
            }
            std::string error;
            auto value = evidence_answer(*inst, *ev, error);
            if (!value) {
                diags.error(ev->query_pos, fmt::format("{} (scenario '{}', seed {}): {}", name,
                                                       ev->scenario, seed, error));
                ok = false;
                continue;
            }
            ev->instances.push_back(inst);
            ev->answers.push_back(*value);
            q.variants.push_back(inst->variables);
            q.variant_pos.push_back(q.pos);
        }
        if (!ok) {
            ev->instances.clear();
            ev->answers.clear();
            q.variants.clear();
            q.variant_pos.clear();
        } else {
            // Placeholders in the question's texts are the scenario's variables.
            std::set<std::string> used;
            for (const auto* t : all_texts(q))
                for (auto& p : placeholders(*t)) used.insert(p);
            std::vector<std::string> vars;
            for (const auto& v : def->variables) vars.push_back(v.name);
            for (const auto& p : used)
                if (std::find(vars.begin(), vars.end(), p) == vars.end())
                    diags.error(q.pos, name + " uses the placeholder '{{" + p +
                                           "}}', but scenario '" + ev->scenario +
                                           "' has no such variable" + did_you_mean(p, vars));
            std::set<std::string> distinct(ev->answers.begin(), ev->answers.end());
            if (ev->seeds.size() > 1 && distinct.size() == 1)
                diags.warning(
                    ev->query_pos,
                    name + " has the same answer ('" + ev->answers[0] +
                        "') for every seed; list seeds whose variants differ, or one seed");
        }
        q.evidence = std::move(ev);
    }
}

} // namespace quiz_detail

} // namespace alertdrill
