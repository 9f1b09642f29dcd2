#pragma once
// Binding resolves names against the input table, checks types and arity, and produces a
// BExpr tree the evaluator walks once per row (or once per dictionary entry, see eval.hpp).
#include "kql/ast.hpp"
#include "kql/lexer.hpp"

#include <map>
#include <memory>
#include <unordered_set>

namespace re2 {
class RE2;
}

namespace alertdrill::kql {

enum class Fn {
    Lit,
    Col,
    And,
    Or,
    Not,
    Eq,
    Neq,
    EqCi,
    NeqCi,
    Lt,
    Gt,
    Le,
    Ge,
    Has,
    NotHas,
    HasCs,
    NotHasCs,
    Contains,
    NotContains,
    ContainsCs,
    NotContainsCs,
    StartsWith,
    NotStartsWith,
    StartsWithCs,
    NotStartsWithCs,
    EndsWith,
    NotEndsWith,
    EndsWithCs,
    NotEndsWithCs,
    HasPrefix,
    NotHasPrefix,
    HasSuffix,
    NotHasSuffix,
    MatchesRegex,
    In,
    NotIn,
    InCi,
    NotInCi,
    HasAny,
    HasAll,
    Between,
    NotBetween,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Neg,
    Member,
    Index,
    Ago,
    Now,
    Bin,
    ToString,
    ToLong,
    ToReal,
    ToBool,
    ToDateTime,
    ToTimeSpan,
    ToLower,
    ToUpper,
    Strcat,
    Split,
    Extract,
    ParseJson,
    Iff,
    Case,
    IsEmpty,
    IsNotEmpty,
    IsNull,
    IsNotNull,
    ArrayLength,
    FormatDatetime,
    Strlen,
    Substring,
    Coalesce,
    StartOfDay,
    Abs,
    ReplaceString,
    Trim,
    IndexOf,
    BagKeys,
    Pack,
    PackArray,
    GetType,
    DatetimePart,
    CountOf,
    Round,
    Sqrt,
    Log,
    Exp,
    Pow,
    Floor,
    HashSha256Placeholder
};

struct BExpr {
    Fn fn = Fn::Lit;
    ColumnType type = ColumnType::Dynamic;
    size_t pos = 0;
    int col = -1;     // Col
    Value lit;        // Lit; constant arguments
    std::string name; // Member key
    std::vector<BExpr> args;
    std::shared_ptr<re2::RE2> re; // Extract, MatchesRegex
    // In/NotIn/InCi/NotInCi/HasAny/HasAll with constant lists: the values (lower-cased for ~).
    std::shared_ptr<std::vector<Value>> list;
    std::shared_ptr<std::unordered_set<std::string>> str_set;
};

/// What names mean while binding: scalar lets, tabular lets, and the query's clock.
struct Scope {
    std::map<std::string, Value> scalars;
    int64_t now_us = 0;
    /// Evaluates a tabular subexpression (for `in (T | project x)`); returns its first column.
    std::function<std::vector<Value>(const TabExpr&)> eval_tabular;
    /// Evaluates a tabular subexpression for toscalar(): the first column of the first row, or
    /// a null of that column's type when there is no row.
    std::function<Value(const TabExpr&)> eval_scalar;
};

/// Binds a scalar expression over `input`'s columns. Aggregate calls are rejected here.
BExpr bind(const Expr& e, const Table& input, const Scope& scope);
/// Collects the column indexes the expression reads.
void column_refs(const BExpr& e, std::vector<int>& out);
/// True when `e` reads no column: it can be evaluated once.
bool is_constant(const BExpr& e);

/// The name project/extend/summarize give an unnamed expression, or "" for ColumnN.
std::string auto_name(const Expr& e);

// Internal steps of bind(), shared by bind.cpp and bind_call.cpp.
BExpr bind_inner(const Expr& e, const Table& in, const Scope& scope);
BExpr bind_call(const Expr& e, const Table& in, const Scope& scope);
/// Evaluates `b` once when it reads no column.
BExpr constant_fold(BExpr b, const Scope& scope);

/// Aggregates in summarize.
enum class Agg {
    Count,
    CountIf,
    DCount,
    DCountIf,
    Sum,
    SumIf,
    Avg,
    AvgIf,
    Min,
    Max,
    MakeSet,
    MakeList,
    ArgMax,
    ArgMin,
    TakeAny
};
std::optional<Agg> aggregate_kind(const std::string& name);

} // namespace alertdrill::kql
