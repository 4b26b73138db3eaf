#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "atomic_file.hpp"
#include "options.hpp"
#include "windows_text.hpp"

namespace mobcheck::cli {

using windows::system_message;
using windows::wide;

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
    if (path_.empty()) throw UsageError("empty output file name");
    const std::wstring target = wide(path_);
    // Only a disk file can be replaced whole. A device (NUL, CON) or a named pipe is written in place.
    const DWORD attributes = ::GetFileAttributesW(target.c_str());
    if (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        throw UsageError("cannot write " + path_ + ": it is a directory");
    }
    const int existing = ::_wopen(target.c_str(), _O_WRONLY | _O_BINARY | _O_NOINHERIT);
    if (existing >= 0) {
        if (::GetFileType(reinterpret_cast<HANDLE>(::_get_osfhandle(existing))) != FILE_TYPE_DISK) {
            fd_ = existing;
            direct_ = true;
            return;
        }
        ::_close(existing);
    }
    // A name of its own beside the target: the process and a counter, created exclusively.
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
        temp_path_ = path_ + ".tmp." + std::to_string(::GetCurrentProcessId()) + "." + std::to_string(counter++);
        fd_ = ::_wopen(wide(temp_path_).c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT,
                       _S_IREAD | _S_IWRITE);
        if (fd_ < 0 && errno != EEXIST) break;
    }
    if (fd_ < 0) throw UsageError("cannot write " + path_ + ": " + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) {
        ::_close(fd_);
        if (!direct_) ::_wunlink(wide(temp_path_).c_str());
    }
}

std::ptrdiff_t AtomicFile::write_some(const char* data, std::size_t size) {
    return ::_write(fd_, data, static_cast<unsigned>(std::min<std::size_t>(size, 1u << 30)));
}

void AtomicFile::commit() {
    if (direct_) {
        const int rc = ::_close(fd_);
        fd_ = -1;
        if (rc != 0) throw UsageError("cannot write " + path_ + ": " + std::strerror(errno));
        return;
    }
    if (::_commit(fd_) != 0 || ::_close(fd_) != 0) {
        fd_ = -1;
        ::_wunlink(wide(temp_path_).c_str());
        throw UsageError("cannot write " + path_ + ": " + std::strerror(errno));
    }
    fd_ = -1;
    // Replaces the target in one step, as rename() does on POSIX; written through before it returns.
    if (!::MoveFileExW(wide(temp_path_).c_str(), wide(path_).c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        const DWORD error = ::GetLastError();
        ::_wunlink(wide(temp_path_).c_str());
        throw UsageError("cannot write " + path_ + ": " + system_message(error));
    }
}

}  // namespace mobcheck::cli
