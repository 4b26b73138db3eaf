// topology.*: facts about how the pool's web services are named.
// Rule source (sources.hpp): Microsoft's "Technical requirements for mobility in Lync Server 2013": "Your
// topology must meet the following requirements".
#include "categories.hpp"
#include "sources.hpp"
#include "checks_common.hpp"
#include "http_common.hpp"
#include "model/autodiscover.hpp"
#include "model/evidence_json.hpp"
#include "model/names.hpp"

namespace mobcheck::checks {

namespace {

void check_topology_web_fqdns_distinct(CheckContext& ctx) {
    const Evidence& ev = ctx.evidence();
    const auto internal_web = ev.internal_web();
    const auto external_web = ev.external_web();
    if (!internal_web || !external_web) {
        ctx.emit(Status::Skip, "web FQDNs", "",
                 "needs both web services FQDNs: give --internal-web and --external-web (they are learned from the "
                 "Autodiscover links when lyncdiscoverinternal and lyncdiscover answer)");
        return;
    }
    const std::string names = "internal web FQDN " + *internal_web + ev.internal_web_note() + ", external web FQDN " +
                              *external_web + ev.external_web_note();
    Result* r = nullptr;
    if (*internal_web == *external_web) {
        r = &ctx.broken(*external_web, "",
                        "the internal and the external web services FQDN are the same name (" + names +
                            "): the Mobility Service cannot tell internal from external web services.");
    } else {
        r = &ctx.pass(*external_web, "", names + ": distinct");
    }
    r->evidence = {{"internal_web", *internal_web}, {"external_web", *external_web}};
    if (ev.learned.internal_web || ev.learned.external_web) r->evidence["learned"] = to_json(ev.learned);
}

CheckDef topology_web_fqdns_distinct_entry() {
    return {
        .id = "topology.web-fqdns-distinct",
        .title = "internal and external web FQDNs are distinct",
        .severity = Status::Fail,
        .rule = "The Front End pool's internal web services FQDN differs from its external web services FQDN.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\", the "
                  "topology requirements: \"The Front End pool internal web FQDN must be distinct from the Front End "
                  "pool external web FQDN.\"",
        .remediation = "In Topology Builder, give the pool distinct internal and external web services FQDNs, publish "
                       "the topology, and update DNS and certificates to match.",
        .fn = &check_topology_web_fqdns_distinct,
        .prerequisites = {},
        .reasons = {{"same-fqdn", "the internal and external web services FQDNs are the same name"}},
    };
}

// The OAuth error a token endpoint answered for the sign-in the user document waited for ("invalid_grant"),
// with the token request; "" when it gave none.
std::string token_error(const Evidence& ev, const HttpWalk& document, const HttpWalk** token_walk) {
    for (const auto& w : ev.http) {
        if (w.purpose != ProbePurpose::Token || w.sip_domain != document.sip_domain || w.via != document.via) continue;
        *token_walk = &w;
        const HttpExchange* last = w.last();
        if (last == nullptr || !last->answered()) return "";
        const auto json = nlohmann::json::parse(last->body, nullptr, false);
        if (json.is_object() && json.contains("error") && json["error"].is_string()) return json["error"].get<std::string>();
        return "";
    }
    return "";
}

void check_topology_mobility_urls_external(CheckContext& ctx) {
    const Evidence& ev = ctx.evidence();
    std::vector<const HttpWalk*> documents;
    for (const auto& w : ev.http) {
        if (w.purpose == ProbePurpose::UserDocument) documents.push_back(&w);
    }
    if (documents.empty() && ctx.plan().user) {
        // Asked for and not fetched: the root a phone asks first gave no user link (or no answer at all).
        const std::string user = *ctx.plan().user;
        const std::string sip = upn_domain(user);
        const bool inside = ctx.plan().vantage == Vantage::Internal;
        ctx.emit(Status::Error, "Mobility Service URLs", sip,
                 "--user " + user + " was given, but no user document could be asked for: the Autodiscover root of " +
                     (inside ? lyncdiscoverinternal_name(sip) : lyncdiscover_name(sip)) +
                     " gave no user link to sign in through (http." + (inside ? "lyncdiscoverinternal" : "lyncdiscover") +
                     " and http.user-challenge report why)");
        return;
    }
    if (documents.empty()) {
        ctx.emit(Status::Skip, "Mobility Service URLs", "",
                 "needs the authenticated user document: run with --user USER@SIPDOMAIN (password from "
                 "MOBCHECK_PASSWORD or a prompt)");
        return;
    }
    const auto web = ev.external_web();
    for (const HttpWalk* w : documents) {
        const std::string subject = w->via == ProbePurpose::None ? w->start_url : w->via.text();
        const HttpExchange* last = w->last();
        std::string cause_text;
        if (const Result* cause = w->end == HttpWalkEnd::Unresolved ? transport_cause(ctx, *w, cause_text) : nullptr) {
            ctx.blocked(subject, w->sip_domain, *cause, "no user document: " + cause_text);
            continue;
        }
        if (last == nullptr || !last->answered() || last->status != 200) {
            const HttpWalk* token = nullptr;
            const std::string oauth_error = token_error(ev, *w, &token);
            if (oauth_error == "invalid_grant") {
                // RFC 6749 section 5.2: the grant (here the user name and password) is invalid.
                Result& r = ctx.emit(Status::Error, subject, w->sip_domain,
                                     "the token endpoint " + token->start_url + " refused the user name or password of " +
                                         ctx.plan().user.value_or("the user") +
                                         " (invalid_grant): mobcheck could not sign in to read the user document");
                r.reason = "password-refused";
                r.remediation = "Check the user name given to --user and the password (MOBCHECK_PASSWORD or the prompt): "
                                "sign in with them on a phone or in the Skype for Business client; the account must be "
                                "enabled for Skype for Business and not locked out.";
                r.evidence["token"] = to_json(*token);
                continue;
            }
            Result& r = ctx.emit(Status::Error, subject, w->sip_domain,
                                 "no user document to read: " + (w->detail.empty() ? std::string("see the walk") : w->detail) +
                                     (oauth_error.empty() ? "" : " (the token endpoint answered " + oauth_error + ")"));
            r.reason = oauth_error.empty() ? "no-user-document" : "token-refused";
            r.evidence["walk"] = to_json(*w);
            continue;
        }
        const AutodiscoverDocument doc = parse_autodiscover(last->body, last->header("Content-Type"));
        std::vector<std::string> wrong, right;
        for (const char* token : {"Internal/Mcx", "External/Mcx", "Internal/Ucwa", "External/Ucwa"}) {
            const std::string href = doc.link(token);
            if (href.empty()) continue;
            const std::string host = url_host(href);
            (web && host == *web ? right : wrong).push_back(std::string(token) + " " + href);
        }
        Result* r = nullptr;
        if (!web) {
            r = &web_fqdn_unknown(ctx, true, subject, w->sip_domain, "the Mobility Service URLs cannot be compared with it");
        } else if (right.empty() && wrong.empty()) {
            r = &ctx.broken(subject, w->sip_domain, "the user document names no Mcx or UCWA link (" +
                                                        std::string(to_string(doc.kind)) + " document)");
        } else if (!wrong.empty()) {
            std::string list;
            for (const auto& item : wrong) list += (list.empty() ? "" : "; ") + item;
            r = &ctx.broken(subject, w->sip_domain,
                            "Mobility Service URLs that do not use the external web FQDN " + *web + ev.external_web_note() +
                                ": " + list + ". Phones must reach the Mobility Service through the reverse proxy, "
                                "from inside too.");
        } else {
            r = &ctx.pass(subject, w->sip_domain, "every Mobility Service URL uses " + *web + ": " + std::to_string(right.size()) + " links");
        }
        r->evidence["links"] = nlohmann::json::array();
        for (const auto& l : doc.links) r->evidence["links"].push_back({{"token", l.token}, {"href", l.href}});
    }
}

CheckDef topology_mobility_urls_external_entry() {
    return {
        .id = "topology.mobility-urls-external",
        .title = "the Mobility Service URLs use the external web FQDN",
        .severity = Status::Fail,
        .rule = "In the authenticated user document (--user), the Mcx and UCWA links of both access locations "
                "(Internal/Mcx, External/Mcx, Internal/Ucwa, External/Ucwa) use the external web services FQDN: phones "
                "inside and outside reach the Mobility Service through the reverse proxy. Skipped without --user.",
        .source = std::string(kMobilityRequirements) + ", section \"Internal and External DNS Configuration\", the "
                  "topology requirements: \"For a user who is inside the corporate network, the Mobility Service URL "
                  "must be addressed to the external web FQDN\"",
        .remediation = "In Topology Builder, set the pool's external web services FQDN to the name published through "
                       "the reverse proxy and publish the topology; the Internal/ Mobility URLs then use it too.",
        .fn = &check_topology_mobility_urls_external,
        .prerequisites = {"dns.resolver", "dns.lyncdiscoverinternal", "dns.lyncdiscover"},
        .reasons = {{"urls-not-external", "a Mobility Service URL does not use the external web FQDN, or the document names none"}, {"password-refused", "the token endpoint refused the user name or password (invalid_grant)"}, {"token-refused", "the token endpoint answered another OAuth error"}, {"no-user-document", "no user document could be fetched"}, {"web-fqdn-unknown", "the external web services FQDN was neither given nor learned"}},
    };
}

}  // namespace

void register_topology_checks(Registry& registry) {
    registry.add(topology_web_fqdns_distinct_entry());
    registry.add(topology_mobility_urls_external_entry());
}

}  // namespace mobcheck::checks
