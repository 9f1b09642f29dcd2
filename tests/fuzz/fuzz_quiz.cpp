// libFuzzer target: question banks, GIFT text and quiz result files. The first byte picks which.
#include "alertdrill/gift.hpp"
#include "alertdrill/quiz.hpp"
#include "alertdrill/quiz_result.hpp"

#include <cstdint>
#include <string>

using namespace alertdrill;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    Diagnostics d;
    switch (data[0] % 3) {
    case 0: {
        QuestionBank bank;
        if (load_question_bank_text(text, "fuzz.toml", bank, d)) {
            Diagnostics d2;
            (void)bank_to_gift(bank, d2);
        }
        break;
    }
    case 1: {
        std::vector<GiftQuestion> qs;
        if (parse_gift(text, "fuzz.gift", qs, d)) (void)gift_normalised_json(qs);
        break;
    }
    default: {
        QuizResult r;
        std::string err;
        quiz_result_from_json(text, "fuzz.json", r, err);
        break;
    }
    }
    return 0;
}
