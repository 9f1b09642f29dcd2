#include "alertdrill/paths.hpp"

#include <filesystem>

namespace alertdrill {

namespace fs = std::filesystem;

bool resolves_inside(const std::string& file, const std::string& folder) {
    std::error_code ec1, ec2;
    fs::path f = fs::weakly_canonical(file, ec1);
    fs::path d = fs::weakly_canonical(folder, ec2);
    if (ec1 || ec2) return false;
    auto fi = f.begin();
    for (auto di = d.begin(); di != d.end(); ++di, ++fi) {
        if (di->empty()) continue; // a trailing separator
        if (fi == f.end() || *fi != *di) return false;
    }
    return fi != f.end();
}

std::string outside_folder_message(const std::string& file, const std::string& folder) {
    std::error_code ec;
    fs::path target = fs::weakly_canonical(file, ec);
    return "is a link to " + (ec ? std::string("a missing file") : target.string()) +
           ", outside the folder " + folder + "; files in a folder must stay inside it";
}

} // namespace alertdrill
