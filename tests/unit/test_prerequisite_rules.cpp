// Rule table of prerequisites between results: a result whose prerequisite is a problem is blocked
// (skip, reason "blocked", blocked_by the root cause), and only then. Judged through the whole
// registry, since a prerequisite is another check's result.
#include <doctest/doctest.h>

#include "evidence_builders.hpp"

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
};

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
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
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
        CHECK(r.blocked_by->subject == kEndpoint);
        CHECK(r.remediation.empty());
        CHECK(r.message.starts_with("not judged: "));
        // The cause is a problem of its own, with the fix.
        const Result& cause = result_of(results, c.cause_check, kEndpoint);
        CHECK(is_problem(cause.status));
        CHECK_FALSE(cause.remediation.empty());
    }
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
