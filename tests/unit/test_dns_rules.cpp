// Rule tables of the dns.* checks: every status each check can yield, from small evidence built in
// the test (evidence_builders.hpp), each row asserting the status and the subject.
#include <doctest/doctest.h>

#include <algorithm>

#include "evidence_builders.hpp"
#include "model/names.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

const std::vector<std::string> kTwo = {"contoso.com", "fabrikam.com"};
Evidence two() { return good(kTwo); }

}  // namespace


TEST_CASE("dns rules: dns.resolver says once that a view's resolvers answer nothing") {
    const std::string inside = "internal view", outside = "external view";
    run_table("dns.resolver",
              {
                  {"both views answer", nullptr, {{inside, Status::Pass, "answered"}, {outside, Status::Pass}}},
                  {"NXDOMAIN everywhere is still an answer",
                   [](Evidence& e) { every_lookup(e, DnsView::Internal, DnsOutcome::NxDomain); },
                   {{inside, Status::Pass}}},
                  {"SERVFAIL everywhere is still an answer",
                   [](Evidence& e) { every_lookup(e, DnsView::Internal, DnsOutcome::ServFail); },
                   {{inside, Status::Pass}}},
                  {"every internal lookup timed out",
                   [](Evidence& e) { every_lookup(e, DnsView::Internal, DnsOutcome::Timeout, "timeout"); },
                   {{inside, Status::Error, "answered none of", "resolver-timeout"}, {outside, Status::Pass}}},
                  {"every external lookup refused",
                   [](Evidence& e) { every_lookup(e, DnsView::External, DnsOutcome::Refused, "refused"); },
                   {{outside, Status::Error, "refused", "resolver-refused"}}},
                  {"nothing listens: connection refused",
                   [](Evidence& e) { every_lookup(e, DnsView::Internal, DnsOutcome::Error, "connection refused"); },
                   {{inside, Status::Error, "refused", "resolver-refused"}}},
                  {"refusals and timeouts together: something refused",
                   [](Evidence& e) {
                       every_lookup(e, DnsView::Internal, DnsOutcome::Timeout, "timeout");
                       auto first = std::find_if(e.dns.begin(), e.dns.end(), [](const DnsLookup& l) { return l.view == DnsView::Internal; });
                       first->outcome = DnsOutcome::Refused;
                       first->queries.front().result = "refused";
                   },
                   {{inside, Status::Error, "1 refused,", "resolver-refused"}}},
                  {"malformed answers only",
                   [](Evidence& e) { every_lookup(e, DnsView::Internal, DnsOutcome::Error, "malformed response"); },
                   {{inside, Status::Error, "failed otherwise", "resolver-unusable"}}},
                  {"one answer among timeouts: the resolvers work, the lookups report the rest",
                   [](Evidence& e) {
                       every_lookup(e, DnsView::Internal, DnsOutcome::Timeout, "timeout");
                       for (auto& l : e.dns) {
                           if (l.view != DnsView::Internal) continue;
                           l.outcome = DnsOutcome::NxDomain;
                           l.queries = {{l.name, l.type, "NXDOMAIN", "name not found", 1, 1.0}};
                           break;
                       }
                   },
                   {{inside, Status::Pass, "answered 1 of"}}},
                  {"no lookup in a view", [](Evidence& e) {
                       std::erase_if(e.dns, [](const DnsLookup& l) { return l.view == DnsView::External; });
                   },
                   {{outside, Status::Skip, "no DNS lookup"}}},
                  {"the subject names the resolvers", [](Evidence& e) { e.run.internal_resolvers = {"10.0.0.10:53", "10.0.0.11:53"}; },
                   {{"internal view (10.0.0.10:53, 10.0.0.11:53)", Status::Pass, "10.0.0.10:53, 10.0.0.11:53 answered"}}},
              });
}

