#include "model/json_text.hpp"
#include "offline_commands.hpp"

#include <set>
#include <sstream>

#include "checks/certificate_file_checks.hpp"
#include "engine/certificate_file.hpp"
#include "engine/engine.hpp"
#include "report/plan_report.hpp"
#include "report/report.hpp"
#include "report_output.hpp"

namespace mobcheck::cli {

namespace {

// A file is one certificate: its properties are reported once, not once per name it serves.
std::vector<Result> once_per_property(std::vector<Result> results, const std::string& file) {
    std::vector<Result> out;
    std::set<std::string> seen;
    for (auto& r : results) {
        if (r.status == Status::Skip && r.subject == "*") continue;  // not for this role
        const bool per_name = r.check.size() > 4 && r.check.compare(r.check.size() - 4, 4, "-san") == 0;
        if (!per_name) {
            if (!seen.insert(r.check).second) continue;
            r.subject = file;
            r.sip_domain.clear();
        }
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

int run_plan(const Options& o) {
    const auto& req = o.plan_request;
    const DeploymentNames names{req.sip_domains, req.internal_web, req.external_web, req.director};
    std::ostringstream out;
    if (req.req_config_role) {
        out << openssl_req_config(*find_need(certificate_needs(names), *req.req_config_role));
    } else if (o.format == Format::Json) {
        out << json_text(plan_json(names)) << "\n";
    } else {
        write_plan_text(out, names);
    }
    ReportSink(o.output).write(out.str());
    return 0;
}

int run_cert(const Options& o, const Registry& registry) {
    const auto& req = o.cert_request;
    CertificateFileRequest file{req.file, req.role, o.plan};
    file.plan.sip_domains = req.sip_domains;
    file.plan.internal_web = req.internal_web;
    file.plan.external_web = req.external_web;
    Evidence evidence;
    try {
        evidence = evidence_from_certificate_file(file);
    } catch (const ConfigError& e) {
        throw UsageError(std::string("cert: ") + e.what());
    }
    const std::vector<Result> results =
        once_per_property(judge(evidence, registry, certificate_file_selection(req.role)), req.file);
    ReportInput input{report_header(evidence), results, registry, o.gate};
    const std::size_t pem_blocks = evidence.tls.empty() ? 0 : evidence.tls.front().chain.size();
    input.header.certificate = CertificateFile{req.file, req.role, pem_blocks};
    ReportSink sink(o.output);
    auto extra = open_extra_reports(o);
    return write_reports(o, input, sink, extra);
}

}  // namespace mobcheck::cli
