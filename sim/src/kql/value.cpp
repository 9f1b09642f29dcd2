#include "alertdrill/text.hpp"
#include "kql/value.hpp"

#include <cctype>
#include <cmath>
#include <fmt/format.h>

namespace alertdrill::kql {

Value Value::dynamic(Json j) {
    Value r;
    r.type = ColumnType::Dynamic;
    r.null = j.is_null();
    r.dyn = std::make_shared<const Json>(std::move(j));
    return r;
}

Value unwrap_dynamic(const Value& v) {
    if (v.type != ColumnType::Dynamic) return v;
    if (v.null || !v.dyn) return Value::make_null(ColumnType::Dynamic);
    const Json& j = *v.dyn;
    if (j.is_string()) return Value::str(j.get<std::string>());
    if (j.is_boolean()) return Value::boolean(j.get<bool>());
    if (j.is_number_integer()) return Value::of_int(ColumnType::Long, j.get<int64_t>());
    if (j.is_number()) return Value::real(j.get<double>());
    return v;
}

Json to_json(const Value& v) {
    if (v.null) return nullptr;
    switch (v.type) {
    case ColumnType::String:
        return v.s;
    case ColumnType::Long:
        return v.i;
    case ColumnType::Real:
        if (!std::isfinite(v.d)) return nullptr;
        return v.d;
    case ColumnType::Bool:
        return v.i != 0;
    case ColumnType::DateTime:
        return format_datetime_us(v.i);
    case ColumnType::TimeSpan:
        return format_timespan_us(v.i);
    case ColumnType::Dynamic:
        return v.dyn ? *v.dyn : Json();
    }
    return nullptr;
}

std::string to_string_value(const Value& v) {
    if (v.null) return "";
    switch (v.type) {
    case ColumnType::String:
        return v.s;
    case ColumnType::Long:
        return std::to_string(v.i);
    case ColumnType::Real:
        return fmt::format("{}", v.d);
    case ColumnType::Bool:
        return v.i ? "true" : "false";
    case ColumnType::DateTime:
        return format_datetime_us(v.i);
    case ColumnType::TimeSpan:
        return format_timespan_us(v.i);
    case ColumnType::Dynamic:
        if (!v.dyn) return "";
        if (v.dyn->is_string()) return v.dyn->get<std::string>();
        return v.dyn->dump();
    }
    return "";
}

bool truthy(const Value& v) {
    if (v.null) return false;
    if (v.type == ColumnType::Bool || v.type == ColumnType::Long) return v.i != 0;
    if (v.type == ColumnType::Dynamic) {
        Value u = unwrap_dynamic(v);
        return u.type != ColumnType::Dynamic && truthy(u);
    }
    return false;
}

bool is_numeric(ColumnType t) {
    return t == ColumnType::Long || t == ColumnType::Real || t == ColumnType::Bool;
}

double as_double(const Value& v) {
    if (v.type == ColumnType::Real) return v.d;
    if (v.type == ColumnType::String) return std::strtod(v.s.c_str(), nullptr);
    return static_cast<double>(v.i);
}

int compare_values(const Value& a0, const Value& b0) {
    const Value& a = a0.type == ColumnType::Dynamic ? unwrap_dynamic(a0) : a0;
    const Value& b = b0.type == ColumnType::Dynamic ? unwrap_dynamic(b0) : b0;
    if (a.null || b.null) return a.null == b.null ? 0 : (a.null ? -1 : 1);
    if (a.type == ColumnType::String && b.type == ColumnType::String) {
        int c = a.s.compare(b.s);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.type == ColumnType::Real || b.type == ColumnType::Real) {
        double x = as_double(a), y = as_double(b);
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.type == ColumnType::Dynamic || b.type == ColumnType::Dynamic ||
        a.type == ColumnType::String || b.type == ColumnType::String) {
        std::string x = to_string_value(a), y = to_string_value(b);
        int c = x.compare(y);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
}

bool iequal(std::string_view a, std::string_view b) { return alertdrill::iequals(a, b); }

bool values_equal(const Value& a0, const Value& b0, bool ignore_case) {
    Value a = a0.type == ColumnType::Dynamic ? unwrap_dynamic(a0) : a0;
    Value b = b0.type == ColumnType::Dynamic ? unwrap_dynamic(b0) : b0;
    if (a.type == ColumnType::String || b.type == ColumnType::String) {
        std::string x = to_string_value(a), y = to_string_value(b);
        return ignore_case ? iequal(x, y) : x == y;
    }
    if (a.type == ColumnType::Dynamic || b.type == ColumnType::Dynamic)
        return to_json(a) == to_json(b);
    return compare_values(a, b) == 0;
}

namespace {
inline bool alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
inline char low(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

size_t ifind(std::string_view hay, std::string_view needle, size_t from, bool cs) {
    if (needle.size() > hay.size()) return std::string_view::npos;
    size_t last = hay.size() - needle.size();
    if (cs) return hay.find(needle, from);
    if (needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
    char f = low(needle[0]);
    for (size_t i = from; i <= last; ++i) {
        if (low(hay[i]) != f) continue;
        size_t k = 1;
        while (k < needle.size() && low(hay[i + k]) == low(needle[k])) ++k;
        if (k == needle.size()) return i;
    }
    return std::string_view::npos;
}
} // namespace

bool has_term(std::string_view hay, std::string_view needle, bool cs) {
    if (needle.empty()) return true;
    bool check_before = alnum(needle.front()), check_after = alnum(needle.back());
    size_t pos = 0;
    while ((pos = ifind(hay, needle, pos, cs)) != std::string_view::npos) {
        bool ok_before = !check_before || pos == 0 || !alnum(hay[pos - 1]);
        size_t end = pos + needle.size();
        bool ok_after = !check_after || end == hay.size() || !alnum(hay[end]);
        if (ok_before && ok_after) return true;
        ++pos;
    }
    return false;
}

bool icontains(std::string_view hay, std::string_view needle) {
    return ifind(hay, needle, 0, false) != std::string_view::npos;
}
bool istarts_with(std::string_view hay, std::string_view needle) {
    return hay.size() >= needle.size() && iequal(hay.substr(0, needle.size()), needle);
}
bool iends_with(std::string_view hay, std::string_view needle) {
    return hay.size() >= needle.size() && iequal(hay.substr(hay.size() - needle.size()), needle);
}

Value cell_value(const Column& c, size_t row) {
    if (c.is_null(row)) return Value::make_null(c.type());
    switch (c.type()) {
    case ColumnType::String:
        return Value::str(std::string(c.str(row)));
    case ColumnType::Real:
        return Value::real(c.real(row));
    case ColumnType::Dynamic: {
        auto text = c.str(row);
        Json j = Json::parse(text.begin(), text.end(), nullptr, false);
        if (j.is_discarded()) j = std::string(text);
        return Value::dynamic(std::move(j));
    }
    default:
        return Value::of_int(c.type(), c.i64(row));
    }
}

void push_value(Column& c, const Value& v0) {
    const Value& v = (v0.type == ColumnType::Dynamic && c.type() != ColumnType::Dynamic)
                         ? unwrap_dynamic(v0)
                         : v0;
    if (c.type() == ColumnType::String) {
        c.push_string(to_string_value(v));
        return;
    }
    if (v.null) {
        c.push_null();
        return;
    }
    switch (c.type()) {
    case ColumnType::Dynamic:
        c.push_string(to_json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        break;
    case ColumnType::Real:
        if (v.type == ColumnType::String || v.type == ColumnType::Dynamic)
            c.push_null();
        else
            c.push_real(as_double(v));
        break;
    default:
        if (v.type == ColumnType::Real)
            c.push_int(static_cast<int64_t>(v.d));
        else if (v.type == ColumnType::String || v.type == ColumnType::Dynamic)
            c.push_null();
        else
            c.push_int(v.i);
        break;
    }
}

} // namespace alertdrill::kql
