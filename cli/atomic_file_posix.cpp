#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "options.hpp"

namespace mobcheck::cli {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
    if (path_.empty()) throw UsageError("empty output file name");
    // Only a regular file can be replaced whole. A device, a FIFO or a socket (/dev/null,
    // /dev/stdout, a named pipe a collector reads) is written in place: renaming over it would
    // replace the device itself.
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) throw UsageError("cannot write " + path_ + ": it is a directory");
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd_ < 0) throw UsageError("cannot write " + path_ + ": " + std::strerror(errno));
        direct_ = true;
        return;
    }
    temp_path_ = path_ + ".tmp.XXXXXX";
    std::vector<char> buf(temp_path_.begin(), temp_path_.end());
    buf.push_back('\0');
    fd_ = ::mkstemp(buf.data());
    if (fd_ < 0) throw UsageError("cannot write " + path_ + ": " + std::strerror(errno));
    temp_path_ = buf.data();
    // mkstemp makes 0600; give the file the mode any other file of this user would get, but never
    // writable by others whatever the umask (0 included): a report gates a pipeline and evidence is
    // judged again later, so another local user must not be able to rewrite either.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask & ~static_cast<mode_t>(S_IWOTH));
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) {
        ::close(fd_);
        if (!direct_) ::unlink(temp_path_.c_str());
    }
}

std::ptrdiff_t AtomicFile::write_some(const char* data, std::size_t size) {
    for (;;) {
        const ssize_t n = ::write(fd_, data, size);
        if (n >= 0 || errno != EINTR) return n;
    }
}

void AtomicFile::commit() {
    if (direct_) {
        const int rc = ::close(fd_);
        fd_ = -1;
        if (rc != 0) throw UsageError("cannot write " + path_ + ": " + std::strerror(errno));
        return;
    }
    if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
        fd_ = -1;
        ::unlink(temp_path_.c_str());
        throw UsageError("cannot write " + path_ + ": " + std::strerror(errno));
    }
    fd_ = -1;
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp_path_.c_str());
        throw UsageError("cannot write " + path_ + ": " + std::strerror(err));
    }
}

}  // namespace mobcheck::cli
