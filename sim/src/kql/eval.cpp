// Operators: comparison, logic, string predicates, lists, arithmetic, dynamic access.
#include "kql/eval.hpp"

#include "alertdrill/text.hpp"

#include <cmath>
#include <re2/re2.h>

namespace alertdrill::kql {

namespace {

using CT = ColumnType;

Value null_bool() {
    return Value::make_null(CT::Bool);
}

Value column_value(const BExpr& e, const RowCtx& ctx) {
    if (e.col == ctx.sub_col) return *ctx.sub_val;
    return cell_value(ctx.table->columns()[size_t(e.col)], ctx.row);
}

std::string str_of(const Value& v) {
    return to_string_value(v);
}

Value string_op(Fn fn, const Value& l, const Value& r) {
    std::string a = str_of(l), b = str_of(r);
    bool res = false;
    switch (fn) {
    case Fn::Has:
    case Fn::NotHas:
        res = has_term(a, b);
        break;
    case Fn::HasCs:
    case Fn::NotHasCs:
        res = has_term(a, b, true);
        break;
    case Fn::Contains:
    case Fn::NotContains:
        res = icontains(a, b);
        break;
    case Fn::ContainsCs:
    case Fn::NotContainsCs:
        res = a.find(b) != std::string::npos;
        break;
    case Fn::StartsWith:
    case Fn::NotStartsWith:
        res = istarts_with(a, b);
        break;
    case Fn::StartsWithCs:
    case Fn::NotStartsWithCs:
        res = a.rfind(b, 0) == 0;
        break;
    case Fn::EndsWith:
    case Fn::NotEndsWith:
        res = iends_with(a, b);
        break;
    case Fn::EndsWithCs:
    case Fn::NotEndsWithCs:
        res = a.size() >= b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0;
        break;
    case Fn::HasPrefix:
    case Fn::NotHasPrefix:
        res = false;
        for (size_t p = 0; p <= a.size() && !res; ++p)
            if ((p == 0 || !std::isalnum(static_cast<unsigned char>(a[p - 1]))) &&
                istarts_with(std::string_view(a).substr(p), b))
                res = true;
        break;
    case Fn::HasSuffix:
    case Fn::NotHasSuffix:
        res = false;
        for (size_t p = b.size(); p <= a.size() && !res; ++p)
            if ((p == a.size() || !std::isalnum(static_cast<unsigned char>(a[p]))) &&
                iends_with(std::string_view(a).substr(0, p), b))
                res = true;
        break;
    default:
        break;
    }
    bool negated = fn == Fn::NotHas || fn == Fn::NotHasCs || fn == Fn::NotContains ||
                   fn == Fn::NotContainsCs || fn == Fn::NotStartsWith ||
                   fn == Fn::NotStartsWithCs || fn == Fn::NotEndsWith || fn == Fn::NotEndsWithCs ||
                   fn == Fn::NotHasPrefix || fn == Fn::NotHasSuffix;
    return Value::boolean(negated ? !res : res);
}

Value list_op(const BExpr& e, const RowCtx& ctx) {
    Value l = eval(e.args[0], ctx);
    bool ci = e.fn == Fn::InCi || e.fn == Fn::NotInCi;
    bool neg = e.fn == Fn::NotIn || e.fn == Fn::NotInCi;
    if (e.fn == Fn::HasAny || e.fn == Fn::HasAll) {
        std::string hay = str_of(l);
        std::vector<Value> tmp;
        const std::vector<Value>* items = e.list.get();
        if (!items) {
            for (size_t k = 1; k < e.args.size(); ++k) {
                Value v = eval(e.args[k], ctx);
                if (v.type == CT::Dynamic && v.dyn && v.dyn->is_array())
                    for (const auto& j : *v.dyn) tmp.push_back(unwrap_dynamic(Value::dynamic(j)));
                else
                    tmp.push_back(v);
            }
            items = &tmp;
        }
        bool any = false, all = true;
        for (const auto& v : *items) {
            bool h = has_term(hay, str_of(v));
            any = any || h;
            all = all && h;
        }
        return Value::boolean(e.fn == Fn::HasAny ? any : all);
    }
    if (l.null && l.type != CT::String) return Value::boolean(neg);
    bool found = false;
    if (e.str_set) {
        std::string s = str_of(l);
        found = e.str_set->count(ci ? to_lower(s) : s) > 0;
    } else {
        for (size_t k = 1; k < e.args.size() && !found; ++k) {
            Value v = eval(e.args[k], ctx);
            if (v.type == CT::Dynamic && v.dyn && v.dyn->is_array()) {
                for (const auto& j : *v.dyn)
                    if (values_equal(l, Value::dynamic(j), ci)) found = true;
            } else if (values_equal(l, v, ci)) {
                found = true;
            }
        }
    }
    return Value::boolean(neg ? !found : found);
}

Value arith(const BExpr& e, Value a, Value b) {
    if (a.type == CT::Dynamic) a = unwrap_dynamic(a);
    if (b.type == CT::Dynamic) b = unwrap_dynamic(b);
    if (a.null || b.null || a.type == CT::String || b.type == CT::String || a.type == CT::Dynamic ||
        b.type == CT::Dynamic)
        return Value::make_null(e.type);
    if (e.type == CT::Real) {
        double x = as_double(a), y = as_double(b), r = 0;
        switch (e.fn) {
        case Fn::Add:
            r = x + y;
            break;
        case Fn::Sub:
            r = x - y;
            break;
        case Fn::Mul:
            r = x * y;
            break;
        case Fn::Div:
            if (a.type == CT::TimeSpan && b.type == CT::TimeSpan && b.i == 0)
                return Value::make_null(CT::Real);
            r = x / y;
            break;
        case Fn::Mod:
            r = std::fmod(x, y);
            break;
        default:
            break;
        }
        return Value::real(r);
    }
    if (e.type == CT::TimeSpan && (a.type == CT::Real || b.type == CT::Real)) {
        double x = as_double(a), y = as_double(b);
        double r = e.fn == Fn::Mul ? x * y : (y == 0 ? NAN : x / y);
        if (!std::isfinite(r)) return Value::make_null(CT::TimeSpan);
        return Value::of_int(CT::TimeSpan, static_cast<int64_t>(std::llround(r)));
    }
    int64_t x = a.i, y = b.i, r = 0;
    switch (e.fn) {
    case Fn::Add:
        r = static_cast<int64_t>(static_cast<uint64_t>(x) + static_cast<uint64_t>(y));
        break;
    case Fn::Sub:
        r = static_cast<int64_t>(static_cast<uint64_t>(x) - static_cast<uint64_t>(y));
        break;
    case Fn::Mul:
        r = static_cast<int64_t>(static_cast<uint64_t>(x) * static_cast<uint64_t>(y));
        break;
    case Fn::Div:
        if (y == 0 || (x == INT64_MIN && y == -1)) return Value::make_null(e.type);
        r = x / y;
        break;
    case Fn::Mod:
        if (y == 0 || (x == INT64_MIN && y == -1)) return Value::make_null(e.type);
        r = x % y;
        break;
    default:
        break;
    }
    return Value::of_int(e.type, r);
}

Value compare_op(Fn fn, const Value& a0, const Value& b0) {
    Value a = a0.type == CT::Dynamic ? unwrap_dynamic(a0) : a0;
    Value b = b0.type == CT::Dynamic ? unwrap_dynamic(b0) : b0;
    if ((a.null && a.type != CT::String) || (b.null && b.type != CT::String)) return null_bool();
    switch (fn) {
    case Fn::Eq:
        return Value::boolean(values_equal(a, b, false));
    case Fn::Neq:
        return Value::boolean(!values_equal(a, b, false));
    case Fn::EqCi:
        return Value::boolean(values_equal(a, b, true));
    case Fn::NeqCi:
        return Value::boolean(!values_equal(a, b, true));
    default:
        break;
    }
    int c = compare_values(a, b);
    switch (fn) {
    case Fn::Lt:
        return Value::boolean(c < 0);
    case Fn::Gt:
        return Value::boolean(c > 0);
    case Fn::Le:
        return Value::boolean(c <= 0);
    case Fn::Ge:
        return Value::boolean(c >= 0);
    default:
        return null_bool();
    }
}

Value dyn_access(const BExpr& e, const RowCtx& ctx) {
    Value base = eval(e.args[0], ctx);
    if (base.null || !base.dyn) return Value::make_null(CT::Dynamic);
    const Json& j = *base.dyn;
    if (e.fn == Fn::Member) {
        if (!j.is_object()) return Value::make_null(CT::Dynamic);
        auto it = j.find(e.name);
        return it == j.end() ? Value::make_null(CT::Dynamic) : Value::dynamic(*it);
    }
    Value key = eval(e.args[1], ctx);
    if (key.type == CT::String) {
        if (!j.is_object()) return Value::make_null(CT::Dynamic);
        auto it = j.find(key.s);
        return it == j.end() ? Value::make_null(CT::Dynamic) : Value::dynamic(*it);
    }
    if (key.null || !j.is_array()) return Value::make_null(CT::Dynamic);
    if (key.type == CT::Real && !(std::fabs(key.d) < 9.0e18)) // NaN, infinite or far too large
        return Value::make_null(CT::Dynamic);
    int64_t idx = key.type == CT::Real ? int64_t(key.d) : key.i;
    int64_t n = static_cast<int64_t>(j.size());
    if (idx < 0) idx += n;
    if (idx < 0 || idx >= n) return Value::make_null(CT::Dynamic);
    return Value::dynamic(j[size_t(idx)]);
}

} // namespace

Value eval(const BExpr& e, const RowCtx& ctx) {
    switch (e.fn) {
    case Fn::Lit:
        return e.lit;
    case Fn::Col:
        return column_value(e, ctx);
    case Fn::And: {
        Value a = eval(e.args[0], ctx);
        if (!a.null && !truthy(a)) return Value::boolean(false);
        Value b = eval(e.args[1], ctx);
        if (!b.null && !truthy(b)) return Value::boolean(false);
        if (a.null || b.null) return null_bool();
        return Value::boolean(true);
    }
    case Fn::Or: {
        Value a = eval(e.args[0], ctx);
        if (truthy(a)) return Value::boolean(true);
        Value b = eval(e.args[1], ctx);
        if (truthy(b)) return Value::boolean(true);
        if (a.null || b.null) return null_bool();
        return Value::boolean(false);
    }
    case Fn::Eq:
    case Fn::Neq:
    case Fn::EqCi:
    case Fn::NeqCi:
    case Fn::Lt:
    case Fn::Gt:
    case Fn::Le:
    case Fn::Ge:
        return compare_op(e.fn, eval(e.args[0], ctx), eval(e.args[1], ctx));
    case Fn::In:
    case Fn::NotIn:
    case Fn::InCi:
    case Fn::NotInCi:
    case Fn::HasAny:
    case Fn::HasAll:
        return list_op(e, ctx);
    case Fn::Between:
    case Fn::NotBetween: {
        Value x = eval(e.args[0], ctx), lo = eval(e.args[1], ctx), hi = eval(e.args[2], ctx);
        if (x.type == CT::Dynamic) x = unwrap_dynamic(x);
        if (x.null || lo.null || hi.null) return null_bool();
        // datetime between (start .. 1h): a timespan upper bound counts from the lower one.
        if (lo.type == CT::DateTime && hi.type == CT::TimeSpan)
            hi = Value::of_int(CT::DateTime, lo.i + hi.i);
        bool in = compare_values(x, lo) >= 0 && compare_values(x, hi) <= 0;
        return Value::boolean(e.fn == Fn::Between ? in : !in);
    }
    case Fn::MatchesRegex: {
        std::string s = str_of(eval(e.args[0], ctx));
        return Value::boolean(RE2::PartialMatch(s, *e.re));
    }
    case Fn::Add:
    case Fn::Sub:
    case Fn::Mul:
    case Fn::Div:
    case Fn::Mod:
        return arith(e, eval(e.args[0], ctx), eval(e.args[1], ctx));
    case Fn::Neg: {
        Value v = eval(e.args[0], ctx);
        if (v.type == CT::Dynamic) v = unwrap_dynamic(v);
        if (v.null) return v;
        if (v.type == CT::Real) return Value::real(-v.d);
        if (v.type == CT::String || v.type == CT::Dynamic) return Value::make_null(e.type);
        return Value::of_int(v.type, static_cast<int64_t>(0ULL - static_cast<uint64_t>(v.i)));
    }
    case Fn::Member:
    case Fn::Index:
        return dyn_access(e, ctx);
    default:
        if (e.fn >= Fn::Has && e.fn <= Fn::NotHasSuffix)
            return string_op(e.fn, eval(e.args[0], ctx), eval(e.args[1], ctx));
        return eval_function(e, ctx);
    }
}

} // namespace alertdrill::kql
