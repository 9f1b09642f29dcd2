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
constexpr int64_t k_day_us = 86400LL * 1000000;

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

Value to_long(const Value& v0) {
    Value v = unwrap_dynamic(v0);
    if (v.null) return Value::make_null(CT::Long);
    switch (v.type) {
    case CT::Real:
        if (!std::isfinite(v.d) || std::fabs(v.d) > 9.2e18) return Value::make_null(CT::Long);
        return Value::of_int(CT::Long, static_cast<int64_t>(v.d));
    case CT::String: {
        std::string s = trim(v.s);
        if (s.empty()) return Value::make_null(CT::Long);
        char* end = nullptr;
        errno = 0;
        long long x = std::strtoll(s.c_str(), &end, 10);
        if (*end == 0 && errno == 0) return Value::of_int(CT::Long, x);
        double d = std::strtod(s.c_str(), &end);
        if (*end == 0 && std::isfinite(d) && std::fabs(d) < 9.2e18)
            return Value::of_int(CT::Long, static_cast<int64_t>(d));
        return Value::make_null(CT::Long);
    }
    case CT::Dynamic:
        return Value::make_null(CT::Long);
    default:
        return Value::of_int(CT::Long, v.i);
    }
}

Value to_real(const Value& v0) {
    Value v = unwrap_dynamic(v0);
    if (v.null) return Value::make_null(CT::Real);
    if (v.type == CT::String) {
        std::string s = trim(v.s);
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != 0) return Value::make_null(CT::Real);
        return Value::real(d);
    }
    if (v.type == CT::Dynamic) return Value::make_null(CT::Real);
    return Value::real(as_double(v));
}

Value to_datetime(const Value& v0) {
    Value v = unwrap_dynamic(v0);
    if (v.null) return Value::make_null(CT::DateTime);
    if (v.type == CT::DateTime) return v;
    if (v.type == CT::String) {
        auto us = parse_datetime_us(v.s);
        return us ? Value::of_int(CT::DateTime, *us) : Value::make_null(CT::DateTime);
    }
    return Value::make_null(CT::DateTime);
}

Value to_timespan(const Value& v0) {
    Value v = unwrap_dynamic(v0);
    if (v.null) return Value::make_null(CT::TimeSpan);
    if (v.type == CT::TimeSpan) return v;
    if (v.type == CT::Long) return Value::of_int(CT::TimeSpan, v.i / 10); // ticks
    if (v.type == CT::String) {
        int d = 0, h = 0, m = 0;
        double s = 0;
        std::string t = trim(v.s);
        if (std::sscanf(t.c_str(), "%d.%d:%d:%lf", &d, &h, &m, &s) == 4 ||
            (d = 0, std::sscanf(t.c_str(), "%d:%d:%lf", &h, &m, &s) == 3))
            return Value::of_int(CT::TimeSpan,
                                 ((d * 24LL + h) * 60 + m) * 60000000LL + std::llround(s * 1e6));
    }
    return Value::make_null(CT::TimeSpan);
}

Value convert_to(const Value& v, CT t) {
    switch (t) {
    case CT::Long:
        return to_long(v);
    case CT::Real:
        return to_real(v);
    case CT::DateTime:
        return to_datetime(v);
    case CT::TimeSpan:
        return to_timespan(v);
    case CT::Bool: {
        Value u = unwrap_dynamic(v);
        if (u.null) return Value::make_null(CT::Bool);
        if (u.type == CT::String) {
            std::string s = to_lower(trim(u.s));
            if (s == "true" || s == "1") return Value::boolean(true);
            if (s == "false" || s == "0") return Value::boolean(false);
            return Value::make_null(CT::Bool);
        }
        if (u.type == CT::Real) return Value::boolean(u.d != 0);
        if (u.type == CT::Dynamic) return Value::make_null(CT::Bool);
        return Value::boolean(u.i != 0);
    }
    case CT::String:
        return Value::str(to_string_value(v));
    case CT::Dynamic:
        return v.type == CT::Dynamic ? v : Value::dynamic(to_json(v));
    }
    return v;
}

bool is_empty(const Value& v) {
    if (v.null) return true;
    if (v.type == CT::String) return v.s.empty();
    if (v.type == CT::Dynamic)
        return !v.dyn || v.dyn->is_null() ||
               (v.dyn->is_string() && v.dyn->get<std::string>().empty());
    return false;
}

std::string type_of(const Value& v) {
    if (v.type != CT::Dynamic) return std::string(column_type_name(v.type));
    if (!v.dyn || v.dyn->is_null()) return "null";
    if (v.dyn->is_array()) return "array";
    if (v.dyn->is_object()) return "dictionary";
    return type_of(unwrap_dynamic(v));
}

Value parse_json_value(const Value& v) {
    if (v.type == CT::Dynamic) {
        if (v.dyn && v.dyn->is_string()) {
            const std::string& s = v.dyn->get_ref<const std::string&>();
            Json j = Json::parse(s, nullptr, false);
            if (!j.is_discarded() && (j.is_object() || j.is_array()))
                return Value::dynamic(std::move(j));
        }
        return v;
    }
    if (v.null) return Value::make_null(CT::Dynamic);
    if (v.type != CT::String) return Value::dynamic(to_json(v));
    Json j = Json::parse(v.s, nullptr, false);
    if (j.is_discarded()) return Value::dynamic(v.s);
    return Value::dynamic(std::move(j));
}

} // namespace

std::string format_datetime_pattern(int64_t us, std::string_view p) {
    using namespace std::chrono;
    int64_t secs = floor_div(us, 1000000);
    int64_t frac = us - secs * 1000000;
    sys_seconds tp{seconds{secs}};
    auto dp = floor<days>(tp);
    year_month_day ymd{dp};
    hh_mm_ss hms{tp - dp};
    int Y = int(ymd.year()), M = int(unsigned(ymd.month())), D = int(unsigned(ymd.day()));
    int h = int(hms.hours().count()), m = int(hms.minutes().count()),
        s = int(hms.seconds().count());
    std::string out;
    for (size_t i = 0; i < p.size();) {
        char c = p[i];
        size_t n = 1;
        while (i + n < p.size() && p[i + n] == c) ++n;
        auto pad = [&](int v, size_t w) { out += fmt::format("{:0{}}", v, w); };
        switch (c) {
        case 'y':
            if (n >= 4)
                pad(Y, n);
            else
                pad(Y % 100, n == 1 ? 1 : 2);
            break;
        case 'M':
            pad(M, std::min<size_t>(n, 2));
            break;
        case 'd':
            pad(D, std::min<size_t>(n, 2));
            break;
        case 'H':
            pad(h, std::min<size_t>(n, 2));
            break;
        case 'h':
            pad(h % 12 == 0 ? 12 : h % 12, std::min<size_t>(n, 2));
            break;
        case 'm':
            pad(m, std::min<size_t>(n, 2));
            break;
        case 's':
            pad(s, std::min<size_t>(n, 2));
            break;
        case 'f':
        case 'F': {
            std::string f = fmt::format("{:06}0", frac);
            out += f.substr(0, std::min<size_t>(n, 7));
            break;
        }
        case 't':
            out += h < 12 ? (n == 1 ? "A" : "AM") : (n == 1 ? "P" : "PM");
            break;
        default:
            out.append(n, c);
            break;
        }
        i += n;
    }
    return out;
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
        for (size_t k = 0; k < e.args.size(); ++k) s += to_string_value(arg(k));
        return Value::str(s);
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
        return Value::str(out + s.substr(start));
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
