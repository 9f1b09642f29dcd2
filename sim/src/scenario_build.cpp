// Phase 2 of loading: typed structs from the parsed TOML. Cross-references are checked later
// (scenario_check.cpp) so every problem of a file is reported in one run.
#include "scenario_internal.hpp"

#include "alertdrill/table.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace alertdrill::detail {

namespace {

std::string cell_text(const toml::node& n) {
    if (n.is_string()) return *n.value<std::string>();
    if (n.is_integer()) return std::to_string(*n.value<int64_t>());
    if (n.is_floating_point()) return fmt::format("{}", *n.value<double>());
    if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
    if (n.is_date_time())
        return format_datetime_us(to_unix_seconds(*n.value<toml::date_time>()) * 1000000);
    return "";
}

int read_minutes_key(TableReader& r, std::string_view key, int fallback, int min, int max) {
    auto v = r.integer(key, false, min, max);
    return v ? static_cast<int>(*v) : fallback;
}

void build_meta(TableReader& top, ScenarioDef& s) {
    auto m = top.table("scenario", true);
    if (!m) return;
    s.pos = m->pos();
    if (auto t = m->string("title", true)) {
        s.title = *t;
        if (s.title.empty()) m->error("title", "[scenario] needs a non-empty 'title'");
    }
    s.summary = m->string_or("summary", "");
    if (auto d = m->choice("difficulty", true, {"beginner", "intermediate", "advanced"}))
        s.difficulty = *d;
    if (auto v = m->integer("estimated_minutes", true, 1, 600)) s.estimated_minutes = int(*v);
    if (auto o = m->strings("objectives", true)) s.objectives = *o;
    if (auto b = m->string("briefing", true)) {
        s.briefing = *b;
        if (s.briefing.empty()) m->error("briefing", "[scenario] needs a non-empty 'briefing'");
    }
    if (auto t = m->datetime("start", true)) s.start_utc_s = *t;
    s.max_minutes = read_minutes_key(*m, "max_minutes", 240, 10, 24 * 60 * 7);
    if (auto st = m->choice("stage", true, {"early", "mid", "late"})) s.stage = *parse_stage(*st);
    m->finish();
}

void build_variables(TableReader& top, ScenarioDef& s) {
    auto v = top.table("variables", false);
    if (!v) return;
    for (const auto& [k, node] : v->raw()) {
        std::string name(k.str());
        Variable var;
        var.name = name;
        var.pos = pos_of(node, v->file());
        if (auto vals = v->strings(name, true)) var.values = *vals;
        if (var.values.empty()) v->error(name, "variable '" + name + "' needs at least one value");
        for (const auto& val : var.values)
            if (val.find_first_of("\"'\\{}\n\r") != std::string::npos)
                v->error(name, "value '" + escape_control(val, false) + "' of variable '" + name +
                                   "' may not contain quotes, backslashes, braces or newlines");
        s.variables.push_back(std::move(var));
    }
    v->finish();
}

void build_context(TableReader& top, ScenarioDef& s) {
    for (auto& r : top.tables("subscription", false)) {
        Subscription sub;
        sub.id = r.string_or("id", "");
        if (sub.id.empty()) r.error("id", r.what() + " needs an 'id'");
        sub.name = r.string_or("name", sub.id);
        sub.owner = r.string_or("owner", "");
        r.finish();
        s.subscriptions.push_back(std::move(sub));
    }
    for (auto& r : top.tables("resource", true)) {
        Resource res;
        res.pos = r.pos();
        res.id = r.string_or("id", "");
        if (res.id.empty()) r.error("id", r.what() + " needs an 'id'");
        if (auto k = r.choice("kind", true, resource_kinds())) res.kind = *k;
        res.name = r.string_or("name", res.id);
        res.resource_group = r.string_or("resource_group", "");
        res.subscription = r.string_or("subscription", "");
        if (auto e = r.choice("environment", true, {"production", "staging", "dev", "test"}))
            res.environment = *e;
        if (auto f = r.boolean("internet_facing", false)) res.internet_facing = *f;
        res.owner = r.string_or("owner", "");
        res.region = r.string_or("region", "");
        if (auto x = r.strings("reaches", false)) res.reaches = *x;
        if (auto x = r.strings("identity_roles", false)) res.identity_roles = *x;
        res.notes = r.string_or("notes", "");
        r.finish();
        s.resources.push_back(std::move(res));
    }
    for (auto& r : top.tables("incident", false)) {
        Incident inc;
        inc.id = r.string_or("id", "");
        if (inc.id.empty()) r.error("id", r.what() + " needs an 'id'");
        inc.title = r.string_or("title", inc.id);
        r.finish();
        s.incidents.push_back(std::move(inc));
    }
}

void build_alerts(TableReader& top, ScenarioDef& s) {
    for (auto& r : top.tables("alert", true)) {
        AlertDef a;
        a.pos = r.pos();
        a.id = r.string_or("id", "");
        if (a.id.empty()) r.error("id", r.what() + " needs an 'id'");
        if (auto v = r.string("display_name", true)) a.display_name = *v;
        if (auto v = r.string("alert_type", true)) a.alert_type = *v;
        if (auto v = r.choice("severity", true, {"Informational", "Low", "Medium", "High"}))
            a.severity = *parse_severity(*v);
        if (auto v = r.string("resource", true)) a.resource = *v;
        if (auto v = r.strings("tactics", true)) a.tactics = *v;
        if (auto v = r.choice("intent", true, intent_names())) a.intent = *v;
        if (auto v = r.string("description", true)) a.description = *v;
        if (auto v = r.strings("remediation", true)) a.remediation = *v;
        for (auto& e : r.tables("entities", false)) {
            Entity ent;
            if (auto t = e.choice("type", true, entity_types())) ent.type = *t;
            if (auto v = e.string("value", true)) ent.value = *v;
            e.finish();
            a.entities.push_back(std::move(ent));
        }
        a.incident = r.string_or("incident", "");
        if (auto v = r.integer("at", false, 0, 24 * 60 * 7)) a.at_min = int(*v);
        if (auto v = r.boolean("true_positive", false)) a.true_positive = *v;
        if (auto v = r.choice("stage", true, {"early", "mid", "late"})) a.stage = *parse_stage(*v);
        a.when = read_when(r);
        r.finish();
        s.alerts.push_back(std::move(a));
    }
}

void build_tables(TableReader& top, ScenarioDef& s) {
    for (auto& r : top.tables("table", false)) {
        TableDef t;
        t.pos = r.pos();
        t.name = r.string_or("name", "");
        if (t.name.empty()) r.error("name", r.what() + " needs a 'name'");
        std::string label = "table '" + t.name + "'";
        if (auto cols = r.strings("columns", true)) {
            for (const auto& c : *cols) {
                auto colon = c.find(':');
                ColumnDef cd;
                cd.name = c.substr(0, colon);
                std::string type = colon == std::string::npos ? "string" : c.substr(colon + 1);
                if (auto ct = parse_column_type(type))
                    cd.type = *ct;
                else
                    r.error("columns", "column '" + cd.name + "' of " + label +
                                           " has unknown type '" + type +
                                           "'; use string, long, real, bool, datetime, timespan "
                                           "or dynamic");
                t.columns.push_back(cd);
            }
        }
        if (auto v = r.boolean("visible", false)) t.visible = *v;
        if (auto v = r.strings("revealed_by", false)) t.revealed_by = *v;
        std::vector<std::string> col_names;
        for (const auto& c : t.columns) col_names.push_back(c.name);
        for (auto& row : r.tables("row", false)) {
            RowDef rd;
            rd.pos = row.pos();
            rd.cells.resize(t.columns.size());
            rd.key = row.string_or("_key", "");
            rd.after = row.string_or("_after", "");
            rd.when = read_when(row);
            for (const auto& [k, v] : row.raw()) {
                std::string name(k.str());
                if (name == "_key" || name == "_after" || name == "when") continue;
                row.allow(name);
                auto it = std::find(col_names.begin(), col_names.end(), name);
                if (it == col_names.end()) {
                    s_diag_unknown_column(row, name, label, col_names);
                    continue;
                }
                size_t ci = static_cast<size_t>(it - col_names.begin());
                if (v.is_array() || v.is_table()) {
                    row.error(name, "cell '" + name + "' in " + label +
                                        " must be a single value, not " + toml_type_name(v));
                    continue;
                }
                rd.cells[ci] = cell_text(v);
                check_cell(row, name, v, t.columns[ci].type, label);
            }
            row.finish();
            t.rows.push_back(std::move(rd));
        }
        if (auto n = r.table("noise", false)) {
            NoiseSpec ns;
            ns.pos = n->pos();
            if (auto v = n->integer("rows", true, 0, limits::k_noise_rows_per_table)) ns.rows = *v;
            if (auto v = n->string("from", false)) {
                if (auto m = parse_relative_minutes(*v))
                    ns.from_min = *m;
                else
                    n->error("from", "'from' must look like T-24h, T-90m or T+0m");
            }
            if (auto v = n->string("to", false)) {
                if (auto m = parse_relative_minutes(*v))
                    ns.to_min = *m;
                else
                    n->error("to", "'to' must look like T-24h, T-90m or T+0m");
            }
            if (ns.from_min >= ns.to_min) n->error("to", "noise 'to' must be after 'from'");
            if (auto vals = n->table("values", true)) {
                for (const auto& [k, v] : vals->raw()) {
                    std::string col(k.str());
                    if (auto list = vals->strings(col, true, true)) {
                        if (list->empty())
                            vals->error(col, "noise values for '" + col + "' are empty");
                        ns.values[col] = *list;
                    }
                    if (std::find(col_names.begin(), col_names.end(), col) == col_names.end())
                        vals->error(col, "noise names column '" + col + "', which " + label +
                                             " does not have" + did_you_mean(col, col_names));
                }
                vals->finish();
            }
            n->finish();
            t.noise = ns;
        }
        r.finish();
        s.tables.push_back(std::move(t));
    }
}

} // namespace

