#pragma once
// The libcurl transport for posting xAPI statements (alertdrill/lrs.hpp holds the logic).
#include "alertdrill/lrs.hpp"

#include <map>
#include <string>
#include <vector>

namespace alertdrill::cli {

/// The statements resource of an LRS endpoint: `URL/statements`, unless URL already ends so.
std::string statements_url(const std::string& endpoint);

/// POSTs to `url` with basic auth `user_password` ("user:password"; empty = none), the xAPI
/// version header and a JSON body. `timeout_s` bounds each request.
StatementPoster make_curl_poster(const std::string& url, const std::string& user_password,
                                 long timeout_s);

} // namespace alertdrill::cli

namespace alertdrill::cli {

struct LrsUpload {
    std::string endpoint; ///< --lrs
    std::string auth;     ///< --auth user:password
    std::string data_dir; ///< --data-dir; "" = $XDG_DATA_HOME/alertdrill
    long timeout_s = 30;  ///< per request
    LrsOptions send;      ///< batch size, retries, backoff
};

/// Sends what waits in the queue, then `statements`; prints what was stored, refused and queued
/// (`source` names where each new statement came from, by id). Returns the exit code: 0 when
/// every statement was stored, 1 otherwise.
int upload_statements(const LrsUpload& up, const std::vector<nlohmann::json>& statements,
                      const std::map<std::string, std::string>& source);

} // namespace alertdrill::cli
