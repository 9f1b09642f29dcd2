// Shared pieces of alertdrill_bench: the table and JSON, clocks, memory counters, child processes.
#include "bench.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <malloc.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace alertdrill::bench {

namespace fs = std::filesystem;

namespace {

std::string number(double v) {
    double a = std::abs(v);
    if (a >= 100) return fmt::format("{:.0f}", v);
    if (a >= 10) return fmt::format("{:.1f}", v);
    if (a >= 1) return fmt::format("{:.2f}", v);
    return fmt::format("{:.3f}", v);
}

std::string with_unit(const std::optional<double>& v, const std::string& unit) {
    if (!v) return "-";
    return unit.empty() ? number(*v) : number(*v) + " " + unit;
}

size_t status_kb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const size_t n = std::strlen(key);
    while (std::getline(in, line))
        if (line.compare(0, n, key) == 0) return std::strtoull(line.c_str() + n, nullptr, 10);
    return 0;
}

} // namespace

nlohmann::json machine_info() {
    nlohmann::json m;
    m["cores"] = std::thread::hardware_concurrency();
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) == 3) m["load_average"] = {load[0], load[1], load[2]};
    utsname u{};
    if (uname(&u) == 0) m["kernel"] = std::string(u.sysname) + " " + u.release;
    return m;
}

void print_table(const std::vector<Section>& sections, const nlohmann::json& machine) {
    std::string load = machine.contains("load_average")
                           ? fmt::format("{:.1f}", machine["load_average"][0].get<double>())
                           : "?";
    fmt::print("alertdrill_bench: {} cores, load average {} at the start\n\n",
               machine.value("cores", 0u), load);
    fmt::print("| section | figure | value | baseline | ratio | target | met |\n");
    fmt::print("|---|---|---:|---:|---:|---|---|\n");
    for (const auto& s : sections) {
        if (!s.skipped.empty()) {
            fmt::print("| {} | skipped: {} | | | | | |\n", s.title, s.skipped);
            continue;
        }
        for (const auto& f : s.figures) {
            std::string name = f.note.empty() ? f.name : f.name + " (" + f.note + ")";
            fmt::print("| {} | {} | {} | {} | {} | {} | {} |\n", s.title, name,
                       with_unit(f.value, f.unit), with_unit(f.baseline, f.unit),
                       f.ratio ? number(*f.ratio) + "x" : "", f.target,
                       f.met ? (*f.met ? "yes" : "**no**") : "");
        }
    }
}

nlohmann::json to_json(const std::vector<Section>& sections, const nlohmann::json& machine,
                       const Options& o) {
    auto opt = [](const std::optional<double>& v) {
        return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
    };
    nlohmann::json out = {{"format", "alertdrill-bench"},
                          {"version", 1},
                          {"quick", o.quick},
                          {"machine", machine},
                          {"sections", nlohmann::json::object()}};
    for (const auto& s : sections) {
        nlohmann::json figs = nlohmann::json::array();
        for (const auto& f : s.figures)
            figs.push_back({{"name", f.name},
                            {"value", opt(f.value)},
                            {"unit", f.unit},
                            {"baseline", opt(f.baseline)},
                            {"ratio", opt(f.ratio)},
                            {"target", f.target},
                            {"met", f.met ? nlohmann::json(*f.met) : nlohmann::json(nullptr)},
                            {"note", f.note}});
        nlohmann::json js = {{"title", s.title}, {"figures", figs}};
        if (!s.skipped.empty()) js["skipped"] = s.skipped;
        out["sections"][s.name] = js;
    }
    return out;
}

double now_ms() {
    return std::chrono::duration<double, std::milli>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = size_t(p * double(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

double median_ms(int repeats, const std::function<void()>& f) {
    std::vector<double> t;
    for (int i = 0; i < std::max(1, repeats); ++i) {
        double t0 = now_ms();
        f();
        t.push_back(now_ms() - t0);
    }
    return percentile(t, 0.5);
}

size_t heap_in_use() {
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

void reset_peak_rss() {
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
    if (FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
}

size_t peak_rss() {
    return status_kb("VmHWM:") * 1024;
}
size_t current_rss() {
    return status_kb("VmRSS:") * 1024;
}

bool is_executable(const std::string& path) {
    return !path.empty() && access(path.c_str(), X_OK) == 0;
}

int run_process(const std::vector<std::string>& argv, double timeout_s, double& ms,
                std::string* out, double* cpu_ms) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int pipefd[2] = {-1, -1};
    if (out && pipe2(pipefd, O_CLOEXEC) != 0) return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (out)
        posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
    else
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0); // its own group, so a timeout ends its children too
    pid_t pid = -1;
    double t0 = now_ms();
    int rc = posix_spawnp(&pid, args[0], &fa, &attr, args.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    if (out) close(pipefd[1]);
    if (rc != 0) {
        if (out) close(pipefd[0]);
        ms = 0;
        return -1;
    }
    // Wait on the process (a pidfd) and its output together, so the time is not rounded up to
    // a polling interval and a hung child is killed at the deadline.
    const double deadline = t0 + timeout_s * 1000;
    int pidfd = int(syscall(SYS_pidfd_open, pid, 0));
    bool exited = false, timed_out = false;
    char buf[65536];
    while (!exited || (out && pipefd[0] >= 0)) {
        double left = deadline - now_ms();
        if (left <= 0) {
            kill(-pid, SIGKILL);
            timed_out = true;
            break;
        }
        pollfd fds[2];
        nfds_t n = 0;
        if (!exited && pidfd >= 0) fds[n++] = {pidfd, POLLIN, 0};
        if (out && pipefd[0] >= 0) fds[n++] = {pipefd[0], POLLIN, 0};
        if (n == 0) break; // no pidfd: waitpid below blocks
        if (poll(fds, n, int(std::min(left, 1000.0)) + 1) <= 0) continue;
        for (nfds_t i = 0; i < n; ++i) {
            if (!fds[i].revents) continue;
            if (fds[i].fd == pidfd) {
                exited = true;
            } else {
                ssize_t r = read(pipefd[0], buf, sizeof buf);
                if (r > 0) {
                    out->append(buf, size_t(r));
                } else {
                    close(pipefd[0]);
                    pipefd[0] = -1;
                }
            }
        }
        // Exited but something it started still holds the pipe: take what is there and stop.
        if (exited && out && pipefd[0] >= 0) {
            pollfd p{pipefd[0], POLLIN, 0};
            while (pipefd[0] >= 0 && poll(&p, 1, 50) > 0) {
                ssize_t r = read(pipefd[0], buf, sizeof buf);
                if (r <= 0) break;
                out->append(buf, size_t(r));
            }
            break;
        }
    }
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    if (cpu_ms)
        *cpu_ms = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                  double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    ms = now_ms() - t0;
    if (pidfd >= 0) close(pidfd);
    if (out && pipefd[0] >= 0) close(pipefd[0]);
    if (timed_out) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> golden_scripts(const std::string& source_dir, const std::string& prefix) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& d : fs::directory_iterator(source_dir + "/tests/golden", ec)) {
        if (!d.is_directory()) continue;
        for (const auto& f : fs::directory_iterator(d.path(), ec))
            if (f.path().extension() == ".script" &&
                f.path().filename().string().rfind(prefix, 0) == 0)
                out.push_back(f.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string scenario_of_script(const std::string& source_dir, const std::string& script) {
    return source_dir + "/scenarios/" + fs::path(script).parent_path().filename().string() +
           ".toml";
}

} // namespace alertdrill::bench
