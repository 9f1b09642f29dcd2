// Scalar functions.
#include "alertdrill/text.hpp"
#include "kql/eval.hpp"

#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <re2/re2.h>

namespace alertdrill::kql {

namespace {

using CT = ColumnType;

// Functions that can grow strings (strcat, replace_string) could double a value per extend;
// bound each value and the query's total so a query cannot exhaust memory.
constexpr size_t k_max_string = 1u << 20;
constexpr size_t k_max_string_total = 256u << 20;
thread_local size_t t_string_bytes = 0;

Value grown_string(std::string s, const BExpr& e, const char* fn) {
    t_string_bytes += s.size();
    if (s.size() > k_max_string)
        throw QueryError(e.pos, std::string(fn) + "() would build a string longer than 1 MiB");
    if (t_string_bytes > k_max_string_total)
        throw QueryError(e.pos, std::string(fn) +
                                    "() built more than 256 MiB of text in this query (the "
                                    "memory limit)");
    return Value::str(std::move(s));
}

constexpr int64_t k_day_us = 86400LL * 1000000;

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

} // namespace

void reset_string_budget() {
    t_string_bytes = 0;
}

Value eval_function(const BExpr& e, const RowCtx& ctx) {
    auto arg = [&](size_t k) { return eval(e.args[k], ctx); };
    switch (e.fn) {
    case Fn::Ago: {
        Value t = arg(0);
        if (t.null) return Value::make_null(CT::DateTime);
        return Value::of_int(CT::DateTime, ctx.now_us - t.i);
    }
    case Fn::Now: {
        int64_t off = e.args.empty() ? 0 : arg(0).i;
        return Value::of_int(CT::DateTime, ctx.now_us + off);
    }
    case Fn::Bin: {
        Value v = unwrap_dynamic(arg(0)), size = unwrap_dynamic(arg(1));
        if (v.null || size.null) return Value::make_null(e.type);
        if (v.type == CT::Real || size.type == CT::Real) {
            double b = as_double(size);
            if (b <= 0) return Value::make_null(e.type);
            double r = std::floor(as_double(v) / b) * b;
            if (e.type == CT::Real) return Value::real(r);
            return Value::of_int(v.type, static_cast<int64_t>(r));
        }
        if (size.i <= 0 || v.type == CT::String || v.type == CT::Dynamic)
            return Value::make_null(e.type);
        return Value::of_int(v.type, floor_div(v.i, size.i) * size.i);
    }
    case Fn::ToString:
        return Value::str(to_string_value(arg(0)));
    case Fn::ToLong:
        return to_long(arg(0));
    case Fn::ToReal:
        return to_real(arg(0));
    case Fn::ToBool:
        return convert_to(arg(0), CT::Bool);
    case Fn::ToDateTime:
        return to_datetime(arg(0));
    case Fn::ToTimeSpan:
        return to_timespan(arg(0));
    case Fn::ToLower:
        return Value::str(to_lower(to_string_value(arg(0))));
    case Fn::ToUpper: {
        std::string s = to_string_value(arg(0));
        for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return Value::str(s);
    }
    case Fn::Strcat: {
        std::string s;
        for (size_t k = 0; k < e.args.size(); ++k) {
            s += to_string_value(arg(k));
            if (s.size() > k_max_string) break;
        }
        return grown_string(std::move(s), e, "strcat");
    }
    case Fn::Split: {
        std::string s = to_string_value(arg(0)), d = to_string_value(arg(1));
        Json arr = Json::array();
        if (d.empty()) {
            arr.push_back(s);
        } else {
            size_t start = 0, p;
            while ((p = s.find(d, start)) != std::string::npos) {
                arr.push_back(s.substr(start, p - start));
                start = p + d.size();
            }
            arr.push_back(s.substr(start));
        }
        if (e.args.size() == 3) {
            Value idx = to_long(arg(2));
            Json one = Json::array();
            if (!idx.null && idx.i >= 0 && size_t(idx.i) < arr.size())
                one.push_back(arr[size_t(idx.i)]);
            return Value::dynamic(std::move(one));
        }
        return Value::dynamic(std::move(arr));
    }
    case Fn::Extract: {
        Value g = to_long(arg(1));
        std::string text = to_string_value(arg(2));
        int groups = e.re->NumberOfCapturingGroups();
        if (g.null || g.i < 0 || g.i > groups) return convert_to(Value::str(""), e.type);
        std::vector<re2::StringPiece> sub(size_t(groups) + 1);
        if (!e.re->Match(text, 0, text.size(), RE2::UNANCHORED, sub.data(), groups + 1))
            return e.type == CT::String ? Value::str("") : Value::make_null(e.type);
        const auto& piece = sub[size_t(g.i)];
        return convert_to(Value::str(std::string(piece.data() ? piece.data() : "", piece.size())),
                          e.type);
    }
    case Fn::ParseJson:
        return parse_json_value(arg(0));
    case Fn::Iff:
        return truthy(arg(0)) ? convert_to(arg(1), e.type) : convert_to(arg(2), e.type);
    case Fn::Case: {
        size_t k = 0;
        for (; k + 1 < e.args.size(); k += 2)
            if (truthy(arg(k))) return convert_to(arg(k + 1), e.type);
        return convert_to(arg(k), e.type);
    }
    case Fn::IsEmpty:
        return Value::boolean(is_empty(arg(0)));
    case Fn::IsNotEmpty:
        return Value::boolean(!is_empty(arg(0)));
    case Fn::IsNull: {
        Value v = arg(0);
        return Value::boolean(v.null && v.type != CT::String);
    }
    case Fn::IsNotNull: {
        Value v = arg(0);
        return Value::boolean(!(v.null && v.type != CT::String));
    }
    case Fn::ArrayLength: {
        Value v = arg(0);
        if (v.type != CT::Dynamic || !v.dyn || !v.dyn->is_array())
            return Value::make_null(CT::Long);
        return Value::of_int(CT::Long, static_cast<int64_t>(v.dyn->size()));
    }
    case Fn::FormatDatetime: {
        Value v = to_datetime(arg(0));
        if (v.null) return Value::str("");
        return Value::str(format_datetime_pattern(v.i, to_string_value(arg(1))));
    }
    case Fn::Strlen:
        return Value::of_int(CT::Long, int64_t(to_string_value(arg(0)).size()));
    case Fn::Substring: {
        std::string s = to_string_value(arg(0));
        Value st = to_long(arg(1));
        int64_t start = st.null ? 0 : std::max<int64_t>(0, st.i);
        if (size_t(start) >= s.size()) return Value::str("");
        int64_t len = int64_t(s.size()) - start;
        if (e.args.size() == 3) {
            Value l = to_long(arg(2));
            if (!l.null) len = std::clamp<int64_t>(l.i, 0, len);
        }
        return Value::str(s.substr(size_t(start), size_t(len)));
    }
    case Fn::Coalesce:
        for (size_t k = 0; k < e.args.size(); ++k) {
            Value v = arg(k);
            if (!is_empty(v)) return convert_to(v, e.type);
        }
        return Value::make_null(e.type);
    case Fn::StartOfDay: {
        Value v = to_datetime(arg(0));
        if (v.null) return v;
        return Value::of_int(CT::DateTime, floor_div(v.i, k_day_us) * k_day_us);
    }
    case Fn::Abs: {
        Value v = unwrap_dynamic(arg(0));
        if (v.null) return v;
        if (v.type == CT::Real) return Value::real(std::fabs(v.d));
        if (v.type == CT::String || v.type == CT::Dynamic) return Value::make_null(e.type);
        return Value::of_int(v.type, v.i < 0 && v.i != INT64_MIN ? -v.i : v.i);
    }
    case Fn::ReplaceString: {
        std::string s = to_string_value(arg(0)), from = to_string_value(arg(1)),
                    to = to_string_value(arg(2));
        if (from.empty()) return Value::str(s);
        std::string out;
        size_t start = 0, p;
        while ((p = s.find(from, start)) != std::string::npos) {
            out += s.substr(start, p - start) + to;
            start = p + from.size();
        }
        return grown_string(out + s.substr(start), e, "replace_string");
    }
    case Fn::IndexOf: {
        std::string s = to_string_value(arg(0)), f = to_string_value(arg(1));
        size_t p = s.find(f);
        return Value::of_int(CT::Long, p == std::string::npos ? -1 : int64_t(p));
    }
    case Fn::CountOf: {
        std::string s = to_string_value(arg(0)), f = to_string_value(arg(1));
        int64_t n = 0;
        if (!f.empty())
            for (size_t p = s.find(f); p != std::string::npos; p = s.find(f, p + f.size())) ++n;
        return Value::of_int(CT::Long, n);
    }
    case Fn::BagKeys: {
        Value v = arg(0);
        if (!v.dyn || !v.dyn->is_object()) return Value::make_null(CT::Dynamic);
        Json keys = Json::array();
        for (auto it = v.dyn->begin(); it != v.dyn->end(); ++it) keys.push_back(it.key());
        return Value::dynamic(std::move(keys));
    }
    case Fn::Pack: {
        if (e.args.size() % 2) return Value::make_null(CT::Dynamic);
        Json obj = Json::object();
        for (size_t k = 0; k + 1 < e.args.size(); k += 2)
            obj[to_string_value(arg(k))] = to_json(arg(k + 1));
        return Value::dynamic(std::move(obj));
    }
    case Fn::PackArray: {
        Json arr = Json::array();
        for (size_t k = 0; k < e.args.size(); ++k) arr.push_back(to_json(arg(k)));
        return Value::dynamic(std::move(arr));
    }
    case Fn::GetType:
        return Value::str(type_of(arg(0)));
    case Fn::Round: {
        Value v = to_real(arg(0));
        if (v.null) return v;
        int64_t digits = e.args.size() > 1 ? to_long(arg(1)).i : 0;
        double f = std::pow(10.0, double(std::clamp<int64_t>(digits, -15, 15)));
        return Value::real(std::round(v.d * f) / f);
    }
    case Fn::Sqrt:
    case Fn::Log:
    case Fn::Exp: {
        Value v = to_real(arg(0));
        if (v.null) return v;
        double r = e.fn == Fn::Sqrt  ? std::sqrt(v.d)
                   : e.fn == Fn::Log ? std::log(v.d)
                                     : std::exp(v.d);
        return std::isfinite(r) ? Value::real(r) : Value::make_null(CT::Real);
    }
    case Fn::Pow: {
        Value a = to_real(arg(0)), b = to_real(arg(1));
        if (a.null || b.null) return Value::make_null(CT::Real);
        double r = std::pow(a.d, b.d);
        return std::isfinite(r) ? Value::real(r) : Value::make_null(CT::Real);
    }
    case Fn::Not: {
        Value v = arg(0);
        if (v.null) return Value::make_null(CT::Bool);
        return Value::boolean(!truthy(v));
    }
    default:
        break;
    }
    return Value::make_null(e.type);
}

} // namespace alertdrill::kql
