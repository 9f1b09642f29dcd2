#include "alertdrill/lrs.hpp"

#include "alertdrill/atomic_file.hpp"
#include "alertdrill/text.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <set>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace alertdrill {

using nlohmann::json;

namespace {

bool is_stored(long status) {
    return status >= 200 && status < 300;
}
/// Worth trying again after a pause: no answer, too many requests, or the server's trouble.
bool is_transient(long status) {
    return status == 0 || status == 429 || status >= 500;
}
/// The content of a batch is at fault, so one statement at a time will tell which.
bool blames_content(long status) {
    return status == 400 || status == 409 || status == 413;
}

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string describe(const HttpResult& r) {
    if (r.status == 0) return "no answer (" + lrs_message(r) + ")";
    return fmt::format("HTTP {}: {}", r.status, lrs_message(r));
}

} // namespace

std::string lrs_message(const HttpResult& r) {
    if (r.status == 0) return r.error.empty() ? "no connection" : r.error;
    json j = json::parse(r.body, nullptr, false);
    if (j.is_object()) {
        for (const char* key : {"message", "warnings", "errors", "error"}) {
            auto it = j.find(key);
            if (it == j.end()) continue;
            if (it->is_string()) return it->get<std::string>();
            if (it->is_array()) {
                std::vector<std::string> parts;
                for (const auto& e : *it)
                    parts.push_back(e.is_string() ? e.get<std::string>() : dump(e));
                if (!parts.empty()) return join(parts, "; ");
            }
        }
    }
    std::string body = trim(r.body);
    if (body.empty()) return "no message";
    if (body.size() > 300) body = body.substr(0, 300) + "...";
    return body;
}

LrsReport send_statements(const std::vector<json>& statements, const StatementPoster& post,
                          const LrsOptions& opts) {
    LrsReport rep;
    auto sleep = opts.sleep ? opts.sleep : [](int ms) {
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    };
    // Posts until there is an answer that is not transient; false when the tries ran out.
    auto post_with_retries = [&](const json& items, HttpResult& r) {
        std::string body = dump(items);
        int wait = opts.backoff_ms;
        for (int attempt = 0;; ++attempt) {
            r = post(body);
            ++rep.posts;
            if (!is_transient(r.status)) return true;
            if (attempt >= opts.retries) return false;
            sleep(wait);
            wait *= 2;
        }
    };
    auto give_up = [&](size_t from, const HttpResult& r, bool tried_again) {
        rep.unsent.assign(statements.begin() + long(from), statements.end());
        rep.stopped = tried_again ? fmt::format("the LRS gave {} after {} tries", describe(r),
                                                opts.retries + 1)
                                  : "the LRS answered " + describe(r);
    };
    size_t batch = std::max<size_t>(1, opts.batch);
    for (size_t start = 0; start < statements.size(); start += batch) {
        size_t end = std::min(statements.size(), start + batch);
        json chunk = json::array();
        for (size_t i = start; i < end; ++i) chunk.push_back(statements[i]);
        HttpResult r;
        if (!post_with_retries(chunk, r)) {
            give_up(start, r, true);
            return rep;
        }
        if (is_stored(r.status)) {
            rep.stored += end - start;
            continue;
        }
        if (!blames_content(r.status)) {
            give_up(start, r, false);
            return rep;
        }
        // Find the statement at fault: each one alone.
        for (size_t i = start; i < end; ++i) {
            HttpResult one = r;
            if (end - start > 1 && !post_with_retries(json::array({statements[i]}), one)) {
                give_up(i, one, true);
                return rep;
            }
            if (is_stored(one.status) || one.status == 409) {
                // 409: the LRS already has a statement with this id; ours are name-based, so it
                // is this one sent before (perhaps by an older alertdrill).
                ++rep.stored;
                if (one.status == 409) ++rep.conflicts;
            } else if (blames_content(one.status)) {
                rep.refused.push_back({statements[i], one.status, lrs_message(one)});
            } else {
                give_up(i, one, false);
                return rep;
            }
        }
    }
    return rep;
}