TEST_CASE("dns rules: dns.lyncdiscoverinternal must resolve inside") {
    const std::string name = "lyncdiscoverinternal.fabrikam.com";
    run_table("dns.lyncdiscoverinternal",
              {
                  {"a CNAME to the pool resolves", nullptr, {{"contoso.com", Status::Pass, "pool01.contoso.net"}}},
                  {"an A record resolves", [&](Evidence& e) { resolves(e, DnsView::Internal, name, {"10.0.0.10"}); },
                   {{"fabrikam.com", Status::Pass, "10.0.0.10"}}},
                  {"IPv6 only resolves",
                   [&](Evidence& e) {
                       fails(e, DnsView::Internal, name, DnsOutcome::NoData);
                       auto& aaaa = lookup(e, DnsView::Internal, name, "AAAA");
                       aaaa.outcome = DnsOutcome::Resolved;
                       aaaa.addresses = {"fd00::10"};
                   },
                   {{"fabrikam.com", Status::Pass, "fd00::10"}}},
                  {"NXDOMAIN in the second SIP domain fails that domain only",
                   [&](Evidence& e) { fails(e, DnsView::Internal, name, DnsOutcome::NxDomain); },
                   {{"fabrikam.com", Status::Fail, "NXDOMAIN"}}},
                  {"no address record fails", [&](Evidence& e) { fails(e, DnsView::Internal, name, DnsOutcome::NoData); },
                   {{"fabrikam.com", Status::Fail, "no A/AAAA record"}}},
                  {"a dangling CNAME fails",
                   [&](Evidence& e) { fails(e, DnsView::Internal, name, DnsOutcome::DanglingCname, "CNAME to pool99"); },
                   {{"fabrikam.com", Status::Fail, "CNAME to pool99"}}},
                  {"SERVFAIL fails", [&](Evidence& e) { fails(e, DnsView::Internal, name, DnsOutcome::ServFail); },
                   {{"fabrikam.com", Status::Fail, "servfail"}}},
                  {"a timeout is undecided",
                   [&](Evidence& e) { fails(e, DnsView::Internal, name, DnsOutcome::Timeout, "timeout after 2 attempts"); },
                   {{"fabrikam.com", Status::Error, "timeout after 2 attempts"}}},
                  {"refused is undecided", [&](Evidence& e) { fails(e, DnsView::Internal, name, DnsOutcome::Refused); },
                   {{"fabrikam.com", Status::Error}}},
                  {"the external view does not count", [&](Evidence& e) {
                       fails(e, DnsView::Internal, name, DnsOutcome::NxDomain);
                       resolves(e, DnsView::External, name, {"192.0.2.80"});
                   },
                   {{"fabrikam.com", Status::Fail}}},
                  {"a lookup missing from the evidence is an error",
                   [&](Evidence& e) { forget(e, DnsView::Internal, name); },
                   {{"fabrikam.com", Status::Error, "the evidence holds no lookup"}}},
              },
              two);
}

TEST_CASE("dns rules: dns.lyncdiscover must resolve outside") {
    const std::string name = "lyncdiscover.fabrikam.com";
    run_table("dns.lyncdiscover",
              {
                  {"resolves", nullptr, {{"fabrikam.com", Status::Pass, "192.0.2.80"}}},
                  {"NXDOMAIN fails", [&](Evidence& e) { fails(e, DnsView::External, name, DnsOutcome::NxDomain); },
                   {{"fabrikam.com", Status::Fail, "Mobile devices on the Internet"}}},
                  {"a CNAME loop fails", [&](Evidence& e) { fails(e, DnsView::External, name, DnsOutcome::CnameLoop); },
                   {{"fabrikam.com", Status::Fail, "cname-loop"}}},
                  {"a timeout is undecided", [&](Evidence& e) { fails(e, DnsView::External, name, DnsOutcome::Timeout); },
                   {{"fabrikam.com", Status::Error}}},
                  {"the internal view does not count", [&](Evidence& e) {
                       fails(e, DnsView::External, name, DnsOutcome::NxDomain);
                       resolves(e, DnsView::Internal, name, {"10.0.0.10"});
                   },
                   {{"fabrikam.com", Status::Fail}}},
                  {"missing from the evidence", [&](Evidence& e) { forget(e, DnsView::External, name); },
                   {{"fabrikam.com", Status::Error}}},
                  // Skype for Business Online, retired in 2021: resolving there is no help to this deployment.
                  {"a CNAME to webdir.online.lync.com that resolves fails", [&](Evidence& e) {
                       resolves(e, DnsView::External, name, {"52.112.196.45"}, {"webdir.online.lync.com"});
                   },
                   {{"fabrikam.com", Status::Fail, "webdir.online.lync.com (CNAME", "skype-online"}}},
                  {"a chain that reaches online.lync.com on its second hop fails", [&](Evidence& e) {
                       resolves(e, DnsView::External, name, {"52.112.196.45"}, {"sipdir.fabrikam.com", "webdir2a.online.lync.com"});
                   },
                   {{"fabrikam.com", Status::Fail, "a CNAME to webdir2a.online.lync.com", "skype-online"}}},
                  {"a dangling CNAME to Skype for Business Online says where it leads", [&](Evidence& e) {
                       fails(e, DnsView::External, name, DnsOutcome::DanglingCname, "webdir.online.lync.com does not exist");
                       for (const char* type : {"A", "AAAA"}) lookup(e, DnsView::External, name, type).chain = {{name, "webdir.online.lync.com", 300}};
                   },
                   {{"fabrikam.com", Status::Fail, "retired on 31 July 2021", "skype-online"}}},
                  {"a name that only looks like it passes", [&](Evidence& e) {
                       resolves(e, DnsView::External, name, {"192.0.2.80"}, {"online.lync.com.fabrikam.com", "notonline.lync.com"});
                   },
                   {{"fabrikam.com", Status::Pass}}},
              },
              two);
    // The fix points the name at the reverse proxy, and names the external web FQDN when given.
    Evidence e = two();
    resolves(e, DnsView::External, name, {"52.112.196.45"}, {"webdir.online.lync.com"});
    const Result r = one(judge_check(e, "dns.lyncdiscover"), "fabrikam.com");
    CHECK(r.remediation.find("Point lyncdiscover.fabrikam.com at this deployment's reverse proxy") == 0);
    CHECK(r.remediation.find("CNAME to webdir.online.lync.com") != std::string::npos);
    CHECK(r.remediation.find("(" + *e.plan.external_web + ")") != std::string::npos);
    // Without --external-web the fix cannot name it.
    e.plan.external_web.reset();
    const Result unnamed = one(judge_check(e, "dns.lyncdiscover"), "fabrikam.com");
    CHECK(unnamed.reason == "skype-online");
    CHECK(unnamed.remediation.find("external web services FQDN;") != std::string::npos);
    CHECK(unnamed.evidence.at("dns").at("chain").size() == 1);
}

