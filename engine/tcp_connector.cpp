#include "tcp_connector.hpp"

#include "sockets.hpp"

namespace mobcheck {

struct TcpConnector::Attempt {
    std::string address;
    std::uint16_t port = 0;
    bool keep_open = false;
    Done done;
    int fd = -1;
    Clock::time_point started;
    EventLoop::TimerId timer = 0;
    std::list<std::unique_ptr<Attempt>>::iterator self;  // in running_
};

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// What a failed connect's error code says about the path to the port.
TcpOutcome classify(int error, std::chrono::milliseconds timeout) {
    TcpOutcome o;
    switch (sockets::classify(error)) {
        case sockets::Failure::Refused:
            o.state = PortState::Closed;
            o.detail = "connection refused: nothing listens on the port";
            break;
        case sockets::Failure::TimedOut:
            o.state = PortState::Filtered;
            o.detail = "no answer within " + std::to_string(timeout.count()) + " ms";
            break;
        case sockets::Failure::Unreachable:
            o.state = PortState::Unreachable;
            o.detail = "the network answered: " + sockets::describe(error);
            break;
        default:
            o.state = PortState::Error;
            o.detail = "connect failed: " + sockets::describe(error);
            break;
    }
    return o;
}

}  // namespace

TcpConnector::TcpConnector(EventLoop& loop, InFlight& in_flight, std::chrono::milliseconds timeout,
                           std::size_t max_total, std::size_t max_per_host)
    : loop_(loop), in_flight_(in_flight), timeout_(timeout),
      queue_(std::max<std::size_t>(1, max_total), std::max<std::size_t>(1, max_per_host)) {}

TcpConnector::~TcpConnector() {
    cancel_all("the run ended");
    if (retry_ != 0) loop_.cancel_timer(retry_);
}

void TcpConnector::connect(const std::string& address, std::uint16_t port, bool keep_open, Done done) {
    auto attempt = std::make_unique<Attempt>();
    attempt->address = address;
    attempt->port = port;
    attempt->keep_open = keep_open;
    attempt->done = std::move(done);
    in_flight_.begin();
    queue_.push_back(std::move(attempt), address);
    start_waiting();
}

void TcpConnector::start_waiting() {
    // A connect that fails at once (refused on loopback) completes inside begin(), and its callback may
    // queue more: the outer call owns the queue, an inner one only asks it to look again.
    if (starting_) return;
    starting_ = true;
    // First come, first served, skipping over attempts whose address is at its cap. A start may end
    // at once and free a place, so each turn asks the queue again from the front.
    while (!out_of_descriptors_) {
        auto attempt = queue_.admit();
        if (!attempt) break;
        begin(std::move(*attempt));
    }
    starting_ = false;
}

void TcpConnector::begin(std::unique_ptr<Attempt> owned) {
    Attempt& a = *owned;
    sockaddr_storage storage{};
    int length = 0;
    int family = AF_INET;
    if (auto* v4 = reinterpret_cast<sockaddr_in*>(&storage); inet_pton(AF_INET, a.address.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(a.port);
        length = sizeof(sockaddr_in);
    } else if (auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
               inet_pton(AF_INET6, a.address.c_str(), &v6->sin6_addr) == 1) {
        family = AF_INET6;
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(a.port);
        length = sizeof(sockaddr_in6);
    } else {
        length = 0;
    }
    int socket_error = 0;
    if (length > 0) {
        a.fd = sockets::open_stream(family, socket_error);
        if (a.fd < 0 && sockets::classify(socket_error) == sockets::Failure::OutOfDescriptors) {
            return wait_for_descriptor(std::move(owned));
        }
    }
    a.self = running_.insert(running_.end(), std::move(owned));
    highest_in_flight_ = std::max(highest_in_flight_, running_.size());
    a.started = Clock::now();
    if (length == 0) return complete(a, TcpOutcome{PortState::Error, 0, "not a numeric address: " + a.address, -1});
    if (a.fd < 0) {
        return complete(a, TcpOutcome{PortState::Error, 0, "cannot open a socket: " + sockets::describe(socket_error), -1});
    }
    const int rc = sockets::start_connect(a.fd, reinterpret_cast<sockaddr*>(&storage), length);
    if (rc == 0) {
        return complete(a, TcpOutcome{PortState::Open, ms_since(a.started), "connected", -1});
    }
    if (rc != sockets::kInProgress) {
        TcpOutcome o = classify(rc, timeout_);
        o.latency_ms = ms_since(a.started);
        return complete(a, o);
    }
    a.timer = loop_.add_timer(a.started + timeout_, [this, &a] {
        a.timer = 0;
        complete(a, TcpOutcome{PortState::Filtered, ms_since(a.started),
                               "no answer within " + std::to_string(timeout_.count()) + " ms: dropped on the way, as by a firewall", -1});
    });
    loop_.watch(a.fd, EventLoop::Writable, [this, &a](int fd, unsigned) {
        const int error = sockets::connect_result(fd);
        if (error == 0) {
            complete(a, TcpOutcome{PortState::Open, ms_since(a.started), "connected", -1});
        } else {
            TcpOutcome o = classify(error, timeout_);
            o.latency_ms = ms_since(a.started);
            complete(a, o);
        }
    });
}

void TcpConnector::wait_for_descriptor(std::unique_ptr<Attempt> attempt) {
    const std::string address = attempt->address;
    queue_.give_back(std::move(attempt), address);  // first in line again
    out_of_descriptors_ = true;
    if (retry_ == 0) {
        retry_ = loop_.add_timer(Clock::now() + std::chrono::milliseconds(20), [this] {
            retry_ = 0;
            out_of_descriptors_ = false;
            start_waiting();
        });
    }
}

void TcpConnector::complete(Attempt& a, TcpOutcome outcome) {
    if (a.timer != 0) loop_.cancel_timer(a.timer);
    if (a.fd >= 0) {
        loop_.unwatch(a.fd);
        if (outcome.state == PortState::Open && a.keep_open) {
            outcome.fd = a.fd;  // handed over
        } else {
            sockets::close(a.fd);
        }
        a.fd = -1;
    }
    queue_.release(a.address);
    Done done = std::move(a.done);
    running_.erase(a.self);  // a is gone now
    done(std::move(outcome));
    in_flight_.end();
    out_of_descriptors_ = false;  // a descriptor was just closed (or handed on, to be closed soon)
    start_waiting();
}

void TcpConnector::cancel_all(const std::string& reason) {
    for (auto& a : queue_.take_waiting()) {
        a->done(TcpOutcome{PortState::Error, 0, "not attempted: " + reason, -1});
        in_flight_.end();
    }
    while (!running_.empty()) {
        Attempt& a = *running_.front();
        complete(a, TcpOutcome{PortState::Error, ms_since(a.started), "no answer before " + reason, -1});
    }
}

}  // namespace mobcheck
