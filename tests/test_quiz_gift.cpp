// GIFT: reading Moodle's syntax, and banks surviving GIFT and TOML round trips.
#include "alertdrill/gift.hpp"
#include "alertdrill/quiz.hpp"
#include "alertdrill/text.hpp"

#include <catch2/catch.hpp>

using namespace alertdrill;

namespace {

const std::string kGift = std::string(ALERTDRILL_TEST_DATA) + "/gift/";
const std::string kBank = std::string(ALERTDRILL_SOURCE_DIR) + "/content/quizzes/module_4_8.toml";

std::vector<GiftQuestion> parse_file(const std::string& name) {
    std::string text, err;
    REQUIRE(read_file(kGift + name, text, err));
    std::vector<GiftQuestion> qs;
    Diagnostics d;
    REQUIRE(parse_gift(text, name, qs, d));
    CHECK(d.format() == "");
    return qs;
}

QuestionBank module_bank() {
    QuestionBank b;
    Diagnostics d;
    REQUIRE(load_question_bank(kBank, b, d));
    return b;
}

void check_same_question(const Question& a, const Question& b) {
    INFO(a.id);
    CHECK(a.id == b.id);
    CHECK(a.type == b.type);
    CHECK(a.topic == b.topic);
    CHECK(a.text == b.text);
    CHECK(a.mark == b.mark);
    CHECK(a.penalty == Approx(b.penalty));
    CHECK(a.hints == b.hints);
    CHECK(a.feedback == b.feedback);
    CHECK(a.feedback_correct == b.feedback_correct);
    CHECK(a.feedback_wrong == b.feedback_wrong);
    CHECK(a.misconception == b.misconception);
    REQUIRE(a.options.size() == b.options.size());
    for (size_t i = 0; i < a.options.size(); ++i) {
        CHECK(a.options[i].id == b.options[i].id);
        CHECK(a.options[i].text == b.options[i].text);
        CHECK(a.options[i].fraction == Approx(b.options[i].fraction));
        CHECK(a.options[i].feedback == b.options[i].feedback);
        CHECK(a.options[i].misconception == b.options[i].misconception);
    }
    REQUIRE(a.accepts.size() == b.accepts.size());
    for (size_t i = 0; i < a.accepts.size(); ++i) {
        CHECK(a.accepts[i].text == b.accepts[i].text);
        CHECK(a.accepts[i].pattern == b.accepts[i].pattern);
        CHECK(a.accepts[i].value == b.accepts[i].value);
        CHECK(a.accepts[i].tolerance == b.accepts[i].tolerance);
        CHECK(a.accepts[i].fraction == Approx(b.accepts[i].fraction));
        CHECK(a.accepts[i].feedback == b.accepts[i].feedback);
        CHECK(a.accepts[i].misconception == b.accepts[i].misconception);
    }
    CHECK(a.unit == b.unit);
    REQUIRE(a.items.size() == b.items.size());
    for (size_t i = 0; i < a.items.size(); ++i) {
        CHECK(a.items[i].id == b.items[i].id);
        CHECK(a.items[i].text == b.items[i].text);
        CHECK(a.items[i].answer == b.items[i].answer);
        CHECK(a.items[i].misconception == b.items[i].misconception);
    }
    CHECK(a.distractors == b.distractors);
}

} // namespace

TEST_CASE("GIFT weights, numerical forms and matching are read as Moodle does", "[quiz][gift]") {
    auto qs = parse_file("weights.gift");
    REQUIRE(qs.size() == 7);
    CHECK(qs[0].kind == "MC");
    CHECK(qs[0].answers[2].weight == -100);
    CHECK(qs[0].answers[2].feedback == "The key works from any IP.");
    CHECK_FALSE(qs[0].answers[3].has_weight);
    CHECK(qs[2].kind == "Short");
    CHECK(qs[2].answers[2].weight == 0);
    CHECK(qs[3].answers[0].value == 4);
    CHECK(qs[3].stem == "How many minutes between 03:14 and 03:18?");
    CHECK(qs[4].answers[0].value == 10); // 8..12
    CHECK(qs[4].answers[0].tolerance == 2);
    CHECK(qs[5].answers[1].value == 2222);
    CHECK(qs[5].answers[1].weight == 50);
    CHECK(qs[6].kind == "Matching");
    CHECK(qs[6].answers[3].text == "");
    CHECK(qs[6].answers[3].match == "Not in the chain");

    QuestionBank bank;
    Diagnostics d;
    REQUIRE(gift_to_bank(qs, "weights.gift", bank, d));
    CHECK(bank.questions[0].type == QuestionType::Multiple);
    CHECK(bank.questions[1].type == QuestionType::Single);
    CHECK(bank.questions[6].distractors == std::vector<std::string>{"Not in the chain"});
    CHECK(bank.questions[6].items[2].id == "p3");
}

