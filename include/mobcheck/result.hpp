// A result: one verdict of one check about one subject (SPEC §2).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace mobcheck {

// Ordered by how much attention a result asks for, lowest first.
enum class Status { Pass, Info, Skip, Warn, Error, Fail };

const char* to_string(Status status);
std::optional<Status> status_from_string(std::string_view text);

struct Result {
    std::string check;        // stable check ID, e.g. "dns.lyncdiscover"
    std::string subject;      // a SIP domain, an FQDN, host:port or an endpoint
    std::string sip_domain;   // the SIP domain it belongs to; empty for deployment-wide subjects
    Status status = Status::Pass;
    std::string message;      // names the concrete evidence
    std::string remediation;  // empty for pass
    nlohmann::json evidence = nlohmann::json::object();
};

}  // namespace mobcheck
