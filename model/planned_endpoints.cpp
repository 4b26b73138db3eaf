#include "model/planned_endpoints.hpp"

#include "model/names.hpp"

namespace mobcheck {

std::vector<PlannedEndpoint> planned_endpoints(const Plan& plan, const std::optional<std::string>& external_web) {
    std::vector<PlannedEndpoint> out;
    for (const auto& sip : plan.sip_domains) {
        out.push_back({ProbePurpose::Lyncdiscover, lyncdiscover_name(sip), DnsView::External, sip});
        if (plan.vantage == Vantage::Internal) {
            out.push_back({ProbePurpose::LyncdiscoverInternal, lyncdiscoverinternal_name(sip), DnsView::Internal, sip});
        }
    }
    if (external_web) out.push_back(external_web_endpoint(*external_web));
    return out;
}

PlannedEndpoint external_web_endpoint(const std::string& name) {
    return {ProbePurpose::ExternalWeb, name, DnsView::External, ""};
}

}  // namespace mobcheck
