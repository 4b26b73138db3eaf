#include "checks/requirements.hpp"

#include <algorithm>

#include "model/names.hpp"

namespace mobcheck {

namespace {

void add(CertificateNeed& need, const std::string& name, const std::string& why) {
    if (std::find(need.names.begin(), need.names.end(), name) != need.names.end()) return;
    need.names.push_back(name);
    need.why.push_back(why);
}

void add_autodiscover(CertificateNeed& need, const DeploymentNames& n, bool internal) {
    for (const auto& sip : n.sip_domains) {
        if (internal) add(need, lyncdiscoverinternal_name(sip), "internal Autodiscover for " + sip);
    }
    for (const auto& sip : n.sip_domains) add(need, lyncdiscover_name(sip), "external Autodiscover for " + sip);
}

std::string or_placeholder(const std::optional<std::string>& name, const char* placeholder) {
    return name ? *name : placeholder;
}

}  // namespace

std::vector<CertificateNeed> certificate_needs(const DeploymentNames& n) {
    std::vector<CertificateNeed> out;
    // Front End pool (and Director): both Autodiscover names on the certificate the web services use
    // (Microsoft, "Certificate summary - Autodiscover": lyncdiscoverinternal and lyncdiscover).
    CertificateNeed fe{"front-end", "Front End pool: default / internal web services certificate", "", {}, {}};
    if (n.internal_web) add(fe, *n.internal_web, "internal web services FQDN (--internal-web)");
    if (n.external_web) add(fe, *n.external_web, "external web services FQDN (--external-web)");
    add_autodiscover(fe, n, true);
    fe.subject = n.internal_web ? *n.internal_web : fe.names.front();
    out.push_back(fe);
    if (n.director) {
        CertificateNeed dir{"director", "Director: default / internal web services certificate", *n.director, {}, {}};
        add(dir, *n.director, "Director FQDN (--director)");
        add_autodiscover(dir, n, true);
        out.push_back(dir);
    }
    // The Front End's external web site serves what the reverse proxy forwards to port 4443.
    CertificateNeed ext{"external-web", "Front End pool: external web services certificate", "", {}, {}};
    if (n.external_web) add(ext, *n.external_web, "external web services FQDN (--external-web)");
    add_autodiscover(ext, n, false);
    ext.subject = ext.names.front();
    out.push_back(ext);
    // The reverse proxy: the public certificate mobile devices see first (Microsoft: "You need to add
    // subject alternative name entries for every SIP domain").
    CertificateNeed rp{"reverse-proxy", "Reverse proxy: public certificate of the web publishing rule", "", {}, {}};
    if (n.external_web) add(rp, *n.external_web, "external web services FQDN (--external-web)");
    add_autodiscover(rp, n, false);
    rp.subject = rp.names.front();
    out.push_back(rp);
    return out;
}

const CertificateNeed* find_need(const std::vector<CertificateNeed>& needs, const std::string& role) {
    for (const auto& need : needs) {
        if (need.role == role) return &need;
    }
    return nullptr;
}

std::vector<DnsNeed> dns_needs(const DeploymentNames& n) {
    std::vector<DnsNeed> out;
    const std::string internal_target = or_placeholder(n.internal_web, "<internal web services FQDN>");
    const std::string external_target = or_placeholder(n.external_web, "<external web services FQDN>");
    for (const auto& sip : n.sip_domains) {
        out.push_back({DnsView::Internal, lyncdiscoverinternal_name(sip), "CNAME", internal_target,
                       "internal Autodiscover (or an A/AAAA record for the internal web services VIP)"});
        // A CNAME into another domain is not supported over HTTPS by mobile clients (Microsoft).
        const bool same_domain = n.external_web && is_in_domain(*n.external_web, sip);
        if (same_domain || !n.external_web) {
            out.push_back({DnsView::External, lyncdiscover_name(sip), "CNAME", external_target,
                           "external Autodiscover (or an A/AAAA record for the reverse proxy's public address)"});
        } else {
            out.push_back({DnsView::External, lyncdiscover_name(sip), "A/AAAA", "<reverse proxy public address>",
                           "external Autodiscover; a CNAME to " + external_target +
                               " would leave " + sip + " and is not supported over HTTPS"});
        }
        out.push_back({DnsView::External, federation_srv_name(sip), "SRV", "0 0 5061 <Access Edge FQDN>",
                       "federation, for push notifications to Lync 2010 Mobile"});
    }
    if (n.external_web) {
        out.push_back({DnsView::External, *n.external_web, "A/AAAA", "<reverse proxy public address>",
                       "external web services, published by the reverse proxy"});
        out.push_back({DnsView::Internal, *n.external_web, "A/AAAA", "<reverse proxy address>",
                       "inside too through the reverse proxy (hairpin), not straight to the pool"});
    }
    if (n.internal_web) {
        out.push_back({DnsView::Internal, *n.internal_web, "A/AAAA", "<internal web services VIP>",
                       "internal web services; never in the external view"});
    }
    return out;
}

std::string openssl_req_config(const CertificateNeed& need) {
    std::string text = "# " + need.title + "\n# openssl req -new -config THIS_FILE -newkey rsa:2048 -nodes -keyout " +
                       need.role + ".key -out " + need.role + ".csr\n";
    text += "[req]\nprompt = no\ndefault_md = sha256\ndistinguished_name = dn\nreq_extensions = ext\n\n";
    text += "[dn]\nCN = " + need.subject + "\n\n";
    text += "[ext]\nbasicConstraints = CA:false\nkeyUsage = critical, digitalSignature, keyEncipherment\n";
    text += "extendedKeyUsage = serverAuth\nsubjectAltName = @alt_names\n\n[alt_names]\n";
    for (std::size_t i = 0; i < need.names.size(); ++i) {
        text += "DNS." + std::to_string(i + 1) + " = " + need.names[i] + "\n";
    }
    return text;
}

std::string english_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

}  // namespace mobcheck
