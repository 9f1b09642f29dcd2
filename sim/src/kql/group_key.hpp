#pragma once
// Group keys for summarize, distinct and dcount: one 64-bit part per by-expression.
#include "kql/eval.hpp"

#include <cstring>
#include <string>
#include <unordered_map>

namespace alertdrill::kql {

// Turns a by-expression's value into a 64-bit group-key part. Dictionary codes stand in for
// strings read straight from a column; computed strings are interned.
struct KeyPart {
    BExpr expr;
    const Column* col = nullptr; // plain column reference
    std::unordered_map<std::string, int64_t> interned;

    int64_t encode(const RowCtx& cx) {
        if (col) {
            if (col->is_null(cx.row)) return INT64_MIN;
            switch (col->type()) {
            case ColumnType::String:
            case ColumnType::Dynamic:
                return col->code(cx.row);
            case ColumnType::Real: {
                double d = col->real(cx.row);
                int64_t v;
                std::memcpy(&v, &d, 8);
                return v;
            }
            default:
                return col->i64(cx.row);
            }
        }
        Value v = eval(expr, cx);
        return encode_value(v);
    }
    int64_t encode_value(const Value& v) {
        if (v.null && v.type != ColumnType::String) return INT64_MIN;
        switch (v.type) {
        case ColumnType::String:
        case ColumnType::Dynamic: {
            std::string s = v.type == ColumnType::String ? v.s : to_json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            auto it = interned.emplace(std::move(s), int64_t(interned.size())).first;
            return it->second;
        }
        case ColumnType::Real: {
            int64_t x;
            std::memcpy(&x, &v.d, 8);
            return x;
        }
        default:
            return v.i;
        }
    }
};

} // namespace alertdrill::kql
