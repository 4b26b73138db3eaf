// Which probes a check reads, so that a run judging some checks only (--only dns) makes only the
// probes those need, and a replay of its evidence knows which checks it cannot judge.
#pragma once

#include "checks/registry.hpp"
#include "model/plan.hpp"

namespace mobcheck {

// By category: dns.* read the DNS records; ports.* the port probes (and the names they resolve);
// tls.*, http.* and topology.* the certificates and the Autodiscover walk, which also teaches the web
// services FQDNs they judge, and the DNS records of the names they reach.
ProbeFamilies probes_needed(const CheckDef& def);

// What the checks a selection judges need together: all of it for a run without --only/--skip.
ProbeFamilies probes_needed(const Registry& registry, const Selection& selection);

}  // namespace mobcheck
