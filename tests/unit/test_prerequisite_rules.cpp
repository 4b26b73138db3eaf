// Rule table of prerequisites between results: a result whose prerequisite is a problem is blocked
// (skip, reason "blocked", blocked_by the root cause), and only then. Judged through the whole
// registry, since a prerequisite is another check's result.
#include <doctest/doctest.h>

#include "evidence_builders.hpp"
#include "checks/probe_needs.hpp"
#include "fixtures.hpp"
#include "model/autodiscover.hpp"
#include "report/report.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

const std::string kUrl = "https://lyncdiscover.contoso.com/";
const std::string kEndpoint = "lyncdiscover.contoso.com:443";

// The HTTPS discovery walk of contoso.com ends in a request that got no answer, for failure.
void walk_fails(Evidence& e, const std::string& failure) {
    HttpWalk& w = walk(e, "lyncdiscover", "contoso.com");
    w.hops = {no_answer(kUrl, failure, failure + " (test)")};
    w.end = HttpWalkEnd::Failed;
}

struct Case {
    const char* name;
    std::function<void(Evidence&)> change;
    const char* cause_check;  // the blocked_by of http.lyncdiscover contoso.com, nullptr: not blocked
    std::string cause_subject = kEndpoint;
};

// The reverse proxy serves a certificate (from a trusted CA) without lyncdiscover.contoso.com, and
// http://lyncdiscover.contoso.com/ is not published, so the name must be covered (with the port 80
// path the name may be left out, and a failed HTTPS walk is a note of its own).
void proxy_cert_without_lyncdiscover(Evidence& e) {
    CertSpec spec = proxy_cert({"contoso.com"});
    std::erase(spec.sans, "lyncdiscover.contoso.com");
    tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com").chain = served_chain(issue(spec));
    walk(e, "lyncdiscover-port80", "contoso.com").hops = {answer("http://lyncdiscover.contoso.com/", 404)};
}

}  // namespace

