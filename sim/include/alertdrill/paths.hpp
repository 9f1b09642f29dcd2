#pragma once
// Files found inside a folder (scenario folders, golden scripts) must stay inside it: a symbolic
// link that resolves elsewhere is refused, so a scenario pack cannot make alertdrill read files
// outside the pack.
#include <string>

namespace alertdrill {

/// True when `file`, with every symbolic link resolved, lies inside `folder` (also resolved).
bool resolves_inside(const std::string& file, const std::string& folder);

/// The message for a file that does not: names the folder and where the link leads.
std::string outside_folder_message(const std::string& file, const std::string& folder);

} // namespace alertdrill
