#pragma once
// Each subcommand of the `alertdrill` binary registers itself on the CLI11 app. A command's
// callback stores its exit code (0 ok, 1 invalid input or failed check, 2 usage) in `exit_code`.
#include <CLI/CLI.hpp>

namespace alertdrill::cli {

void add_list_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_play_command(CLI::App& app, int& exit_code);
void add_score_command(CLI::App& app, int& exit_code);
void add_query_command(CLI::App& app, int& exit_code);
void add_grade_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_new_command(CLI::App& app, int& exit_code);
void add_xapi_command(CLI::App& app, int& exit_code);
void add_quiz_command(CLI::App& app, int& exit_code);
void add_quiz_stats_command(CLI::App& app, int& exit_code);
void add_gift_command(CLI::App& app, int& exit_code);

} // namespace alertdrill::cli
