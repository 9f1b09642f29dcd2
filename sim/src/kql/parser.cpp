// Statements and tabular operators. Scalar expressions are in parser_expr.cpp.
#include "kql/parser.hpp"

#include "alertdrill/text.hpp"

namespace alertdrill::kql {

namespace {
const std::vector<std::string> k_operators = {
    "where",  "filter",    "project",  "project-away", "project-rename",
    "extend", "summarize", "sort",     "order",        "take",
    "limit",  "top",       "distinct", "count",        "join",
    "union",  "mv-expand", "parse",    "getschema"};
} // namespace

DepthGuard::DepthGuard(Parser& p) : m_p(p) {
    if (++m_p.m_depth > k_max_depth)
        throw QueryError(m_p.peek().pos, "the query nests too deeply (more than " +
                                             std::to_string(k_max_depth) + " levels)");
}

std::string Parser::describe(const Token& t) const {
    switch (t.kind) {
    case Tok::End:
        return "the end of the query";
    case Tok::String:
        return "a string";
    case Tok::Raw:
        return "'" + t.text + "'";
    case Tok::Long:
    case Tok::Real:
    case Tok::TimeSpan:
        return "'" + std::string(m_src.substr(t.pos, t.len)) + "'";
    default:
        return "'" + t.text + "'";
    }
}

void Parser::fail_here(const std::string& expected) {
    throw QueryError(peek().pos, "expected " + expected + ", found " + describe(peek()));
}

bool Parser::accept_punct(std::string_view p) {
    if (!is_punct(p)) return false;
    ++m_i;
    return true;
}
bool Parser::accept_word(std::string_view w) {
    if (!is_word(w)) return false;
    ++m_i;
    return true;
}
void Parser::expect_punct(std::string_view p, std::string_view what) {
    if (!accept_punct(p)) fail_here(std::string(what));
}
void Parser::expect_word(std::string_view w, std::string_view what) {
    if (!accept_word(w)) fail_here(std::string(what));
}

std::string Parser::expect_name(std::string_view what, size_t* pos) {
    if (peek().kind == Tok::Ident && peek().text[0] != '!' && peek().text[0] != '$') {
        if (pos) *pos = peek().pos;
        return next().text;
    }
    // ['column name'] quoting
    if (is_punct("[") && peek(1).kind == Tok::String && peek(2).kind == Tok::Punct &&
        peek(2).text == "]") {
        if (pos) *pos = peek().pos;
        m_i += 3;
        return m_toks[m_i - 2].text;
    }
    fail_here(std::string(what));
}

Query parse_query(std::string_view src, const std::function<bool(const std::string&)>& is_table) {
    if (src.size() > limits::k_query_bytes)
        throw QueryError(0, "the query is " + std::to_string(src.size()) +
                                " bytes long; the limit is " +
                                std::to_string(limits::k_query_bytes));
    Parser p(src, lex(src), is_table);
    return p.query();
}

Query Parser::query() {
    Query q;
    while (true) {
        while (accept_punct(";")) {
        }
        if (peek().kind == Tok::End) break;
        q.statements.push_back(statement());
        if (peek().kind == Tok::End) break;
        if (!is_punct(";")) fail_here("';' or '|' or the end of the query");
    }
    if (q.statements.empty()) throw QueryError(peek().pos, "expected a query, found nothing");
    if (q.statements.back().is_let)
        throw QueryError(peek().pos, "expected a tabular expression after the let statements");
    for (size_t k = 0; k + 1 < q.statements.size(); ++k)
        if (!q.statements[k].is_let)
            throw QueryError(q.statements[k + 1].pos,
                             "only one tabular expression may follow the let statements");
    return q;
}

bool Parser::starts_tabular() const {
    size_t k = 0;
    while (is_punct("(", k)) ++k;
    const Token& t = peek(k);
    if (t.kind != Tok::Ident) return false;
    if (t.text == "union" || t.text == "print") return true;
    if (is_punct("(", k + 1)) return false; // a function call
    return m_is_table(t.text) || m_let_tables.count(t.text) > 0;
}

Statement Parser::statement() {
    Statement st;
    st.pos = peek().pos;
    if (accept_word("let")) {
        st.is_let = true;
        st.name = expect_name("a name after 'let'");
        expect_punct("=", "'=' after the let name");
        if (is_punct("(") && (peek(1).kind == Tok::Ident && is_punct(":", 2)))
            throw QueryError(peek().pos, "user-defined functions are not supported here");
        if (starts_tabular()) {
            st.tab = tabular();
            m_let_tables.insert(st.name);
        } else {
            st.scalar = expr();
        }
        return st;
    }
    st.tab = tabular();
    return st;
}

TabPtr Parser::tabular_source() {
    DepthGuard g(*this);
    auto t = std::make_shared<TabExpr>();
    t->pos = peek().pos;
    if (accept_punct("(")) {
        t->sub = tabular();
        expect_punct(")", "')' to close the subquery");
        return t;
    }
    if (is_word("union")) {
        t->is_union = true;
        Op op;
        op.kind = Op::Union;
        op.pos = next().pos;
        op_union(op);
        t->ops.push_back(std::move(op));
        return t;
    }
    if (accept_word("print")) {
        t->is_print = true;
        t->print_items = assign_list(false);
        return t;
    }
    t->source = expect_name("a table name");
    return t;
}

TabPtr Parser::tabular() {
    DepthGuard g(*this);
    TabPtr t = tabular_source();
    while (accept_punct("|")) t->ops.push_back(tab_operator());
    return t;
}

std::vector<SortKey> Parser::sort_keys() {
    std::vector<SortKey> keys;
    do {
        SortKey k;
        k.expr = expr();
        if (accept_word("asc"))
            k.asc = true;
        else
            accept_word("desc");
        k.nulls_first = k.asc;
        if (accept_word("nulls")) {
            if (accept_word("first"))
                k.nulls_first = true;
            else if (accept_word("last"))
                k.nulls_first = false;
            else
                fail_here("'first' or 'last' after 'nulls'");
        }
        keys.push_back(std::move(k));
    } while (accept_punct(","));
    return keys;
}

Assign Parser::assign() {
    Assign a;
    if (peek().kind == Tok::Ident && is_punct("=", 1)) {
        a.name_pos = peek().pos;
        a.name = next().text;
        ++m_i;
    }
    a.expr = expr();
    return a;
}

std::vector<Assign> Parser::assign_list(bool allow_star) {
    std::vector<Assign> out;
    do {
        if (allow_star && is_punct("*")) {
            Assign a;
            a.expr = std::make_shared<Expr>();
            a.expr->kind = Expr::Star;
            a.expr->pos = next().pos;
            out.push_back(std::move(a));
            continue;
        }
        out.push_back(assign());
    } while (accept_punct(","));
    return out;
}

ColumnType Parser::type_name(std::string_view what) {
    size_t pos = peek().pos;
    std::string n = expect_name(what);
    auto t = parse_column_type(n);
    if (!t)
        throw QueryError(pos, "unknown type '" + n +
                                  "': expected string, long, int, real, bool, datetime, "
                                  "timespan or dynamic");
    return *t;
}

Op Parser::tab_operator() {
    Op op;
    op.pos = peek().pos;
    if (peek().kind != Tok::Ident)
        fail_here("a tabular operator such as where, project, extend or summarize");
    std::string w = next().text;
    if (w == "where" || w == "filter") {
        op.kind = Op::Where;
        op.pred = expr();
    } else if (w == "project") {
        op.kind = Op::Project;
        op.items = assign_list(false);
    } else if (w == "extend") {
        op.kind = Op::Extend;
        op.items = assign_list(false);
    } else if (w == "project-away" || w == "project-rename") {
        op.kind = w == "project-away" ? Op::ProjectAway : Op::ProjectRename;
        op.items = assign_list(false);
    } else if (w == "summarize") {
        op.kind = Op::Summarize;
        op_summarize(op);
    } else if (w == "sort" || w == "order") {
        op.kind = Op::Sort;
        expect_word("by", "'by' after '" + w + "'");
        op.sort = sort_keys();
    } else if (w == "take" || w == "limit") {
        op.kind = Op::Take;
        op.pred = expr();
    } else if (w == "top") {
        op.kind = Op::Top;
        op.pred = expr();
        expect_word("by", "'by' after the number of rows in 'top'");
        op.sort = sort_keys();
    } else if (w == "distinct") {
        op.kind = Op::Distinct;
        if (accept_punct("*"))
            op.distinct_star = true;
        else
            op.items = assign_list(false);
    } else if (w == "count") {
        op.kind = Op::Count;
    } else if (w == "getschema") {
        op.kind = Op::Getschema;
    } else if (w == "join") {
        op.kind = Op::Join;
        op_join(op);
    } else if (w == "union") {
        op.kind = Op::Union;
        op_union(op);
    } else if (w == "mv-expand") {
        op.kind = Op::MvExpand;
        op_mv_expand(op);
    } else if (w == "parse") {
        op.kind = Op::Parse;
        op_parse(op);
    } else {
        throw QueryError(op.pos, "unknown tabular operator '" + w + "'" +
                                     did_you_mean(w, k_operators) +
                                     ": expected where, project, extend, summarize, join, ...");
    }
    return op;
}

void Parser::op_summarize(Op& op) {
    if (!is_word("by") && !is_punct("|") && peek().kind != Tok::End && !is_punct(")") &&
        !is_punct(";"))
        op.items = assign_list(false);
    if (accept_word("by")) op.by = assign_list(false);
    if (op.items.empty() && op.by.empty())
        fail_here("an aggregation such as count() or 'by' and a column");
}

void Parser::op_join(Op& op) {
    op.kind_name = "innerunique";
    while (peek().kind == Tok::Ident && is_punct("=", 1)) {
        std::string key = peek().text;
        size_t kpos = next().pos;
        ++m_i;
        if (key == "kind") {
            op.kind_pos = peek().pos;
            op.kind_name = expect_name("a join kind");
            static const std::vector<std::string> kinds = {
                "inner",     "innerunique",  "leftouter",     "rightouter",
                "fullouter", "leftanti",     "rightanti",     "leftsemi",
                "rightsemi", "leftantisemi", "rightantisemi", "anti"};
            bool ok = false;
            for (const auto& k : kinds) ok = ok || k == op.kind_name;
            if (!ok)
                throw QueryError(op.kind_pos, "unknown join kind '" + op.kind_name + "'" +
                                                  did_you_mean(op.kind_name, kinds) +
                                                  ": expected inner, innerunique, leftouter, "
                                                  "rightouter, fullouter, leftanti, rightanti, "
                                                  "leftsemi or rightsemi");
        } else if (key.rfind("hint.", 0) == 0 || key == "hint") {
            next();
        } else {
            throw QueryError(kpos, "unknown join parameter '" + key + "': expected kind=");
        }
    }
    if (peek().kind == Tok::Ident && peek().text.rfind("hint", 0) == 0) {
        // hint.strategy=broadcast lexes as hint . strategy = ...: skip it.
        while (!is_punct("(") && peek().kind != Tok::End && !is_word("on")) next();
    }
    op.right = tabular_source();
    expect_word("on", "'on' and the columns to join on");
    do {
        op.on.push_back(expr());
    } while (accept_punct(","));
}

void Parser::op_union(Op& op) {
    while (peek().kind == Tok::Ident && is_punct("=", 1)) {
        std::string key = next().text;
        ++m_i;
        if (key == "withsource")
            op.with_source = expect_name("a column name after withsource=");
        else if (key == "kind" || key == "isfuzzy")
            next();
        else
            throw QueryError(m_toks[m_i - 2].pos, "unknown union parameter '" + key + "'");
    }
    do {
        op.sources.push_back(tabular_source());
    } while (accept_punct(","));
}

void Parser::op_mv_expand(Op& op) {
    while (peek().kind == Tok::Ident && is_punct("=", 1) &&
           (peek().text == "bagexpansion" || peek().text == "with_itemindex" ||
            peek().text == "kind")) {
        std::string option = peek().text;
        m_i += 2;
        if (option == "with_itemindex") {
            op.item_index = expect_name("a column name for the item index");
            continue;
        }
        size_t pos = peek().pos;
        std::string kind = expect_name("bag or array");
        if (kind != "bag" && kind != "array")
            throw QueryError(pos, "unknown mv-expand " + option + " '" + kind +
                                      "': expected bag or array");
        op.bag_as_array = kind == "array";
    }
    do {
        op.items.push_back(assign());
        if (accept_word("to")) {
            expect_word("typeof", "'typeof' after 'to'");
            expect_punct("(", "'(' after typeof");
            op.expand_to = type_name("a type name");
            expect_punct(")", "')' after the type");
        }
    } while (accept_punct(","));
    if (accept_word("limit")) op.pred = expr(); // rows each input row may produce
}

void Parser::op_parse(Op& op) {
    op.kind_name = "simple";
    if (is_word("kind") && is_punct("=", 1)) {
        m_i += 2;
        op.kind_pos = peek().pos;
        op.kind_name = expect_name("simple, regex or relaxed");
        if (op.kind_name != "simple" && op.kind_name != "regex" && op.kind_name != "relaxed")
            throw QueryError(op.kind_pos, "unknown parse kind '" + op.kind_name +
                                              "': expected simple, regex or relaxed");
    }
    op.pred = expr();
    expect_word("with", "'with' and a pattern after the parsed expression");
    while (!is_punct("|") && !is_punct(")") && !is_punct(";") && peek().kind != Tok::End) {
        ParsePart p;
        p.pos = peek().pos;
        if (accept_punct("*")) {
            p.star = true;
        } else if (peek().kind == Tok::String) {
            p.literal = next().text;
        } else {
            p.column = expect_name("a string, a column name or '*' in the parse pattern");
            if (accept_punct(":")) p.type = type_name("a type after ':'");
        }
        op.pattern.push_back(std::move(p));
    }
    if (op.pattern.empty()) fail_here("a parse pattern");
}

} // namespace alertdrill::kql
