// The one `alertdrill` binary: GUI, terminal player and batch commands.
#include "cli/commands.hpp"

#include <cstdlib>
#include <iostream>

#ifdef ALERTDRILL_HAVE_GUI
#include "gui/gui_main.hpp"
#endif

int main(int argc, char** argv) {
    CLI::App app{"alertdrill: a training simulator for Microsoft Defender for Cloud alert "
                 "investigation.\nRun with no command to open the desktop window."};
    app.set_version_flag("--version", std::string("alertdrill ") + ALERTDRILL_VERSION);
    app.require_subcommand(0, 1);
    app.fallthrough(false);

    int exit_code = 0;
    using namespace alertdrill::cli;
    add_list_command(app, exit_code);
    add_validate_command(app, exit_code);
    add_play_command(app, exit_code);
    add_score_command(app, exit_code);
    add_query_command(app, exit_code);
    add_grade_command(app, exit_code);
    add_report_command(app, exit_code);
    add_new_command(app, exit_code);
    add_xapi_command(app, exit_code);
    add_quiz_command(app, exit_code);
    add_quiz_stats_command(app, exit_code);
    add_gift_command(app, exit_code);
#ifdef ALERTDRILL_HAVE_GUI
    alertdrill::gui::add_gui_command(app, exit_code);
#endif

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    if (app.get_subcommands().empty()) {
#ifdef ALERTDRILL_HAVE_GUI
        const char* display = std::getenv("DISPLAY");
        const char* wayland = std::getenv("WAYLAND_DISPLAY");
        if ((display && *display) || (wayland && *wayland)) return alertdrill::gui::run_default();
#endif
        std::cout << app.help();
        return 0;
    }
    return exit_code;
}
