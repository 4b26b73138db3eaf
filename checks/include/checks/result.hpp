// A result: one verdict of one check about one subject (SPEC §2).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/result_evidence.hpp"

namespace mobcheck {

// Ordered by how much attention a result asks for, lowest first.
enum class Status { Pass, Info, Skip, Warn, Error, Fail };

// The statuses in the order the reports count them: the summary line, the JSON summary, the gauges.
inline constexpr std::array<Status, 6> kStatusesInSummaryOrder = {Status::Pass, Status::Info, Status::Warn,
                                                                  Status::Fail, Status::Skip, Status::Error};

const char* to_string(Status status);
std::optional<Status> status_from_string(std::string_view text);

// warn, fail or error: what a waiver accepts, an override changes, and what blocks other results.
bool is_problem(Status status);

// A waiver of the topology file (--config) that names a result: an accepted, known problem.
struct WaiverMark {
    std::string reason;
    std::string expires;   // "2027-03-31", or "" for a waiver without an end
    bool expired = false;  // expired waivers are reported, and no longer apply
    std::string origin;    // where it was declared: "mobility.json: /waivers/0"
};

// One vantage's verdict of a merged result (mobcheck merge): the result says what each run saw.
struct VantageVerdict {
    std::string vantage;  // "internal", "external" (with the file when two runs share one)
    Status status = Status::Pass;
    std::string message;
};

// The result a blocked result could not be judged without: its check and subject.
struct BlockedBy {
    std::string check;    // "tls.chain"
    std::string subject;  // "lyncdiscover.contoso.com:443"
    bool operator==(const BlockedBy&) const = default;
};

struct Result {
    std::string check;        // stable check ID, e.g. "dns.lyncdiscover"
    std::string subject;      // a SIP domain, an FQDN, host:port or an endpoint
    std::string sip_domain;   // the SIP domain it belongs to; empty for deployment-wide subjects
    Status status = Status::Pass;
    std::string message;      // names the concrete evidence
    std::string remediation;  // empty for pass, info and blocked results
    std::string reason;       // a short stable tag of why: "nxdomain", "chain-untrusted", "blocked"; "" when not given
    std::optional<BlockedBy> blocked_by;  // skip: a prerequisite failed or could not be decided (its result)
    ResultEvidence evidence;  // built by the check as JSON, packed by judge() once it is done

    std::optional<WaiverMark> waiver;       // a waiver names this result (see waived())
    std::optional<Status> status_before;    // the check's own status, when a severity override changed it
    std::vector<VantageVerdict> vantages;   // merged runs only: every vantage's verdict, the chosen one first

    // A waiver applies: the result is reported with its reason, counted apart and never trips the gate.
    bool waived() const { return waiver.has_value() && !waiver->expired; }
};

}  // namespace mobcheck
