// The engine: runs every probe a Plan calls for, concurrently in one event loop, and records what it
// saw as Evidence. No rules here: a timeout, a SERVFAIL, a refused connection are all just evidence.
#pragma once

#include <chrono>
#include <functional>

#include "model/evidence.hpp"
#include "model/plan.hpp"

namespace mobcheck {

// Gathers the evidence for plan. Never throws for network trouble: that is evidence. Throws
// ConfigError when the resolvers cannot be set up at all (an unusable /etc/resolv.conf).
// The password of Plan::user, kept apart from the plan so that it never reaches the evidence.
struct Credentials {
    std::string password;
};

// How far a run has come: probes (DNS questions, connects, handshakes, requests) begun and finished.
// Probes chain, so `started` grows while the run goes on.
struct Progress {
    std::size_t started = 0;
    std::size_t finished = 0;
    std::chrono::milliseconds elapsed{0};
};
using ProgressCallback = std::function<void(const Progress&)>;

// Runs every probe of the plan and returns what was observed. credentials: for --user, else null.
// progress, when set, is called from the event loop every quarter of a second while probes are in flight.
Evidence gather(const Plan& plan, const Credentials* credentials = nullptr, const ProgressCallback& progress = {});

struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace mobcheck
