#include "engine/event_loop.hpp"

#include <algorithm>

#include "sockets.hpp"

namespace mobcheck {

void EventLoop::watch(int fd, unsigned interest, FdCallback callback) {
    if (interest == 0) {
        unwatch(fd);
        return;
    }
    watches_[fd] = Watch{interest, std::move(callback)};
}

void EventLoop::unwatch(int fd) { watches_.erase(fd); }

EventLoop::TimerId EventLoop::add_timer(Clock::time_point when, TimerCallback callback) {
    const TimerId id = next_timer_++;
    timer_index_.emplace(id, timers_.emplace(when, std::make_pair(id, std::move(callback))));
    return id;
}

void EventLoop::cancel_timer(TimerId id) {
    auto it = timer_index_.find(id);
    if (it == timer_index_.end()) return;  // fired already, or cancelled
    timers_.erase(it->second);
    timer_index_.erase(it);
}

void EventLoop::add_ticker(Ticker ticker) { tickers_.push_back(std::move(ticker)); }

bool EventLoop::run(Clock::time_point deadline, const std::function<bool()>& done) {
    std::vector<pollfd> fds;
    while (!done()) {
        const auto now = Clock::now();
        if (now >= deadline) return false;

        // Fire due timers first; a callback may add more timers, so take them one by one.
        while (!timers_.empty() && timers_.begin()->first <= Clock::now()) {
            auto callback = std::move(timers_.begin()->second.second);
            timer_index_.erase(timers_.begin()->second.first);
            timers_.erase(timers_.begin());
            callback();
        }
        if (done()) break;

        Clock::time_point wake = deadline;
        if (!timers_.empty()) wake = std::min(wake, timers_.begin()->first);
        for (auto& ticker : tickers_) wake = std::min(wake, ticker());
        if (done()) break;

        fds.clear();
        for (const auto& [fd, w] : watches_) {
            short events = 0;
            if (w.interest & Readable) events |= POLLIN;
            if (w.interest & Writable) events |= POLLOUT;
            pollfd p{};
            sockets::set_socket(p, fd);
            p.events = events;
            fds.push_back(p);
        }
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake - Clock::now());
        const int timeout_ms = static_cast<int>(std::max<std::chrono::milliseconds::rep>(0, wait.count()));
        const int n = sockets::wait(fds.data(), fds.size(), timeout_ms);
        if (n < 0) return false;
        if (n <= 0) continue;
        for (const auto& p : fds) {
            if (p.revents == 0) continue;
            const int fd = sockets::socket_of(p);
            auto it = watches_.find(fd);
            if (it == watches_.end()) continue;  // unwatched by an earlier callback in this round
            unsigned ready = 0;
            if (p.revents & (POLLIN | POLLERR | POLLHUP)) ready |= Readable;
            if (p.revents & (POLLOUT | POLLERR | POLLHUP)) ready |= Writable;
            auto callback = it->second.callback;  // the callback may unwatch its own fd
            callback(fd, ready);
        }
    }
    return true;
}

}  // namespace mobcheck
