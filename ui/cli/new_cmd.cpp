// `alertdrill new SCENARIO_ID`: a scenario file from a template that validates as written.
#include "alertdrill/atomic_file.hpp"
#include "alertdrill/catalog.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include <filesystem>
#include <iostream>
#include <regex>

namespace alertdrill::cli {

namespace {

// Replace every TODO; `alertdrill validate --strict` says what publishing still needs.
const char* kTemplate = R"toml(# Scenario {id}: replace every TODO, then run
#   alertdrill validate scenarios/{id}.toml
#   alertdrill validate --strict scenarios/{id}.toml   (needs tests/golden/{id}/expert.script)
# scenarios/README.md documents every key; crypto_mining_vm.toml is a full example.
[scenario]
title = "TODO: {id}"
summary = "TODO: one line for the picker"
difficulty = "beginner"
estimated_minutes = 15
stage = "early"
start = 2026-01-01T02:00:00Z
objectives = ["TODO: what the trainee should learn"]
briefing = "TODO: the situation, read before the alerts appear."

[variables]
attacker_ip = ["203.0.113.10", "198.51.100.20"]

[[resource]]
id = "vm-app-01"
kind = "vm"
environment = "production"
internet_facing = true
notes = "TODO: what a context review reveals."

[[alert]]
id = "alert-01"
display_name = "Failed SSH brute force attack"
alert_type = "VM_SshBruteForceFailed"
severity = "Medium"
resource = "vm-app-01"
tactics = ["Probing"]
intent = "Probing"
stage = "early"
at = 0
description = "TODO: many failed sign-ins from {attacker_ip}."
remediation = ["Block the source IP."]
entities = [{ type = "ip", value = "{attacker_ip}" }]

[[table]]
name = "Syslog"
columns = ["TimeGenerated:datetime", "Computer", "SyslogMessage"]
revealed_by = ["review_auth_logs"]

[[table.row]]
TimeGenerated = "T-5m"
Computer = "vm-app-01"
SyslogMessage = "Failed password for root from {attacker_ip}"
_key = "guessing"

[[response]]
action = "block_ip"
target = "{attacker_ip}"
outcome = "The source is blocked at the NSG."
sets = ["contained"]

[[attacker]]
id = "guess-succeeds"
at = 30
unless = ["contained"]
message = "TODO: what the attacker does if nobody stops them."

[[rubric]]
id = "context"
action = "review_resource_context"
target = "vm-app-01"
points = 20
why = "Know what the VM is and who owns it before acting."

[[rubric]]
id = "logs"
action = "review_auth_logs"
target = "vm-app-01"
evidence = "guessing"
points = 30
why = "See whether a guess worked."

[[rubric]]
id = "block"
action = "block_ip"
target = "{attacker_ip}"
points = 50
why = "Stop the guessing."
)toml";

} // namespace

void add_new_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("new", "Write a scenario file from a template that validates");
    static std::string id, dir;
    static bool force = false;
    cmd->add_option("SCENARIO_ID", id, "Id: lower-case letters, digits and _")->required();
    cmd->add_option("--dir", dir, "Folder (default: the scenarios folder)");
    cmd->add_flag("--force", force, "Overwrite an existing file");
    cmd->callback([&exit_code] {
        exit_code = 1;
        if (!std::regex_match(id, std::regex("[a-z][a-z0-9_]{0,63}"))) {
            std::cerr << "alertdrill: '" << safe(id)
                      << "' is not a scenario id (lower-case letters, digits and _, starting "
                         "with a letter)\n";
            exit_code = 2;
            return;
        }
        std::string folder = dir.empty() ? default_scenarios_dir() : dir;
        std::string path = folder + "/" + id + ".toml";
        if (std::filesystem::exists(path) && !force) {
            std::cerr << safe(path) << ": already exists (--force to overwrite)\n";
            return;
        }
        std::string text = kTemplate, err;
        for (size_t p; (p = text.find("{id}")) != std::string::npos;) text.replace(p, 4, id);
        if (!make_dirs(folder, err) || !write_file_atomic(path, text, err)) {
            std::cerr << safe(err) << "\n";
            return;
        }
        std::cout << path << "\n";
        exit_code = 0;
    });
}

} // namespace alertdrill::cli
