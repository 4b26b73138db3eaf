// `mobcheck plan` output. The names come from requirements.cpp; nothing is decided here.
#include "report/plan_report.hpp"

#include <algorithm>
#include <ostream>

#include "model/evidence.hpp"
#include "model/strings.hpp"

namespace mobcheck {

namespace {

std::string padded(const std::string& text, std::size_t width) {
    return text.size() >= width ? text + "  " : text + std::string(width - text.size(), ' ');
}

std::string command_line(const DeploymentNames& n) {
    std::string text = "mobcheck plan";
    for (const auto& sip : n.sip_domains) text += " --sip " + sip;
    if (n.internal_web) text += " --internal-web " + *n.internal_web;
    if (n.external_web) text += " --external-web " + *n.external_web;
    if (n.director) text += " --director " + *n.director;
    return text;
}

}  // namespace

void write_plan_text(std::ostream& out, const DeploymentNames& n) {
    out << "What mobile clients need for " << join(n.sip_domains) << "\n";

    const auto records = dns_needs(n);
    std::size_t width = 0;
    for (const auto& r : records) width = std::max(width, r.name.size());
    for (DnsView view : {DnsView::Internal, DnsView::External}) {
        out << "\nDNS records, " << to_string(view) << " view\n";
        for (const auto& r : records) {
            if (r.view != view) continue;
            out << "  " << padded(r.name, width + 2) << padded(r.type, 8) << r.value << "\n";
            out << "  " << std::string(width + 2, ' ') << "  " << r.why << "\n";
        }
    }
    if (n.sip_domains.size() > 0) {
        out << "  (and no lyncdiscoverinternal.<sip> record in the external view)\n";
    }

    for (const auto& need : certificate_needs(n)) {
        out << "\n" << need.title << "  (--role " << need.role << ")\n";
        out << "  subject  CN=" << need.subject << "\n";
        std::size_t w = 0;
        for (const auto& name : need.names) w = std::max(w, name.size());
        for (std::size_t i = 0; i < need.names.size(); ++i) {
            out << (i == 0 ? "  SAN      " : "           ") << padded(need.names[i], w + 2) << need.why[i] << "\n";
        }
    }
    if (!n.internal_web || !n.external_web) {
        out << "\nGive --internal-web and --external-web to see every name.\n";
    }
    out << "\nA wildcard SAN *.<sip> may replace lyncdiscover.<sip> and lyncdiscoverinternal.<sip>; never a wildcard "
           "subject.\n";
    out << "Request one: " << command_line(n) << " --req-config reverse-proxy > proxy.cnf\n"
        << "             openssl req -new -config proxy.cnf -newkey rsa:2048 -nodes -keyout proxy.key -out proxy.csr\n"
        << "Check it:    mobcheck cert proxy.csr --role reverse-proxy";
    for (const auto& sip : n.sip_domains) out << " --sip " << sip;
    if (n.external_web) out << " --external-web " << *n.external_web;
    out << "\n";
}

nlohmann::json plan_json(const DeploymentNames& n) {
    using nlohmann::json;
    json records = json::array();
    for (const auto& r : dns_needs(n)) {
        records.push_back({{"view", to_string(r.view)}, {"name", r.name}, {"type", r.type}, {"value", r.value},
                           {"why", r.why}});
    }
    json certificates = json::array();
    for (const auto& need : certificate_needs(n)) {
        json names = json::array();
        for (std::size_t i = 0; i < need.names.size(); ++i) names.push_back({{"name", need.names[i]}, {"why", need.why[i]}});
        certificates.push_back({{"role", need.role},
                                {"title", need.title},
                                {"subject", need.subject},
                                {"san", need.names},
                                {"names", names},
                                {"openssl_req_config", openssl_req_config(need)}});
    }
    return {{"schema_version", 1},
            {"kind", "mobcheck-plan"},
            {"sip_domains", n.sip_domains},
            {"internal_web", n.internal_web ? json(*n.internal_web) : json(nullptr)},
            {"external_web", n.external_web ? json(*n.external_web) : json(nullptr)},
            {"director", n.director ? json(*n.director) : json(nullptr)},
            {"dns", records},
            {"certificates", certificates}};
}

}  // namespace mobcheck
