#pragma once
// Evaluation of tabular expressions. A Frame is an intermediate table plus, when any input
// table marks key rows, each row's lineage: the key ids it carries toward the result.
#include "alertdrill/kql.hpp"
#include "kql/bind.hpp"
#include "kql/eval.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <set>

namespace alertdrill::kql {

using Lineage = std::vector<uint32_t>;
using NeedSet = std::set<std::string>;

struct Frame {
    std::shared_ptr<const Table> table;
    std::vector<Lineage> lineage; // empty: no keys flow through this frame
    const Table& t() const { return *table; }
    size_t rows() const { return table->row_count(); }
};

Frame owned_frame(Table t, std::vector<Lineage> lineage = {});
/// The rows of `in` at `rows`, in that order, with their lineage. With `need`, only those
/// columns are copied (at least one column is kept so the row count survives).
Frame gather(const Frame& in, const std::vector<uint32_t>& rows, const NeedSet* need = nullptr);
/// Per operator of `t`, the columns the operators after it may read (nullopt: all of them).
std::vector<std::optional<NeedSet>> needed_after(const TabExpr& t);
/// A name not yet used in `t`: `base`, then base1, base2, ...
std::string unique_name(const Table& t, const std::string& base);

class Engine {
  public:
    Engine(const TableSet& tables, const Options& opts) : m_tables(tables), m_opts(opts) {
        m_scope.now_us = opts.now_us;
        m_deadline = std::chrono::steady_clock::now() +
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(opts.max_seconds));
    }
    Result run(const Query& q);

    Frame eval_tab(const TabExpr& t);
    void charge(size_t rows, size_t pos);
    void check_rows(size_t rows, size_t pos, const char* what);
    RowCtx ctx(const Table& t, size_t row = 0) const { return RowCtx{&t, row, m_opts.now_us}; }
    const Scope& scope() const { return m_scope; }

    // Operators, one family per file.
    Frame op_where(const Frame& in, const Op& op); // ops_rows.cpp
    Frame op_project(const Frame& in, const Op& op);
    Frame op_project_away(const Frame& in, const Op& op);
    Frame op_extend(const Frame& in, const Op& op);
    Frame op_sort(const Frame& in, const Op& op, size_t limit);
    Frame op_take(const Frame& in, const Op& op);
    Frame op_count(const Frame& in, const Op& op);
    Frame op_getschema(const Frame& in, const Op& op);
    Frame op_summarize(const Frame& in, const Op& op); // ops_summarize.cpp
    Frame op_distinct(const Frame& in, const Op& op);
    Frame op_join(const Frame& left, const Op& op); // ops_join.cpp
    Frame op_union(const Frame* in, const Op& op);
    Frame op_mv_expand(const Frame& in, const Op& op); // ops_expand.cpp
    Frame op_parse(const Frame& in, const Op& op);

    int64_t const_long(const Expr& e, const char* what);

  private:
    Frame source(const TabExpr& t);
    Frame apply(const Frame& in, const Op& op);

    const TableSet& m_tables;
    Options m_opts;
    Scope m_scope;
    std::map<std::string, Frame> m_tab_lets;
    std::map<const Table*, std::vector<Lineage>> m_source_lineage;
    std::vector<std::string> m_key_names;
    size_t m_work = 0;
    size_t m_next_clock_check = 0; // m_work at which charge() next reads the clock
    std::chrono::steady_clock::time_point m_deadline;
    const NeedSet* m_need = nullptr; // columns later operators read; nullptr: all

  public:
    const NeedSet* need() const { return m_need; }
};

} // namespace alertdrill::kql