TEST_CASE("dns rules: dns.internal-name-hidden must not resolve outside") {
    const std::string name = "lyncdiscoverinternal.contoso.com";
    run_table("dns.internal-name-hidden",
              {
                  {"NXDOMAIN outside passes", nullptr, {{"contoso.com", Status::Pass, "does not resolve"}}},
                  {"resolving outside warns",
                   [&](Evidence& e) { resolves(e, DnsView::External, name, {"192.0.2.10"}); },
                   {{"contoso.com", Status::Warn, "192.0.2.10"}}},
                  {"no data outside passes", [&](Evidence& e) { fails(e, DnsView::External, name, DnsOutcome::NoData); },
                   {{"contoso.com", Status::Pass}}},
                  {"SERVFAIL cannot tell", [&](Evidence& e) { fails(e, DnsView::External, name, DnsOutcome::ServFail); },
                   {{"contoso.com", Status::Error, "could not tell"}}},
                  {"a timeout cannot tell", [&](Evidence& e) { fails(e, DnsView::External, name, DnsOutcome::Timeout); },
                   {{"contoso.com", Status::Error}}},
                  {"resolving inside is fine", [&](Evidence& e) { resolves(e, DnsView::Internal, name, {"10.0.0.99"}); },
                   {{"contoso.com", Status::Pass}}},
                  {"missing from the evidence", [&](Evidence& e) { forget(e, DnsView::External, name); },
                   {{"contoso.com", Status::Error}}},
              });
}

TEST_CASE("dns rules: dns.external-name-inside is tolerated") {
    const std::string name = "lyncdiscover.contoso.com";
    run_table("dns.external-name-inside",
              {
                  {"absent inside passes", nullptr, {{"contoso.com", Status::Pass}}},
                  {"resolving inside is info, with nothing to fix",
                   [&](Evidence& e) { resolves(e, DnsView::Internal, name, {"10.0.0.10"}); },
                   {{"contoso.com", Status::Info, "Tolerated"}}},
                  {"a timeout inside cannot tell", [&](Evidence& e) { fails(e, DnsView::Internal, name, DnsOutcome::Timeout); },
                   {{"contoso.com", Status::Error}}},
                  {"missing from the evidence", [&](Evidence& e) { forget(e, DnsView::Internal, name); },
                   {{"contoso.com", Status::Error}}},
              });
    Evidence e = good();
    resolves(e, DnsView::Internal, name, {"10.0.0.10"});
    const Result r = one(judge_check(e, "dns.external-name-inside"), "contoso.com");
    CHECK(r.remediation.empty());  // an info result asks nothing of the admin
    CHECK(r.message.find("Ideally lyncdiscover.contoso.com is not addressable from inside") != std::string::npos);
}

