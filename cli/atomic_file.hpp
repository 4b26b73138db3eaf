// A file written whole or not at all: the text goes to a temporary file beside the target, which
// replaces the target only on commit(). A report that a pipeline picks up is never half-written,
// and a failed run never clobbers the previous report. A target that is not a regular file
// (/dev/null, /dev/stdout, a FIFO) is written in place instead.
#pragma once

#include <string>

namespace mobcheck::cli {

class AtomicFile {
public:
    // Creates the temporary file now, so an unwritable destination fails before any probing.
    // Throws UsageError naming the path.
    explicit AtomicFile(std::string path);
    ~AtomicFile();  // removes the temporary file if commit() was never reached
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void commit(const std::string& content);
    const std::string& path() const { return path_; }

private:
    std::string path_;
    std::string temp_path_;
    int fd_ = -1;
    bool direct_ = false;  // not a regular file: written in place
};

}  // namespace mobcheck::cli
