#include "alertdrill/validate.hpp"

#include "alertdrill/limits.hpp"
#include "alertdrill/paths.hpp"
#include "alertdrill/quiz.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/text.hpp"
#include "alertdrill/toml_reader.hpp"
#include "scenario_internal.hpp"

#include <algorithm>
#include <filesystem>

namespace alertdrill {

namespace fs = std::filesystem;

FileKind validate_file(const std::string& path, const Catalog& catalog, Diagnostics& diags) {
    // Each file is read and parsed once; its loader gets the document.
    std::string text;
    if (!read_source(path, text, diags, limits::k_default_bytes, "a TOML file"))
        return FileKind::Unknown;
    Diagnostics parse_diags;
    auto doc = parse_toml_text(text, path, parse_diags);
    if (!doc) {
        diags.append(parse_diags);
        return FileKind::Unknown;
    }
    if (doc->contains("scenario")) {
        const ScenarioLimits limits;
        if (text.size() > limits.max_file_bytes)
            load_scenario(path, catalog, diags, limits); // says which limit
        else
            detail::build_scenario_doc(*doc, text, path, catalog, diags, limits, true);
        return FileKind::Scenario;
    }
    if (doc->contains("action")) {
        Catalog c;
        detail::load_catalog_doc(*doc, path, c, diags);
        return FileKind::Catalog;
    }
    if (doc->contains("bank")) {
        QuestionBank bank;
        load_question_bank(path, bank, diags);
        return FileKind::QuestionBank;
    }
    diags.error({path, 1, 1}, "not an alertdrill file: expected a [scenario] table (a scenario), "
                              "[[action]] tables (the action catalog) or a [bank] table (a "
                              "question bank)");
    return FileKind::Unknown;
}

std::vector<std::string> expand_paths(const std::vector<std::string>& paths, Diagnostics& diags) {
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::none, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file() && it->path().extension() == ".toml") {
                    if (resolves_inside(it->path().string(), p))
                        found.push_back(it->path().string());
                    else
                        diags.error({it->path().string(), 0, 0},
                                    outside_folder_message(it->path().string(), p));
                }
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else if (fs::exists(p, ec)) {
            out.push_back(p);
        } else {
            diags.error({p, 0, 0}, "no such file or folder");
        }
    }
    return out;
}

} // namespace alertdrill
