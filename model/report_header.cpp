#include "model/report_header.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include "model/certificate.hpp"
#include "model/strings.hpp"
#include "model/utc_time.hpp"

namespace mobcheck {

namespace {

// The leaf of every completed handshake whose certificate could be read, each distinct certificate
// parsed once and kept once in the table (the served certificates share it); those whose expiry and
// probe time could be read are also listed as served.
void add_served_certificates(const Evidence& evidence, ReportHeader& header) {
    std::map<std::string_view, std::shared_ptr<const Certificate>> by_pem;
    for (const TlsProbe& p : evidence.tls) {
        if (p.outcome != TlsOutcome::Handshake || p.chain.empty()) continue;
        auto it = by_pem.find(p.chain.front().str());
        if (it == by_pem.end()) {
            auto leaf = parse_certificate(p.chain.front());
            std::shared_ptr<const Certificate> shared;
            if (leaf && !leaf->is_request && !leaf->sha256.empty()) {
                std::string sha256 = leaf->sha256;
                shared = header.certificate_table.emplace(std::move(sha256), std::make_shared<const Certificate>(std::move(*leaf)))
                             .first->second;
            }
            it = by_pem.emplace(p.chain.front().str(), std::move(shared)).first;
        }
        const auto& leaf = it->second;
        const auto probed = parse_utc_time(p.probed_at);
        if (!leaf || !leaf->not_after || !probed) continue;
        header.certificates.push_back(ServedCertificate{p.name, p.address, p.port, *leaf->not_after, *probed, leaf});
    }
}

}  // namespace

std::string ReportHeader::vantage_label() const {
    if (merged_from.empty()) return to_string(vantage);
    std::vector<std::string> present;
    for (Vantage v : {Vantage::Internal, Vantage::External}) {
        if (std::any_of(merged_from.begin(), merged_from.end(), [&](const MergedRun& run) { return run.vantage == v; })) {
            present.emplace_back(to_string(v));
        }
    }
    return join(present, " + ");
}

ReportHeader report_header(const Evidence& evidence) {
    const Plan& plan = evidence.plan;
    const RunInfo& run = evidence.run;
    ReportHeader header;
    header.tool_version = run.tool_version;
    header.sip_domains = plan.sip_domains;
    header.vantage = plan.vantage;
    header.internal_web = plan.internal_web;
    header.external_web = plan.external_web;
    header.started_at = run.started_at;
    header.duration_ms = run.duration_ms;
    header.deadline_reached = run.deadline_reached;
    header.internal_resolvers = run.internal_resolvers;
    header.external_resolvers = run.external_resolvers;
    header.internal_resolvers_source = run.internal_resolvers_source;
    header.external_resolvers_source = run.external_resolvers_source;
    header.expiry_warn_days = plan.expiry_warn_days;
    for (const PortProbe& p : evidence.ports) {
        if (p.state == PortState::Open) header.open_ports.push_back(OpenPort{p.host, p.address, p.port, p.latency_ms});
    }
    add_served_certificates(evidence, header);
    return header;
}

}  // namespace mobcheck
