#include "checks/certificate_file_checks.hpp"

namespace mobcheck {

Selection certificate_file_selection(const std::string& role) {
    Selection s;
    if (role == "front-end" || role == "director") {
        s.only = {"tls.lyncdiscoverinternal-san", "tls.internal-cert-lyncdiscover-san"};
    } else {
        s.only = {"tls.lyncdiscover-san", "tls.external-web-san"};
    }
    for (const char* id : {"tls.chain", "tls.validity", "tls.signature", "tls.server-auth-eku", "tls.no-wildcard-subject"}) {
        s.only.push_back(id);
    }
    return s;
}

}  // namespace mobcheck
