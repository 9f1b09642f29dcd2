// Conversions between KQL types (tolong(), todatetime(), ...), and datetime formatting.
#include "alertdrill/text.hpp"
#include "kql/eval.hpp"

#include <chrono>
#include <cmath>
#include <fmt/format.h>

namespace alertdrill::kql {

namespace {
using CT = ColumnType;
int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}
} // namespace

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

} // namespace alertdrill::kql