TEST_CASE("GIFT escapes and true/false feedback", "[quiz][gift]") {
    auto qs = parse_file("escapes.gift");
    REQUIRE(qs.size() == 5);
    CHECK(qs[0].title == "Escapes in text");
    CHECK(qs[0].stem == "Which KQL operator compares case-insensitively: =~ or ==?");
    CHECK(qs[0].answers[0].text == "=~");
    CHECK(qs[0].answers[0].feedback == "Right: =~ ignores case.");
    CHECK(qs[1].title == "Braces: and colons");
    CHECK(qs[2].answers[0].text == "\\");
    CHECK(qs[3].answers[0].text == "#");
    CHECK(qs[4].stem == "Escaped newline\nin a stem with no title");
    CHECK_FALSE(qs[4].has_title);

    auto fb = parse_file("feedback.gift");
    CHECK(fb[0].global_feedback ==
          "Early-stage alerts show attempts; verify whether any worked before anything else.");
    QuestionBank bank;
    Diagnostics d;
    REQUIRE(gift_to_bank(fb, "feedback.gift", bank, d));
    // {FALSE#wrong#right}: "True" is the wrong choice, so it gets the first feedback.
    const Question& tf = bank.questions[1];
    CHECK(tf.type == QuestionType::TrueFalse);
    CHECK(tf.options[0].fraction == 0);
    CHECK(tf.options[0].feedback == "They stay dismissed.");
    CHECK(tf.options[1].feedback == "Correct, deletion only affects future alerts.");
    CHECK(bank.questions[0].id == "per-answer-feedback");
}

TEST_CASE("malformed GIFT is reported with FILE:LINE:COL", "[quiz][gift]") {
    std::vector<GiftQuestion> qs;
    Diagnostics d;
    CHECK_FALSE(parse_gift("// x\n::open:: Never closed {=a ~b\n\n::t:: Bad weight {~%abc%x =y}\n\n"
                           "::n:: Number {#lots}\n\n::u:: Title never closed {T}\n",
                           "bad.gift", qs, d));
    CHECK(d.format() ==
          "bad.gift:2:23: error: the answer block opened with '{' is never closed with '}'\n"
          "bad.gift:4:20: error: malformed %weight% in answer '%abc%x'\n"
          "bad.gift:6:16: error: 'lots' is not a number, NUMBER:TOLERANCE or LOW..HIGH\n");
}

TEST_CASE("a bank round-trips through GIFT", "[quiz][gift]") {
    QuestionBank bank = module_bank();
    Diagnostics warnings;
    std::string gift = bank_to_gift(bank, warnings);
    CHECK(warnings.error_count() == 0);
    CHECK(warnings.warning_count() == 4); // 2 ordering, 2 accepting only patterns
    std::vector<GiftQuestion> qs;
    Diagnostics d;
    REQUIRE(parse_gift(gift, "module.gift", qs, d));
    QuestionBank back;
    back.penalty = bank.penalty;
    REQUIRE(gift_to_bank(qs, "module.gift", back, d));
    CHECK(d.format() == "");
    size_t compared = 0;
    for (const auto& q : bank.questions) {
        if (q.type == QuestionType::Ordering) continue;
        bool only_patterns = q.type == QuestionType::ShortAnswer;
        for (const auto& a : q.accepts) only_patterns = only_patterns && !a.pattern.empty();
        if (only_patterns) continue;
        for (size_t v = 0; v < std::max<size_t>(1, q.variants.size()); ++v) {
            Question expect = instantiate_question(q, v);
            if (!q.variants.empty()) expect.id += "-v" + std::to_string(v + 1);
            const Question* got = back.find(expect.id);
            REQUIRE(got);
            check_same_question(expect, *got);
            ++compared;
        }
    }
    CHECK(compared == back.questions.size());
    CHECK(compared >= 40);
    // And the GIFT is a fixed point: writing the re-read bank gives the same text.
    back.id = bank.id;
    back.title = bank.title;
    back.description = bank.description;
    Diagnostics w2;
    CHECK(bank_to_gift(back, w2) == gift);
}

TEST_CASE("a bank round-trips through TOML", "[quiz][gift]") {
    QuestionBank bank = module_bank();
    std::string toml = bank_to_toml(bank);
    QuestionBank back;
    Diagnostics d;
    REQUIRE(load_question_bank_text(toml, "module_4_8.toml", back, d));
    CHECK(d.format() == "");
    CHECK(back.title == bank.title);
    CHECK(back.time_limit_minutes == bank.time_limit_minutes);
    CHECK(back.pass_percent == bank.pass_percent);
    CHECK(back.attempts == bank.attempts);
    REQUIRE(back.questions.size() == bank.questions.size());
    for (size_t i = 0; i < bank.questions.size(); ++i) {
        check_same_question(bank.questions[i], back.questions[i]);
        CHECK(bank.questions[i].variants == back.questions[i].variants);
        CHECK(bank.questions[i].ordering_grading == back.questions[i].ordering_grading);
    }
    CHECK(bank_to_toml(back) == toml);
}

TEST_CASE("the GIFT reader survives truncated and mangled input", "[quiz][gift][robust]") {
    // Every prefix of every corpus file, and each file with one special character flipped at each
    // position: the reader must report problems, never crash or loop.
    QuizRng rng(7);
    for (const char* name : {"escapes.gift", "feedback.gift", "weights.gift", "structure.gift"}) {
        std::string text, err;
        REQUIRE(read_file(kGift + name, text, err));
        for (size_t n = 0; n <= text.size(); n += 3) {
            std::vector<GiftQuestion> qs;
            Diagnostics d;
            parse_gift(text.substr(0, n), name, qs, d);
            QuestionBank b;
            gift_to_bank(qs, name, b, d);
        }
        const std::string specials = "{}=~#:\\%->\n";
        for (size_t i = 0; i < text.size(); i += 2) {
            std::string m = text;
            m[i] = specials[rng.below(specials.size())];
            std::vector<GiftQuestion> qs;
            Diagnostics d;
            parse_gift(m, name, qs, d);
            QuestionBank b;
            gift_to_bank(qs, name, b, d);
            for (const auto& e : d.items()) CHECK(e.pos.line >= 1);
        }
    }
}
