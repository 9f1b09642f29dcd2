#include "alertdrill/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace alertdrill {

namespace {

std::string sys_error(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view data) {
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return true;
}

void fsync_dir_of(const std::string& path) {
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

} // namespace

bool write_file_atomic(const std::string& path, std::string_view data, std::string& error) {
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = sys_error("cannot create", tmp);
        return false;
    }
    if (!write_all(fd, data) || ::fsync(fd) != 0) {
        error = sys_error("cannot write", tmp);
        ::close(fd);
        ::unlink(tmp.c_str());
        return false;
    }
    if (::close(fd) != 0) {
        error = sys_error("cannot close", tmp);
        ::unlink(tmp.c_str());
        return false;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        error = sys_error("cannot rename into place", path);
        ::unlink(tmp.c_str());
        return false;
    }
    fsync_dir_of(path);
    return true;
}

bool append_durable(const std::string& path, std::string_view data, std::string& error) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = sys_error("cannot open", path);
        return false;
    }
    bool ok = write_all(fd, data) && ::fsync(fd) == 0;
    if (!ok) error = sys_error("cannot append to", path);
    ::close(fd);
    return ok;
}

bool make_dirs(const std::string& path, std::string& error) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) {
        error = "cannot create folder " + path + ": " + ec.message();
        return false;
    }
    return true;
}

} // namespace alertdrill
