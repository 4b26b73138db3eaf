// Progress on stderr while a run probes: on a terminal, one line rewritten in place, shown only once a
// run lasts longer than a moment (a quick run prints nothing); forced (--progress) to a file or a pipe,
// a plain line a second. The report itself never mixes with it: it goes to stdout or a file.
#pragma once

#include <chrono>

#include "engine/engine.hpp"
#include "options.hpp"

namespace mobcheck::cli {

class ProgressLine {
public:
    explicit ProgressLine(Options::Progress mode);
    ~ProgressLine();  // clears the line it drew
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    bool enabled() const { return enabled_; }
    void update(const Progress& progress);

private:
    bool enabled_ = false;
    bool terminal_ = false;
    bool drawn_ = false;
    std::chrono::milliseconds last_{0};
};

}  // namespace mobcheck::cli
