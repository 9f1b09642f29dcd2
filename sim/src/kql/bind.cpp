#include "kql/bind.hpp"

#include "alertdrill/text.hpp"
#include "kql/eval.hpp"

#include <re2/re2.h>

namespace alertdrill::kql {

namespace {

struct FnSpec {
    const char* name;
    Fn fn;
    int min_args, max_args; // max -1: any
};

const FnSpec k_functions[] = {
    {"ago", Fn::Ago, 1, 1},
    {"now", Fn::Now, 0, 1},
    {"bin", Fn::Bin, 2, 2},
    {"floor", Fn::Bin, 2, 2},
    {"tostring", Fn::ToString, 1, 1},
    {"toint", Fn::ToLong, 1, 1},
    {"tolong", Fn::ToLong, 1, 1},
    {"toreal", Fn::ToReal, 1, 1},
    {"todouble", Fn::ToReal, 1, 1},
    {"tobool", Fn::ToBool, 1, 1},
    {"toboolean", Fn::ToBool, 1, 1},
    {"todatetime", Fn::ToDateTime, 1, 1},
    {"totimespan", Fn::ToTimeSpan, 1, 1},
    {"tolower", Fn::ToLower, 1, 1},
    {"toupper", Fn::ToUpper, 1, 1},
    {"strcat", Fn::Strcat, 1, 64},
    {"split", Fn::Split, 2, 3},
    {"extract", Fn::Extract, 3, 4},
    {"parse_json", Fn::ParseJson, 1, 1},
    {"todynamic", Fn::ParseJson, 1, 1},
    {"iff", Fn::Iff, 3, 3},
    {"iif", Fn::Iff, 3, 3},
    {"case", Fn::Case, 3, 255},
    {"isempty", Fn::IsEmpty, 1, 1},
    {"isnotempty", Fn::IsNotEmpty, 1, 1},
    {"isnull", Fn::IsNull, 1, 1},
    {"isnotnull", Fn::IsNotNull, 1, 1},
    {"array_length", Fn::ArrayLength, 1, 1},
    {"format_datetime", Fn::FormatDatetime, 2, 2},
    {"strlen", Fn::Strlen, 1, 1},
    {"substring", Fn::Substring, 2, 3},
    {"coalesce", Fn::Coalesce, 2, 64},
    {"startofday", Fn::StartOfDay, 1, 1},
    {"abs", Fn::Abs, 1, 1},
    {"replace_string", Fn::ReplaceString, 3, 3},
    {"indexof", Fn::IndexOf, 2, 2},
    {"bag_keys", Fn::BagKeys, 1, 1},
    {"pack", Fn::Pack, 2, 64},
    {"bag_pack", Fn::Pack, 2, 64},
    {"pack_array", Fn::PackArray, 1, 64},
    {"gettype", Fn::GetType, 1, 1},
    {"countof", Fn::CountOf, 2, 2},
    {"round", Fn::Round, 1, 2},
    {"sqrt", Fn::Sqrt, 1, 1},
    {"log", Fn::Log, 1, 1},
    {"exp", Fn::Exp, 1, 1},
    {"pow", Fn::Pow, 2, 2},
    {"not", Fn::Not, 1, 1},
};

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

std::vector<std::string> function_names() {
    std::vector<std::string> v;
    for (const auto& f : k_functions) v.push_back(f.name);
    for (const char* a : {"count", "countif", "dcount", "sum", "avg", "min", "max", "make_set",
                          "make_list", "arg_max", "arg_min", "datetime", "dynamic", "timespan"})
        v.push_back(a);
    return v;
}

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

namespace {

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

BExpr bind_inner(const Expr& e, const Table& in, const Scope& scope);

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

BExpr bind_call(const Expr& e, const Table& in, const Scope& scope) {
    BExpr b;
    b.pos = e.pos;
    if (aggregate_kind(e.name))
        throw QueryError(e.pos, "the aggregate " + e.name +
                                    "() can only be used in summarize, as in 'summarize " + e.name +
                                    "(...) by ...'");
    const FnSpec* spec = nullptr;
    for (const auto& f : k_functions)
        if (e.name == f.name) spec = &f;
    if (!spec)
        throw QueryError(e.pos, "unknown function '" + e.name + "'" +
                                    did_you_mean(e.name, function_names()));
    int n = static_cast<int>(e.args.size());
    if (n < spec->min_args || (spec->max_args >= 0 && n > spec->max_args)) {
        std::string want =
            spec->min_args == spec->max_args
                ? std::to_string(spec->min_args)
                : std::to_string(spec->min_args) + " to " + std::to_string(spec->max_args);
        throw QueryError(e.pos, e.name + "() takes " + want + " argument" +
                                    (spec->max_args == 1 ? "" : "s") + ", not " +
                                    std::to_string(n));
    }
    b.fn = spec->fn;
    size_t nargs = e.args.size();
    if (b.fn == Fn::Extract && nargs == 4) nargs = 3; // typeof(T) handled below
    for (size_t k = 0; k < nargs; ++k) b.args.push_back(bind_inner(*e.args[k], in, scope));
    using CT = ColumnType;
    switch (b.fn) {
    case Fn::Ago:
    case Fn::Now:
    case Fn::ToDateTime:
    case Fn::StartOfDay:
        b.type = CT::DateTime;
        break;
    case Fn::Bin:
    case Fn::Abs:
    case Fn::Coalesce:
        b.type = b.args[0].type;
        break;
    case Fn::ToString:
    case Fn::ToLower:
    case Fn::ToUpper:
    case Fn::Strcat:
    case Fn::FormatDatetime:
    case Fn::Substring:
    case Fn::ReplaceString:
    case Fn::Trim:
    case Fn::GetType:
        b.type = CT::String;
        break;
    case Fn::ToLong:
    case Fn::ArrayLength:
    case Fn::Strlen:
    case Fn::IndexOf:
    case Fn::CountOf:
        b.type = CT::Long;
        break;
    case Fn::ToReal:
    case Fn::Round:
    case Fn::Sqrt:
    case Fn::Log:
    case Fn::Exp:
    case Fn::Pow:
        b.type = CT::Real;
        break;
    case Fn::ToBool:
    case Fn::IsEmpty:
    case Fn::IsNotEmpty:
    case Fn::IsNull:
    case Fn::IsNotNull:
    case Fn::Not:
        b.type = CT::Bool;
        break;
    case Fn::ToTimeSpan:
        b.type = CT::TimeSpan;
        break;
    case Fn::Split:
    case Fn::ParseJson:
    case Fn::BagKeys:
    case Fn::Pack:
    case Fn::PackArray:
        b.type = CT::Dynamic;
        break;
    case Fn::Iff:
        b.type = b.args[1].type;
        if (b.args[1].fn == Fn::Lit && b.args[1].lit.null) b.type = b.args[2].type;
        break;
    case Fn::Case:
        if (b.args.size() % 2 == 0)
            throw QueryError(e.pos, "case() takes condition/value pairs and then an else value");
        b.type = b.args[1].type;
        break;
    case Fn::Extract: {
        b.type = CT::String;
        if (e.args.size() == 4) {
            const Expr& t = *e.args[3];
            std::optional<ColumnType> ty;
            if (t.kind == Expr::Call && t.name == "typeof" && t.args.size() == 1 &&
                t.args[0]->kind == Expr::Name)
                ty = parse_column_type(t.args[0]->name);
            if (!ty) throw QueryError(t.pos, "expected typeof(type) as extract()'s 4th argument");
            b.type = *ty;
        }
        break;
    }
    default:
        break;
    }
    if (b.fn == Fn::Extract) {
        BExpr pat = constant_fold(b.args[0], scope);
        if (pat.fn != Fn::Lit || pat.lit.type != CT::String)
            throw QueryError(e.args[0]->pos,
                             "extract() needs a constant regular expression string");
        RE2::Options o;
        o.set_log_errors(false);
        o.set_max_mem(8 << 20);
        auto re = std::make_shared<RE2>(pat.lit.s, o);
        if (!re->ok())
            throw QueryError(e.args[0]->pos, "invalid regular expression: " + re->error());
        b.re = re;
    }
    if (b.fn == Fn::Now) b.type = CT::DateTime;
    return b;
}

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

} // namespace

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
