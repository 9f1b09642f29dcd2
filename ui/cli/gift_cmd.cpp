// `alertdrill gift import|export|parse`: move question banks to and from Moodle's GIFT format.
#include "cli/commands.hpp"

#include "alertdrill/atomic_file.hpp"
#include "alertdrill/gift.hpp"
#include "alertdrill/text.hpp"

#include <iostream>

namespace alertdrill::cli {

namespace {

/// Prints diagnostics; true when there were no errors.
bool report(Diagnostics& d) {
    d.sort();
    std::cerr << escape_control(d.format());
    return !d.has_errors();
}

bool write_out(const std::string& path, const std::string& text) {
    if (path.empty() || path == "-") {
        std::cout << text;
        return true;
    }
    std::string err;
    if (write_file_atomic(path, text, err)) return true;
    std::cerr << "alertdrill: " << escape_control(err) << "\n";
    return false;
}

} // namespace

void add_gift_command(CLI::App& app, int& exit_code) {
    auto* cmd =
        app.add_subcommand("gift", "Import and export question banks in Moodle's GIFT format");
    cmd->require_subcommand(1);

    struct Args {
        std::string in, out;
    };
    auto imp = std::make_shared<Args>();
    auto* import_cmd = cmd->add_subcommand(
        "import",
        "Convert a GIFT file to an alertdrill bank (TOML). Essays and descriptions are skipped.");
    import_cmd->add_option("GIFT", imp->in, "GIFT file to read")->required();
    import_cmd->add_option("--out", imp->out,
                           "bank to write (.toml); standard output when omitted");
    import_cmd->callback([imp, &exit_code] {
        QuestionBank bank;
        Diagnostics d;
        bool ok = import_gift(imp->in, bank, d);
        ok = report(d) && ok;
        if (!ok) {
            exit_code = 1;
            return;
        }
        // The written bank must load cleanly, so check it before anyone relies on it.
        std::string toml = bank_to_toml(bank);
        QuestionBank check;
        Diagnostics cd;
        if (!load_question_bank_text(toml, imp->out.empty() ? "<import>" : imp->out, check, cd)) {
            report(cd);
            exit_code = 1;
            return;
        }
        exit_code = write_out(imp->out, toml) ? 0 : 1;
    });

    auto exp = std::make_shared<Args>();
    auto* export_cmd = cmd->add_subcommand(
        "export",
        "Convert an alertdrill bank to GIFT. Ordering questions and pattern answers have no GIFT "
        "form and are skipped with a warning; template questions are written once per variant.");
    export_cmd->add_option("BANK", exp->in, "bank to read (.toml)")->required();
    export_cmd->add_option("--out", exp->out, "GIFT file to write; standard output when omitted");
    export_cmd->callback([exp, &exit_code] {
        QuestionBank bank;
        Diagnostics d;
        if (!load_question_bank(exp->in, bank, d)) {
            report(d);
            exit_code = 1;
            return;
        }
        std::string gift = bank_to_gift(bank, d);
        report(d);
        exit_code = write_out(exp->out, gift) ? 0 : 1;
    });

    auto parse = std::make_shared<Args>();
    auto* parse_cmd =
        cmd->add_subcommand("parse", "Print a GIFT file as neutral JSON (types, texts, weights, "
                                     "feedback), for comparing GIFT readers");
    parse_cmd->add_option("GIFT", parse->in, "GIFT file to read")->required();
    parse_cmd->callback([parse, &exit_code] {
        std::string text, err;
        if (!read_file(parse->in, text, err, limits::k_gift_bytes)) {
            std::cerr << escape_control(parse->in) << ": error: " << escape_control(err) << "\n";
            exit_code = 1;
            return;
        }
        std::vector<GiftQuestion> qs;
        Diagnostics d;
        bool ok = parse_gift(text, parse->in, qs, d);
        if (!report(d) || !ok) {
            exit_code = 1;
            return;
        }
        std::cout << gift_normalised_json(qs);
        exit_code = 0;
    });
}

} // namespace alertdrill::cli
