#pragma once
// The parsed query. Every node keeps the byte offset it came from so errors can point at it.
#include "kql/value.hpp"

#include <memory>
#include <string>
#include <vector>

namespace alertdrill::kql {

struct TabExpr;
using TabPtr = std::shared_ptr<TabExpr>;

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;

struct Expr {
    enum Kind { Literal, Name, Call, Binary, Unary, Member, Index, Star, Tabular };
    Kind kind = Literal;
    size_t pos = 0;
    Value lit;        // Literal
    std::string name; // Name, Call, Member (the key), Binary/Unary operator
    std::vector<ExprPtr> args;
    TabPtr tab; // Tabular: `x in (T | project y)`
};

/// `Name = expr` or a bare expression (name empty: named after the expression).
struct Assign {
    std::string name;
    size_t name_pos = 0;
    ExprPtr expr;
};

struct SortKey {
    ExprPtr expr;
    bool asc = false;
    bool nulls_first = false;
};

struct ParsePart {
    bool star = false;
    std::string literal; // a string constant of the pattern
    std::string column;  // a column to extract
    ColumnType type = ColumnType::String;
    size_t pos = 0;
};

struct Op {
    enum Kind {
        Where,
        Project,
        ProjectAway,
        ProjectRename,
        Extend,
        Summarize,
        Sort,
        Take,
        Top,
        Distinct,
        Count,
        Join,
        Union,
        MvExpand,
        Parse,
        Getschema
    };
    Kind kind = Where;
    size_t pos = 0;
    ExprPtr pred;              // Where; Take/Top count
    std::vector<Assign> items; // Project, Extend, Summarize aggregates, Distinct, MvExpand
    std::vector<Assign> by;    // Summarize
    std::vector<SortKey> sort; // Sort, Top
    std::string kind_name;     // Join kind, Parse kind
    size_t kind_pos = 0;
    TabPtr right;                               // Join
    std::vector<ExprPtr> on;                    // Join conditions: Name or $left.A == $right.B
    std::vector<TabPtr> sources;                // Union
    std::string with_source;                    // Union withsource=
    std::vector<ParsePart> pattern;             // Parse
    ColumnType expand_to = ColumnType::Dynamic; // MvExpand `to typeof(T)`
    std::string item_index;                     // MvExpand with_itemindex=
    bool bag_as_array = false;                  // MvExpand kind=array: bags become [key, value]
    bool distinct_star = false;
};

struct TabExpr {
    size_t pos = 0;
    std::string source; // a table or let name
    TabPtr sub;         // ( ... )
    std::vector<Op> ops;
    bool is_union = false; // leading `union`: ops[0] is the Union op and there is no source
    bool is_print = false; // `print a = 1, b = "x"`: one row
    std::vector<Assign> print_items;
};

struct Statement {
    size_t pos = 0;
    bool is_let = false;
    std::string name;
    TabPtr tab;     // tabular let or the query itself
    ExprPtr scalar; // scalar let
};

struct Query {
    std::vector<Statement> statements;
};

} // namespace alertdrill::kql
