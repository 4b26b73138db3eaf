#include "phone_path.hpp"

#include <algorithm>
#include <functional>

#include "model/autodiscover.hpp"
#include "model/names.hpp"

namespace mobcheck::html {

namespace {

// Which results judge a step: a check (or every check of a category, "tls.*") about a subject (or
// every subject that starts so, "https://webext.contoso.com/*").
struct Judges {
    std::string check;
    std::string subject;
};

bool matches(const std::string& pattern, const std::string& text) {
    if (!pattern.empty() && pattern.back() == '*') return text.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
    return text == pattern;
}

std::vector<const Result*> judged_by(const std::vector<Judges>& by, const std::vector<const Result*>& results) {
    std::vector<const Result*> found;
    for (const Result* r : results) {
        if (std::any_of(by.begin(), by.end(), [&](const Judges& j) { return matches(j.check, r->check) && matches(j.subject, r->subject); })) {
            found.push_back(r);
        }
    }
    // In report order whatever order they were given in (the pointers are into the run's results),
    // so that a step links to the same result whichever list it was drawn from.
    std::sort(found.begin(), found.end(), std::less<const Result*>());
    return found;
}

const Result* first_of(const std::vector<const Result*>& results, const std::string& check, const std::string& subject) {
    for (const Result* r : results) {
        if (r->check == check && r->subject == subject) return r;
    }
    return nullptr;
}

// What the run saw, read from the results' evidence (the checks' own JSON). A replayed or merged
// report may lack any part of it, so every read is guarded and a missing part shows nothing.
const nlohmann::json* member(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

// A member of a result's evidence, as a copy (the evidence is kept packed): null when the result or
// the member is missing. present() turns it into the pointer member() gives.
nlohmann::json evidence_member(const Result* r, const char* key) {
    if (r == nullptr) return nullptr;
    const nlohmann::json evidence = r->evidence.json();
    const nlohmann::json* m = member(evidence, key);
    return m != nullptr ? *m : nlohmann::json();
}

const nlohmann::json* present(const nlohmann::json& j) { return j.is_null() ? nullptr : &j; }

std::string text(const nlohmann::json* j) { return j != nullptr && j->is_string() ? j->get<std::string>() : ""; }

void add_once(std::vector<std::string>& seen, std::string line) {
    if (!line.empty() && std::find(seen.begin(), seen.end(), line) == seen.end()) seen.push_back(std::move(line));
}

std::string outcome_words(const std::string& outcome) {
    if (outcome == "nxdomain") return "does not exist (NXDOMAIN)";
    if (outcome == "nodata") return "no address (NODATA)";
    if (outcome == "dangling-cname") return "CNAME to nowhere";
    if (outcome == "cname-loop") return "CNAME loop";
    if (outcome == "chain-too-long") return "CNAME chain too long";
    if (outcome == "servfail") return "SERVFAIL";
    if (outcome == "refused") return "REFUSED";
    if (outcome == "timeout") return "no answer (timeout)";
    return "lookup " + outcome;
}

// A request's failure tag (the HTTP client's), in words that fit a box; the whole error is in the
// result's evidence, a click away.
std::string failure_words(const std::string& failure) {
    if (failure == "timeout") return "no answer (timeout)";
    if (failure == "connect") return "cannot connect";
    if (failure == "tls-verify") return "certificate not accepted";
    if (failure == "tls") return "TLS handshake failed";
    if (failure == "too-large" || failure == "headers-too-large") return "answer too large";
    if (failure == "protocol") return "not an HTTP answer";
    return "request failed";
}

// A DNS answer: its CNAME hops, then its addresses, or why there is none.
void add_dns_answer(std::vector<std::string>& seen, const Result* r) {
    const nlohmann::json dns_member = evidence_member(r, "dns");
    const nlohmann::json* dns = present(dns_member);
    if (dns == nullptr) return;
    if (const auto* chain = member(*dns, "chain"); chain != nullptr && chain->is_array()) {
        for (const auto& hop : *chain) {
            if (const std::string target = text(member(hop, "target")); !target.empty()) add_once(seen, "CNAME " + target);
        }
    }
    if (const auto* addresses = member(*dns, "addresses"); addresses != nullptr && addresses->is_array()) {
        for (const auto& a : *addresses) {
            if (!a.is_string()) continue;
            const std::string address = a.get<std::string>();
            add_once(seen, (address.find(':') != std::string::npos ? "AAAA " : "A ") + address);
        }
    }
    if (const std::string outcome = text(member(*dns, "outcome")); !outcome.empty() && outcome != "resolved") {
        add_once(seen, outcome_words(outcome));
    }
}

// The addresses a TLS endpoint was probed at (every member of a VIP), and any that did not complete.
void add_tls_addresses(std::vector<std::string>& seen, const std::vector<const Result*>& results) {
    for (const Result* r : results) {
        const nlohmann::json probes_member = evidence_member(r, "probes");
        const auto* probes = present(probes_member);
        if (probes == nullptr || !probes->is_array() || r->check.rfind("tls.", 0) != 0) continue;
        for (const auto& probe : *probes) {
            const std::string address = text(member(probe, "address")), outcome = text(member(probe, "outcome"));
            if (address.empty()) continue;
            add_once(seen, outcome.empty() || outcome == "handshake" ? "at " + address : address + ": " + outcome);
        }
    }
}

// The walk's last answer ("HTTP 401", or why there was none), prefixed ("user link: HTTP 401").
void add_walk_answer(std::vector<std::string>& seen, const nlohmann::json* walk, const std::string& prefix) {
    const nlohmann::json* hops = walk != nullptr ? member(*walk, "hops") : nullptr;
    if (hops == nullptr || !hops->is_array() || hops->empty()) return;
    const nlohmann::json& last = hops->back();
    const std::string failure = text(member(last, "failure"));
    const auto* status = member(last, "status");
    if (!failure.empty()) {
        add_once(seen, prefix + failure_words(failure));
    } else if (status != nullptr && status->is_number_integer() && status->get<int>() > 0) {
        add_once(seen, prefix + "HTTP " + std::to_string(status->get<int>()));
    }
}

void add_walk_answer(std::vector<std::string>& seen, const Result* r, const std::string& prefix) {
    const nlohmann::json walk = evidence_member(r, "walk");
    add_walk_answer(seen, present(walk), prefix);
}

// Where a walk's last request went ("reached at 192.0.2.10"), or why it did not get there.
void add_walk_address(std::vector<std::string>& seen, const Result* r) {
    const nlohmann::json walk = evidence_member(r, "walk");
    const nlohmann::json* hops = present(walk) != nullptr ? member(walk, "hops") : nullptr;
    if (hops == nullptr || !hops->is_array() || hops->empty()) return;
    const std::string failure = text(member(hops->back(), "failure")), address = text(member(hops->back(), "address"));
    if (!failure.empty()) {
        add_once(seen, failure_words(failure));
    } else if (!address.empty()) {
        add_once(seen, "reached at " + address);
    }
}

// The Front End servers behind the answers: Lync and Skype for Business name themselves in
// X-MS-Server-Fqdn, also through a reverse proxy.
void add_front_ends(std::vector<std::string>& seen, const std::vector<const Result*>& results) {
    for (const Result* r : results) {
        const nlohmann::json walk = evidence_member(r, "walk");
        const nlohmann::json* hops = present(walk) != nullptr ? member(walk, "hops") : nullptr;
        if (hops == nullptr || !hops->is_array()) continue;
        for (const auto& hop : *hops) {
            const auto* headers = member(hop, "headers");
            if (headers == nullptr || !headers->is_array()) continue;
            for (const auto& h : *headers) {
                if (!h.is_array() || h.size() != 2 || !h[0].is_string() || !h[1].is_string()) continue;
                std::string name = h[0].get<std::string>();
                std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
                if (name == "x-ms-server-fqdn") add_once(seen, "Front End " + h[1].get<std::string>());
            }
        }
    }
}

// The host a user link named: where the phone goes for its web services.
std::string user_link_host(const Result* challenge) {
    const nlohmann::json walk_member = evidence_member(challenge, "walk");
    const nlohmann::json* walk = present(walk_member);
    if (walk == nullptr) return "";
    if (const auto* hops = member(*walk, "hops"); hops != nullptr && hops->is_array() && !hops->empty()) {
        if (std::string host = url_host(text(member(hops->front(), "url"))); !host.empty()) return host;
    }
    return url_host(text(member(*walk, "start_url")));
}

Step step(std::string label, std::string role, const std::vector<Judges>& by, const std::vector<const Result*>& results) {
    return Step{std::move(label), std::move(role), judged_by(by, results), {}};
}

// The three steps a phone takes to an Autodiscover root, the same inside and out: the discovery
// name in its DNS view, the TLS endpoint that answers it, the root. Each view names its own checks.
struct DiscoveryChecks {
    const char* dns_role;     // "internal DNS"
    const char* tls_role;     // "Front End or Director (TLS)"
    std::vector<std::string> dns_checks;  // judging the name, about the SIP domain; the first holds the answer
    std::string san_check;    // the certificate's coverage of the name
    std::vector<std::string> root_checks;  // judging the root, about the SIP domain; the first holds the walk
};

void add_discovery_steps(PhonePath& path, const std::string& sip, const std::string& name, const DiscoveryChecks& c,
                         const std::vector<const Result*>& results) {
    std::vector<Judges> by;
    for (const auto& check : c.dns_checks) by.push_back({check, sip});
    Step& dns = path.steps.emplace_back(step(name, c.dns_role, by, results));
    add_dns_answer(dns.seen, first_of(results, c.dns_checks.front(), sip));
    Step& tls = path.steps.emplace_back(step(name + ":443", c.tls_role, {{"tls.*", name + ":443"}, {c.san_check, sip}}, results));
    add_tls_addresses(tls.seen, tls.results);
    by.clear();
    for (const auto& check : c.root_checks) by.push_back({check, sip});
    Step& root = path.steps.emplace_back(step("https://" + name + "/", "Autodiscover root", by, results));
    add_walk_answer(root.seen, first_of(results, c.root_checks.front(), sip), "");
    add_front_ends(root.seen, root.results);
}

}  // namespace

Status Step::status() const {
    if (results.empty()) return Status::Skip;
    Status worst = Status::Pass;
    for (const Result* r : results) {
        const Status s = r->waived() ? Status::Info : r->status;  // an accepted problem is not drawn as one
        worst = std::max(worst, s);
    }
    return worst;
}

std::vector<PhonePath> phone_paths(const std::string& sip, const std::string& external_web,
                                   const std::vector<const Result*>& results) {
    const std::string inside = lyncdiscoverinternal_name(sip), outside = lyncdiscover_name(sip);
    const Result* inside_challenge = first_of(results, "http.user-challenge", inside);
    const Result* outside_challenge = first_of(results, "http.user-challenge", outside);
    const std::string web = !external_web.empty() ? external_web : user_link_host(outside_challenge);
    const std::string web_label = web.empty() ? "external web services" : web;

    PhonePath in{"a phone inside (corporate network or Wi-Fi)", {}};
    add_discovery_steps(in, sip, inside,
                        {"internal DNS", "Front End or Director (TLS)", {"dns.lyncdiscoverinternal", "dns.internal-name-hidden"},
                         "tls.lyncdiscoverinternal-san", {"http.lyncdiscoverinternal"}},
                        results);
    const std::string in_host = user_link_host(inside_challenge);
    Step& in_web = in.steps.emplace_back(step(in_host.empty() ? "internal web services" : in_host,
                                              "web services (user link)", {{"http.user-challenge", inside}}, results));
    add_walk_answer(in_web.seen, inside_challenge, "user link: ");
    add_front_ends(in_web.seen, in_web.results);
    // Phones inside reach the Mobility Service through the external web FQDN too: its answer inside,
    // which must lead to the reverse proxy (hairpin).
    Step& hairpin = in.steps.emplace_back(step(web_label, "Mobility via reverse proxy",
                                               {{"dns.web-external-via-proxy", web}, {"http.hairpin", web}}, results));
    add_dns_answer(hairpin.seen, first_of(results, "dns.web-external-via-proxy", web));
    add_walk_address(hairpin.seen, first_of(results, "http.hairpin", web));

    PhonePath out{"a phone on the Internet", {}};
    add_discovery_steps(out, sip, outside,
                        {"external DNS", "reverse proxy (TLS)", {"dns.lyncdiscover", "dns.cname-domain"}, "tls.lyncdiscover-san",
                         {"http.lyncdiscover", "http.lyncdiscover-port80", "http.autodiscover-links"}},
                        results);
    // The web services every phone on the Internet signs in to: the user link, UCWA and the Mobility
    // Service, behind the external web FQDN's name, certificate and addresses.
    Step& out_web = out.steps.emplace_back(step(web_label, "web services (UCWA, Mobility)",
                                                {{"http.user-challenge", outside},
                                                 {"http.mobility-service", "https://" + web + "/*"},
                                                 {"dns.web-external-public", web},
                                                 {"tls.external-web-san", web},
                                                 {"tls.*", web + ":443"}},
                                                results));
    add_walk_answer(out_web.seen, outside_challenge, "user link: ");
    for (const Result* r : out_web.results) {
        if (r->check == "http.mobility-service") add_walk_answer(out_web.seen, r, r->subject.substr(8 + web.size()) + ": ");
    }
    add_front_ends(out_web.seen, out_web.results);
    // Modern authentication: the OAuth authority the user link sends phones to for signing in, when one
    // is named (or when the user links could not be read for one).
    for (const Result* r : judged_by({{"http.modern-auth", "*"}}, results)) {
        if (r->reason == "no-authority" || r->reason == "not-selected") continue;
        const bool named = r->subject != "user links";
        // Judged by http.modern-auth and, for its certificate, by the tls.* checks of its endpoint.
        Step& sign_in = out.steps.emplace_back(
            named ? step(r->subject, "sign-in (modern authentication)", {{r->check, r->subject}, {"tls.*", r->subject + ":*"}}, results)
                  : Step{"OAuth authority", "sign-in (modern authentication)", {r}, {}});
        add_dns_answer(sign_in.seen, r);
        const nlohmann::json openid_walk = evidence_member(r, "openid_walk");
        add_walk_answer(sign_in.seen, present(openid_walk), "OpenID configuration: ");
    }
    return {in, out};
}

}  // namespace mobcheck::html
