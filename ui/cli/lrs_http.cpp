#include "cli/lrs_http.hpp"

#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace alertdrill::cli {

std::string statements_url(const std::string& endpoint) {
    std::string url = endpoint;
    while (!url.empty() && url.back() == '/') url.pop_back();
    const std::string tail = "/statements";
    if (url.size() >= tail.size() && url.compare(url.size() - tail.size(), tail.size(), tail) == 0)
        return url;
    return url + tail;
}

namespace {

size_t collect(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

struct Handle {
    CURL* curl = nullptr;
    curl_slist* headers = nullptr;
    ~Handle() {
        if (headers) curl_slist_free_all(headers);
        if (curl) curl_easy_cleanup(curl);
    }
};

} // namespace

StatementPoster make_curl_poster(const std::string& url, const std::string& user_password,
                                 long timeout_s) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    // One handle for every request, so the connection is reused between batches.
    auto h = std::make_shared<Handle>();
    h->curl = curl_easy_init();
    h->headers = curl_slist_append(h->headers, "X-Experience-API-Version: 1.0.3");
    h->headers = curl_slist_append(h->headers, "Content-Type: application/json");
    return [h, url, user_password, timeout_s](const std::string& body) {
        HttpResult r;
        if (!h->curl) {
            r.error = "libcurl could not start";
            return r;
        }
        CURL* c = h->curl;
        char errbuf[CURL_ERROR_SIZE] = {0};
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h->headers);
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        if (!user_password.empty()) {
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
            curl_easy_setopt(c, CURLOPT_USERPWD, user_password.c_str());
        }
        curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(timeout_s, 10L));
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        CURLcode rc = curl_easy_perform(c);
        if (rc != CURLE_OK) {
            r.status = 0;
            r.error = errbuf[0] ? errbuf : curl_easy_strerror(rc);
            r.body.clear();
            return r;
        }
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
        return r;
    };
}

} // namespace alertdrill::cli