TEST_CASE("dns rules: dns.cname-domain keeps the external CNAME in the SIP domain") {
    const std::string name = "lyncdiscover.contoso.com";
    auto elsewhere = [&](Evidence& e) { resolves(e, DnsView::External, name, {"192.0.2.80"}, {"proxy.hosting.example"}); };
    auto port80_fails = [](Evidence& e) {
        HttpWalk& w = walk(e, "lyncdiscover-port80", "contoso.com");
        w.hops = {answer("http://lyncdiscover.contoso.com/", 404)};
    };
    run_table("dns.cname-domain",
              {
                  {"a CNAME inside the domain passes", nullptr, {{"contoso.com", Status::Pass, "stays inside"}}},
                  {"an address record passes", [&](Evidence& e) { resolves(e, DnsView::External, name, {"192.0.2.80"}); },
                   {{"contoso.com", Status::Pass, "no CNAME"}}},
                  {"a CNAME to another domain warns while port 80 carries clients", elsewhere,
                   {{"contoso.com", Status::Warn, "The HTTP port 80 rule is published"}}},
                  {"a CNAME hop further down leaves the domain",
                   [&](Evidence& e) {
                       resolves(e, DnsView::External, name, {"192.0.2.80"}, {"rp.contoso.com", "rp.hosting.example"});
                   },
                   {{"contoso.com", Status::Warn, "rp.hosting.example"}}},
                  {"a CNAME to another domain fails when port 80 is not published",
                   [&](Evidence& e) {
                       elsewhere(e);
                       port80_fails(e);
                   },
                   {{"contoso.com", Status::Fail, "not published"}}},
                  {"a CNAME to another domain warns when port 80 was not probed",
                   [&](Evidence& e) {
                       elsewhere(e);
                       remove_walks(e, "lyncdiscover-port80");
                   },
                   {{"contoso.com", Status::Warn}}},
                  {"a CNAME to another domain warns when port 80 is undecided",
                   [&](Evidence& e) {
                       elsewhere(e);
                       e.run.deadline_reached = true;
                       HttpWalk& w = walk(e, "lyncdiscover-port80", "contoso.com");
                       w.hops = {no_answer("http://lyncdiscover.contoso.com/", "timeout", "the run's deadline")};
                       w.end = HttpWalkEnd::Failed;
                   },
                   {{"contoso.com", Status::Warn}}},
                  {"undecided DNS is an error", [&](Evidence& e) { fails(e, DnsView::External, name, DnsOutcome::Timeout); },
                   {{"contoso.com", Status::Error}}},
                  {"a name that does not resolve is dns.lyncdiscover's",
                   [&](Evidence& e) { fails(e, DnsView::External, name, DnsOutcome::NxDomain); },
                   {{"contoso.com", Status::Skip, "see dns.lyncdiscover"}}},
                  {"missing from the evidence", [&](Evidence& e) { forget(e, DnsView::External, name); },
                   {{"contoso.com", Status::Error}}},
              });
}

