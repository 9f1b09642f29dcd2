#pragma once
// Row-at-a-time evaluation of bound expressions. A context can substitute one column's value,
// which lets predicates on a dictionary-encoded string column run once per distinct value.
#include "kql/bind.hpp"

namespace alertdrill::kql {

struct RowCtx {
    const Table* table = nullptr;
    size_t row = 0;
    int64_t now_us = 0;
    int sub_col = -1; // when >= 0, this column reads as *sub_val
    const Value* sub_val = nullptr;
};

Value eval(const BExpr& e, const RowCtx& ctx);

/// Starts a query's budget of text built by strcat()/replace_string() (per thread).
void reset_string_budget();
/// Scalar functions (eval_fn.cpp).
Value eval_function(const BExpr& e, const RowCtx& ctx);
// Conversions (convert.cpp): null when the value does not convert.
Value to_long(const Value& v);
Value to_real(const Value& v);
Value to_datetime(const Value& v);
Value to_timespan(const Value& v);
Value convert_to(const Value& v, ColumnType t);
bool is_empty(const Value& v);
/// gettype(): string, long, real, bool, datetime, timespan, array, dictionary or null.
std::string type_of(const Value& v);
/// parse_json(): JSON text to dynamic; text that is not JSON stays a dynamic string.
Value parse_json_value(const Value& v);

/// "yyyy-MM-dd HH:mm:ss.fff" style formatting.
std::string format_datetime_pattern(int64_t us, std::string_view pattern);

} // namespace alertdrill::kql
