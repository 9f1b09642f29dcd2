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

/// Scalar functions (eval_fn.cpp).
Value eval_function(const BExpr& e, const RowCtx& ctx);
/// "yyyy-MM-dd HH:mm:ss.fff" style formatting.
std::string format_datetime_pattern(int64_t us, std::string_view pattern);

} // namespace alertdrill::kql
