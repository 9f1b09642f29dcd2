#pragma once
// What the terminal player prints for its look-around commands (free: no simulated time).
#include "alertdrill/session.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace alertdrill::cli {

void print_briefing(std::ostream& out, const Session& s);
void print_help(std::ostream& out);
void print_actions(std::ostream& out, const Catalog& cat, const std::string& step_filter);
void print_alerts(std::ostream& out, const Session& s);
bool print_alert(std::ostream& out, const Session& s, const std::string& id);
bool print_context(std::ostream& out, const Session& s, const std::string& id);
void print_tables(std::ostream& out, const Session& s);
bool print_table(std::ostream& out, const Session& s, const std::string& name, size_t limit,
                 const std::string& filter);
void print_timeline(std::ostream& out, const Session& s);
void print_status(std::ostream& out, const Session& s);
/// Suppression rules with state, expiry and hits; the suppression audit log.
void print_rules(std::ostream& out, const Session& s);
void print_suppressed(std::ostream& out, const Session& s);

/// A due checkpoint's question and how to answer it; `checkpoints` lists every due one.
void print_checkpoint(std::ostream& out, const DueCheckpoint& c);
void print_checkpoints(std::ostream& out, const Session& s);

/// Handles a look-around command; false when `words` is not one (then it is an action).
bool handle_view_command(std::ostream& out, const Session& s, const std::vector<std::string>& words,
                         const std::string& line);

} // namespace alertdrill::cli