TEST_CASE("dns rules: dns.chain-health - per SIP domain and per web FQDN - in both views") {
    const std::string web = kExternalWeb;
    run_table("dns.chain-health",
              {
                  {"clean lookups pass", nullptr,
                   {{"contoso.com", Status::Pass}, {kInternalWeb, Status::Pass}, {web, Status::Pass}}},
                  {"a CNAME loop inside fails",
                   [](Evidence& e) {
                       fails(e, DnsView::Internal, "lyncdiscoverinternal.contoso.com", DnsOutcome::CnameLoop,
                             "a → b → a");
                   },
                   {{"contoso.com", Status::Fail, "internal view (A/AAAA): a → b → a"}}},
                  {"a dangling CNAME outside fails",
                   [](Evidence& e) { fails(e, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::DanglingCname); },
                   {{"contoso.com", Status::Fail, "external view (A/AAAA): dangling-cname"}}},
                  {"an over-long chain fails",
                   [](Evidence& e) { fails(e, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::ChainTooLong); },
                   {{"contoso.com", Status::Fail}}},
                  {"SERVFAIL of the federation SRV fails",
                   [](Evidence& e) { federation_srv(e, "contoso.com", DnsOutcome::ServFail); },
                   {{"contoso.com", Status::Fail, "(SRV)"}}},
                  {"a timeout is undecided",
                   [](Evidence& e) { fails(e, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::Timeout); },
                   {{"contoso.com", Status::Error, "could not complete"}}},
                  {"broken beats undecided",
                   [](Evidence& e) {
                       fails(e, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::Timeout);
                       fails(e, DnsView::Internal, "lyncdiscoverinternal.contoso.com", DnsOutcome::CnameLoop);
                   },
                   {{"contoso.com", Status::Fail}}},
                  {"A and AAAA failing differently are two findings",
                   [](Evidence& e) {
                       fails(e, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::CnameLoop, "loop");
                       lookup(e, DnsView::External, "lyncdiscover.contoso.com", "AAAA").detail = "another loop";
                   },
                   {{"contoso.com", Status::Fail, "external view (A): loop; external view (AAAA): another loop"}}},
                  {"NXDOMAIN is not a broken chain",
                   [](Evidence& e) { fails(e, DnsView::External, "lyncdiscover.contoso.com", DnsOutcome::NxDomain); },
                   {{"contoso.com", Status::Pass}}},
                  {"a broken web FQDN is its own subject",
                   [&](Evidence& e) { fails(e, DnsView::Internal, web, DnsOutcome::ServFail); },
                   {{web, Status::Fail}}},
                  {"the internal web FQDN, undecided",
                   [](Evidence& e) { fails(e, DnsView::Internal, kInternalWeb, DnsOutcome::Refused); },
                   {{kInternalWeb, Status::Error}}},
                  {"a SIP domain without any lookup is an error",
                   [](Evidence& e) {
                       for (DnsView v : {DnsView::Internal, DnsView::External}) {
                           forget(e, v, "lyncdiscover.contoso.com");
                           forget(e, v, "lyncdiscoverinternal.contoso.com");
                       }
                       forget(e, DnsView::External, federation_srv_name("contoso.com"));
                   },
                   {{"contoso.com", Status::Error, "the evidence holds no DNS lookup"}}},
              });
    SUBCASE("one subject when both web FQDNs are the same name - none when neither is known") {
        Evidence e = good();
        e.plan.internal_web = kExternalWeb;
        auto results = judge_check(e, "dns.chain-health");
        CHECK(results.size() == 2);
        CHECK(one(results, web).status == Status::Pass);
        e.plan.internal_web.reset();
        e.plan.external_web.reset();
        results = judge_check(e, "dns.chain-health");
        REQUIRE(results.size() == 1);
        CHECK(results.front().subject == "contoso.com");
    }
}

TEST_CASE("dns rules: dns.web-internal-private") {
    run_table("dns.web-internal-private",
              {
                  {"absent outside passes", nullptr, {{kInternalWeb, Status::Pass}}},
                  {"resolving outside fails",
                   [](Evidence& e) { resolves(e, DnsView::External, kInternalWeb, {"192.0.2.10"}); },
                   {{kInternalWeb, Status::Fail, "must only resolve to"}}},
                  {"a timeout outside cannot tell",
                   [](Evidence& e) { fails(e, DnsView::External, kInternalWeb, DnsOutcome::Timeout); },
                   {{kInternalWeb, Status::Error}}},
                  {"unknown internal web FQDN: skip",
                   [](Evidence& e) { e.plan.internal_web.reset(); },
                   {{"internal web FQDN", Status::Skip, "--internal-web"}}},
                  {"a learned name is judged and said to be learned",
                   [](Evidence& e) {
                       e.plan.internal_web.reset();
                       e.learned.internal_web = LearnedName{kInternalWeb, "the links of https://lyncdiscoverinternal.contoso.com/"};
                       resolves(e, DnsView::External, kInternalWeb, {"192.0.2.10"});
                   },
                   {{kInternalWeb, Status::Fail, "(learned from the links of"}}},
              });
    Evidence e = good();
    e.plan.internal_web.reset();
    e.learned.internal_web = LearnedName{kInternalWeb, "the links"};
    CHECK(one(judge_check(e, "dns.web-internal-private"), kInternalWeb).evidence.contains("learned"));
}

