// Scalar expressions: precedence or < and < comparison < additive < multiplicative < unary.
#include "kql/parser.hpp"

#include "alertdrill/text.hpp"

#include <cmath>

namespace alertdrill::kql {

namespace {
ExprPtr node(Expr::Kind k, size_t pos, std::string name = {}) {
    auto e = std::make_shared<Expr>();
    e->kind = k;
    e->pos = pos;
    e->name = std::move(name);
    return e;
}
ExprPtr literal(size_t pos, Value v) {
    auto e = node(Expr::Literal, pos);
    e->lit = std::move(v);
    return e;
}
// Operands chained by one operator (a or b or c ...) build a left-deep tree; bound its depth
// like nesting so evaluation cannot exhaust the stack.
constexpr int k_max_chain = 256;

void check_chain(int& n, size_t pos) {
    if (++n > k_max_chain)
        throw QueryError(pos, "too many operands chained by one operator (more than " +
                                  std::to_string(k_max_chain) + ")");
}

ExprPtr binary(size_t pos, std::string op, ExprPtr a, ExprPtr b) {
    auto e = node(Expr::Binary, pos, std::move(op));
    e->args = {std::move(a), std::move(b)};
    return e;
}

const std::vector<std::string> k_string_ops = {
    "has",         "!has",         "has_cs",      "!has_cs",      "contains",      "!contains",
    "contains_cs", "!contains_cs", "startswith",  "!startswith",  "startswith_cs", "!startswith_cs",
    "endswith",    "!endswith",    "endswith_cs", "!endswith_cs", "hasprefix",     "!hasprefix",
    "hassuffix",   "!hassuffix",   "matches"};
const std::vector<std::string> k_list_ops = {"in", "!in", "in~", "!in~", "has_any", "has_all"};

bool contains_word(const std::vector<std::string>& v, const std::string& w) {
    for (const auto& x : v)
        if (x == w) return true;
    return false;
}

std::optional<int64_t> parse_timespan_text(std::string s) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    try {
        auto toks = lex(s);
        if (toks.size() == 2 && toks[0].kind == Tok::TimeSpan) return toks[0].i;
    } catch (const QueryError&) {
    }
    int d = 0, h = 0, m = 0;
    double sec = 0;
    if (std::sscanf(s.c_str(), "%d.%d:%d:%lf", &d, &h, &m, &sec) == 4 ||
        (d = 0, std::sscanf(s.c_str(), "%d:%d:%lf", &h, &m, &sec) == 3))
        return ((d * 24LL + h) * 60 + m) * 60000000LL + std::llround(sec * 1e6);
    return std::nullopt;
}
} // namespace

ExprPtr Parser::expr() {
    DepthGuard g(*this);
    return or_expr();
}

ExprPtr Parser::or_expr() {
    ExprPtr l = and_expr();
    int chain = 0;
    while (is_word("or")) {
        check_chain(chain, peek().pos);
        size_t pos = next().pos;
        l = binary(pos, "or", l, and_expr());
    }
    return l;
}

ExprPtr Parser::and_expr() {
    ExprPtr l = compare_expr();
    int chain = 0;
    while (is_word("and")) {
        check_chain(chain, peek().pos);
        size_t pos = next().pos;
        l = binary(pos, "and", l, compare_expr());
    }
    return l;
}

std::vector<ExprPtr> Parser::paren_list(size_t op_pos) {
    (void)op_pos;
    expect_punct("(", "'(' and a list of values");
    std::vector<ExprPtr> items;
    if (starts_tabular()) {
        auto e = node(Expr::Tabular, peek().pos);
        e->tab = tabular();
        items.push_back(e);
    } else if (!is_punct(")")) {
        do {
            items.push_back(expr());
        } while (accept_punct(","));
    }
    expect_punct(")", "',' or ')' in the list");
    return items;
}

