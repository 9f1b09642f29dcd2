// Binding function calls: the scalar function table, arity and result types.
#include "alertdrill/text.hpp"
#include "kql/bind.hpp"

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

std::vector<std::string> function_names() {
    std::vector<std::string> v;
    for (const auto& f : k_functions) v.push_back(f.name);
    for (const char* a :
         {"count", "countif", "dcount", "sum", "avg", "min", "max", "make_set", "make_list",
          "arg_max", "arg_min", "datetime", "dynamic", "timespan", "toscalar"})
        v.push_back(a);
    return v;
}

} // namespace

BExpr bind_call(const Expr& e, const Table& in, const Scope& scope) {
    BExpr b;
    b.pos = e.pos;
    if (aggregate_kind(e.name))
        throw QueryError(e.pos, "the aggregate " + e.name +
                                    "() can only be used in summarize, as in 'summarize " + e.name +
                                    "(...) by ...'");
    if (e.name == "toscalar") {
        // toscalar(T | ...): the subquery runs once, at bind time, and becomes a constant.
        if (e.args.size() != 1)
            throw QueryError(e.pos,
                             "toscalar() takes 1 argument, not " + std::to_string(e.args.size()));
        const Expr& a = *e.args[0];
        if (a.kind != Expr::Tabular) return bind_inner(a, in, scope);
        if (!scope.eval_scalar) throw QueryError(a.pos, "a subquery is not allowed here");
        b.fn = Fn::Lit;
        b.lit = scope.eval_scalar(*a.tab);
        b.type = b.lit.type;
        return b;
    }
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

} // namespace alertdrill::kql
