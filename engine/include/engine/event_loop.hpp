// The single event loop every probe of a run shares (DESIGN: "one loop, no threads").
// Probes register the file descriptors they wait on and the moments they want to wake up at;
// the loop polls them all at once. c-ares today; libcurl multi, TCP and TLS sockets join it the
// same way.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <unordered_map>
#include <vector>

namespace mobcheck {

using Clock = std::chrono::steady_clock;

class EventLoop {
public:
    enum Interest : unsigned { Readable = 1, Writable = 2 };
    using FdCallback = std::function<void(int fd, unsigned ready)>;  // ready: Readable|Writable bits
    using TimerCallback = std::function<void()>;
    using TimerId = std::uint64_t;

    // Starts, changes (interest != 0) or stops (interest == 0) watching fd.
    void watch(int fd, unsigned interest, FdCallback callback);
    void unwatch(int fd);

    TimerId add_timer(Clock::time_point when, TimerCallback callback);
    void cancel_timer(TimerId id);

    // Something outside fds and timers that must be polled after every wake-up (c-ares'
    // own timeouts): returns the next moment it wants to be called, or nullopt-like max().
    using Ticker = std::function<Clock::time_point()>;
    void add_ticker(Ticker ticker);

    // Runs until done() is true or the deadline passes. Returns false when the deadline stopped it.
    bool run(Clock::time_point deadline, const std::function<bool()>& done);

private:
    struct Watch {
        unsigned interest;
        FdCallback callback;
    };
    std::map<int, Watch> watches_;
    using Timers = std::multimap<Clock::time_point, std::pair<TimerId, TimerCallback>>;
    Timers timers_;
    // Every connect and handshake cancels its timer when it completes: by ID, without a scan.
    std::unordered_map<TimerId, Timers::iterator> timer_index_;
    std::vector<Ticker> tickers_;
    TimerId next_timer_ = 1;
};

}  // namespace mobcheck