TEST_CASE("prerequisite rules: http.lyncdiscover is blocked by the TLS result that explains its failed request") {
    const std::vector<Case> cases = {
        {"the chain does not verify, and the walk failed on it", [](Evidence& e) {
             untrusted(tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com"));
             walk_fails(e, "tls-verify");
         }, "tls.chain"},
        {"the walk failed on verification, but the chain verifies: the walk's own failure", [](Evidence& e) {
             walk_fails(e, "tls-verify");
         }, nullptr},
        {"no connection, and the TLS probe could not connect either", [](Evidence& e) {
             TlsProbe& p = tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com");
             p.outcome = TlsOutcome::NoConnect;
             p.detail = "TCP connect refused";
             walk_fails(e, "connect");
         }, "tls.protocol"},
        {"no connection, though the TLS probe connected: the walk's own failure", [](Evidence& e) {
             walk_fails(e, "connect");
         }, nullptr},
        {"no connection, and the TLS probe connected to an old protocol: not that cause", [](Evidence& e) {
             tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com").protocol = "TLSv1";
             walk_fails(e, "connect");
         }, nullptr},
        {"no TLS session, and the TLS probe had no handshake", [](Evidence& e) {
             TlsProbe& p = tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com");
             p.outcome = TlsOutcome::Failed;
             p.detail = "handshake failed: alert";
             walk_fails(e, "tls");
         }, "tls.protocol"},
        {"the certificate does not cover the name, and the walk failed verification: the name's coverage", [](Evidence& e) {
             proxy_cert_without_lyncdiscover(e);
             walk_fails(e, "tls-verify");
         }, "tls.lyncdiscover-san", "contoso.com"},
        {"the certificate does not cover the name and is untrusted too: still the name's coverage", [](Evidence& e) {
             proxy_cert_without_lyncdiscover(e);
             untrusted(tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com"));
             walk_fails(e, "tls-verify");
         }, "tls.lyncdiscover-san", "contoso.com"},
        {"the certificate has expired, and the walk failed verification: its dates", [](Evidence& e) {
             tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com").probed_at = "2027-02-01T00:00:00Z";
             walk_fails(e, "tls-verify");
         }, "tls.validity"},
        {"the certificate expires soon (a warning it still verifies with): the walk's own failure", [](Evidence& e) {
             tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com").probed_at = "2026-12-22T00:00:00Z";
             walk_fails(e, "tls-verify");
         }, nullptr},
        {"the certificate does not cover the name, but the walk failed to connect: not that cause", [](Evidence& e) {
             proxy_cert_without_lyncdiscover(e);
             walk_fails(e, "connect");
         }, nullptr},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        Evidence e = good();
        c.change(e);
        const auto results = judge(e, builtin_registry(), {});
        const Result& r = result_of(results, "http.lyncdiscover", "contoso.com");
        CAPTURE(r.message);
        if (c.cause_check == nullptr) {
            CHECK(r.status != Status::Skip);
            CHECK_FALSE(r.blocked_by.has_value());
            CHECK(r.reason != "blocked");
            continue;
        }
        CHECK(r.status == Status::Skip);
        CHECK(r.reason == "blocked");
        REQUIRE(r.blocked_by.has_value());
        CHECK(r.blocked_by->check == c.cause_check);
        CHECK(r.blocked_by->subject == c.cause_subject);
        CHECK(r.remediation.empty());
        CHECK(r.message.starts_with("not judged: "));
        // The cause is a problem of its own, with the fix.
        const Result& cause = result_of(results, c.cause_check, c.cause_subject);
        CHECK(is_problem(cause.status));
        CHECK_FALSE(cause.remediation.empty());
    }
}

TEST_CASE("prerequisite rules: a Front End certificate without lyncdiscoverinternal is one finding with one fix") {
    // Recorded in the lab: fabrikam's walk failed verification on the name the certificate lacks.
    const fixtures::JudgedRun run = fixtures::judged("tls-frontend-missing-internal");
    const Result& walk = result_of(run.results, "http.lyncdiscoverinternal", "fabrikam.com");
    CAPTURE(walk.message);
    CHECK(walk.reason == "blocked");
    REQUIRE(walk.blocked_by.has_value());
    CHECK(*walk.blocked_by == BlockedBy{"tls.lyncdiscoverinternal-san", "fabrikam.com"});
    const auto causes = find_causes(run.results);
    REQUIRE(causes.size() == 1);
    CHECK(causes.front().result->check == "tls.lyncdiscoverinternal-san");
}

TEST_CASE("prerequisite rules: lyncdiscover leading to Skype for Business Online is one finding - whatever answers there") {
    // Microsoft's servers still answer webdir.online.lync.com: here they answer as good() does.
    Evidence e = good();
    resolves(e, DnsView::External, "lyncdiscover.contoso.com", {"192.0.2.80"}, {"webdir.online.lync.com"});
    const auto results = judge(e, builtin_registry(), {});
    const Result& dns = result_of(results, "dns.lyncdiscover", "contoso.com");
    CHECK(dns.status == Status::Fail);
    CHECK(dns.reason == "skype-online");
    const BlockedBy by{"dns.lyncdiscover", "contoso.com"};
    std::size_t blocked = 0;
    for (const Result& r : results) {
        const bool through_name = r.subject == "lyncdiscover.contoso.com:443" || r.subject == "lyncdiscover.contoso.com" ||
                                  (r.subject == "contoso.com" && (r.check == "http.lyncdiscover" || r.check == "http.lyncdiscover-port80" ||
                                                                  r.check == "http.autodiscover-links" ||
                                                                  r.check == "tls.lyncdiscover-san" ||
                                                                  r.check == "dns.cname-domain"));
        if (!through_name) continue;
        CAPTURE(r.check);
        CAPTURE(r.subject);
        CHECK(r.status == Status::Skip);
        CHECK(r.blocked_by == std::optional<BlockedBy>(by));
        ++blocked;
    }
    CHECK(blocked >= 12);  // tls.* of the endpoint, the SAN, the walks over HTTPS and port 80, the links, the user link
    const auto causes = find_causes(results);
    REQUIRE(causes.size() == 1);
    CHECK(causes.front().result == &dns);
}

TEST_CASE("prerequisite rules: judged tls before http - reported in catalogue order") {
    Evidence e = good();
    untrusted(tls_probe(e, "lyncdiscover", "lyncdiscover.contoso.com"));
    walk_fails(e, "tls-verify");
    const auto results = judge(e, builtin_registry(), {});
    // http.lyncdiscover was blocked, so tls.chain was judged first; the catalogue lists http before tls.
    CHECK(result_of(results, "http.lyncdiscover", "contoso.com").reason == "blocked");
    std::size_t last_http = 0, first_tls = results.size();
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (results[i].check.starts_with("http.")) last_http = i;
        if (results[i].check.starts_with("tls.") && first_tls == results.size()) first_tls = i;
    }
    REQUIRE(first_tls < results.size());
    CHECK(last_http < first_tls);
}

TEST_CASE("prerequisite rules: internal resolvers that answer nothing are the one finding about the internal view") {
    Evidence e = good();
    every_lookup(e, DnsView::Internal, DnsOutcome::Timeout, "timeout");
    // What the engine records when a host has no address: the ports and walks of the internal view.
    for (auto& p : e.ports) {
        if (p.view != DnsView::Internal) continue;
        p.state = PortState::Unresolved;
        p.address.clear();
        p.detail = p.host + " gives no address in the internal view: timeout";
    }
    for (auto& w : e.http) {
        if (w.view != DnsView::Internal) continue;
        w.hops.clear();
        w.end = HttpWalkEnd::Unresolved;
        w.detail = url_host(w.start_url) + " gives no address in the internal view: timeout";
    }
    for (auto& t : e.tls) {
        if (t.view == DnsView::Internal) t = TlsProbe{};
    }
    std::erase_if(e.tls, [](const TlsProbe& t) { return t.name.empty(); });
    const auto results = judge(e, builtin_registry(), {});
    std::size_t problems = 0, blocked = 0;
    for (const Result& r : results) {
        INFO(r.check << " " << r.subject << ": " << r.message);
        if (is_problem(r.status)) ++problems;
        if (r.blocked_by) {
            ++blocked;
            CHECK(r.blocked_by->check == "dns.resolver");
            CHECK(r.blocked_by->subject == "internal view");
        }
    }
    CHECK(problems == 1);
    const Result& cause = result_of(results, "dns.resolver", "internal view");
    CHECK(cause.status == Status::Error);
    CHECK(cause.reason == "resolver-timeout");
    CHECK(result_of(results, "ports.apns", "courier.push.apple.com:5223").reason == "blocked");
    CHECK(result_of(results, "dns.lyncdiscoverinternal", "contoso.com").reason == "blocked");
    CHECK(result_of(results, "ports.sba-ucwa-primary", "sba01.contoso.net:5089").reason == "blocked");
    CHECK(result_of(results, "topology.mobility-urls-external", "lyncdiscoverinternal").reason == "blocked");
    CHECK(cause.message.find("the resolvers of the internal view") == 0);
    CHECK(cause.message.find(" answered none of 10 lookups (10 timed out)") != std::string::npos);
    CHECK(blocked >= 8);
    // The external view is untouched.
    CHECK(result_of(results, "dns.resolver", "external view").status == Status::Pass);
    CHECK(result_of(results, "dns.lyncdiscover", "contoso.com").status == Status::Pass);
}

// --only dns probes DNS only; a replay of that evidence judges what it can and says what it cannot.
TEST_CASE("probe needs: each category reads its own probes and a selection needs what its checks read") {
    const Registry& registry = builtin_registry();
    auto needs = [&](std::vector<std::string> only, std::vector<std::string> skip = {}) {
        return probes_needed(registry, Selection{std::move(only), std::move(skip)});
    };
    CHECK(needs({}) == ProbeFamilies{});
    CHECK(needs({}).all());
    CHECK(needs({"dns"}) == ProbeFamilies{true, false, false, false});
    CHECK(needs({"dns.lyncdiscover"}) == ProbeFamilies{true, false, false, false});
    CHECK(needs({"ports"}) == ProbeFamilies{true, true, false, false});
    CHECK(needs({"tls"}) == ProbeFamilies{true, false, true, true});
    CHECK(needs({"http.lyncdiscover"}) == ProbeFamilies{true, false, true, true});
    CHECK(needs({"topology"}) == ProbeFamilies{true, false, true, true});
    CHECK(needs({"dns", "ports"}) == ProbeFamilies{true, true, false, false});
    CHECK(needs({}, {"ports"}) == ProbeFamilies{true, false, true, true});
    CHECK(needs({}, {"tls", "http", "topology"}) == ProbeFamilies{true, true, false, false});
    // A category the table does not know yet reads everything: never judged from too little.
    CheckDef future{.id = "future.thing", .title = "t", .severity = Status::Fail, .rule = "r", .source = "s",
                    .remediation = "fix", .fn = [](CheckContext&) {}};
    CHECK(probes_needed(future).all());
    // Every check of the catalogue is covered by what a full run probes.
    for (const CheckDef& def : registry.all()) {
        CAPTURE(def.id);
        CHECK(ProbeFamilies{}.covers(probes_needed(def)));
        CHECK(probes_needed(def).dns);
    }
}

TEST_CASE("probe needs: a replay of a DNS-only run judges the dns checks and skips the rest as not probed") {
    Evidence evidence = fixtures::load("good");
    evidence.plan.probes = ProbeFamilies{true, false, false, false};
    const auto results = judge(evidence, builtin_registry(), {});
    REQUIRE_FALSE(results.empty());
    std::size_t not_probed = 0, dns_judged = 0;
    for (const Result& r : results) {
        CAPTURE(r.check);
        if (r.check.rfind("dns.", 0) == 0) {
            CHECK(r.reason != "not-probed");
            dns_judged += r.status == Status::Pass;
        } else {
            CHECK(r.status == Status::Skip);
            CHECK(r.reason == "not-probed");
            CHECK(r.subject == "*");
            CHECK(r.message.find("probed only dns") != std::string::npos);
            ++not_probed;
        }
    }
    CHECK(dns_judged > 0);
    CHECK(not_probed == builtin_registry().all().size() - 11);  // every check but the 11 dns ones, once each
}
