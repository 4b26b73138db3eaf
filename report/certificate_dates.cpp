#include "certificate_dates.hpp"

#include "model/certificate.hpp"
#include "model/utc_time.hpp"

namespace mobcheck::report {

std::vector<ServedCertificate> served_certificates(const Evidence& evidence) {
    std::vector<ServedCertificate> out;
    for (const TlsProbe& p : evidence.tls) {
        if (p.outcome != TlsOutcome::Handshake || p.chain.empty()) continue;
        const auto leaf = parse_certificate(p.chain.front());
        const auto probed = parse_utc_time(p.probed_at);
        if (!leaf || !leaf->not_after || !probed) continue;
        out.push_back(ServedCertificate{p.name, p.address, p.port, *leaf->not_after, *probed});
    }
    return out;
}

}  // namespace mobcheck::report
