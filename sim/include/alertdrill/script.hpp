#pragma once
// Action scripts: one command a line, as a person types it in `play`. Comments start with '#';
// the comments `# seed: N`, `# variant: NAME=VALUE` and `# mode: practice|assessment` set the
// session a script is meant for (golden scripts carry them).
#include "alertdrill/diagnostics.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

struct ScriptLine {
    int number = 0; ///< 1-based line in the file
    std::string text;
};

struct Script {
    std::optional<uint64_t> seed;
    std::map<std::string, std::string> variant;
    std::optional<std::string> mode;
    std::vector<ScriptLine> lines;
};

bool parse_script(const std::string& text, const std::string& path, Script& out,
                  Diagnostics& diags);
bool load_script(const std::string& path, Script& out, Diagnostics& diags);

/// Look-around commands of the terminal player (free, never recorded): help, alerts, alert,
/// context, tables, show, timeline, status, actions, briefing, rules, suppressed, checkpoints.
bool is_view_command(const std::string& word);

} // namespace alertdrill
