// The built-in check catalogue: one entry per check, in report order. --list-checks, --explain,
// docs/checks.md and the reports all come from this table; severities live here and nowhere else.
#include "checks.hpp"

namespace mobcheck {

namespace {
constexpr const char* kSeedDns = "Technical requirements for mobility (seed), \"Internal and External DNS Configuration\"";
constexpr const char* kSeedTopology = "Technical requirements for mobility (seed), topology requirements";
constexpr const char* kSeedPorts = "Technical requirements for mobility (seed), \"Port and Firewall Requirements\"";
constexpr const char* kMsDnsSummary = "Microsoft, \"DNS summary - Autodiscover in Lync Server 2013\"";
constexpr const char* kSeedCerts = "Technical requirements for mobility (seed), \"Certificate Requirements\"";
constexpr const char* kSeedReverseProxy = "Technical requirements for mobility (seed), \"Reverse Proxy Requirements\"";
constexpr const char* kSeedHairpin = "Technical requirements for mobility (seed), the reverse proxy hairpin";
constexpr const char* kSeedLoadBalancer = "Technical requirements for mobility (seed), \"Hardware Load Balancer Requirements\"";
constexpr const char* kSeedIis = "Technical requirements for mobility (seed), \"Internet Information Services (IIS) Requirements\"";
constexpr const char* kSeedMobility = "Technical requirements for mobility (seed), Mobility Service (Mcx and UCWA)";
constexpr const char* kMsCertSummary = "Microsoft, \"Certificate summary - Autodiscover in Lync Server 2013\"";
}  // namespace

void register_builtin_checks(Registry& registry) {
    using namespace checks;
    registry.add({
        "dns.lyncdiscoverinternal",
        "lyncdiscoverinternal.<sip> resolves in the internal DNS view",
        Status::Fail,
        "For every SIP domain, lyncdiscoverinternal.<sip> resolves (A/AAAA, directly or through a CNAME) in the "
        "internal DNS view. Mobile devices on the corporate network try it first.",
        std::string(kSeedDns) + ": \"An internal DNS record to support mobile users who connect from within your "
                                "organization's network\"; " + kMsDnsSummary,
        "Create lyncdiscoverinternal.<sip> in the internal DNS zone of the SIP domain: an A/AAAA record for the "
        "internal web services address of the Front End pool or Director, or a CNAME to its internal web FQDN.",
        &check_dns_lyncdiscoverinternal,
    });
    registry.add({
        "dns.lyncdiscover",
        "lyncdiscover.<sip> resolves in the external DNS view",
        Status::Fail,
        "For every SIP domain, lyncdiscover.<sip> resolves in the public (external) DNS view. Mobile devices on the "
        "Internet reach the Autodiscover service through it, via the reverse proxy.",
        std::string(kSeedDns) + ": \"An external, or public, DNS record to support mobile users who connect from "
                                "the Internet\"; " + kMsDnsSummary,
        "Create lyncdiscover.<sip> in the public DNS zone of the SIP domain: an A/AAAA record for the reverse "
        "proxy's public address, or a CNAME to the external web services FQDN.",
        &check_dns_lyncdiscover,
    });
    registry.add({
        "dns.internal-name-hidden",
        "lyncdiscoverinternal.<sip> is not addressable from outside",
        Status::Warn,
        "lyncdiscoverinternal.<sip> does not resolve in the external DNS view.",
        std::string(kSeedDns) + ": \"The internal automatic discovery URL should not be addressable from outside "
                                "your network.\"",
        "Remove lyncdiscoverinternal.<sip> from the public DNS zone; keep it in the internal zone only.",
        &check_dns_internal_name_hidden,
    });
    registry.add({
        "dns.external-name-inside",
        "lyncdiscover.<sip> resolving inside is tolerated",
        Status::Info,
        "lyncdiscover.<sip> should not resolve in the internal DNS view; when it does, clients are rarely affected "
        "because the internal URL is always tried first.",
        std::string(kSeedDns) + ": \"The external automatic discovery URL should not be addressable from within your "
                                "network. However, if you cannot meet this requirement ... mobile client "
                                "functionally will probably not be affected\"",
        "Nothing is required. Ideally, remove lyncdiscover.<sip> from the internal DNS view.",
        &check_dns_external_name_inside,
    });
    registry.add({
        "dns.cname-domain",
        "the external lyncdiscover CNAME chain stays in the SIP domain",
        Status::Warn,
        "When lyncdiscover.<sip> is a CNAME, every target stays inside the SIP domain. A CNAME to another domain is "
        "not supported over HTTPS by mobile clients (they do not accept certificates of different domains) and "
        "needs the reverse proxy's HTTP port 80 publishing rule for the first request.",
        std::string(kSeedDns) + ": \"CNAME redirection to different domains is not supported over HTTPS ... you "
                                "need to configure your reverse proxy with a web publishing rule for port 80\"",
        "Publish lyncdiscover.<sip> with an A/AAAA record or a CNAME inside the SIP domain (and put it on the "
        "reverse proxy certificate), or publish the Autodiscover service over HTTP port 80 on the reverse proxy.",
        &check_dns_cname_domain,
    });
    registry.add({
        "dns.chain-health",
        "no CNAME loop, dangling CNAME or SERVFAIL",
        Status::Fail,
        "Every name mobcheck looks up (the automatic discovery names, the federation SRV record, the web services "
        "FQDNs) resolves without a CNAME loop, a CNAME to a name that does not exist, an over-long chain, or "
        "SERVFAIL, in either view.",
        std::string(kSeedDns) + ": \"The DNS records can be either CNAME records or A (host ...) records\"; a "
                                "broken chain resolves for no client",
        "Fix the record named in the message: break the loop, point the CNAME at a name that exists, or repair the "
        "zone (or delegation) the server answers SERVFAIL for.",
        &check_dns_chain_health,
    });
    registry.add({
        "dns.web-internal-private",
        "the internal web FQDN does not resolve from outside",
        Status::Fail,
        "The pool's internal web services FQDN (--internal-web) does not resolve in the external DNS view.",
        std::string(kSeedTopology) + ": \"The internal web FQDN must only resolve to and be accessible from inside "
                                     "the corporate network.\"",
        "Remove the internal web services FQDN from the public DNS zone.",
        &check_dns_web_internal_private,
    });
    registry.add({
        "dns.web-external-public",
        "the external web FQDN resolves from outside",
        Status::Fail,
        "The pool's external web services FQDN (--external-web) resolves in the external DNS view.",
        std::string(kSeedTopology) + ": \"The external web FQDN must only resolve to and be accessible from the "
                                     "Internet.\"",
        "Publish the external web services FQDN in the public DNS zone, pointing at the reverse proxy.",
        &check_dns_web_external_public,
    });
    registry.add({
        "dns.web-external-via-proxy",
        "inside, the external web FQDN goes through the reverse proxy",
        Status::Warn,
        "In the internal DNS view, the external web services FQDN does not point straight at an internal web "
        "services address (the internal web FQDN's, or what lyncdiscoverinternal.<sip> points at): mobile traffic "
        "from inside must still go through the reverse proxy (hairpin).",
        "Technical requirements for mobility (seed): \"All Mobility Service traffic goes through the reverse proxy, "
        "regardless of where the origination point is\"; \"Use the DNS host or CNAME records to define the reverse "
        "proxy for the hairpin behavior\"",
        "In the internal DNS view, point the external web services FQDN at the reverse proxy (allowing the hairpin), "
        "not at the Front End pool or Director.",
        &check_dns_web_external_via_proxy,
    });
    registry.add({
        "dns.federation-srv",
        "_sipfederationtls._tcp.<sip> SRV exists externally",
        Status::Warn,
        "For every SIP domain, the _sipfederationtls._tcp.<sip> SRV record exists in the external view: push "
        "notifications for Lync 2010 Mobile go through the push notification clearing house over federation.",
        std::string(kMsDnsSummary) + "; Microsoft, \"Technical requirements for mobility\": push notifications",
        "Publish _sipfederationtls._tcp.<sip> SRV 0 0 5061 <Edge access FQDN> in the public DNS zone.",
        &check_dns_federation_srv,
    });
    registry.add({
        "topology.web-fqdns-distinct",
        "internal and external web FQDNs are distinct",
        Status::Fail,
        "The Front End pool's internal web services FQDN differs from its external web services FQDN.",
        std::string(kSeedTopology) + ": \"The Front End pool internal web FQDN must be distinct from the Front End "
                                     "pool external web FQDN.\"",
        "In Topology Builder, give the pool distinct internal and external web services FQDNs, publish the topology, "
        "and update DNS and certificates to match.",
        &check_topology_web_fqdns_distinct,
    });
    registry.add({
        "topology.mobility-urls-external",
        "the Mobility Service URLs use the external web FQDN",
        Status::Fail,
        "In the authenticated user document (--user), the Mcx and UCWA links of both access locations "
        "(Internal/Mcx, External/Mcx, Internal/Ucwa, External/Ucwa) use the external web services FQDN: phones "
        "inside and outside reach the Mobility Service through the reverse proxy. Skipped without --user.",
        std::string(kSeedTopology) + ": \"For a user who is inside the corporate network, the Mobility Service URL "
                                     "must be addressed to the external web FQDN\"",
        "In Topology Builder, set the pool's external web services FQDN to the name published through the reverse "
        "proxy and publish the topology; the Internal/ Mobility URLs then use it too.",
        &check_topology_mobility_urls_external,
    });
    registry.add({
        "http.lyncdiscoverinternal",
        "https://lyncdiscoverinternal.<sip>/ answers an Autodiscover root",
        Status::Fail,
        "For every SIP domain, GET https://lyncdiscoverinternal.<sip>/ at its internal-view address (as a phone on "
        "the Wi-Fi asks first) returns an Autodiscover root: JSON with a user link, XML <Root> with a User link, or "
        "a redirect that mobcheck follows to one. Redirects to another domain, loops and more than 6 requests are "
        "failed hops. Skipped from vantage external.",
        std::string(kSeedDns) + ": \"a connection is first attempted to the FQDN that is associated with the internal "
                                "DNS record\"",
        "Make lyncdiscoverinternal.<sip> reach the Autodiscover service of the Front End pool or Director over HTTPS.",
        &check_http_lyncdiscoverinternal,
    });
    registry.add({
        "http.lyncdiscover",
        "https://lyncdiscover.<sip>/ answers an Autodiscover root",
        Status::Fail,
        "For every SIP domain, GET https://lyncdiscover.<sip>/ at its external-view address (through the reverse "
        "proxy) returns an Autodiscover root. Info instead of fail when only the HTTP port 80 path works, which the "
        "rules support.",
        std::string(kSeedReverseProxy) + "; " + kSeedDns + ": \"External Autodiscover requests go through the reverse "
                                                           "proxy\"",
        "Publish lyncdiscover.<sip> on the reverse proxy (443 to the pool's external web services on 4443) with a "
        "certificate covering it, or over HTTP port 80 (to the pool's 8080).",
        &check_http_lyncdiscover,
    });
    registry.add({
        "http.lyncdiscover-port80",
        "http://lyncdiscover.<sip>/ is published when it is needed",
        Status::Fail,
        "GET http://lyncdiscover.<sip>/ returns an Autodiscover root over plain HTTP (a redirect is followed only "
        "while it stays on HTTP: the rule must not redirect to HTTPS). Fail when the rule is needed, because the "
        "external CNAME of lyncdiscover.<sip> leaves the SIP domain or the reverse proxy certificate lacks "
        "lyncdiscover.<sip>; info otherwise.",
        std::string(kSeedDns) + ": \"a mobile device client needs to use HTTP for the first request ... you need to "
                                "configure your reverse proxy with a web publishing rule for port 80\"; " +
            kSeedReverseProxy,
        "On the reverse proxy, create a web publishing rule for HTTP/TCP 80 including lyncdiscover.<sip>, forwarding "
        "to the pool's external web services on 8080, without redirecting to HTTPS.",
        &check_http_lyncdiscover_port80,
    });
    registry.add({
        "http.autodiscover-links",
        "the external Autodiscover links point at the external web FQDN",
        Status::Fail,
        "Every link of the external Autodiscover root (self, user, xframe; Domain, User, OAuth) names the external "
        "web services FQDN, never a name that resolves only inside.",
        std::string(kSeedTopology) + ": \"For a user who is outside the corporate network, the request must go to the "
                                     "external web FQDN of the Front End pool or Director\"",
        "Set the external web services FQDN in Topology Builder and make the reverse proxy forward to the pool's "
        "external web services (4443), which answer with external links.",
        &check_http_autodiscover_links,
    });
    registry.add({
        "http.user-challenge",
        "the user link answers 401 with an OAuth challenge",
        Status::Fail,
        "The user link of every Autodiscover root, asked without credentials, answers 401 with an MsRtcOAuth (or "
        "WebTicket/Bearer) challenge that tells the client where to get a token.",
        "Microsoft, Autodiscover protocol for UCWA and Lync mobile clients (SPEC §4)",
        "Let the user link reach the pool's Autodiscover service without pre-authentication on the reverse proxy, and "
        "keep its WWW-Authenticate headers intact.",
        &check_http_user_challenge,
    });
    registry.add({
        "http.hairpin",
        "from inside, the external web FQDN answers at its public address",
        Status::Fail,
        "From vantage internal, an HTTPS request to the external web services FQDN at its external-view (public) "
        "address gets an answer: the hairpin through the reverse proxy is allowed. Skipped from vantage external.",
        std::string(kSeedHairpin) + ": \"Hair pinning ... must be allowed in order for mobility to function\"",
        "Allow the hairpin at the reverse proxy's external interface (keep the spoofing rule at the firewall).",
        &check_http_hairpin,
    });
    registry.add({
        "http.source-affinity",
        "fresh connections land on one Front End",
        Status::Warn,
        "Four fresh connections from this host to the external web services' Autodiscover root are all answered by "
        "the same Front End (X-MS-Server-Fqdn): the load balancer keeps source affinity.",
        std::string(kSeedLoadBalancer) + ": \"the external Web Services virtual IPs (VIPs) for Web Services traffic "
                                         "must be configured for source\"",
        "Configure source (TCP) affinity on the load balancer's web services VIPs.",
        &check_http_source_affinity,
    });
    registry.add({
        "http.mobility-service",
        "the Mobility Service answers through the external web FQDN",
        Status::Fail,
        "https://<external web>/ucwa/ (Lync 2013 Mobile) and /Mcx/McxService.svc (Lync 2010 Mobile) answer 200, 401 "
        "or 403, not 404: the virtual directories exist and are published. Fail for UCWA, warn for Mcx.",
        std::string(kSeedMobility) + ": \"Lync 2010 Mobile uses the Mobility Service known as Mcx ... Lync 2013 mobile "
                                     "clients use the Unified Communications Web API, or UCWA\"",
        "Install the Mobility Service (Lync Server 2013 CU February 2013 or later) and publish /ucwa/ and /Mcx/ of the "
        "external web services on the reverse proxy.",
        &check_http_mobility_service,
    });
    registry.add({
        "http.iis-version",
        "the web services run IIS 7.5 or newer",
        Status::Warn,
        "The Server header of every Front End that answered (named by X-MS-Server-Fqdn) shows IIS 7.5, 8.0, 8.5 or "
        "newer. Info when there is no header or another product's (a reverse proxy may replace it).",
        std::string(kSeedIis) + ": \"We recommend that you use IIS 7.5, IIS 8.0, or IIS 8.5 for mobility\"",
        "Run the Front End on Windows Server 2008 R2 or later (IIS 7.5+).",
        &check_http_iis_version,
    });
    registry.add({
        "tls.lyncdiscover-san",
        "the reverse proxy certificate covers lyncdiscover.<sip>",
        Status::Fail,
        "For every SIP domain, the certificate served for lyncdiscover.<sip> on 443 (the reverse proxy, at each of "
        "the name's external-view addresses) covers that name in its subject alternative names (RFC 6125; a "
        "wildcard *.<sip> entry covers it). A mobile device on the Internet refuses the Autodiscover service "
        "otherwise.",
        std::string(kSeedCerts) + ": \"You need to add subject alternative name entries for every SIP domain in your "
                                  "organization\"; " + kMsCertSummary,
        "Reissue the reverse proxy certificate with lyncdiscover.<sip> for every SIP domain in its subject "
        "alternative names (mobcheck plan lists them), or publish the first Autodiscover request over HTTP port 80.",
        &check_tls_lyncdiscover_san,
    });
    registry.add({
        "tls.lyncdiscoverinternal-san",
        "the Front End / Director certificate covers lyncdiscoverinternal.<sip>",
        Status::Fail,
        "For every SIP domain, the certificate served for lyncdiscoverinternal.<sip> on 443 (the Front End pool or "
        "Director, at each of the name's internal-view addresses) covers that name. Skipped from vantage external.",
        std::string(kSeedCerts) + ": \"request and assign new certificates, adding the subject alternative name "
                                  "entries ... for each Front End Server and Director that runs the Autodiscover "
                                  "Service\"; " + kMsCertSummary,
        "Reissue the Front End pool's and every Director's certificate with lyncdiscoverinternal.<sip> for every SIP "
        "domain (Request-CsCertificate / the Certificate Wizard), and assign it.",
        &check_tls_lyncdiscoverinternal_san,
    });
    registry.add({
        "tls.internal-cert-lyncdiscover-san",
        "the Front End / Director certificate also covers lyncdiscover.<sip>",
        Status::Warn,
        "The certificate served for lyncdiscoverinternal.<sip> (Front End pool or Director) also covers "
        "lyncdiscover.<sip>, as Microsoft's certificate summary lists both names on it. Skipped from vantage "
        "external.",
        std::string(kMsCertSummary) + ": Front End pool and Director, \"SAN=lyncdiscoverinternal.<sipdomain>\" and "
                                      "\"SAN=lyncdiscover.<sipdomain>\"",
        "Add lyncdiscover.<sip> for every SIP domain to the Front End pool's and every Director's certificate when "
        "it is next reissued.",
        &check_tls_internal_cert_lyncdiscover_san,
    });
    registry.add({
        "tls.external-web-san",
        "the certificate at the external web FQDN covers it",
        Status::Fail,
        "The certificate served for the external web services FQDN (--external-web) on 443, at each of its "
        "external-view addresses, covers that name. The Mobility Service (UCWA, Mcx) is reached through it.",
        std::string(kSeedCerts) + "; Microsoft, \"Configuring the reverse proxy for mobility\"",
        "Reissue the reverse proxy certificate (and the Front End's external web services certificate) with the "
        "external web services FQDN as subject and subject alternative name.",
        &check_tls_external_web_san,
    });
    registry.add({
        "tls.chain",
        "the served chain builds to a trusted root",
        Status::Fail,
        "At every Autodiscover and web services endpoint, the chain the server sends builds to a trusted root (the "
        "system store plus --ca-file), with every intermediate certificate served. Mobile devices do not fetch "
        "missing intermediates. Dates, names and key usage are judged by their own checks.",
        std::string(kSeedCerts) + ": \"secure connections from the mobile clients\"; a device trusts only a complete "
                                  "chain to a root it knows",
        "Serve the complete chain (the certificate, then every intermediate) from a CA the devices trust; give an "
        "enterprise root to mobcheck with --ca-file.",
        &check_tls_chain,
    });
    registry.add({
        "tls.validity",
        "the served certificates are within their validity period",
        Status::Fail,
        "No served certificate is expired or not yet valid at the moment of the probe (fail); none expires within "
        "--expiry-warn-days days, 30 by default (warn).",
        std::string(kSeedCerts) + ": \"secure connections from the mobile clients\" need a valid certificate",
        "Renew the certificate before it expires and install it with its intermediate chain.",
        &check_tls_validity,
    });
    registry.add({
        "tls.signature",
        "no weak signature or key",
        Status::Warn,
        "No certificate below the root is signed with SHA-1 or MD5, and every key is RSA of at least 2048 bits or "
        "EC of at least 256 bits.",
        std::string(kSeedCerts) + "; current mobile platforms (iOS, Android) reject SHA-1 and 1024-bit RSA "
                                  "certificates",
        "Request a new certificate with an RSA 2048-bit or EC P-256 key, signed with SHA-256 or stronger.",
        &check_tls_signature,
    });
    registry.add({
        "tls.server-auth-eku",
        "the certificate allows TLS server authentication",
        Status::Fail,
        "The served certificate's extended key usage includes Server Authentication (id-kp-serverAuth); iOS 13 and "
        "later also require the extension to be present.",
        std::string(kSeedCerts) + "; the certificate secures a TLS server",
        "Reissue the certificate from a web server template (Server Authentication EKU).",
        &check_tls_server_auth_eku,
    });
    registry.add({
        "tls.no-wildcard-subject",
        "the subject is not a wildcard",
        Status::Warn,
        "The served certificate's subject CN is a fully qualified name: wildcards are supported only as subject "
        "alternative names.",
        std::string(kMsCertSummary) + ": wildcard certificates are supported for lyncdiscover and "
                                      "lyncdiscoverinternal as SAN entries, never as the subject",
        "Request the certificate with a fully qualified subject; keep wildcards in the subject alternative names.",
        &check_tls_no_wildcard_subject,
    });
    registry.add({
        "tls.protocol",
        "TLS 1.2 or newer is negotiated",
        Status::Fail,
        "Every Autodiscover and web services endpoint negotiates TLS 1.2 or TLS 1.3 when offered (mobcheck offers up "
        "to TLS 1.3).",
        "Current Skype for Business and Lync mobile apps (iOS, Android) connect only with TLS 1.2 or newer",
        "Enable TLS 1.2 on the server named and disable TLS 1.0 and 1.1.",
        &check_tls_protocol,
    });
    registry.add({
        "ports.apns",
        "outbound TCP 5223 to the Apple Push Notification Service",
        Status::Warn,
        "From the corporate network (Wi-Fi), an outbound TCP connection to the Apple Push Notification Service on "
        "port 5223 (--apns, default courier.push.apple.com:5223) succeeds. Apple devices on the Wi-Fi get push "
        "notifications through it; Lync 2013 Mobile does not need them. Skipped from vantage external.",
        std::string(kSeedPorts) + ": \"you also need to open port 5223 on your enterprise Wi-Fi network. Port 5223 is "
                                  "an outbound TCP port used by the Apple Push Notification Service (APNS)\"",
        "On the firewall between the corporate Wi-Fi and the Internet, allow outbound TCP 5223 to Apple's push "
        "network (17.0.0.0/8).",
        &check_ports_apns,
    });
    registry.add({
        "ports.sba-ucwa-external",
        "TCP 5088 (UcwaSipExternalListeningPort) open on every SBA",
        Status::Fail,
        "Every Survivable Branch Appliance given with --sba answers on TCP 5088, its UcwaSipExternalListeningPort. "
        "Skipped without --sba; from vantage external the port must not answer (warn when it does).",
        std::string(kSeedPorts) + ": \"UcwaSipExternalListeningPort requires port 5088\"",
        "Open TCP 5088 from the Front End pool to the appliance, and make sure the appliance listens on it.",
        &check_ports_sba_ucwa_external,
    });
    registry.add({
        "ports.sba-ucwa-primary",
        "TCP 5089 (UcwaSipPrimaryListeningPort) open on every SBA",
        Status::Fail,
        "Every Survivable Branch Appliance given with --sba answers on TCP 5089, its UcwaSipPrimaryListeningPort. "
        "Skipped without --sba; from vantage external the port must not answer (warn when it does).",
        std::string(kSeedPorts) + ": \"UcwaSipPrimaryListeningPort requires port 5089\"",
        "Open TCP 5089 from the Front End pool to the appliance, and make sure the appliance listens on it.",
        &check_ports_sba_ucwa_primary,
    });
}

const Registry& builtin_registry() {
    static const Registry registry = [] {
        Registry r;
        register_builtin_checks(r);
        return r;
    }();
    return registry;
}

}  // namespace mobcheck
