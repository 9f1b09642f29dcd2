// Item analysis against values computed by hand on a five-attempt fixture.
#include "alertdrill/quiz_result.hpp"
#include "alertdrill/quiz_stats.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace alertdrill;

/*
Fixture: tests/data/quiz/stats/attempt_{a..e}.json, three questions worth 1 mark each.

    attempt  q1 q2 q3  total
    a         1  1  1    3
    b         1  1  0    2
    c         1  0  1    2
    d         1  0  0    1
    e         0  0  0    0

Test statistics (s = 5):
  mean = 8/5 = 1.6; deviations 1.4, 0.4, 0.4, -0.6, -1.6
  sum d^2 = 1.96 + 0.16 + 0.16 + 0.36 + 2.56 = 5.2   -> SD = sqrt(5.2 / 4) = sqrt(1.3) = 1.140175
  sum d^3 = 2.744 + 0.064 + 0.064 - 0.216 - 4.096 = -1.44
  sum d^4 = 3.8416 + 0.0256 + 0.0256 + 0.1296 + 6.5536 = 10.576
  m2 = 1.04, m3 = -0.288, m4 = 2.1152
  k2 = 5 * 1.04 / 4 = 1.3
  k3 = 25 * -0.288 / (4 * 3) = -0.6                     -> skewness = -0.6 / 1.3^1.5 = -0.404796
  k4 = 25 * (6 * 2.1152 - 3 * 4 * 1.04^2) / (4 * 3 * 2)
     = 25 * (12.6912 - 12.9792) / 24 = -0.3             -> kurtosis = -0.3 / 1.69 = -0.177515
  median = 2

Question statistics (variances and covariances divide by s - 1 = 4):
  q1 marks 1,1,1,1,0 (mean 0.8); rest of test 2,1,1,0,0 (mean 0.8)
     var = (4 * 0.04 + 0.64) / 4 = 0.2          -> SD 44.72%, facility 80%
     rest var = (1.44 + 0.04 + 0.04 + 0.64 + 0.64) / 4 = 0.7
     cov = (0.2*1.2 + 0.2*0.2 + 0.2*0.2 + 0.2*-0.8 + -0.8*-0.8) / 4 = 0.8 / 4 = 0.2
     discrimination = 100 * 0.2 / sqrt(0.2 * 0.7) = 53.4522
     sorted marks 0,1,1,1,1 vs sorted rest 0,0,1,1,2:
     cov max = (-0.8*-0.8 + 0.2*-0.8 + 0.2*0.2 + 0.2*0.2 + 0.2*1.2) / 4 = 0.2 -> efficiency 100%
  q2 marks 1,1,0,0,0 (mean 0.4); rest 2,1,2,1,0 (mean 1.2)
     var = (2 * 0.36 + 3 * 0.16) / 4 = 0.3        -> SD 54.77%, facility 40%
     rest var = (0.64 + 0.04 + 0.64 + 0.04 + 1.44) / 4 = 0.7
     cov = (0.48 - 0.12 - 0.32 + 0.08 + 0.48) / 4 = 0.15
     discrimination = 100 * 0.15 / sqrt(0.3 * 0.7) = 32.7327
     sorted 0,0,0,1,1 vs 0,1,1,2,2: cov max = (0.48 + 0.08 + 0.08 + 0.48 + 0.48) / 4 = 0.4
     efficiency = 100 * 0.15 / 0.4 = 37.5%
  q3 marks 1,0,1,0,0; rest 2,2,1,1,0: the same numbers as q2 (32.7327, 37.5%).

Internal consistency (p = 3 questions, sum of question variances 0.2 + 0.3 + 0.3 = 0.8):
  alpha = 100 * 3/2 * (1 - 0.8 / 1.3) = 57.6923
  error ratio = 100 * sqrt(1 - 0.576923) = 65.0444
  standard error = 0.650444 * 1.140175 = 0.741620   (= sqrt(1.3 * 0.423077) = sqrt(0.55))
*/

namespace {

std::vector<QuizResult> fixture() {
    std::vector<QuizResult> out;
    for (const char* n : {"a", "b", "c", "d", "e"}) {
        QuizResult r;
        std::string err;
        REQUIRE(load_quiz_result(
            std::string(ALERTDRILL_TEST_DATA) + "/quiz/stats/attempt_" + n + ".json", r, err));
        out.push_back(r);
    }
    return out;
}

} // namespace