TEST_CASE("dns rules: dns.web-external-public") {
    run_table("dns.web-external-public",
              {
                  {"resolves outside", nullptr, {{kExternalWeb, Status::Pass}}},
                  {"NXDOMAIN outside fails",
                   [](Evidence& e) { fails(e, DnsView::External, kExternalWeb, DnsOutcome::NxDomain); },
                   {{kExternalWeb, Status::Fail}}},
                  {"a timeout outside is undecided",
                   [](Evidence& e) { fails(e, DnsView::External, kExternalWeb, DnsOutcome::Timeout); },
                   {{kExternalWeb, Status::Error}}},
                  {"unknown external web FQDN: skip", [](Evidence& e) { e.plan.external_web.reset(); },
                   {{"external web FQDN", Status::Skip}}},
                  {"learned from the links",
                   [](Evidence& e) {
                       e.plan.external_web.reset();
                       e.learned.external_web = LearnedName{kExternalWeb, "the links of https://lyncdiscover.contoso.com/"};
                       fails(e, DnsView::External, kExternalWeb, DnsOutcome::NxDomain);
                   },
                   {{kExternalWeb, Status::Fail, "(learned from the links of"}}},
              });
}

TEST_CASE("dns rules: dns.web-external-via-proxy - the hairpin in the internal view") {
    run_table("dns.web-external-via-proxy",
              {
                  {"inside, the external web FQDN is the reverse proxy", nullptr, {{kExternalWeb, Status::Pass}}},
                  {"inside, it is the internal web FQDN's address",
                   [](Evidence& e) { resolves(e, DnsView::Internal, kExternalWeb, {kPoolAddress}); },
                   {{kExternalWeb, Status::Warn, "10.0.0.10 (also pool01.contoso.net)"}}},
                  {"one of two addresses is internal",
                   [](Evidence& e) { resolves(e, DnsView::Internal, kExternalWeb, {kProxyAddress, kPoolAddress}); },
                   {{kExternalWeb, Status::Warn, "10.0.0.10"}}},
                  {"it is what lyncdiscoverinternal points at (no internal web FQDN known)",
                   [](Evidence& e) {
                       e.plan.internal_web.reset();
                       resolves(e, DnsView::Internal, "lyncdiscoverinternal.contoso.com", {"10.0.0.77"});
                       resolves(e, DnsView::Internal, kExternalWeb, {"10.0.0.77"});
                   },
                   {{kExternalWeb, Status::Warn, "10.0.0.77 (also lyncdiscoverinternal.contoso.com)"}}},
                  {"absent inside warns: phones inside cannot reach the Mobility Service",
                   [](Evidence& e) { fails(e, DnsView::Internal, kExternalWeb, DnsOutcome::NxDomain); },
                   {{kExternalWeb, Status::Warn, "does not resolve in the internal view"}}},
                  {"SERVFAIL inside is undecided",
                   [](Evidence& e) { fails(e, DnsView::Internal, kExternalWeb, DnsOutcome::ServFail); },
                   {{kExternalWeb, Status::Error}}},
                  {"a timeout inside is undecided",
                   [](Evidence& e) { fails(e, DnsView::Internal, kExternalWeb, DnsOutcome::Timeout); },
                   {{kExternalWeb, Status::Error}}},
                  {"no internal lookup in the evidence", [](Evidence& e) { forget(e, DnsView::Internal, kExternalWeb); },
                   {{kExternalWeb, Status::Error}}},
                  {"unknown external web FQDN: skip", [](Evidence& e) { e.plan.external_web.reset(); },
                   {{"external web FQDN", Status::Skip}}},
              });
}

TEST_CASE("dns rules: dns.federation-srv") {
    run_table("dns.federation-srv",
              {
                  {"the SRV record exists", nullptr, {{"fabrikam.com", Status::Pass, "0 0 5061 sip.fabrikam.com"}}},
                  {"NXDOMAIN warns", [](Evidence& e) { federation_srv(e, "fabrikam.com", DnsOutcome::NxDomain); },
                   {{"fabrikam.com", Status::Warn, "nxdomain"}}},
                  {"no SRV data warns, with the detail",
                   [](Evidence& e) { federation_srv(e, "fabrikam.com", DnsOutcome::NoData, "NOERROR, no answer"); },
                   {{"fabrikam.com", Status::Warn, "NOERROR, no answer"}}},
                  {"a timeout is undecided",
                   [](Evidence& e) { federation_srv(e, "fabrikam.com", DnsOutcome::Timeout, "timeout"); },
                   {{"fabrikam.com", Status::Error, "timeout"}}},
                  {"SERVFAIL is undecided here (dns.chain-health fails it)",
                   [](Evidence& e) { federation_srv(e, "fabrikam.com", DnsOutcome::ServFail); },
                   {{"fabrikam.com", Status::Error}}},
                  {"missing from the evidence",
                   [](Evidence& e) { forget(e, DnsView::External, federation_srv_name("fabrikam.com")); },
                   {{"fabrikam.com", Status::Error}}},
              },
              two);
}
