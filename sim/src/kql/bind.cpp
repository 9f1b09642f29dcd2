#include "kql/bind.hpp"

#include "alertdrill/text.hpp"
#include "kql/eval.hpp"

#include <re2/re2.h>

namespace alertdrill::kql {

namespace {

const std::pair<const char*, Fn> k_binary[] = {
    {"and", Fn::And},
    {"or", Fn::Or},
    {"==", Fn::Eq},
    {"!=", Fn::Neq},
    {"=~", Fn::EqCi},
    {"!~", Fn::NeqCi},
    {"<", Fn::Lt},
    {">", Fn::Gt},
    {"<=", Fn::Le},
    {">=", Fn::Ge},
    {"has", Fn::Has},
    {"!has", Fn::NotHas},
    {"has_cs", Fn::HasCs},
    {"!has_cs", Fn::NotHasCs},
    {"contains", Fn::Contains},
    {"!contains", Fn::NotContains},
    {"contains_cs", Fn::ContainsCs},
    {"!contains_cs", Fn::NotContainsCs},
    {"startswith", Fn::StartsWith},
    {"!startswith", Fn::NotStartsWith},
    {"startswith_cs", Fn::StartsWithCs},
    {"!startswith_cs", Fn::NotStartsWithCs},
    {"endswith", Fn::EndsWith},
    {"!endswith", Fn::NotEndsWith},
    {"endswith_cs", Fn::EndsWithCs},
    {"!endswith_cs", Fn::NotEndsWithCs},
    {"hasprefix", Fn::HasPrefix},
    {"!hasprefix", Fn::NotHasPrefix},
    {"hassuffix", Fn::HasSuffix},
    {"!hassuffix", Fn::NotHasSuffix},
    {"matches", Fn::MatchesRegex},
    {"in", Fn::In},
    {"!in", Fn::NotIn},
    {"in~", Fn::InCi},
    {"!in~", Fn::NotInCi},
    {"has_any", Fn::HasAny},
    {"has_all", Fn::HasAll},
    {"between", Fn::Between},
    {"!between", Fn::NotBetween},
    {"+", Fn::Add},
    {"-", Fn::Sub},
    {"*", Fn::Mul},
    {"/", Fn::Div},
    {"%", Fn::Mod},
};

std::string type_str(ColumnType t) {
    return std::string(column_type_name(t));
}

ColumnType arith_type(Fn fn, ColumnType a, ColumnType b, size_t pos) {
    using CT = ColumnType;
    if (a == CT::String || b == CT::String)
        throw QueryError(pos, "arithmetic needs numbers, datetimes or timespans, not string "
                              "(use strcat() to join strings)");
    if (a == CT::Dynamic || b == CT::Dynamic) {
        ColumnType o = a == CT::Dynamic ? b : a;
        return o == CT::Dynamic ? CT::Real : o;
    }
    if (a == CT::DateTime && b == CT::DateTime && fn == Fn::Sub) return CT::TimeSpan;
    if (a == CT::DateTime && b == CT::TimeSpan && (fn == Fn::Add || fn == Fn::Sub))
        return CT::DateTime;
    if (a == CT::TimeSpan && b == CT::DateTime && fn == Fn::Add) return CT::DateTime;
    if (a == CT::TimeSpan && b == CT::TimeSpan) return fn == Fn::Div ? CT::Real : CT::TimeSpan;
    if (a == CT::TimeSpan && is_numeric(b) && (fn == Fn::Mul || fn == Fn::Div)) return CT::TimeSpan;
    if (is_numeric(a) && b == CT::TimeSpan && fn == Fn::Mul) return CT::TimeSpan;
    if (a == CT::DateTime || b == CT::DateTime || a == CT::TimeSpan || b == CT::TimeSpan)
        throw QueryError(pos,
                         "cannot apply this operator to " + type_str(a) + " and " + type_str(b));
    if (a == CT::Real || b == CT::Real) return CT::Real;
    return CT::Long;
}

void flatten_into(const Value& v, std::vector<Value>& out) {
    if (v.type == ColumnType::Dynamic && v.dyn && v.dyn->is_array()) {
        for (const auto& j : *v.dyn) out.push_back(unwrap_dynamic(Value::dynamic(j)));
    } else {
        out.push_back(v);
    }
}

} // namespace

std::optional<Agg> aggregate_kind(const std::string& n) {
    static const std::map<std::string, Agg> aggs = {{"count", Agg::Count},
                                                    {"countif", Agg::CountIf},
                                                    {"dcount", Agg::DCount},
                                                    {"dcountif", Agg::DCountIf},
                                                    {"sum", Agg::Sum},
                                                    {"sumif", Agg::SumIf},
                                                    {"avg", Agg::Avg},
                                                    {"avgif", Agg::AvgIf},
                                                    {"min", Agg::Min},
                                                    {"max", Agg::Max},
                                                    {"make_set", Agg::MakeSet},
                                                    {"makeset", Agg::MakeSet},
                                                    {"make_list", Agg::MakeList},
                                                    {"makelist", Agg::MakeList},
                                                    {"arg_max", Agg::ArgMax},
                                                    {"arg_min", Agg::ArgMin},
                                                    {"take_any", Agg::TakeAny},
                                                    {"any", Agg::TakeAny}};
    auto it = aggs.find(n);
    if (it == aggs.end()) return std::nullopt;
    return it->second;
}

std::string auto_name(const Expr& e) {
    if (e.kind == Expr::Name) return e.name;
    if (e.kind == Expr::Member) {
        std::string base = auto_name(*e.args[0]);
        return base.empty() ? "" : base + "_" + e.name;
    }
    if (e.kind == Expr::Index && e.args[1]->kind == Expr::Literal &&
        e.args[1]->lit.type == ColumnType::String) {
        std::string base = auto_name(*e.args[0]);
        return base.empty() ? "" : base + "_" + e.args[1]->lit.s;
    }
    if (e.kind == Expr::Call && (e.name == "bin" || e.name == "floor") && !e.args.empty())
        return auto_name(*e.args[0]);
    return "";
}

void column_refs(const BExpr& e, std::vector<int>& out) {
    if (e.fn == Fn::Col) {
        for (int c : out)
            if (c == e.col) return;
        out.push_back(e.col);
    }
    for (const auto& a : e.args) column_refs(a, out);
}

bool is_constant(const BExpr& e) {
    if (e.fn == Fn::Col) return false;
    for (const auto& a : e.args)
        if (!is_constant(a)) return false;
    return true;
}

BExpr constant_fold(BExpr b, const Scope& scope) {
    if (b.fn == Fn::Lit || !is_constant(b)) return b;
    Table empty;
    RowCtx ctx{&empty, 0, scope.now_us};
    BExpr lit;
    lit.fn = Fn::Lit;
    lit.pos = b.pos;
    lit.type = b.type;
    lit.lit = eval(b, ctx);
    return lit;
}

namespace {

void bind_list(const Expr& e, BExpr& b, const Table& in, const Scope& scope) {
    bool ci = b.fn == Fn::InCi || b.fn == Fn::NotInCi;
    auto list = std::make_shared<std::vector<Value>>();
    bool all_const = true;
    std::vector<BExpr> items;
    for (size_t k = 1; k < e.args.size(); ++k) {
        const Expr& a = *e.args[k];
        if (a.kind == Expr::Tabular) {
            if (!scope.eval_tabular) throw QueryError(a.pos, "a subquery is not allowed here");
            for (auto& v : scope.eval_tabular(*a.tab)) list->push_back(std::move(v));
            continue;
        }
        BExpr item = constant_fold(bind_inner(a, in, scope), scope);
        if (item.fn == Fn::Lit)
            flatten_into(item.lit, *list);
        else
            all_const = false;
        items.push_back(std::move(item));
    }
    if (!all_const) {
        b.args.insert(b.args.end(), items.begin(), items.end());
        return;
    }
    b.list = list;
    if (b.fn != Fn::HasAny && b.fn != Fn::HasAll) {
        auto set = std::make_shared<std::unordered_set<std::string>>();
        for (const auto& v : *list) {
            std::string s = to_string_value(v);
            set->insert(ci ? to_lower(s) : s);
        }
        b.str_set = set;
    }
}

} // namespace

BExpr bind_inner(const Expr& e, const Table& in, const Scope& scope) {
    BExpr b;
    b.pos = e.pos;
    switch (e.kind) {
    case Expr::Literal:
        b.fn = Fn::Lit;
        b.lit = e.lit;
        b.type = e.lit.type;
        return b;
    case Expr::Star:
        throw QueryError(e.pos, "'*' is not allowed here");
    case Expr::Tabular:
        throw QueryError(e.pos, "a subquery is not allowed here");
    case Expr::Name: {
        int c = in.column_index(e.name);
        if (c >= 0) {
            b.fn = Fn::Col;
            b.col = c;
            b.type = in.columns()[size_t(c)].type();
            return b;
        }
        auto it = scope.scalars.find(e.name);
        if (it != scope.scalars.end()) {
            b.fn = Fn::Lit;
            b.lit = it->second;
            b.type = it->second.type;
            return b;
        }
        std::vector<std::string> names;
        for (const auto& col : in.columns()) names.push_back(col.name());
        for (const auto& [k, v] : scope.scalars) names.push_back(k);
        throw QueryError(e.pos,
                         "unknown column or name '" + e.name + "'" + did_you_mean(e.name, names));
    }
    case Expr::Call:
        return bind_call(e, in, scope);
    case Expr::Unary:
        b.fn = Fn::Neg;
        b.args.push_back(bind_inner(*e.args[0], in, scope));
        b.type = b.args[0].type;
        if (e.name == "+") return b.args[0];
        return b;
    case Expr::Member:
    case Expr::Index: {
        b.fn = e.kind == Expr::Member ? Fn::Member : Fn::Index;
        b.name = e.name;
        for (const auto& a : e.args) b.args.push_back(bind_inner(*a, in, scope));
        if (b.args[0].type != ColumnType::Dynamic)
            throw QueryError(e.pos, std::string(e.kind == Expr::Member ? "'.'" : "'[ ]'") +
                                        " needs a dynamic value, not " + type_str(b.args[0].type) +
                                        " (wrap it in parse_json())");
        b.type = ColumnType::Dynamic;
        return b;
    }
    case Expr::Binary: {
        for (const auto& [op, fn] : k_binary)
            if (e.name == op) b.fn = fn;
        b.args.push_back(bind_inner(*e.args[0], in, scope));
        switch (b.fn) {
        case Fn::In:
        case Fn::NotIn:
        case Fn::InCi:
        case Fn::NotInCi:
        case Fn::HasAny:
        case Fn::HasAll:
            bind_list(e, b, in, scope);
            b.type = ColumnType::Bool;
            return b;
        default:
            break;
        }
        for (size_t k = 1; k < e.args.size(); ++k)
            b.args.push_back(bind_inner(*e.args[k], in, scope));
        switch (b.fn) {
        case Fn::Add:
        case Fn::Sub:
        case Fn::Mul:
        case Fn::Div:
        case Fn::Mod:
            b.type = arith_type(b.fn, b.args[0].type, b.args[1].type, e.pos);
            break;
        case Fn::MatchesRegex: {
            b.type = ColumnType::Bool;
            BExpr pat = constant_fold(b.args[1], scope);
            if (pat.fn != Fn::Lit)
                throw QueryError(e.args[1]->pos, "'matches regex' needs a constant pattern");
            RE2::Options o;
            o.set_log_errors(false);
            o.set_max_mem(8 << 20);
            b.re = std::make_shared<RE2>(to_string_value(pat.lit), o);
            if (!b.re->ok())
                throw QueryError(e.args[1]->pos, "invalid regular expression: " + b.re->error());
            break;
        }
        default:
            b.type = ColumnType::Bool;
            break;
        }
        return b;
    }
    }
    return b;
}

namespace {
void fold_all(BExpr& b, const Scope& scope) {
    for (auto& a : b.args) fold_all(a, scope);
    if (b.fn != Fn::Lit && is_constant(b)) b = constant_fold(std::move(b), scope);
}
} // namespace

BExpr bind(const Expr& e, const Table& input, const Scope& scope) {
    BExpr b = bind_inner(e, input, scope);
    fold_all(b, scope);
    return b;
}

} // namespace alertdrill::kql