TEST_CASE("test statistics match the hand computation", "[quiz][stats]") {
    ItemAnalysis a;
    std::string err;
    REQUIRE(analyse_results(fixture(), a, err));
    const TestStats& t = a.test;
    CHECK(t.attempts == 5);
    CHECK(t.mean == Approx(1.6));
    CHECK(t.median == Approx(2));
    CHECK(*t.sd == Approx(1.140175).epsilon(1e-6));
    CHECK(*t.skewness == Approx(-0.404796).epsilon(1e-5));
    CHECK(*t.kurtosis == Approx(-0.177515).epsilon(1e-5));
    CHECK(*t.alpha == Approx(57.6923).epsilon(1e-5));
    CHECK(*t.error_ratio == Approx(65.0444).epsilon(1e-5));
    CHECK(*t.standard_error == Approx(std::sqrt(0.55)).epsilon(1e-9));
}

TEST_CASE("question statistics match the hand computation", "[quiz][stats]") {
    ItemAnalysis a;
    std::string err;
    REQUIRE(analyse_results(fixture(), a, err));
    REQUIRE(a.questions.size() == 3);
    const auto& q1 = a.questions[0];
    CHECK(q1.id == "q1");
    CHECK(q1.facility == Approx(80));
    CHECK(*q1.sd == Approx(100 * std::sqrt(0.2)));
    CHECK(*q1.discrimination == Approx(53.4522).epsilon(1e-5));
    CHECK(*q1.discriminative_efficiency == Approx(100));
    for (size_t i : {1u, 2u}) {
        const auto& q = a.questions[i];
        CHECK(q.facility == Approx(40));
        CHECK(*q.sd == Approx(100 * std::sqrt(0.3)));
        CHECK(*q.discrimination == Approx(32.7327).epsilon(1e-5));
        CHECK(*q.discriminative_efficiency == Approx(37.5));
    }
}

TEST_CASE("misconceptions are counted, most common first", "[quiz][stats]") {
    ItemAnalysis a;
    std::string err;
    REQUIRE(analyse_results(fixture(), a, err));
    REQUIRE(a.misconceptions.size() == 3);
    CHECK(a.misconceptions[0].tag == "execution-may-not-have-succeeded");
    CHECK(a.misconceptions[0].count == 3);
    CHECK(a.misconceptions[0].attempts == 2);
    CHECK(a.misconceptions[0].questions == std::vector<std::string>{"q2", "q1"});
    CHECK(a.misconceptions[1].tag == "suppression-is-harmless");
    CHECK(a.misconceptions[1].count == 3);
    CHECK(a.misconceptions[2].tag == "block-ip-is-enough");
}

TEST_CASE("statistics need enough attempts and one bank", "[quiz][stats]") {
    auto rs = fixture();
    ItemAnalysis a;
    std::string err;
    REQUIRE(analyse_results({rs[0]}, a, err));
    CHECK_FALSE(a.test.sd);
    CHECK_FALSE(a.questions[0].discrimination);
    REQUIRE(analyse_results({rs[0], rs[1], rs[2]}, a, err));
    CHECK(a.test.skewness);
    CHECK_FALSE(a.test.kurtosis);
    CHECK(a.warnings.empty());
    rs[0].bank_hash = "0000000000000001";
    rs[1].bank_hash = "0000000000000002";
    REQUIRE(analyse_results(rs, a, err));
    CHECK(a.warnings ==
          std::vector<std::string>{
              "the attempts used 2 different versions of the bank 'stats_fixture'; questions that "
              "changed between them are compared as if they had not"});
    rs[1].bank_id = "other";
    CHECK_FALSE(analyse_results(rs, a, err));
    CHECK(err ==
          "results of different banks ('stats_fixture' and 'other') cannot be analysed together");
    CHECK_FALSE(analyse_results({}, a, err));
}

TEST_CASE("a cohort with equal totals has no spread, skewness or alpha", "[quiz][stats]") {
    // 1/3 + 0.1 + 0.7 summed six times and divided by six is not exactly the total again.
    QuizResult r = fixture()[0];
    r.questions[0].mark = 1.0 / 3;
    r.questions[1].mark = 0.1;
    r.questions[2].mark = 0.7;
    ItemAnalysis a;
    std::string err;
    REQUIRE(analyse_results(std::vector<QuizResult>(6, r), a, err));
    REQUIRE(a.test.sd);
    CHECK(*a.test.sd == 0);
    CHECK_FALSE(a.test.skewness);
    CHECK_FALSE(a.test.kurtosis);
    CHECK_FALSE(a.test.alpha);
}
