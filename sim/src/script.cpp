#include "alertdrill/script.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>

namespace alertdrill {

bool parse_script(const std::string& text, const std::string& path, Script& out, Diagnostics& d) {
    size_t before = d.error_count();
    if (!check_text(text, path, d)) return false;
    size_t pos = 0;
    int n = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        std::string raw = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? text.size() : nl + 1;
        ++n;
        if (raw.size() > limits::k_script_line_bytes) {
            d.error({path, n, 1}, "this line is " + std::to_string(raw.size()) +
                                      " bytes long; the limit is " +
                                      std::to_string(limits::k_script_line_bytes) + " bytes");
            continue;
        }
        std::string line = trim(raw);
        if (line.empty()) continue;
        if (line[0] != '#') {
            out.lines.push_back({n, line});
            continue;
        }
        std::string body = trim(line.substr(1));
        auto value = [&](size_t skip) { return trim(body.substr(skip)); };
        if (body.rfind("seed:", 0) == 0) {
            std::string v = value(5);
            if (v.empty() || v.size() > 19 ||
                v.find_first_not_of("0123456789") != std::string::npos)
                d.error({path, n, 1},
                        "'# seed:' needs a whole number, not '" + escape_control(v, false) + "'");
            else
                out.seed = std::stoull(v);
        } else if (body.rfind("variant:", 0) == 0) {
            std::string v = value(8);
            auto eq = v.find('=');
            if (eq == std::string::npos || eq == 0)
                d.error({path, n, 1}, "'# variant:' takes NAME=VALUE");
            else
                out.variant[trim(v.substr(0, eq))] = trim(v.substr(eq + 1));
        } else if (body.rfind("mode:", 0) == 0) {
            std::string v = value(5);
            if (v != "practice" && v != "assessment")
                d.error({path, n, 1}, "'# mode:' is practice or assessment, not '" +
                                          escape_control(v, false) + "'");
            else
                out.mode = v;
        }
    }
    return d.error_count() == before;
}

bool load_script(const std::string& path, Script& out, Diagnostics& d) {
    std::string text;
    if (!read_source(path, text, d, limits::k_script_bytes, "a play script")) return false;
    return parse_script(text, path, out, d);
}

bool is_view_command(const std::string& word) {
    static const std::vector<std::string> views{
        "help",     "?",      "alerts",  "alert",    "context", "tables",     "show",
        "timeline", "status", "actions", "briefing", "rules",   "suppressed", "checkpoints"};
    return std::find(views.begin(), views.end(), word) != views.end();
}

} // namespace alertdrill
