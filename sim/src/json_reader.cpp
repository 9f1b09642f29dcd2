#include "alertdrill/json_reader.hpp"

#include "alertdrill/limits.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace alertdrill {

using nlohmann::json;

namespace {

size_t skip_ws(std::string_view t, size_t i) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
    return i;
}

/// `i` at an opening quote; returns the index after the closing one and the decoded text (only
/// the simple escapes are decoded: enough to compare keys).
size_t read_string(std::string_view t, size_t i, std::string* out) {
    for (++i; i < t.size() && t[i] != '"'; ++i) {
        if (t[i] == '\\' && i + 1 < t.size()) {
            ++i;
            if (out) {
                char c = t[i];
                *out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
            }
            continue;
        }
        if (out) *out += t[i];
    }
    return std::min(i + 1, t.size());
}

/// `i` at a value; returns the index just after it. Containers are skipped by counting brackets
/// outside strings, so deep input costs no recursion.
size_t skip_value(std::string_view t, size_t i) {
    if (i >= t.size()) return i;
    if (t[i] == '"') return read_string(t, i, nullptr);
    if (t[i] == '{' || t[i] == '[') {
        int depth = 0;
        while (i < t.size()) {
            char c = t[i];
            if (c == '"') {
                i = read_string(t, i, nullptr);
                continue;
            }
            if (c == '{' || c == '[') ++depth;
            if ((c == '}' || c == ']') && --depth == 0) return i + 1;
            ++i;
        }
        return i;
    }
    while (i < t.size() && t[i] != ',' && t[i] != ']' && t[i] != '}' && t[i] != ' ' &&
           t[i] != '\n' && t[i] != '\r' && t[i] != '\t')
        ++i;
    return i;
}

/// Where the first bracket past the depth limit opens, or npos.
size_t too_deep_at(std::string_view t) {
    int depth = 0;
    for (size_t i = 0; i < t.size();) {
        char c = t[i];
        if (c == '"') {
            i = read_string(t, i, nullptr);
            continue;
        }
        if (c == '{' || c == '[') {
            if (++depth > limits::k_json_depth) return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
        ++i;
    }
    return std::string_view::npos;
}

} // namespace

size_t json_value_offset(std::string_view t, const std::vector<std::string>& path) {
    size_t i = skip_ws(t, 0);
    for (const auto& step : path) {
        if (i >= t.size()) return i;
        size_t container = i;
        bool found = false;
        if (t[i] == '{') {
            i = skip_ws(t, i + 1);
            while (i < t.size() && t[i] == '"') {
                std::string key;
                i = skip_ws(t, read_string(t, i, &key));
                if (i < t.size() && t[i] == ':') i = skip_ws(t, i + 1);
                if (key == step) {
                    found = true;
                    break;
                }
                i = skip_ws(t, skip_value(t, i));
                if (i < t.size() && t[i] == ',') i = skip_ws(t, i + 1);
            }
        } else if (t[i] == '[') {
            size_t want = std::strtoul(step.c_str(), nullptr, 10);
            i = skip_ws(t, i + 1);
            for (size_t k = 0; i < t.size() && t[i] != ']'; ++k) {
                if (k == want) {
                    found = true;
                    break;
                }
                i = skip_ws(t, skip_value(t, i));
                if (i < t.size() && t[i] == ',') i = skip_ws(t, i + 1);
            }
        }
        if (!found) return container;
    }
    return i;
}

std::string json_format(const json& j) {
    return j.is_object() && j.contains("format") && j["format"].is_string()
               ? j["format"].get<std::string>()
               : "";
}