ExprPtr Parser::compare_expr() {
    ExprPtr l = add_expr();
    const Token& t = peek();
    static const char* const cmp[] = {"==", "!=", "=~", "!~", "<", ">", "<=", ">=", "<>"};
    if (t.kind == Tok::Punct) {
        for (const char* c : cmp) {
            if (t.text == c) {
                size_t pos = next().pos;
                std::string op = c;
                if (op == "<>") op = "!=";
                return binary(pos, op, l, add_expr());
            }
        }
        return l;
    }
    if (t.kind != Tok::Ident) return l;
    std::string w = t.text;
    if (contains_word(k_string_ops, w)) {
        size_t pos = next().pos;
        if (w == "matches") expect_word("regex", "'regex' after 'matches'");
        return binary(pos, w, l, add_expr());
    }
    if (contains_word(k_list_ops, w)) {
        size_t pos = next().pos;
        auto e = node(Expr::Binary, pos, w);
        e->args.push_back(l);
        for (auto& item : paren_list(pos)) e->args.push_back(item);
        if (e->args.size() < 2) throw QueryError(pos, "'" + w + "' needs at least one value");
        return e;
    }
    if (w == "between" || w == "!between") {
        size_t pos = next().pos;
        expect_punct("(", "'(' after between");
        auto e = node(Expr::Binary, pos, w);
        e->args.push_back(l);
        e->args.push_back(add_expr());
        expect_punct("..", "'..' between the two bounds");
        e->args.push_back(add_expr());
        expect_punct(")", "')' after the bounds");
        return e;
    }
    if (w[0] == '!' && w != "!in") {
        std::vector<std::string> all = k_string_ops;
        all.insert(all.end(), k_list_ops.begin(), k_list_ops.end());
        throw QueryError(t.pos, "unknown operator '" + w + "'" + did_you_mean(w, all));
    }
    return l;
}

ExprPtr Parser::add_expr() {
    ExprPtr l = mul_expr();
    int chain = 0;
    while (is_punct("+") || is_punct("-")) {
        check_chain(chain, peek().pos);
        const Token& t = next();
        l = binary(t.pos, t.text, l, mul_expr());
    }
    return l;
}

ExprPtr Parser::mul_expr() {
    ExprPtr l = unary_expr();
    int chain = 0;
    while (is_punct("*") || is_punct("/") || is_punct("%")) {
        check_chain(chain, peek().pos);
        const Token& t = next();
        l = binary(t.pos, t.text, l, unary_expr());
    }
    return l;
}

ExprPtr Parser::unary_expr() {
    DepthGuard g(*this);
    if (is_punct("-") || is_punct("+")) {
        const Token& t = next();
        auto e = node(Expr::Unary, t.pos, t.text);
        e->args.push_back(unary_expr());
        return e;
    }
    return postfix_expr();
}

ExprPtr Parser::postfix_expr() {
    ExprPtr e = primary();
    while (true) {
        if (is_punct(".") && peek(1).kind == Tok::Ident) {
            size_t pos = next().pos;
            auto m = node(Expr::Member, pos, next().text);
            m->args.push_back(e);
            e = m;
        } else if (is_punct("[")) {
            size_t pos = next().pos;
            auto m = node(Expr::Index, pos);
            m->args.push_back(e);
            m->args.push_back(expr());
            expect_punct("]", "']' after the index");
            e = m;
        } else {
            return e;
        }
    }
}

Json Parser::json_value() {
    DepthGuard g(*this);
    const Token& t = peek();
    if (accept_punct("[")) {
        Json arr = Json::array();
        if (!is_punct("]")) {
            do {
                arr.push_back(json_value());
            } while (accept_punct(","));
        }
        expect_punct("]", "',' or ']' in the dynamic array");
        return arr;
    }
    if (accept_punct("{")) {
        Json obj = Json::object();
        if (!is_punct("}")) {
            do {
                if (peek().kind != Tok::String && peek().kind != Tok::Ident)
                    fail_here("a property name in the dynamic object");
                std::string key = next().text;
                expect_punct(":", "':' after the property name");
                obj[key] = json_value();
            } while (accept_punct(","));
        }
        expect_punct("}", "',' or '}' in the dynamic object");
        return obj;
    }
    bool neg = accept_punct("-");
    switch (t.kind) {
    case Tok::String:
        if (neg) break;
        next();
        return t.text;
    case Tok::Long:
        next();
        return neg ? -t.i : t.i;
    case Tok::Real:
        next();
        return neg ? -t.d : t.d;
    case Tok::Ident:
        if (neg) break;
        if (t.text == "true" || t.text == "false") {
            next();
            return t.text == "true";
        }
        if (t.text == "null") {
            next();
            return nullptr;
        }
        break;
    default:
        break;
    }
    fail_here("a value (string, number, true, false, null, [..] or {..}) in dynamic()");
}