std::vector<json> merge_statements(std::vector<json> first, const std::vector<json>& second) {
    std::set<std::string> seen;
    auto id_of = [](const json& s) {
        auto it = s.find("id");
        return it != s.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::vector<json> out;
    out.reserve(first.size() + second.size());
    auto add = [&](json s) {
        std::string id = id_of(s);
        if (!id.empty() && !seen.insert(id).second) return;
        out.push_back(std::move(s));
    };
    for (auto& s : first) add(std::move(s));
    for (const auto& s : second) add(s);
    return out;
}

StatementQueue::StatementQueue(std::string dir) : m_dir(std::move(dir)) {}

StatementQueue::~StatementQueue() {
    if (m_lock_fd >= 0) ::close(m_lock_fd); // closing releases the lock
}

bool StatementQueue::lock(std::string& error) {
    if (m_lock_fd >= 0) return true;
    if (!make_dirs(m_dir, error)) return false;
    std::string path = m_dir + "/lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = path + ": " + std::strerror(errno);
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        ::close(fd);
        error = e == EWOULDBLOCK
                    ? "the statement queue " + m_dir +
                          " is in use by another alertdrill; try again when it has finished"
                    : path + ": " + std::strerror(e);
        return false;
    }
    m_lock_fd = fd;
    return true;
}

namespace {

/// A JSON array from `path`; an absent file is an empty array.
bool load_array(const std::string& path, json& out, std::string& error) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        out = json::array();
        return true;
    }
    std::string text;
    if (!read_file(path, text, error, size_t(1) << 30)) return false;
    out = json::parse(text, nullptr, false);
    if (out.is_discarded() || !out.is_array()) {
        error = path +
                ": not a JSON array of statements (damaged?); move it aside to go on, nothing "
                "in it has been sent";
        return false;
    }
    return true;
}

} // namespace

bool StatementQueue::load(std::vector<json>& out, std::string& error) const {
    json arr;
    if (!load_array(pending_path(), arr, error)) return false;
    out.clear();
    for (auto& s : arr) {
        if (!s.is_object()) {
            error = pending_path() + ": holds something that is not a statement (" +
                    std::string(s.type_name()) + "); move the file aside to go on";
            return false;
        }
        out.push_back(std::move(s));
    }
    return true;
}

bool StatementQueue::save(const std::vector<json>& pending, std::string& error) const {
    if (pending.empty()) {
        std::error_code ec;
        std::filesystem::remove(pending_path(), ec);
        if (ec) error = pending_path() + ": " + ec.message();
        return !ec;
    }
    if (!make_dirs(m_dir, error)) return false;
    json arr(pending);
    return write_file_atomic(pending_path(),
                             arr.dump(1, ' ', false, json::error_handler_t::replace) + "\n", error);
}

bool StatementQueue::add_refused(const std::vector<RefusedStatement>& refused,
                                 const std::string& when_utc, std::string& error) const {
    if (refused.empty()) return true;
    json arr;
    if (!load_array(refused_path(), arr, error)) return false;
    std::set<std::string> ids;
    for (const auto& r : refused)
        if (r.statement.contains("id") && r.statement["id"].is_string())
            ids.insert(r.statement["id"].get<std::string>());
    json kept = json::array();
    for (auto& e : arr) {
        const json* st = e.is_object() && e.contains("statement") ? &e["statement"] : nullptr;
        bool replaced = st && st->is_object() && st->contains("id") && (*st)["id"].is_string() &&
                        ids.count((*st)["id"].get<std::string>());
        if (!replaced) kept.push_back(std::move(e));
    }
    for (const auto& r : refused)
        kept.push_back({{"statement", r.statement},
                        {"status", r.status},
                        {"message", r.message},
                        {"refused_utc", when_utc}});
    if (!make_dirs(m_dir, error)) return false;
    return write_file_atomic(
        refused_path(), kept.dump(1, ' ', false, json::error_handler_t::replace) + "\n", error);
}

} // namespace alertdrill
