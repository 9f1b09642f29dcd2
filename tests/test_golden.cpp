// Every golden script in tests/golden/<scenario-id>/ is played and must give exactly the score
// and explanations its .expected.json holds (written once, checked by hand).
#include "alertdrill/scoring.hpp"
#include "alertdrill/text.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

using namespace alertdrill;
namespace fs = std::filesystem;

namespace {

nlohmann::json expected_shape(const Score& s) {
    nlohmann::json phases = nlohmann::json::object();
    for (int i = 0; i < kStepCount; ++i) phases[std::string(step_id(Step(i)))] = s.phases[i].earned;
    std::vector<std::string> feedback;
    for (const auto& f : s.feedback)
        feedback.push_back(fmt::format("[{}] {:+d} {}", step_id(f.step), f.points, f.text));
    return {{"total", s.total},
            {"phases", phases},
            {"time_to_contain_min",
             s.time_to_contain_min ? nlohmann::json(*s.time_to_contain_min) : nlohmann::json()},
            {"missed", s.missed},
            {"harmful", s.harmful},
            {"feedback", feedback}};
}

} // namespace

TEST_CASE("every golden script scores exactly as expected", "[golden]") {
    int played = 0;
    for (const auto& dir : fs::directory_iterator(test::source_path("tests/golden"))) {
        if (!dir.is_directory()) continue;
        std::string id = dir.path().filename().string();
        ScenarioDef def = test::load(test::source_path("scenarios/" + id + ".toml"));
        bool has_expert = false;
        for (const auto& f : fs::directory_iterator(dir.path())) {
            if (f.path().extension() != ".script") continue;
            std::string name = f.path().stem().string();
            has_expert |= name == "expert";
            SECTION(id + "/" + name) {
                Script script;
                Diagnostics d;
                REQUIRE(load_script(f.path().string(), script, d));
                auto session = test::play(def, script);
                Score score = compute_score(*session);
                std::string text, err;
                std::string exp_path =
                    f.path().parent_path().string() + "/" + name + ".expected.json";
                REQUIRE(read_file(exp_path, text, err));
                auto expected = nlohmann::json::parse(text);
                CHECK(expected_shape(score).dump(2) == expected.dump(2));
                if (name.rfind("expert", 0) == 0) CHECK(score.total >= 95);
            }
            ++played;
        }
        INFO("scenario " << id << " needs an expert.script");
        CHECK(has_expert);
    }
    CHECK(played > 0);
}

TEST_CASE("worse play scores lower than the expert path", "[golden][scoring]") {
    ScenarioDef def = test::load(test::source_path("scenarios/crypto_mining_vm.toml"));
    auto score_of = [&](const std::string& name) {
        Script script;
        Diagnostics d;
        REQUIRE(load_script(test::source_path("tests/golden/crypto_mining_vm/" + name + ".script"),
                            script, d));
        return compute_score(*test::play(def, script)).total;
    };
    int expert = score_of("expert");
    CHECK(expert >= 95);
    CHECK(score_of("slow") < expert);
    CHECK(score_of("harmful") < score_of("slow"));
    CHECK(score_of("do_nothing") < expert);
    CHECK(score_of("wrong_containment") < expert);
}
