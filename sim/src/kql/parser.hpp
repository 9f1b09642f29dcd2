#pragma once
// Recursive-descent KQL parser. Depth is bounded so hostile input cannot exhaust the stack.
#include "kql/ast.hpp"
#include "kql/lexer.hpp"

#include "alertdrill/limits.hpp"

#include <functional>
#include <set>

namespace alertdrill::kql {

/// `is_table(name)` says whether a bare name starts a tabular expression (tables, tabular lets).
Query parse_query(std::string_view src, const std::function<bool(const std::string&)>& is_table);

class Parser {
  public:
    Parser(std::string_view src, std::vector<Token> toks,
           std::function<bool(const std::string&)> is_table)
        : m_src(src), m_toks(std::move(toks)), m_is_table(std::move(is_table)) {}

    Query query();

    // Scalar expressions (parser_expr.cpp)
    ExprPtr expr();

  private:
    friend struct DepthGuard;
    const Token& peek(size_t k = 0) const { return m_toks[std::min(m_i + k, m_toks.size() - 1)]; }
    const Token& next() { return m_toks[std::min(m_i++, m_toks.size() - 1)]; }
    bool is_punct(std::string_view p, size_t k = 0) const {
        return peek(k).kind == Tok::Punct && peek(k).text == p;
    }
    bool is_word(std::string_view w, size_t k = 0) const {
        return peek(k).kind == Tok::Ident && peek(k).text == w;
    }
    bool accept_punct(std::string_view p);
    bool accept_word(std::string_view w);
    void expect_punct(std::string_view p, std::string_view what);
    void expect_word(std::string_view w, std::string_view what);
    std::string expect_name(std::string_view what, size_t* pos = nullptr);
    [[noreturn]] void fail_here(const std::string& expected);
    std::string describe(const Token& t) const;

    Statement statement();
    TabPtr tabular();
    TabPtr tabular_source();
    bool starts_tabular() const;
    Op tab_operator();
    void op_summarize(Op& op);
    void op_join(Op& op);
    void op_union(Op& op);
    void op_parse(Op& op);
    void op_mv_expand(Op& op);
    std::vector<Assign> assign_list(bool allow_star);
    Assign assign();
    std::vector<SortKey> sort_keys();
    ColumnType type_name(std::string_view what);

    ExprPtr or_expr();
    ExprPtr and_expr();
    ExprPtr compare_expr();
    ExprPtr add_expr();
    ExprPtr mul_expr();
    ExprPtr unary_expr();
    ExprPtr postfix_expr();
    ExprPtr primary();
    ExprPtr dynamic_literal(size_t pos);
    Json json_value();
    std::vector<ExprPtr> paren_list(size_t op_pos);

    std::string_view m_src;
    std::vector<Token> m_toks;
    std::function<bool(const std::string&)> m_is_table;
    std::set<std::string> m_let_tables;
    size_t m_i = 0;
    int m_depth = 0;
};

struct DepthGuard {
    static constexpr int k_max_depth = limits::k_query_depth;
    explicit DepthGuard(Parser& p);
    ~DepthGuard() { --m_p.m_depth; }
    Parser& m_p;
};

} // namespace alertdrill::kql
