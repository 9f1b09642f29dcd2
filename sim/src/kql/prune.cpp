// Column pruning: which input columns each pipeline stage's successors can still read, so that
// row-selecting operators (where, sort, take, join) copy only those. A query that ends in
// summarize or count never copies the wide columns it filters through.
#include "kql/engine.hpp"

#include <cctype>

namespace alertdrill::kql {

namespace {

void names_in(const Expr& e, NeedSet& out, bool& star) {
    if (e.kind == Expr::Name || e.kind == Expr::Member || e.kind == Expr::Call) {
        out.insert(e.name);
        // A name like Caller1 may be a join's renamed copy of Caller: keep the base too.
        size_t end = e.name.size();
        while (end > 0 && std::isdigit(static_cast<unsigned char>(e.name[end - 1]))) --end;
        if (end > 0 && end < e.name.size()) out.insert(e.name.substr(0, end));
    }
    if (e.kind == Expr::Star) star = true;
    for (const auto& a : e.args)
        if (a) names_in(*a, out, star);
}

} // namespace

std::vector<std::optional<NeedSet>> needed_after(const TabExpr& t) {
    std::vector<std::optional<NeedSet>> out(t.ops.size());
    std::optional<NeedSet> need; // nullopt: every column (the pipeline's result)
    for (size_t k = t.ops.size(); k-- > 0;) {
        out[k] = need;
        const Op& op = t.ops[k];
        NeedSet refs;
        bool star = false;
        auto add = [&](const ExprPtr& e) {
            if (e) names_in(*e, refs, star);
        };
        for (const auto& a : op.items) {
            add(a.expr);
            if (!a.name.empty()) refs.insert(a.name);
        }
        for (const auto& a : op.by) add(a.expr);
        for (const auto& s : op.sort) add(s.expr);
        for (const auto& e : op.on) add(e);
        add(op.pred);
        for (const auto& p : op.pattern) refs.insert(p.column);
        bool terminator = false;
        switch (op.kind) {
        case Op::Project:
        case Op::Summarize:
        case Op::Count:
            terminator = true;
            break;
        case Op::Distinct:
            terminator = !op.distinct_star;
            break;
        case Op::Getschema:
        case Op::Union:
            star = true;
            break;
        default:
            break;
        }
        if (star || (op.kind == Op::Distinct && op.distinct_star))
            need.reset();
        else if (terminator)
            need = refs;
        else if (need)
            need->insert(refs.begin(), refs.end());
    }
    return out;
}

} // namespace alertdrill::kql
