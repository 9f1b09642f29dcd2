// `alertdrill xapi --lrs`: the queue first, then the new statements, and a report of the outcome.
#include "alertdrill/journal.hpp"
#include "cli/common.hpp"
#include "cli/lrs_http.hpp"

#include <chrono>
#include <fmt/format.h>
#include <iostream>

namespace alertdrill::cli {

namespace {

std::string id_of(const nlohmann::json& s) {
    auto it = s.find("id");
    return it != s.end() && it->is_string() ? it->get<std::string>() : std::string("(no id)");
}

} // namespace

int upload_statements(const LrsUpload& up, const std::vector<nlohmann::json>& statements,
                      const std::map<std::string, std::string>& source) {
    StatementQueue queue(data_dir(up.data_dir) + "/xapi-queue");
    std::string err;
    std::vector<nlohmann::json> waiting;
    if (!queue.lock(err) || !queue.load(waiting, err)) {
        std::cerr << "alertdrill: " << safe(err) << "\n";
        return 1;
    }
    auto all = merge_statements(waiting, statements);
    // On disk before the first request: a crash or a kill while sending loses nothing.
    if (!queue.save(all, err)) {
        std::cerr << "alertdrill: cannot queue the statements: " << safe(err) << "\n";
        return 1;
    }
    std::string url = statements_url(up.endpoint);
    std::cout << fmt::format("Sending {} statement(s) to {}", all.size(), safe(url));
    if (!waiting.empty())
        std::cout << fmt::format(" ({} waiting from an earlier run go first)", waiting.size());
    std::cout << "\n";

    auto t0 = std::chrono::steady_clock::now();
    LrsReport rep = send_statements(all, make_curl_poster(url, up.auth, up.timeout_s), up.send);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    bool saved = queue.save(rep.unsent, err);
    if (!saved) std::cerr << "alertdrill: cannot update the queue: " << safe(err) << "\n";
    if (!queue.add_refused(rep.refused, utc_now_iso(), err)) {
        std::cerr << "alertdrill: cannot record the refused statements: " << safe(err) << "\n";
        saved = false;
    }

    std::cout << fmt::format("Stored: {} statement(s) in {} request(s), {:.2f} s", rep.stored,
                             rep.posts, secs);
    if (rep.conflicts)
        std::cout << fmt::format(" ({} the LRS already had under the same id)", rep.conflicts);
    std::cout << "\n";
    if (!rep.refused.empty()) {
        std::cout << fmt::format("Refused: {} statement(s), kept in {}\n", rep.refused.size(),
                                 safe(queue.refused_path()));
        for (const auto& r : rep.refused) {
            std::string id = id_of(r.statement);
            auto it = source.find(id);
            std::cout << fmt::format("  {} ({}): HTTP {}: {}\n", safe(id),
                                     it == source.end() ? "from the queue" : safe(it->second),
                                     r.status, safe(r.message));
        }
    }
    if (!rep.stopped.empty()) std::cout << "Stopped: " << safe(rep.stopped) << "\n";
    if (!rep.unsent.empty())
        std::cout << fmt::format("Queued: {} statement(s) in {}; they are sent first next time\n",
                                 rep.unsent.size(), safe(queue.pending_path()));
    return rep.refused.empty() && rep.unsent.empty() && saved ? 0 : 1;
}

} // namespace alertdrill::cli
