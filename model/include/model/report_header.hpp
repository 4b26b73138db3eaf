// What a report says about the run its results come from, beside the results: which mobcheck gathered
// the evidence, what was asked and from where, when and for how long, and the few measurements the
// monitoring formats graph. Built from one Evidence (report_header), or by mobcheck merge from the
// headers of several runs, so a report never needs the Evidence itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/certificate.hpp"
#include "model/evidence.hpp"

namespace mobcheck {

// A TCP connect that completed, and how long it took (Nagios' slowest connect, Prometheus' latency gauge).
struct OpenPort {
    std::string host;
    std::string address;
    std::uint16_t port = 0;
    double latency_ms = 0;
};

// The leaf certificate a completed handshake served, and when it expires (Nagios' days to expiry,
// Prometheus' expiry gauge).
struct ServedCertificate {
    std::string name;  // the name asked for (SNI)
    std::string address;
    std::uint16_t port = 0;
    std::time_t not_after = 0;
    std::time_t probed_at = 0;
    double days_left() const { return static_cast<double>(not_after - probed_at) / 86400.0; }
    std::shared_ptr<const Certificate> leaf;  // what it names (the HTML report holds it against the names required)
};

// One of the runs a merged report combines (mobcheck merge): which file, from where, when.
struct MergedRun {
    std::string file;
    Vantage vantage = Vantage::Internal;
    std::string started_at;
    double duration_ms = 0;
    std::vector<std::string> sip_domains;
    bool deadline_reached = false;
};

// The file mobcheck cert judged, and as which certificate.
struct CertificateFile {
    std::string file;
    std::string role;
    std::size_t pem_blocks = 0;  // certificates in the file (0 for a request)
};

struct ReportHeader {
    std::string tool_version;  // of the mobcheck that gathered the evidence
    std::vector<std::string> sip_domains;
    Vantage vantage = Vantage::Internal;
    std::optional<std::string> internal_web;  // as the run was given them (--internal-web, --external-web)
    std::optional<std::string> external_web;
    std::string started_at;  // ISO 8601 UTC
    double duration_ms = 0;
    bool deadline_reached = false;
    std::vector<std::string> internal_resolvers;  // as used ("127.0.0.53:53")
    std::vector<std::string> external_resolvers;
    std::string internal_resolvers_source;  // "--internal-dns" or "/etc/resolv.conf"
    std::string external_resolvers_source;
    int expiry_warn_days = 30;  // the horizon the run's certificates were judged against
    std::vector<OpenPort> open_ports;
    std::vector<ServedCertificate> certificates;
    // Every certificate a completed handshake served, once, by its SHA-256 fingerprint: the JSON report's
    // `certificates` table, which the tls.* results refer to. A hosting provider's reverse proxy serves one
    // certificate naming a thousand SIP domains for every one of them: its names are kept here once, not
    // once per result (the served certificates above share these too).
    std::map<std::string, std::shared_ptr<const Certificate>> certificate_table;
    std::vector<MergedRun> merged_from;         // a merged report: the runs it combines
    std::optional<CertificateFile> certificate;  // mobcheck cert: the file judged
    std::optional<std::string> replayed_from;    // --replay: the evidence file judged (recorded at started_at)

    // Where the run sat: "internal", "external", or for a merged report "internal + external".
    std::string vantage_label() const;
};

ReportHeader report_header(const Evidence& evidence);

}  // namespace mobcheck
