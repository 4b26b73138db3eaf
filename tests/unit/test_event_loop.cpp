#include <doctest/doctest.h>

#include <vector>

#include "engine/event_loop.hpp"
#include "loopback_pair.hpp"

using namespace mobcheck;
using namespace std::chrono_literals;

TEST_CASE("event_loop: timers fire in time order and may add timers") {
    EventLoop loop;
    std::vector<int> fired;
    const auto now = Clock::now();
    loop.add_timer(now + 20ms, [&] { fired.push_back(2); });
    loop.add_timer(now + 5ms, [&] {
        fired.push_back(1);
        loop.add_timer(Clock::now() + 30ms, [&] { fired.push_back(3); });
    });
    const auto cancelled = loop.add_timer(now + 10ms, [&] { fired.push_back(99); });
    loop.cancel_timer(cancelled);
    CHECK(loop.run(now + 5s, [&] { return fired.size() == 3; }));
    CHECK(fired == std::vector<int>{1, 2, 3});
}

TEST_CASE("event_loop: the deadline ends a run that would never finish") {
    EventLoop loop;
    const auto start = Clock::now();
    CHECK_FALSE(loop.run(start + 50ms, [] { return false; }));
    CHECK(Clock::now() - start >= 50ms);
}

TEST_CASE("event_loop: a readable socket wakes its callback") {
    const sockets::Session session;
    test::LoopbackPair pair;
    EventLoop loop;
    bool read_it = false;
    loop.watch(pair.server, EventLoop::Readable, [&](int fd, unsigned ready) {
        CHECK((ready & EventLoop::Readable) != 0);
        char c = 0;
        CHECK(test::LoopbackPair::receive_byte(fd, c));
        CHECK(c == 'x');
        read_it = true;
        loop.unwatch(fd);
    });
    loop.add_timer(Clock::now() + 10ms, [&] { CHECK(test::LoopbackPair::send_byte(pair.client, 'x')); });
    CHECK(loop.run(Clock::now() + 5s, [&] { return read_it; }));
}

TEST_CASE("event_loop: a connected socket is writable at once") {
    const sockets::Session session;
    test::LoopbackPair pair;
    EventLoop loop;
    unsigned seen = 0;
    loop.watch(pair.client, EventLoop::Writable, [&](int fd, unsigned ready) {
        seen = ready;
        CHECK(sockets::connect_result(fd) == 0);
        loop.unwatch(fd);
    });
    CHECK(loop.run(Clock::now() + 5s, [&] { return seen != 0; }));
    CHECK((seen & EventLoop::Writable) != 0);
}

TEST_CASE("event_loop: cancelling a fired or a cancelled or an unknown timer changes nothing") {
    EventLoop loop;
    int fired = 0;
    const auto now = Clock::now();
    const auto first = loop.add_timer(now + 1ms, [&] { ++fired; });
    CHECK(loop.run(now + 5s, [&] { return fired == 1; }));
    loop.cancel_timer(first);  // already fired
    const auto second = loop.add_timer(Clock::now() + 1ms, [&] { fired += 10; });
    const auto third = loop.add_timer(Clock::now() + 2ms, [&] { fired += 100; });
    loop.cancel_timer(second);
    loop.cancel_timer(second);  // twice
    loop.cancel_timer(9999);    // never existed
    CHECK(loop.run(Clock::now() + 5s, [&] { return fired >= 101; }));
    CHECK(fired == 101);
    (void)third;
}
