// What AtomicFile and AtomicFileStream do the same on every platform; the calls to the system are in
// atomic_file_posix.cpp and atomic_file_windows.cpp (CMake builds one).
#include "atomic_file.hpp"

#include <cerrno>
#include <cstring>

#include "options.hpp"

namespace mobcheck::cli {

void AtomicFile::write(std::string_view content) {
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const std::ptrdiff_t n = write_some(p, left);
        if (n <= 0) throw UsageError("cannot write " + path_ + ": " + std::strerror(errno));
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

bool AtomicFileStream::Buffer::flush_to_file() {
    if (!error_.empty()) return false;
    try {
        file_.write(std::string_view(pbase(), static_cast<std::size_t>(pptr() - pbase())));
    } catch (const UsageError& e) {
        error_ = e.what();  // the stream only sees a failed write; commit() tells why
        return false;
    }
    setp(data_.data(), data_.data() + data_.size());
    return true;
}

AtomicFileStream::Buffer::int_type AtomicFileStream::Buffer::overflow(int_type c) {
    if (!flush_to_file()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
}

int AtomicFileStream::Buffer::sync() { return flush_to_file() ? 0 : -1; }

void AtomicFileStream::commit() {
    if (!buf_.flush_to_file()) throw UsageError(buf_.error());
    buf_.file().commit();
}

}  // namespace mobcheck::cli
