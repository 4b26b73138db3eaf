// When each certificate a run was served expires: the days-to-expiry performance data of the Nagios
// output and the expiry gauge of the Prometheus textfile. Internal to report/.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "model/evidence.hpp"

namespace mobcheck::report {

struct ServedCertificate {
    std::string name;     // the name asked for (SNI)
    std::string address;
    std::uint16_t port = 0;
    std::time_t not_after = 0;
    std::time_t probed_at = 0;
    double days_left() const { return static_cast<double>(not_after - probed_at) / 86400.0; }
};

// The leaf of every completed handshake whose certificate and probe time could be read.
std::vector<ServedCertificate> served_certificates(const Evidence& evidence);

}  // namespace mobcheck::report
