// Non-blocking TCP connects in the shared event loop, with a timeout per attempt and politeness caps:
// at most max_total connects in flight, at most max_per_host to one address; the rest wait their turn
// in an AdmissionQueue (the per-attempt timeout starts when a connect actually starts). When the
// process is out of file descriptors (EMFILE, ENFILE), a connect waits its turn again instead of
// failing: the port is not at fault, and a descriptor comes free as soon as another connect or
// handshake ends.
#pragma once

#include <chrono>
#include <functional>
#include <list>
#include <memory>
#include <string>

#include "admission_queue.hpp"
#include "in_flight.hpp"
#include "engine/event_loop.hpp"
#include "model/evidence.hpp"

namespace mobcheck {

struct TcpOutcome {
    PortState state = PortState::Error;
    double latency_ms = 0;
    std::string detail;
    int fd = -1;  // the connected socket when state is Open and keep_open was asked; the receiver closes it
};

class TcpConnector {
public:
    using Done = std::function<void(TcpOutcome)>;

    TcpConnector(EventLoop& loop, InFlight& in_flight, std::chrono::milliseconds timeout, std::size_t max_total,
                 std::size_t max_per_host);
    ~TcpConnector();
    TcpConnector(const TcpConnector&) = delete;
    TcpConnector& operator=(const TcpConnector&) = delete;

    // address: numeric IPv4 or IPv6. done is called exactly once, from the loop or cancel_all().
    void connect(const std::string& address, std::uint16_t port, bool keep_open, Done done);

    // Ends every waiting and running connect with PortState::Error and reason.
    void cancel_all(const std::string& reason);

    std::size_t highest_in_flight() const { return highest_in_flight_; }

private:
    struct Attempt;
    void start_waiting();
    void begin(std::unique_ptr<Attempt> attempt);
    void complete(Attempt& attempt, TcpOutcome outcome);
    void wait_for_descriptor(std::unique_ptr<Attempt> attempt);

    EventLoop& loop_;
    InFlight& in_flight_;
    std::chrono::milliseconds timeout_;
    AdmissionQueue<std::unique_ptr<Attempt>> queue_;  // waiting, by address
    std::list<std::unique_ptr<Attempt>> running_;
    std::size_t highest_in_flight_ = 0;
    bool starting_ = false;            // start_waiting() is running (a completion inside it calls it again)
    bool out_of_descriptors_ = false;  // socket() said EMFILE/ENFILE: start nothing until one is freed
    EventLoop::TimerId retry_ = 0;     // tries again after a while (a descriptor may be freed elsewhere)
};

}  // namespace mobcheck
