#pragma once
// One scalar during row-at-a-time evaluation. Strings are never null in KQL (empty instead);
// dynamic values hold parsed JSON, shared so copies stay cheap.
#include "alertdrill/table.hpp"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace alertdrill::kql {

using Json = nlohmann::json;

struct Value {
    ColumnType type = ColumnType::Dynamic;
    bool null = true;
    int64_t i = 0; // Long, Bool, DateTime, TimeSpan
    double d = 0;  // Real
    std::string s; // String
    std::shared_ptr<const Json> dyn;

    static Value make_null(ColumnType t) {
        Value v;
        v.type = t;
        v.null = t != ColumnType::String;
        return v;
    }
    static Value str(std::string v) {
        Value r;
        r.type = ColumnType::String;
        r.null = false;
        r.s = std::move(v);
        return r;
    }
    static Value of_int(ColumnType t, int64_t v) {
        Value r;
        r.type = t;
        r.null = false;
        r.i = v;
        return r;
    }
    static Value boolean(bool b) { return of_int(ColumnType::Bool, b ? 1 : 0); }
    static Value real(double v) {
        Value r;
        r.type = ColumnType::Real;
        r.null = false;
        r.d = v;
        return r;
    }
    static Value dynamic(Json j);
};

/// A dynamic value's scalar as a typed value (strings, numbers, bools); arrays/objects stay
/// dynamic.
Value unwrap_dynamic(const Value& v);
/// The value as JSON (for dynamic arrays, make_set, output).
Json to_json(const Value& v);
/// tostring() semantics.
std::string to_string_value(const Value& v);
bool truthy(const Value& v); // null and false are false
/// Numeric view: Long/DateTime/TimeSpan/Bool as double, Real as is.
double as_double(const Value& v);
bool is_numeric(ColumnType t);

/// Three-way compare for sorting and min/max; nulls compare below everything.
int compare_values(const Value& a, const Value& b);
/// == semantics (case-sensitive strings); `null` out when either side is null.
bool values_equal(const Value& a, const Value& b, bool ignore_case);

/// Whole-term, case-insensitive `has` (terms are maximal ASCII alphanumeric runs).
bool has_term(std::string_view hay, std::string_view needle, bool case_sensitive = false);
bool icontains(std::string_view hay, std::string_view needle);
bool istarts_with(std::string_view hay, std::string_view needle);
bool iends_with(std::string_view hay, std::string_view needle);
bool iequal(std::string_view a, std::string_view b);

/// Reads one cell of a table column as a Value.
Value cell_value(const Column& c, size_t row);
/// Appends a value to a column of type `c.type()`, converting where KQL would.
void push_value(Column& c, const Value& v);

} // namespace alertdrill::kql
