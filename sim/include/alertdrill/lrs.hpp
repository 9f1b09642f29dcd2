#pragma once
// Sending xAPI statements to a Learning Record Store: batches, retries with backoff on network
// errors and 5xx, a refused batch retried one statement at a time to find the bad one, and an
// on-disk queue so that statements the LRS did not take are sent first next time. The HTTP
// transport is a function (libcurl in the command line, a fake in the tests).
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace alertdrill {

/// What came back from one POST of a JSON array of statements.
struct HttpResult {
    long status = 0;   ///< HTTP status; 0 = no answer (connection refused, timeout ...)
    std::string body;  ///< the LRS's answer
    std::string error; ///< transport error text when status is 0
};

/// POSTs `json_body` (an array of statements) to the LRS's statements resource.
using StatementPoster = std::function<HttpResult(const std::string& json_body)>;

struct LrsOptions {
    size_t batch = 50;    ///< statements per POST
    int retries = 3;      ///< further tries of a batch after a network error, 429 or 5xx
    int backoff_ms = 500; ///< wait before the first retry; doubles for each one after
    /// Waits between retries (default: sleeps). Tests pass one that only records.
    std::function<void(int ms)> sleep;
};

/// A statement the LRS would not take, with its answer.
struct RefusedStatement {
    nlohmann::json statement;
    long status = 0;
    std::string message;
};

struct LrsReport {
    size_t stored = 0;    ///< accepted (2xx), including ones the LRS already had
    size_t conflicts = 0; ///< answered 409: the LRS holds that id already (counted in stored)
    size_t posts = 0;     ///< HTTP requests made, retries included
    std::vector<RefusedStatement> refused;
    std::vector<nlohmann::json> unsent; ///< not taken and worth sending again: the new queue
    /// Why sending stopped before the end ("" when every statement was tried).
    std::string stopped;
};

/// The LRS's answer made readable: `message`, `warnings` or `errors` of a JSON answer, else the
/// body's start; the status text when the body is empty.
std::string lrs_message(const HttpResult& r);

/// Sends `statements` in order. 2xx: stored. 400, 409 or 413 for a batch: its statements are sent
/// one by one; one that is refused alone (except 409, a duplicate id, counted as stored) goes to
/// `refused`. Network error, 429 or 5xx: retried with backoff, then sending stops and the rest go
/// to `unsent`. Any other answer (401, 403, 404 ...) stops sending at once: it will not get better
/// by retrying, and the statements are kept.
LrsReport send_statements(const std::vector<nlohmann::json>& statements,
                          const StatementPoster& post, const LrsOptions& opts = {});

/// The queue of statements waiting for the LRS, in a folder (default
/// `$XDG_DATA_HOME/alertdrill/xapi-queue`): `pending.json` holds them as a JSON array, written
/// atomically; `refused.json` keeps what the LRS refused, with its answers, for a person to read.
/// One process at a time: `lock` takes an exclusive lock on `lock` in the folder.
class StatementQueue {
  public:
    explicit StatementQueue(std::string dir);
    ~StatementQueue();
    StatementQueue(const StatementQueue&) = delete;
    StatementQueue& operator=(const StatementQueue&) = delete;

    const std::string& dir() const { return m_dir; }
    std::string pending_path() const { return m_dir + "/pending.json"; }
    std::string refused_path() const { return m_dir + "/refused.json"; }

    /// Creates the folder and locks it; false with `error` when another process holds it.
    bool lock(std::string& error);
    /// The waiting statements (none when there is no file); false with `error` for a damaged file.
    bool load(std::vector<nlohmann::json>& out, std::string& error) const;
    /// Replaces the waiting statements; removes the file when there are none.
    bool save(const std::vector<nlohmann::json>& pending, std::string& error) const;
    /// Adds refused statements to refused.json (one entry per id; a newer refusal replaces).
    bool add_refused(const std::vector<RefusedStatement>& refused, const std::string& when_utc,
                     std::string& error) const;

  private:
    std::string m_dir;
    int m_lock_fd = -1;
};

/// `first` then `second`, keeping the first statement of each id (statements without an id are
/// all kept).
std::vector<nlohmann::json> merge_statements(std::vector<nlohmann::json> first,
                                             const std::vector<nlohmann::json>& second);

} // namespace alertdrill
