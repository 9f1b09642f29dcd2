// read_transcript_fast: an event handler that knows the transcript's shape. Every event either fits
// that shape and is stored, or makes the handler stop, and the caller reads the text again the
// positioned way. The stored score is copied into a small document of its own or, for the
// grader, only counted through.
#include "alertdrill/transcript_fast.hpp"

#include "alertdrill/limits.hpp"
#include "json_scan.hpp"

#include <cstdint>
#include <type_traits>
#include <vector>

namespace alertdrill {

using nlohmann::json;

namespace {

enum class Ctx : uint8_t { Top, Scenario, Variant, Actions, Action, FoundKeys };

// The keys of each object; an index is the key's bit in Frame::seen.
constexpr std::string_view kTopKeys[] = {
    "format",  "version",     "alertdrill", "scenario", "seed",    "variant", "mode",
    "trainee", "started_utc", "ended_utc",  "finished", "actions", "score"};
enum TopKey {
    kFormat,
    kVersion,
    kWriter,
    kScenario,
    kSeed,
    kVariant,
    kMode,
    kTrainee,
    kStarted,
    kEnded,
    kFinished,
    kActions,
    kScore
};
constexpr std::string_view kScenarioKeys[] = {"id", "path", "hash"};
enum ScenarioKey { kId, kPath, kHash };
constexpr std::string_view kActionKeys[] = {"line",    "action",  "target",     "at_min",
                                            "minutes", "outcome", "found_keys", "hint_item"};
enum ActionKey { kLine, kAction, kTarget, kAtMin, kMinutes, kOutcome, kFoundKeys, kHintItem };

/// A session cannot run past a week of simulated time (as transcript_from_json).
constexpr int64_t kMaxMinute = 7 * 24 * 60;

template <size_t N>
int key_index(const std::string_view (&keys)[N], std::string_view key) {
    for (size_t i = 0; i < N; ++i)
        if (keys[i] == key) return int(i);
    return -1;
}

bool valid_scenario_id(const std::string& id) {
    return !id.empty() && id.find_first_not_of(
                              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
                              std::string::npos;
}

class Handler {
  public:
    explicit Handler(const FastReadOptions& opts) : m_opts(opts) {}

    Transcript& transcript() { return m_t; }

    // ---- the events of detail::JsonScanner
    bool null() { return in_score() && score_value(nullptr); }
    bool boolean(bool b) {
        if (in_score()) return score_value(b);
        if (!at(Ctx::Top, kFinished)) return false;
        m_t.finished = b;
        return done_value();
    }
    bool number_integer(int64_t n) {
        if (in_score()) return score_value(n);
        // nlohmann gives negative numbers (and "-0") here; only "-0" is a whole number the slow
        // path takes (as 0), and never as a seed.
        return n >= 0 && whole_number(uint64_t(n));
    }
    bool number_unsigned(uint64_t n) {
        if (in_score()) return score_value(n);
        if (at(Ctx::Top, kSeed)) {
            m_t.seed = n;
            return done_value();
        }
        return n <= uint64_t(INT64_MAX) && whole_number(n);
    }
    bool number_float(double d) { return in_score() && score_value(d); }
    bool string(std::string_view s) {
        if (in_score()) return score_value(s);
        if (m_frames.empty()) return false;
        Frame& f = m_frames.back();
        if (f.ctx == Ctx::Variant) {
            *m_variant_value = s; // variant values have no length limit
            return true;
        }
        if (s.size() > limits::k_string_bytes) return false;
        if (f.ctx == Ctx::FoundKeys) {
            m_t.actions.back().found_keys.emplace_back(s);
            return true;
        }
        if (f.ctx == Ctx::Top && f.key == kFormat) return s == kTranscriptFormat && done_value();
        if (f.ctx == Ctx::Top && f.key == kMode) {
            auto mode = parse_mode(s);
            if (!mode) return false;
            m_t.mode = *mode;
            return done_value();
        }
        std::string* to = string_slot(f);
        if (!to) return false;
        if (to != &m_unused) *to = s;
        return done_value();
    }
    bool start_object() {
        if (++m_depth > limits::k_json_depth) return false;
        if (in_score()) return score_open(json::object());
        if (m_frames.empty()) return push(Ctx::Top);
        if (at(Ctx::Top, kScenario)) return push(Ctx::Scenario);
        if (at(Ctx::Top, kVariant)) return push(Ctx::Variant);
        if (m_frames.back().ctx == Ctx::Actions) {
            m_t.actions.emplace_back();
            return push(Ctx::Action);
        }
        return false;
    }
    bool start_array() {
        if (++m_depth > limits::k_json_depth) return false;
        if (in_score()) return score_open(json::array());
        if (at(Ctx::Top, kActions)) return push(Ctx::Actions);
        if (at(Ctx::Action, kFoundKeys)) return push(Ctx::FoundKeys);
        return false;
    }
    bool key(std::string_view k) {
        if (m_score_depth > 0) {
            if (m_opts.keep_score) m_score_key = k;
            return true;
        }
        Frame& f = m_frames.back();
        switch (f.ctx) {
        case Ctx::Top:
            f.key = key_index(kTopKeys, k);
            break;
        case Ctx::Scenario:
            f.key = key_index(kScenarioKeys, k);
            break;
        case Ctx::Action:
            f.key = key_index(kActionKeys, k);
            break;
        case Ctx::Variant: {
            auto [it, fresh] = m_t.variant.try_emplace(std::string(k));
            m_variant_value = &it->second;
            return fresh;
        }
        default:
            return false;
        }
        // An unknown key draws a warning, and a repeated one hides a value: both for the slow path.
        if (f.key < 0 || (f.seen & (1u << f.key))) return false;
        f.seen |= 1u << f.key;
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

  private:
    struct Frame {
        Ctx ctx;
        int key = -1;      ///< the key whose value comes next (objects)
        uint32_t seen = 0; ///< keys met so far
    };

    bool at(Ctx ctx, int key) const {
        return !m_frames.empty() && m_frames.back().ctx == ctx && m_frames.back().key == key;
    }
    bool in_score() const { return m_score_depth > 0 || at(Ctx::Top, kScore); }
    bool push(Ctx ctx) {
        m_frames.push_back({ctx});
        return true;
    }
    /// After a scalar value in an object: the next event is a key or the object's end.
    bool done_value() {
        m_frames.back().key = -1;
        return true;
    }

    /// A whole number other than the seed.
    bool whole_number(uint64_t n) {
        if (m_frames.empty()) return false;
        Frame& f = m_frames.back();
        if (f.ctx == Ctx::Top && f.key == kVersion) {
            if (n < 1 || n > uint64_t(kTranscriptVersion)) return false;
            m_t.version = int(n);
            return done_value();
        }
        if (f.ctx == Ctx::Action && (f.key == kAtMin || f.key == kMinutes)) {
            if (n > uint64_t(kMaxMinute)) return false;
            (f.key == kAtMin ? m_t.actions.back().at_min : m_t.actions.back().minutes) = int(n);
            return done_value();
        }
        return false;
    }

    /// Where a string value goes; &m_unused for one that is checked but not kept.
    std::string* string_slot(const Frame& f) {
        if (f.ctx == Ctx::Top) {
            switch (f.key) {
            case kWriter: // the writer's version: informational
                return &m_unused;
            case kTrainee:
                return &m_t.trainee;
            case kStarted:
                return &m_t.started_utc;
            case kEnded:
                return &m_t.ended_utc;
            default:
                return nullptr;
            }
        }
        if (f.ctx == Ctx::Scenario) {
            switch (f.key) {
            case kId:
                return &m_t.scenario_id;
            case kPath:
                return &m_t.scenario_path;
            case kHash:
                return &m_t.scenario_hash;
            default:
                return nullptr;
            }
        }
        if (f.ctx == Ctx::Action) {
            ActionRecord& a = m_t.actions.back();
            switch (f.key) {
            case kLine:
                return &a.line;
            case kAction:
                return &a.action;
            case kTarget:
                return &a.target;
            case kOutcome:
                return m_opts.keep_outcomes ? &a.outcome : &m_unused;
            case kHintItem:
                return &a.hint_item;
            default:
                return nullptr;
            }
        }
        return nullptr;
    }

    bool close() {
        --m_depth;
        if (m_score_depth > 0) {
            if (m_opts.keep_score) m_score_stack.pop_back();
            if (--m_score_depth == 0) done_value();
            return true;
        }
        Frame f = m_frames.back();
        m_frames.pop_back();
        bool ok = true;
        auto has = [&](int key) { return (f.seen & (1u << key)) != 0; };
        switch (f.ctx) {
        case Ctx::Top:
            ok = has(kFormat) && has(kVersion) && has(kScenario) && has(kSeed) && has(kActions);
            break;
        case Ctx::Scenario:
            ok = has(kId) && has(kHash) && valid_scenario_id(m_t.scenario_id);
            break;
        case Ctx::Action:
            ok = has(kLine) && has(kAtMin);
            break;
        default:
            break;
        }
        if (!m_frames.empty()) done_value();
        return ok;
    }

    // ---- the stored score, kept as a document of its own or skipped
    template <class V>
    bool score_value(V v) {
        if (m_opts.keep_score) {
            if constexpr (std::is_same_v<V, std::string_view>)
                score_put(json(std::string(v)));
            else
                score_put(json(v));
        }
        if (m_score_depth == 0) done_value();
        return true;
    }
    bool score_open(json&& v) {
        ++m_score_depth;
        if (m_opts.keep_score) m_score_stack.push_back(score_put(std::move(v)));
        return true;
    }
    json* score_put(json&& v) {
        if (m_score_stack.empty()) {
            m_t.score = std::move(v);
            return &m_t.score;
        }
        json& parent = *m_score_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        // A repeated key keeps its last value, as nlohmann's own parser does.
        json& slot = parent[m_score_key];
        slot = std::move(v);
        return &slot;
    }

  private:
    const FastReadOptions& m_opts;
    Transcript m_t;
    std::vector<Frame> m_frames;
    int m_depth = 0;
    int m_score_depth = 0;
    std::vector<json*> m_score_stack;
    std::string m_score_key;
    std::string* m_variant_value = nullptr;
    std::string m_unused;
};

} // namespace

std::optional<Transcript> read_transcript_fast(std::string_view text, const FastReadOptions& opts) {
    Handler h(opts);
    if (!detail::JsonScanner<Handler>(text, h).run()) return std::nullopt;
    return std::move(h.transcript());
}

} // namespace alertdrill
