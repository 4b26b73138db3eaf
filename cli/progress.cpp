#include "progress.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "terminal.hpp"

namespace mobcheck::cli {

namespace {

// A run that ends within this shows no progress at all.
constexpr std::chrono::milliseconds kMoment{1000};

bool stderr_is_terminal() {
    const char* term = std::getenv("TERM");
    return is_terminal(Stream::Err) && terminal_takes_sequences(Stream::Err) && (term == nullptr || std::strcmp(term, "dumb") != 0);
}

}  // namespace

ProgressLine::ProgressLine(Options::Progress mode) : terminal_(stderr_is_terminal()) {
    enabled_ = mode == Options::Progress::Always || (mode == Options::Progress::Auto && terminal_);
}

ProgressLine::~ProgressLine() {
    if (drawn_ && terminal_) std::fputs("\r\033[K", stderr);
}

void ProgressLine::update(const Progress& p) {
    if (!enabled_ || p.elapsed < kMoment) return;
    // A terminal line is redrawn at every call; a log gets one line a second.
    if (!terminal_ && drawn_ && p.elapsed - last_ < std::chrono::milliseconds(1000)) return;
    last_ = p.elapsed;
    std::fprintf(stderr, "%smobcheck: %zu of %zu probes done, %zu in flight · %.1f s%s", terminal_ ? "\r\033[K" : "",
                 p.finished, p.started, p.started - p.finished, static_cast<double>(p.elapsed.count()) / 1000,
                 terminal_ ? "" : "\n");
    std::fflush(stderr);
    drawn_ = true;
}

}  // namespace mobcheck::cli
