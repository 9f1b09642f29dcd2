#include "alertdrill/scoring.hpp"

#include "alertdrill/session.hpp"
#include "alertdrill/suppression.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <cmath>

namespace alertdrill {

namespace {

bool record_matches(const ActionRecord& r, const std::string& action, const std::string& target) {
    if (r.action != action) return false;
    if (target.empty() || iequals(r.target, target)) return true;
    // A rule name matches any create/edit/simulate SPEC for that rule.
    return is_suppression_action(action) && target.find('=') == std::string::npos &&
           iequals(spec_rule_name(r.target), target);
}

int step_index(Step s) {
    return static_cast<int>(s);
}

std::string describe(const Catalog& cat, const std::string& action, const std::string& target) {
    const ActionDef* a = cat.find(action);
    std::string name = a ? a->name : action;
    return target.empty() ? name : name + " (" + target + ")";
}

} // namespace

bool rubric_item_met(const RubricItem& item, const std::vector<ActionRecord>& history) {
    for (const auto& r : history) {
        int finished = r.at_min + r.minutes;
        if (item.by_min && finished > *item.by_min) continue;
        if (record_matches(r, item.action, item.target)) return true;
        for (const auto& alt : item.alternatives)
            if (record_matches(r, alt, item.target)) return true;
        if (!item.evidence.empty() && std::find(r.found_keys.begin(), r.found_keys.end(),
                                                item.evidence) != r.found_keys.end())
            return true;
    }
    return false;
}

Score compute_score(const Session& session) {
    const ScenarioDef& s = session.scenario();
    const Catalog& cat = session.catalog();
    const auto& hist = session.history();
    Score out;
    std::array<int, kStepCount> earned{}, penalty{};
    auto max = s.max_points();
    auto lose = [&](Step step, int points, std::string kind, std::string ref, std::string text) {
        if (points <= 0) return;
        out.feedback.push_back({step, -points, std::move(kind), std::move(ref), std::move(text)});
    };

    for (const auto& it : s.rubric) {
        if (rubric_item_met(it, session)) {
            earned[step_index(it.step)] += it.points;
            out.achieved.push_back(it.id);
            continue;
        }
        out.missed.push_back(it.id);
        std::string what = describe(cat, it.action, it.target);
        std::string late;
        if (it.by_min) {
            // Done, but too late to count?
            for (const auto& r : hist)
                if (record_matches(r, it.action, it.target)) {
                    late = " You did it at minute " + std::to_string(r.at_min + r.minutes) +
                           "; it counts only by minute " + std::to_string(*it.by_min) + ".";
                    break;
                }
        }
        lose(it.step, it.points, it.required ? "missed" : "recommended", it.id,
             (it.required ? "Missed: " : "Not done (recommended): ") + what + ". " + it.why + late);
    }

    // Report fields: keyword groups, each any-of.
    for (const auto& f : s.report) {
        auto found = session.report().find(f.id);
        std::string text = found == session.report().end() ? "" : to_lower(found->second);
        std::vector<std::string> missing;
        int matched = 0;
        for (const auto& group : f.keywords) {
            bool hit = std::any_of(group.begin(), group.end(), [&](const std::string& w) {
                return text.find(w) != std::string::npos;
            });
            if (hit)
                ++matched;
            else
                missing.push_back(join(group, " / "));
        }
        int got = f.keywords.empty() ? 0
                                     : static_cast<int>(std::lround(double(f.points) * matched /
                                                                    double(f.keywords.size())));
        earned[step_index(Step::Documentation)] += got;
        std::string field = f.id;
        std::replace(field.begin(), field.end(), '_', ' ');
        if (got < f.points)
            lose(Step::Documentation, f.points - got, "report", f.id,
                 text.empty() ? "The report has no " + field + ". " + f.why
                              : "The report's " + field +
                                    " does not mention: " + join(missing, "; ") + ". " + f.why);
    }

    // Harmful actions: each rule counts once.
    auto harm = [&](Step step, int points, const std::string& id, const std::string& text) {
        penalty[step_index(step)] += points;
        out.harmful.push_back(id);
        lose(step, points, "harmful", id, text);
    };
    for (const auto& h : s.harmful)
        for (const auto& r : hist)
            if (record_matches(r, h.action, h.target)) {
                harm(h.step, h.penalty, h.id,
                     "Harmful: " + describe(cat, h.action, r.target) + " at minute " +
                         std::to_string(r.at_min) + ". " + h.why);
                break;
            }
    auto covered = [&](const std::string& action, const std::string& target) {
        for (const auto& h : s.harmful)
            if (h.action == action && (h.target.empty() || iequals(h.target, target))) return true;
        for (const auto& r : s.responses)
            if (r.action == action && (r.target.empty() || iequals(r.target, target))) return true;
        for (const auto& it : s.rubric)
            if (it.action == action && (it.target.empty() || iequals(it.target, target)))
                return true;
        return false;
    };
    std::vector<std::string> defaults_seen;
    for (const auto& r : hist) {
        std::string key = r.action + " " + r.target;
        if (std::find(defaults_seen.begin(), defaults_seen.end(), key) != defaults_seen.end() ||
            covered(r.action, r.target))
            continue;
        const ActionDef* a = cat.find(r.action);
        if (!a) continue;
        if (a->target == TargetKind::Alert) {
            const AlertDef* ad = s.alert(r.target);
            if (!ad || !ad->true_positive) continue;
            if (r.action == "dismiss_alert") {
                harm(Step::Analysis, 15, "default:dismiss_true_positive",
                     "Harmful: you dismissed alert " + r.target +
                         ", a true positive. Dismissing real attacks hides them from everyone "
                         "else who looks at the queue.");
                defaults_seen.push_back(key);
            } else if (r.action == "classify_false_positive" ||
                       r.action == "classify_benign_positive") {
                harm(Step::Analysis, 10, "default:misclassified_true_positive",
                     "Harmful: you classified alert " + r.target +
                         " as harmless, but it is a true positive.");
                defaults_seen.push_back(key);
            }
        } else if (a->destructive && a->target == TargetKind::Resource) {
            const Resource* res = s.resource(r.target);
            if (res && res->environment == "production") {
                harm(Step::Containment, 10, "default:destructive_production",
                     "Harmful: " + a->name + " on production resource " + res->id +
                         " was not called for; it destroys evidence and takes a service down.");
                defaults_seen.push_back(key);
            }
        }
    }

    for (const auto& l : suppression_penalties(session)) harm(l.step, l.points, l.ref, l.text);

    // Ordering rules.
    for (const auto& o : s.order) {
        for (size_t i = 0; i < hist.size(); ++i) {
            if (!record_matches(hist[i], o.then, o.target)) continue;
            bool first_done = false;
            for (size_t j = 0; j < i && !first_done; ++j) {
                if (o.first.rfind("step:", 0) == 0) {
                    const ActionDef* a = cat.find(hist[j].action);
                    first_done = a && step_id(a->step) == o.first.substr(5);
                } else {
                    first_done = hist[j].action == o.first;
                    // A query that found the key row of an item for that action did it too.
                    for (const auto& it : s.rubric)
                        first_done |=
                            it.action == o.first && !it.evidence.empty() &&
                            std::find(hist[j].found_keys.begin(), hist[j].found_keys.end(),
                                      it.evidence) != hist[j].found_keys.end();
                }
            }
            if (!first_done) {
                penalty[step_index(o.step)] += o.penalty;
                lose(o.step, o.penalty, "order", o.id,
                     "Out of order: " + describe(cat, o.then, hist[i].target) + " came before " +
                         (o.first.rfind("step:", 0) == 0
                              ? std::string(step_title(*parse_step(o.first.substr(5))))
                              : describe(cat, o.first, "")) +
                         ". " + o.why);
            }
            break;
        }
    }

    // Time to contain.
    const auto& sc = s.scoring;
    out.contain_target_min = sc.contain_target_min;
    out.time_to_contain_min = session.contained_at();
    if (!out.time_to_contain_min) {
        if (sc.never_contained_penalty > 0) {
            penalty[step_index(Step::Containment)] += sc.never_contained_penalty;
            lose(Step::Containment, sc.never_contained_penalty, "late", "contain",
                 "The attack was never contained; the target was " +
                     std::to_string(sc.contain_target_min) + " minutes.");
        }
    } else if (*out.time_to_contain_min > sc.contain_target_min) {
        int over = *out.time_to_contain_min - sc.contain_target_min;
        int p = std::min(sc.late_penalty_max, (over + 9) / 10 * sc.late_penalty_per_10min);
        if (p > 0) {
            penalty[step_index(Step::Containment)] += p;
            lose(Step::Containment, p, "late", "contain",
                 "Contained at minute " + std::to_string(*out.time_to_contain_min) + ", " +
                     std::to_string(over) + " minutes over the target of " +
                     std::to_string(sc.contain_target_min) +
                     "; the threat had that much longer to act.");
        }
    }

    // Hints cost points in the step they helped with.
    for (const auto& r : hist) {
        if (r.action != "hint" || r.hint_item.empty()) continue;
        for (const auto& it : s.rubric)
            if (it.id == r.hint_item) {
                penalty[step_index(it.step)] += sc.hint_cost;
                lose(it.step, sc.hint_cost, "hint", it.id,
                     "Hint used at minute " + std::to_string(r.at_min) + " for " +
                         describe(cat, it.action, it.target) + ".");
            }
    }

    for (int i = 0; i < kStepCount; ++i) {
        out.phases[i].max = max[i];
        out.phases[i].penalties = penalty[i];
        out.phases[i].earned = std::max(0, earned[i] - penalty[i]);
        out.total += out.phases[i].earned;
    }
    out.total = std::clamp(out.total, 0, 100);
    std::stable_sort(out.feedback.begin(), out.feedback.end(),
                     [](const ScoreLine& a, const ScoreLine& b) { return a.step < b.step; });
    out.hints_used = session.hints_used();
    out.data_lost_mb = session.data_lost_mb();
    out.expert_path = session.expert_path();
    out.suppressed = suppression_summary(session);
    return out;
}

nlohmann::json score_to_json(const Score& s) {
    nlohmann::json phases = nlohmann::json::object();
    for (int i = 0; i < kStepCount; ++i)
        phases[std::string(step_id(static_cast<Step>(i)))] = {{"score", s.phases[i].earned},
                                                              {"max", s.phases[i].max},
                                                              {"penalties", s.phases[i].penalties}};
    nlohmann::json feedback = nlohmann::json::array();
    for (const auto& f : s.feedback)
        feedback.push_back({{"step", std::string(step_id(f.step))},
                            {"points", f.points},
                            {"kind", f.kind},
                            {"ref", f.ref},
                            {"text", f.text}});
    return {{"total", s.total},
            {"max", 100},
            {"phases", phases},
            {"time_to_contain_min",
             s.time_to_contain_min ? nlohmann::json(*s.time_to_contain_min) : nlohmann::json()},
            {"contain_target_min", s.contain_target_min},
            {"achieved", s.achieved},
            {"missed", s.missed},
            {"harmful", s.harmful},
            {"feedback", feedback},
            {"hints_used", s.hints_used},
            {"data_lost_mb", s.data_lost_mb},
            {"expert_path", s.expert_path},
            {"suppressed", s.suppressed}};
}

} // namespace alertdrill