ExprPtr Parser::dynamic_literal(size_t pos) {
    Json j = json_value();
    expect_punct(")", "')' to close dynamic()");
    return literal(pos, Value::dynamic(std::move(j)));
}

ExprPtr Parser::primary() {
    const Token& t = peek();
    switch (t.kind) {
    case Tok::Long:
        next();
        return literal(t.pos, Value::of_int(ColumnType::Long, t.i));
    case Tok::Real:
        next();
        return literal(t.pos, Value::real(t.d));
    case Tok::TimeSpan:
        next();
        return literal(t.pos, Value::of_int(ColumnType::TimeSpan, t.i));
    case Tok::String: {
        next();
        std::string s = t.text;
        // Adjacent string literals concatenate.
        while (peek().kind == Tok::String) s += next().text;
        return literal(t.pos, Value::str(s));
    }
    case Tok::Punct:
        if (t.text == "(") {
            next();
            ExprPtr e = expr();
            expect_punct(")", "')'");
            return e;
        }
        if (t.text == "*") {
            next();
            return node(Expr::Star, t.pos);
        }
        if (t.text == "[" && peek(1).kind == Tok::String && is_punct("]", 2)) {
            std::string n = peek(1).text;
            m_i += 3;
            return node(Expr::Name, t.pos, n);
        }
        break;
    case Tok::Ident: {
        std::string w = t.text;
        size_t pos = t.pos;
        if (w == "true" || w == "false") {
            next();
            return literal(pos, Value::boolean(w == "true"));
        }
        if (is_punct("(", 1)) {
            auto type = parse_column_type(w);
            if (w == "datetime" || w == "timespan" || w == "date" || w == "time") {
                size_t open = peek(1).pos;
                size_t end = 0;
                std::string raw = trim(raw_until_paren(m_src, open + 1, end));
                while (peek().kind != Tok::End && peek().pos < end) ++m_i;
                if (raw.size() >= 2 && (raw[0] == '"' || raw[0] == '\''))
                    raw = raw.substr(1, raw.size() - 2);
                bool is_dt = w == "datetime" || w == "date";
                ColumnType ct = is_dt ? ColumnType::DateTime : ColumnType::TimeSpan;
                if (raw == "null") return literal(pos, Value::make_null(ct));
                std::optional<int64_t> v =
                    is_dt ? parse_datetime_us(raw) : parse_timespan_text(raw);
                if (!v)
                    throw QueryError(open + 1, is_dt ? "expected a date-time such as "
                                                       "2026-03-14T02:10:00Z in datetime()"
                                                     : "expected a timespan such as 5m, 1h or "
                                                       "00:05:00 in timespan()");
                return literal(pos, Value::of_int(ct, *v));
            }
            if (w == "dynamic") {
                m_i += 2;
                return dynamic_literal(pos);
            }
            if (type && w != "string" &&
                (peek(2).kind == Tok::Long || peek(2).kind == Tok::Real || is_word("null", 2) ||
                 is_word("true", 2) || is_word("false", 2)) &&
                is_punct(")", 3)) {
                const Token& v = peek(2);
                m_i += 4;
                if (v.text == "null") return literal(pos, Value::make_null(*type));
                if (*type == ColumnType::Real)
                    return literal(pos, Value::real(v.kind == Tok::Real ? v.d : double(v.i)));
                if (*type == ColumnType::Bool)
                    return literal(pos, Value::boolean(v.text == "true"));
                return literal(pos, Value::of_int(*type, v.kind == Tok::Real ? int64_t(v.d) : v.i));
            }
            next();
            next();
            auto call = node(Expr::Call, pos, w);
            if (w == "toscalar" && starts_tabular()) {
                auto sub = node(Expr::Tabular, peek().pos);
                sub->tab = tabular();
                call->args.push_back(sub);
            } else if (!is_punct(")")) {
                do {
                    call->args.push_back(expr());
                } while (accept_punct(","));
            }
            expect_punct(")", "',' or ')' after the arguments of " + w + "()");
            return call;
        }
        if (w[0] == '!') break;
        next();
        return node(Expr::Name, pos, w);
    }
    default:
        break;
    }
    fail_here("a value, a column name or a function call");
}

} // namespace alertdrill::kql
