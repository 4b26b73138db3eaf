// A file written whole or not at all: the text goes to a temporary file beside the target, which
// replaces the target only on commit(). A report that a pipeline picks up is never half-written,
// and a failed run never clobbers the previous report. A target that is not a regular file
// (/dev/null, /dev/stdout, a FIFO) is written in place instead.
#pragma once

#include <array>
#include <cstddef>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace mobcheck::cli {

class AtomicFile {
public:
    // Creates the temporary file now, so an unwritable destination fails before any probing.
    // Throws UsageError naming the path.
    explicit AtomicFile(std::string path);
    ~AtomicFile();  // removes the temporary file if commit() was never reached
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Appends to the temporary file (or the device); commit() then puts it in place of the target.
    void write(std::string_view content);
    void commit();
    void commit(std::string_view content) {
        write(content);
        commit();
    }
    const std::string& path() const { return path_; }

private:
    // One write(2) (or _write) of at most size bytes: what it wrote, or -1 with errno set.
    std::ptrdiff_t write_some(const char* data, std::size_t size);

    std::string path_;
    std::string temp_path_;
    int fd_ = -1;
    bool direct_ = false;  // not a regular file: written in place
};

// A buffered std::ostream onto an AtomicFile, so that a large report is written piece by piece and
// never held whole in memory. commit() ends it; a failed write makes commit() throw UsageError.
class AtomicFileStream : public std::ostream {
public:
    explicit AtomicFileStream(AtomicFile& file) : std::ostream(&buf_), buf_(file) {}
    void commit();

private:
    class Buffer : public std::streambuf {
    public:
        explicit Buffer(AtomicFile& file) : file_(file) { setp(data_.data(), data_.data() + data_.size()); }
        bool flush_to_file();  // false once a write failed
        AtomicFile& file() { return file_; }
        const std::string& error() const { return error_; }

    protected:
        int_type overflow(int_type c) override;
        int sync() override;

    private:
        AtomicFile& file_;
        std::array<char, 64 * 1024> data_;
        std::string error_;
    };
    Buffer buf_;
};

}  // namespace mobcheck::cli
