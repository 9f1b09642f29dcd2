#include "alertdrill/journal.hpp"

#include "alertdrill/atomic_file.hpp"
#include "alertdrill/json_reader.hpp"
#include "alertdrill/text.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace alertdrill {

using nlohmann::json;

namespace {

json header_json(const JournalHeader& h) {
    return {
        {"format", "alertdrill-journal"},
        {"version", kJournalVersion},
        {"scenario", {{"path", h.scenario_path}, {"id", h.scenario_id}, {"hash", h.scenario_hash}}},
        {"seed", h.seed},
        {"variant", h.variant},
        {"mode", std::string(mode_name(h.mode))},
        {"trainee", h.trainee},
        {"started_utc", h.started_utc}};
}

} // namespace

std::optional<Journal> Journal::create(const std::string& path, const JournalHeader& h,
                                       std::string& error) {
    if (std::filesystem::exists(path)) {
        error = "cannot create journal " + path + ": it already exists";
        return std::nullopt;
    }
    // The header arrives whole or not at all (temp file + rename), so a kill at any moment
    // leaves either no journal or a resumable one.
    if (!write_file_atomic(
            path,
            header_json(h).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
            error))
        return std::nullopt;
    Journal j;
    j.m_path = path;
    return j;
}

std::optional<Journal> Journal::reopen(const std::string& path, const JournalContents& c,
                                       std::string& error) {
    if (c.truncated && ::truncate(path.c_str(), static_cast<off_t>(c.valid_bytes)) != 0) {
        error = "cannot cut the torn end of " + path + ": " + std::strerror(errno);
        return std::nullopt;
    }
    Journal j;
    j.m_path = path;
    return j;
}

bool Journal::append(const ActionRecord& rec, std::string& error) {
    json e = {{"line", rec.line}, {"at_min", rec.at_min}};
    return append_durable(
        m_path, e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", error);
}

std::optional<JournalContents> read_journal(const std::string& path, Diagnostics& d) {
    std::string text;
    if (!read_source(path, text, d, limits::k_journal_bytes, "a session journal"))
        return std::nullopt;
    JournalContents c;
    size_t pos = 0;
    int line_no = 0;
    bool have_header = false;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        ++line_no;
        if (nl == std::string::npos) {
            // No newline: the last write was torn.
            d.warning({path, line_no, 1}, "the journal ends in a partial entry (the session was "
                                          "interrupted while saving); it is cut off");
            c.truncated = true;
            break;
        }
        std::string line = text.substr(pos, nl - pos);
        if (!have_header) {
            // The header is the first line, so positions within it are positions in the file.
            auto hj = parse_json_text(line, path, d);
            if (!hj) return std::nullopt;
            if (!hj->is_object()) {
                d.error({path, 1, 1}, "the journal header must be a JSON object");
                return std::nullopt;
            }
            size_t before = d.error_count();
            JsonReader top(*hj, line, path, d, {}, "the journal header");
            auto format = top.string("format", true);
            if (!format) return std::nullopt;
            if (*format != "alertdrill-journal") {
                top.error("format", "not an alertdrill session journal");
                return std::nullopt;
            }
            auto v = top.integer("version", true);
            if (!v) return std::nullopt;
            if (*v != kJournalVersion) {
                top.error("version", "journal format version " + std::to_string(*v) +
                                         " is not supported; this alertdrill reads version " +
                                         std::to_string(kJournalVersion));
                return std::nullopt;
            }
            auto& h = c.header;
            if (auto sc = top.object("scenario", true)) {
                h.scenario_path = sc->string("path", true).value_or("");
                h.scenario_id = sc->string("id", true).value_or("");
                h.scenario_hash = sc->string("hash", true).value_or("");
                // --resume opens the file the journal names: only ever a scenario file whose
                // name is the recorded id, never whatever else a hand-edited journal points at.
                if (!h.scenario_id.empty() &&
                    std::filesystem::path(h.scenario_path).filename() != h.scenario_id + ".toml")
                    sc->error("path", "the journal's scenario path must name the file '" +
                                          escape_control(h.scenario_id, false) + ".toml'");
                sc->finish();
            }
            h.seed = top.unsigned_integer("seed", true).value_or(0);
            h.variant = top.string_map("variant", false).value_or(h.variant);
            if (auto mode = top.string("mode", false)) {
                if (auto m = parse_mode(*mode))
                    h.mode = *m;
                else
                    top.error("mode", "mode '" + escape_control(*mode, false) +
                                          "' must be practice or assessment");
            }
            h.trainee = top.string("trainee", false).value_or("");
            h.started_utc = top.string("started_utc", false).value_or("");
            top.finish();
            if (d.error_count() > before) return std::nullopt;
            have_header = true;
        } else {
            json j = json::parse(line, nullptr, false);
            if (j.is_discarded()) {
                d.warning({path, line_no, 1},
                          "journal entry " + std::to_string(line_no) +
                              " is corrupted; it and everything after it are cut off");
                c.truncated = true;
                break;
            }
            JournalEntry e;
            if (!j.is_object() || !j.contains("line") || !j["line"].is_string() ||
                !j.contains("at_min") || !j["at_min"].is_number_integer() ||
                j["at_min"].get<int64_t>() < 0 || j["at_min"].get<int64_t>() > 7 * 24 * 60) {
                d.warning({path, line_no, 1},
                          "journal entry " + std::to_string(line_no) +
                              " is malformed; it and everything after it are cut off");
                c.truncated = true;
                break;
            }
            e.line = j["line"].get<std::string>();
            e.at_min = j["at_min"].get<int>();
            c.entries.push_back(std::move(e));
        }
        pos = nl + 1;
        c.valid_bytes = pos;
    }
    if (!have_header) {
        d.error({path, 1, 1}, "the journal has no header");
        return std::nullopt;
    }
    return c;
}

std::string data_dir(const std::string& override_dir) {
    if (!override_dir.empty()) return override_dir;
    const char* xdg = std::getenv("XDG_DATA_HOME");
    if (xdg && *xdg) return std::string(xdg) + "/alertdrill";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/alertdrill";
}

bool check_writable(const std::string& dir, std::string& error) {
    if (!make_dirs(dir, error)) return false;
    std::string probe = dir + "/.write-probe." + std::to_string(::getpid());
    // Write a few KiB: a full disk fails here, before the trainee starts.
    std::string data(4096, 'x');
    if (!write_file_atomic(probe, data, error)) {
        error = "the data folder " + dir + " cannot hold a session: " + error;
        return false;
    }
    std::filesystem::remove(probe);
    return true;
}

} // namespace alertdrill
