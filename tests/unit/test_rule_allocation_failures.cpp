// judge()'s promise, tested where it is hardest to keep: whatever allocation fails in the middle of a
// check, that check ends in one `error` result (subject "*", naming the failure), every result it
// recorded before stays, and the other checks are judged as before. This drives every exception path
// of the rule code (the clean-up of each temporary string and JSON value on the way out), which the
// rule tables, on working evidence, never take.
//
// The unit tests' global operator new is replaced by one that can be told to fail the n-th allocation
// from now; it behaves as the standard one otherwise. Not under AddressSanitizer, whose own operator
// new checks what this one would hide (the sanitized suite runs the rest of the unit tests).
#include <doctest/doctest.h>

#include <execinfo.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>

#include "evidence_builders.hpp"
#include "model/autodiscover.hpp"
#include "model/certificate.hpp"
#include "model/evidence_json.hpp"
#include "model/names.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define MOBCHECK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MOBCHECK_ASAN 1
#endif
#endif

#ifndef MOBCHECK_ASAN

namespace {

long g_fail_in = -1;  // fail the allocation this many allocations from now; -1: never
long g_count = 0;     // allocations seen since reset

// nlohmann-json's destructor of an array or object allocates (a work list, to destroy nested values
// without recursion) and is noexcept: a failure there ends the process, whatever mobcheck does. Such
// an allocation is let through and the next one fails instead (the unit tests link with -rdynamic,
// so the frames have names).
bool inside_noexcept_library_code() {
    void* frames[64];
    const int n = backtrace(frames, 64);
    char** names = backtrace_symbols(frames, n);
    if (names == nullptr) return false;
    bool found = false;
    for (int i = 0; i < n && !found; ++i) found = std::strstr(names[i], "json_value7destroy") != nullptr;
    std::free(names);
    return found;
}

void* allocate(std::size_t size) {
    ++g_count;
    if (g_fail_in >= 0 && g_fail_in-- == 0) {
        if (!inside_noexcept_library_code()) throw std::bad_alloc();
        g_fail_in = 0;
    }
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace mobcheck;
using namespace builders;

TEST_CASE("rule catalogue: an allocation failing anywhere in a check costs that check one error result - and nothing else") {
    const Registry& registry = builtin_registry();
    // Evidence that makes every check take its longest road: problems to describe everywhere.
    std::vector<Evidence> deployments;
    deployments.push_back(good({"contoso.com", "fabrikam.com"}));
    Evidence broken = good({"contoso.com", "fabrikam.com"});
    serve_everywhere(broken, {self_signed(CertSpec{.cn = "*.example", .sans = {"x.example"}, .not_after = "2026-06-02T00:00:00Z",
                                                   .key = {Key::Kind::Rsa, 1024}, .digest = "SHA1", .eku = Eku::None})});
    for (auto& p : broken.tls) {
        p.verification.trusted = false;
        p.verification.code = 18;
        p.protocol = "TLSv1";
    }
    for (auto& w : broken.http) {
        for (auto& hop : w.hops) {
            hop.status = 404;
            hop.headers = {{"X-MS-Server-Fqdn", "fe9.contoso.net"}, {"Server", "Microsoft-IIS/6.0"}, {"Location", "x"}};
        }
    }
    for (auto& l : broken.dns) {
        if (l.type != "SRV") l.outcome = DnsOutcome::CnameLoop;
    }
    for (auto& p : broken.ports) p.state = PortState::Filtered;
    deployments.push_back(broken);

    std::size_t failures_seen = 0;
    for (const Evidence& e : deployments) {
        for (const auto& def : registry.all()) {
            INFO(def.id);
            const Selection only{{def.id}, {}};
            auto of_check = [&](const std::vector<Result>& all) {
                std::vector<Result> out;
                for (const auto& r : all) {
                    if (r.check == def.id) out.push_back(r);
                }
                return out;
            };
            const auto expected = of_check(judge(e, registry, only));  // also fills the certificate cache
            g_count = 0;
            judge(e, registry, only);
            const long allocations = g_count;
            for (long k = 0; k < allocations; ++k) {
                std::vector<Result> all;
                bool escaped = false;
                g_fail_in = k;
                try {
                    all = judge(e, registry, only);
                } catch (const std::bad_alloc&) {
                    escaped = true;  // judge()'s own bookkeeping, outside the check: the caller's to handle
                }
                g_fail_in = -1;
                if (escaped) continue;
                const auto got = of_check(all);
                REQUIRE_FALSE(got.empty());
                const Result& last = got.back();
                if (last.status != Status::Error || last.subject != "*") {
                    // The failure hit judge()'s own work after the check: the check's results are whole.
                    CHECK(got.size() == expected.size());
                    continue;
                }
                ++failures_seen;
                CHECK(last.message.find("the check could not be evaluated") == 0);
                CHECK_FALSE(last.remediation.empty());
                // What the check recorded before the failure is kept as it was.
                REQUIRE(got.size() <= expected.size() + 1);
                // (the one being written when the failure came may be half done)
                for (std::size_t i = 0; i + 2 < got.size(); ++i) CHECK(got[i].subject == expected[i].subject);
                // The other checks are still reported (not selected here: one skip each).
                CHECK(all.size() == got.size() + registry.all().size() - 1);
            }
        }
    }
    CHECK(failures_seen > 1000);
}

namespace {

// Runs read() with each of its allocations failing in turn: every time, the failure leaves read() as
// std::bad_alloc (never as another error, which would blame the input for the machine's memory) or
// read() still gives the same answer (the failure was one it may absorb). Returns how many failed.
template <typename Read>
std::size_t every_allocation_fails(const Read& read) {
    const auto expected = read();
    g_count = 0;
    read();
    const long allocations = g_count;
    REQUIRE(allocations > 0);
    std::size_t failed = 0;
    for (long k = 0; k < allocations; ++k) {
        g_fail_in = k;
        try {
            const auto got = read();
            g_fail_in = -1;
            CHECK(got == expected);
        } catch (const std::bad_alloc&) {
            g_fail_in = -1;
            ++failed;
        }
        // Anything else escapes and fails the test case.
    }
    g_fail_in = -1;
    return failed;
}

}  // namespace

TEST_CASE("model: an allocation failing anywhere while reading a run - a document or a name is std::bad_alloc and nothing else") {
    // The whole recorded run, as a replay reads it: every reader of every kind of probe.
    // One probe of each kind is enough (each element of a list is read by the same code), and keeps the
    // test quadratic in a small number.
    nlohmann::json recorded = evidence_to_json(good({"contoso.com"}));
    for (const char* list : {"dns", "ports", "tls", "http"}) {
        REQUIRE(recorded[list].size() > 1);
        recorded[list].erase(recorded[list].begin() + 1, recorded[list].end());
    }
    CHECK(every_allocation_fails([&] { return evidence_to_json(evidence_from_json(recorded)); }) > 100);
    // Each way a value is refused: the error's own message is built with allocations too.
    using nlohmann::json;
    // (nullopt: the field removed)
    const std::pair<const char*, std::optional<json>> refusals[] = {
        {"/dns/0", 5},                          // not an object
        {"/dns/0/name", std::nullopt},          // missing
        {"/dns/0/name", 5},                     // not a string
        {"/plan/internal_web", "bad..name"},    // not a DNS name
        {"/dns/0/view", "sideways"},            // neither view
        {"/dns/0/outcome", "weird"},            // no such outcome
        {"/dns/0/addresses", 5},                // not an array
        {"/dns/0/addresses", json::array({5})}, // an element not a string
        {"/dns/0/elapsed_ms", -1},              // out of range
        {"/dns/0/elapsed_ms", "slow"},          // not a number
        {"/dns/0/detail", 5},                   // an optional string of another type
        {"/tls/0/purpose", ""},                 // an empty purpose
        {"/tls/0/port", 99999},                 // out of range
        {"/plan/vantage", "sideways"},          // neither vantage
    };
    std::size_t refused_kinds = 0;
    for (const auto& refusal : refusals) {
        const std::string where = refusal.first;  // not a structured binding: CAPTURE names it in a lambda
        CAPTURE(where);
        const json::json_pointer ptr(where);
        json bad = recorded;
        if (refusal.second) {
            bad[ptr] = *refusal.second;
        } else {
            bad[ptr.parent_pointer()].erase(ptr.back());
        }
        auto message = [&] {
            try {
                evidence_from_json(bad);
            } catch (const EvidenceFormatError& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        REQUIRE_FALSE(message().empty());
        if (every_allocation_fails(message) > 3) ++refused_kinds;
    }
    CHECK(refused_kinds == std::size(refusals));

    const std::string xml_root =
        "<?xml version='1.0'?><AutodiscoverResponse AccessLocation='External'><Root>"
        "<Link token='User' href='https://webext.contoso.com/Autodiscover/root/user?a=1&amp;b=2'/>"
        "<Link token='Self' href='https://webext.contoso.com/&#x41;'/></Root></AutodiscoverResponse>";
    auto links_of = [](const AutodiscoverDocument& d) {
        std::vector<std::string> out{to_string(d.kind), d.error, d.access_location};
        for (const auto& l : d.links) out.push_back(l.token + "=" + l.href);
        return out;
    };
    CHECK(every_allocation_fails([&] { return links_of(parse_autodiscover(xml_root, "application/xml")); }) > 5);
    CHECK(every_allocation_fails([&] { return links_of(parse_autodiscover("<a><b x='&bad;'/></a>", "")); }) > 2);
    CHECK(every_allocation_fails([&] {
              return links_of(parse_autodiscover(
                  R"({"AccessLocation":"External","_links":{"applications":{"href":"https://a/ucwa"}}})", ""));
          }) > 5);

    const std::string pem = builders::issue(builders::proxy_cert({"contoso.com", "fabrikam.com"}));
    CHECK(every_allocation_fails([&] {
              const auto c = parse_certificate(pem);
              REQUIRE(c.has_value());
              return std::vector<std::string>{c->subject, c->common_name, c->issuer, c->sha256, san_list(*c)};
          }) > 5);

    CHECK(every_allocation_fails([] {
              std::vector<std::string> out;
              for (const char* input : {"Contoso.COM.", "-bad-.example", "[2001:db8::1]:5061", "a..b", "10.0.0.1:99999"}) {
                  const auto d = normalize_domain(input);
                  out.push_back(d ? *d : d.error);
                  const auto e = parse_endpoint(input, 443);
                  out.push_back(e ? e->host + ":" + std::to_string(e->port) : e.error);
              }
              return out;
          }) > 10);
}

#endif  // MOBCHECK_ASAN