std::optional<json> parse_json_text(std::string_view text, const std::string& path,
                                    Diagnostics& diags) {
    if (!check_text(text, path, diags)) return std::nullopt;
    if (trim(text).empty()) {
        diags.error({path, 1, 1}, "the file is empty; expected a JSON object");
        return std::nullopt;
    }
    if (size_t deep = too_deep_at(text); deep != std::string_view::npos) {
        diags.error(position_at(text, deep, path), "arrays and objects are nested more than " +
                                                       std::to_string(limits::k_json_depth) +
                                                       " levels deep here");
        return std::nullopt;
    }
    try {
        return json::parse(text, nullptr, true, false);
    } catch (const json::parse_error& e) {
        // nlohmann reports a byte offset (one past the offending byte) and repeats the line and
        // column in its message; keep only what went wrong.
        std::string msg = e.what();
        if (auto p = msg.find(": syntax error"); p != std::string::npos)
            msg = msg.substr(p + 2);
        else if (auto q = msg.find("] "); q != std::string::npos)
            msg = msg.substr(q + 2);
        diags.error(position_at(text, e.byte ? e.byte - 1 : 0, path), "invalid JSON: " + msg);
        return std::nullopt;
    } catch (const json::out_of_range& e) {
        // A number too large for a double ("1e400"): nlohmann names it but not where it is.
        std::string msg = e.what();
        if (auto q = msg.find("] "); q != std::string::npos) msg = msg.substr(q + 2);
        size_t at = 0;
        if (auto a = msg.find('\''), z = msg.rfind('\''); a != std::string::npos && z > a)
            at = std::min(text.find(msg.substr(a + 1, z - a - 1)), text.size());
        diags.error(position_at(text, at, path), "invalid JSON: " + msg);
        return std::nullopt;
    }
}

std::string json_type_name(const json& v) {
    switch (v.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "an array";
    case json::value_t::string:
        return "a string";
    case json::value_t::boolean:
        return "true/false";
    case json::value_t::number_float:
        return "a fractional number";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return "a whole number";
    default:
        return "something else";
    }
}

JsonReader::JsonReader(const json& object, std::string_view text, std::string file,
                       Diagnostics& diags, std::vector<std::string> path, std::string what)
    : m_obj(&object), m_text(text), m_file(std::move(file)), m_diags(&diags),
      m_path(std::move(path)), m_what(std::move(what)) {}

SourcePos JsonReader::pos() const {
    return position_at(m_text, json_value_offset(m_text, m_path), m_file);
}

SourcePos JsonReader::pos(std::string_view key) const {
    return position_at(m_text, json_value_offset(m_text, child(key)), m_file);
}

std::vector<std::string> JsonReader::child(std::string_view key) const {
    auto p = m_path;
    p.emplace_back(key);
    return p;
}

const json* JsonReader::get(std::string_view key, bool required) {
    if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) m_known.emplace_back(key);
    auto it = m_obj->find(key);
    // null stands for "no value" (nlohmann writes a NaN as null), so it counts as absent.
    if (it == m_obj->end() || it->is_null()) {
        if (required)
            m_diags->error(pos(),
                           m_what + " is missing the required key '" + std::string(key) + "'");
        return nullptr;
    }
    return &*it;
}

void JsonReader::error(std::string_view key, std::string message) {
    m_diags->error(pos(key), std::move(message));
}

void JsonReader::type_error(std::string_view key, const json& v, std::string_view expected) {
    error(key, "'" + std::string(key) + "' in " + m_what + " must be " + std::string(expected) +
                   ", not " + json_type_name(v));
}

std::optional<std::string> JsonReader::string(std::string_view key, bool required) {
    const json* v = get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        type_error(key, *v, "a string");
        return std::nullopt;
    }
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > limits::k_string_bytes) {
        error(key, "'" + std::string(key) + "' in " + m_what + " is " + std::to_string(s.size()) +
                       " bytes long; the limit is " + std::to_string(limits::k_string_bytes) +
                       " bytes");
        return std::nullopt;
    }
    return s;
}

std::optional<int64_t> JsonReader::integer(std::string_view key, bool required, int64_t min,
                                           int64_t max) {
    const json* v = get(key, required);
    if (!v) return std::nullopt;
    bool whole = v->is_number_integer() &&
                 !(v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(INT64_MAX));
    if (!whole) {
        type_error(key, *v, "a whole number");
        return std::nullopt;
    }
    int64_t n = v->get<int64_t>();
    if (n < min || n > max) {
        error(key, "'" + std::string(key) + "' in " + m_what + " is " + std::to_string(n) +
                       "; it must be between " + std::to_string(min) + " and " +
                       std::to_string(max));
        return std::nullopt;
    }
    return n;
}

std::optional<uint64_t> JsonReader::unsigned_integer(std::string_view key, bool required) {
    const json* v = get(key, required);
    if (!v) return std::nullopt;
    if (v->is_number_integer() && !v->is_number_unsigned()) {
        error(key, "'" + std::string(key) + "' in " + m_what + " is " +
                       std::to_string(v->get<int64_t>()) + "; it must be 0 or more");
        return std::nullopt;
    }
    if (!v->is_number_unsigned()) {
        type_error(key, *v, "a whole number from 0 up");
        return std::nullopt;
    }
    return v->get<uint64_t>();
}

