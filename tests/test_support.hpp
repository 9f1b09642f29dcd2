#pragma once
// Shared fixtures for the Catch2 tests. Tests run from the source folder (ctest sets it).
#include "alertdrill/catalog.hpp"
#include "alertdrill/query_console.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/script.hpp"
#include "alertdrill/session.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

namespace alertdrill::test {

/// A new empty folder under the system's temporary folder, unique to this process and object (so
/// two runs of the suite at once never share files), removed with everything in it at the end.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& tag = "test") {
        static std::atomic<unsigned> made{0};
        path =
            std::filesystem::temp_directory_path() /
            ("alertdrill-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(made++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    /// The path of `name` inside the folder.
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

inline const Catalog& catalog() {
    static Catalog cat = [] {
        Catalog c;
        Diagnostics d;
        if (!load_catalog(default_catalog_path(), c, d)) FAIL(d.format());
        return c;
    }();
    return cat;
}

inline ScenarioDef load(const std::string& path) {
    Diagnostics d;
    auto s = load_scenario(path, catalog(), d);
    INFO(d.format());
    REQUIRE(s);
    return *s;
}

/// Plays a script (its own seed and variant) into a fresh session, requiring every line to be
/// accepted, and ends the session.
inline std::unique_ptr<Session> play(const ScenarioDef& def, const Script& script,
                                     uint64_t seed_default = 1) {
    Diagnostics d;
    auto inst = instantiate(def, catalog(), script.seed.value_or(seed_default), d, script.variant);
    INFO(d.format());
    REQUIRE(inst);
    auto s = std::make_unique<Session>(
        inst, catalog(),
        script.mode && *script.mode == "assessment" ? Mode::Assessment : Mode::Practice);
    s->set_query_runner(
        [](const Session& sess, const std::string& q) { return run_session_query(sess, q); });
    for (const auto& line : script.lines) {
        if (is_view_command(line.text.substr(0, line.text.find(' ')))) continue;
        ApplyResult r = s->apply(line.text);
        INFO("line " << line.number << ": " << line.text << " -> " << r.error);
        REQUIRE(r.ok);
    }
    if (s->state() != SessionState::Debrief) REQUIRE(s->apply("end").ok);
    return s;
}

inline std::string source_path(const std::string& rel) {
    return std::string(ALERTDRILL_SOURCE_DIR) + "/" + rel;
}

} // namespace alertdrill::test