Condition read_when(TableReader& r) {
    Condition c;
    auto t = r.table("when", false);
    if (!t) return c;
    for (const auto& [k, v] : t->raw()) {
        t->allow(k.str());
        if (auto s = v.value<std::string>(); s && v.is_string())
            c[std::string(k.str())] = *s;
        else
            r.diags().error(pos_of(v, r.file()), "'when' values in " + r.what() +
                                                     " must be strings, not " + toml_type_name(v));
    }
    return c;
}

void s_diag_unknown_column(TableReader& row, const std::string& name, const std::string& label,
                           const std::vector<std::string>& cols) {
    row.error(name, "row names column '" + name + "', which " + label + " does not have" +
                        did_you_mean(name, cols));
}

std::optional<int> parse_relative_minutes(std::string_view text) {
    // T-24h, T+90m, T-2d, T-1h30m
    if (text.size() < 3 || text[0] != 'T' || (text[1] != '+' && text[1] != '-'))
        return std::nullopt;
    int sign = text[1] == '-' ? -1 : 1;
    long total = 0;
    size_t i = 2;
    bool any = false;
    while (i < text.size()) {
        long n = 0;
        size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && n < 10'000'000)
            n = n * 10 + (text[i++] - '0');
        if (i == start || i >= text.size()) return std::nullopt;
        char u = text[i++];
        if (u == 'm')
            total += n;
        else if (u == 'h')
            total += n * 60;
        else if (u == 'd')
            total += n * 1440;
        else
            return std::nullopt;
        any = true;
        if (total > 60L * 24 * 366) return std::nullopt;
    }
    if (!any) return std::nullopt;
    return static_cast<int>(sign * total);
}