std::optional<double> JsonReader::number(std::string_view key, bool required, double min,
                                         double max) {
    const json* v = get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
        type_error(key, *v, "a number");
        return std::nullopt;
    }
    double d = v->get<double>();
    if (!(d >= min && d <= max)) {
        error(key, fmt::format("'{}' in {} is {}; it must be between {} and {}", key, m_what, d,
                               min, max));
        return std::nullopt;
    }
    return d;
}

std::optional<bool> JsonReader::boolean(std::string_view key, bool required) {
    const json* v = get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        type_error(key, *v, "true or false");
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<std::vector<std::string>> JsonReader::strings(std::string_view key, bool required) {
    const json* v = get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_array()) {
        type_error(key, *v, "an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (size_t i = 0; i < v->size(); ++i) {
        const json& e = (*v)[i];
        if (!e.is_string() || e.get_ref<const std::string&>().size() > limits::k_string_bytes) {
            auto p = child(key);
            p.push_back(std::to_string(i));
            m_diags->error(position_at(m_text, json_value_offset(m_text, p), m_file),
                           "'" + std::string(key) + "' in " + m_what +
                               (e.is_string()
                                    ? " holds a string longer than the limit of " +
                                          std::to_string(limits::k_string_bytes) + " bytes"
                                    : " must hold only strings, not " + json_type_name(e)));
            return std::nullopt;
        }
        out.push_back(e.get<std::string>());
    }
    return out;
}

std::optional<std::map<std::string, std::string>> JsonReader::string_map(std::string_view key,
                                                                         bool required) {
    const json* v = get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_object()) {
        type_error(key, *v, "an object of strings");
        return std::nullopt;
    }
    std::map<std::string, std::string> out;
    for (const auto& [k, e] : v->items()) {
        if (!e.is_string()) {
            auto p = child(key);
            p.push_back(k);
            m_diags->error(position_at(m_text, json_value_offset(m_text, p), m_file),
                           "'" + k + "' in '" + std::string(key) + "' of " + m_what +
                               " must be a string, not " + json_type_name(e));
            return std::nullopt;
        }
        out[k] = e.get<std::string>();
    }
    return out;
}

std::optional<JsonReader> JsonReader::object(std::string_view key, bool required) {
    const json* v = get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_object()) {
        type_error(key, *v, "an object");
        return std::nullopt;
    }
    return JsonReader(*v, m_text, m_file, *m_diags, child(key), "'" + std::string(key) + "'");
}

std::optional<std::vector<JsonReader>> JsonReader::objects(std::string_view key, bool required,
                                                           std::string_view element_what) {
    const json* v = get(key, required);
    if (!v) return std::nullopt;
    if (!v->is_array()) {
        type_error(key, *v, "an array of objects");
        return std::nullopt;
    }
    std::vector<JsonReader> out;
    bool ok = true;
    for (size_t i = 0; i < v->size(); ++i) {
        auto p = child(key);
        p.push_back(std::to_string(i));
        std::string name = std::string(element_what) + " " + std::to_string(i + 1);
        if (!(*v)[i].is_object()) {
            m_diags->error(position_at(m_text, json_value_offset(m_text, p), m_file),
                           name + " must be an object, not " + json_type_name((*v)[i]));
            ok = false;
            continue;
        }
        out.emplace_back((*v)[i], m_text, m_file, *m_diags, std::move(p), std::move(name));
    }
    if (!ok) return std::nullopt;
    return out;
}

const json* JsonReader::raw(std::string_view key) {
    return get(key, false);
}

void JsonReader::finish() {
    for (const auto& [k, v] : m_obj->items()) {
        if (std::find(m_known.begin(), m_known.end(), k) != m_known.end()) continue;
        // A warning, not an error: saves gain optional keys without a version bump, and an
        // older alertdrill must still read them. A typo still gets its suggestion.
        m_diags->warning(pos(k), "unknown key '" + escape_control(k, false) + "' in " + m_what +
                                     did_you_mean(k, m_known) + "; it is ignored");
    }
}

} // namespace alertdrill