void check_cell(TableReader& row, const std::string& name, const toml::node& v, ColumnType type,
                const std::string& label) {
    std::string where = "cell '" + name + "' in " + label;
    switch (type) {
    case ColumnType::Long:
        if (!v.is_integer()) row.error(name, where + " must be an integer (column type long)");
        break;
    case ColumnType::Real:
        if (!v.is_number()) row.error(name, where + " must be a number (column type real)");
        break;
    case ColumnType::Bool:
        if (!v.is_boolean()) row.error(name, where + " must be true or false (column type bool)");
        break;
    case ColumnType::DateTime:
        if (v.is_date_time()) break;
        if (v.is_string()) {
            auto s = *v.value<std::string>();
            if (parse_relative_minutes(s) || parse_datetime_us(s)) break;
        }
        row.error(name, where + " must be a date-time or a time relative to the start such as "
                                "\"T-40m\" (column type datetime)");
        break;
    case ColumnType::TimeSpan:
        if (!v.is_integer())
            row.error(name, where + " must be an integer of seconds (column type timespan)");
        break;
    case ColumnType::String:
    case ColumnType::Dynamic:
        if (!v.is_string()) row.error(name, where + " must be a string");
        break;
    }
}

void build_scenario(TableReader& top, ScenarioDef& s, const Catalog& catalog) {
    build_meta(top, s);
    build_variables(top, s);
    build_context(top, s);
    build_alerts(top, s);
    build_tables(top, s);
    build_rules(top, s, catalog);
    build_suppressions(top, s);
    build_checkpoints(top, s);
    top.finish();
}

} // namespace alertdrill::detail
