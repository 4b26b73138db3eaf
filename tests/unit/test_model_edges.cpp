// The model's small rules at their edges: what a name resolution says of itself, where a web services
// FQDN came from, which times and endpoints are accepted, and the public resolvers mobcheck asks by
// default. Each row asserts the answer, so a moved boundary or a flipped condition fails here.
#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "model/evidence.hpp"
#include "model/names.hpp"
#include "model/plan.hpp"
#include "model/report_header.hpp"
#include "model/utc_time.hpp"
#include "model/x509_util.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace mobcheck;

namespace {

NameResolution resolution(DnsOutcome outcome, std::vector<std::string> hops, std::vector<std::string> addresses,
                          std::string detail = "") {
    NameResolution r;
    r.name = "lyncdiscover.contoso.com";
    r.outcome = outcome;
    for (auto& h : hops) r.chain.push_back(CnameHop{r.name, h});
    r.addresses = std::move(addresses);
    r.detail = std::move(detail);
    return r;
}

}  // namespace

TEST_CASE("evidence: a name resolution describes itself by its outcome - with and without a CNAME chain") {
    CHECK(resolution(DnsOutcome::Resolved, {}, {"192.0.2.10", "192.0.2.11"}).describe() == "192.0.2.10, 192.0.2.11");
    CHECK(resolution(DnsOutcome::Resolved, {"rp.contoso.net"}, {"192.0.2.10"}).describe() ==
          "CNAME lyncdiscover.contoso.com → rp.contoso.net → 192.0.2.10");
    CHECK(resolution(DnsOutcome::NxDomain, {}, {}).describe() == "NXDOMAIN");
    CHECK(resolution(DnsOutcome::NoData, {}, {}).describe() == "no A/AAAA record");
    CHECK(resolution(DnsOutcome::NoData, {"rp.contoso.net"}, {}).describe() ==
          "CNAME lyncdiscover.contoso.com → rp.contoso.net, no A/AAAA record");
    CHECK(resolution(DnsOutcome::Timeout, {}, {}).describe() == to_string(DnsOutcome::Timeout));
    CHECK(resolution(DnsOutcome::CnameLoop, {"a"}, {}, "CNAME loop: a → b → a").describe() == "CNAME loop: a → b → a");
}

TEST_CASE("evidence: combining A and AAAA - one of them missing or neither looked up") {
    DnsLookup a;
    a.name = "webext.contoso.com";
    a.type = "A";
    a.outcome = DnsOutcome::Resolved;
    a.addresses = {"192.0.2.80"};
    const NameResolution only_a = combine_lookups(DnsView::External, a.name, &a, nullptr);
    CHECK(only_a.looked_up);
    CHECK(only_a.addresses == std::vector<std::string>{"192.0.2.80"});
    DnsLookup aaaa = a;
    aaaa.type = "AAAA";
    aaaa.addresses = {"2001:db8::80"};
    const NameResolution only_aaaa = combine_lookups(DnsView::External, a.name, nullptr, &aaaa);
    CHECK(only_aaaa.looked_up);
    CHECK(only_aaaa.addresses == std::vector<std::string>{"2001:db8::80"});
    const NameResolution neither = combine_lookups(DnsView::External, a.name, nullptr, nullptr);
    CHECK_FALSE(neither.looked_up);
    CHECK(neither.addresses.empty());
    // A chain's final name is its last target; without a chain, the name itself.
    CHECK(a.final_name() == "webext.contoso.com");
    a.chain = {{"webext.contoso.com", "rp1.contoso.net"}, {"rp1.contoso.net", "rp2.contoso.net"}};
    CHECK(a.final_name() == "rp2.contoso.net");
}

TEST_CASE("evidence: a web services FQDN says where it was learned only when the admin did not give it") {
    Evidence e;
    CHECK_FALSE(e.internal_web().has_value());
    CHECK(e.internal_web_note().empty());
    e.learned.internal_web = LearnedName{"pool01.contoso.net", "the links of https://lyncdiscoverinternal.contoso.com/"};
    e.learned.external_web = LearnedName{"webext.contoso.com", "the CNAME target of lyncdiscover.contoso.com"};
    CHECK(e.internal_web() == "pool01.contoso.net");
    CHECK(e.internal_web_note() == " (learned from the links of https://lyncdiscoverinternal.contoso.com/)");
    CHECK(e.external_web_note() == " (learned from the CNAME target of lyncdiscover.contoso.com)");
    e.plan.internal_web = "given.contoso.net";
    e.plan.external_web = "given.contoso.com";
    CHECK(e.internal_web() == "given.contoso.net");
    CHECK(e.external_web() == "given.contoso.com");
    CHECK(e.internal_web_note().empty());
    CHECK(e.external_web_note().empty());
}

TEST_CASE("utc_time: each field is checked at its edge") {
    CHECK(parse_utc_time("2026-12-31T23:59:59Z").has_value());
    CHECK(parse_utc_time("2026-01-01T00:00:00Z").has_value());
    // Month 00 once read as December of the year before.
    for (const std::string bad : {"2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-12-00T00:00:00Z", "2026-12-32T00:00:00Z",
                                  "2026-12-01T24:00:00Z", "2026-12-01T00:60:00Z", "2026-12-01T12:00:60Z", "2026-02-31T00:00:00Z",
                                  "2026-12-01 00:00:00Z", "2026-12-01T00:00:00", "2026-1a-01T00:00:00Z"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_utc_time(bad).has_value());
    }
    CHECK(format_utc(*parse_utc_time("2026-02-28T12:30:45Z")) == "2026-02-28T12:30:45Z");
}

TEST_CASE("utc_time: the calendar holds from 1950 to 9999 - the range of certificate dates") {
    // Known moments, on every platform (Windows' own _mkgmtime stops at the year 3000).
    const std::vector<std::pair<std::string, std::int64_t>> known = {
        {"1950-01-01T00:00:00Z", -631152000},   {"1970-01-01T00:00:00Z", 0},
        {"2000-02-29T12:00:00Z", 951825600},    {"2038-01-19T03:14:08Z", 2147483648},
        {"2126-11-01T10:03:21Z", 4949201001},   {"9999-12-31T23:59:59Z", 253402300799},
    };
    for (const auto& moment : known) {
        const std::string& text = moment.first;
        const std::int64_t seconds = moment.second;
        CAPTURE(text);
        const auto when = parse_utc_time(text);
        REQUIRE(when.has_value());
        CHECK(static_cast<std::int64_t>(*when) == seconds);
        CHECK(format_utc(*when) == text);
        const std::tm fields = utc_fields(*when);
        CHECK(utc_seconds(fields) == *when);
    }
    // The fields gmtime would give, the day of the week and of the year among them.
    const std::tm leap = utc_fields(951825600);
    CHECK(leap.tm_year == 100);
    CHECK(leap.tm_mon == 1);
    CHECK(leap.tm_mday == 29);
    CHECK(leap.tm_hour == 12);
    CHECK(leap.tm_wday == 2);  // a Tuesday
    CHECK(leap.tm_yday == 59);
    // Before 1970 a moment is negative and its day still starts at midnight.
    const std::tm early = utc_fields(-1);
    CHECK(early.tm_year == 69);
    CHECK(early.tm_mon == 11);
    CHECK(early.tm_mday == 31);
    CHECK(early.tm_hour == 23);
    CHECK(early.tm_sec == 59);
    // A day past the month's end counts on into the next month, as timegm does.
    std::tm past_end{};
    past_end.tm_year = 126;
    past_end.tm_mon = 1;
    past_end.tm_mday = 31;
    CHECK(format_utc(utc_seconds(past_end)) == "2026-03-03T00:00:00Z");
}

TEST_CASE("names: endpoints and resolvers at their edges") {
    const auto v6 = parse_endpoint("[2001:db8::5]:5061", 443);
    REQUIRE(v6);
    CHECK(v6->host == "2001:db8::5");
    CHECK(v6->port == 5061);
    CHECK(parse_endpoint("[sba.contoso.com]:5061", 443).error ==
          "endpoint '[sba.contoso.com]:5061': only an IPv6 address goes in brackets");
    CHECK_FALSE(parse_endpoint("bad..name", 443));
    CHECK(parse_endpoint("sba.contoso.com", 5061)->port == 5061);
    CHECK(parse_upn("alice@Contoso.COM").value == "alice@contoso.com");
    CHECK_FALSE(parse_upn("alice@-bad-"));
    CHECK_FALSE(parse_upn("@contoso.com"));
    CHECK(ResolverAddress{"2001:db8::53", 5353, true}.to_string() == "[2001:db8::53]:5353");
    CHECK(ResolverAddress{"192.0.2.53", 53, false}.to_string() == "192.0.2.53:53");
    CHECK(ResolverAddress{"192.0.2.53", 53, false} == ResolverAddress{"192.0.2.53", 53, false});
    CHECK_FALSE(ResolverAddress{"192.0.2.53", 53, false} == ResolverAddress{"192.0.2.53", 54, false});
    CHECK_FALSE(ResolverAddress{"192.0.2.53", 53, false} == ResolverAddress{"192.0.2.54", 53, false});
    // The external view, when no --external-dns is given: three public resolvers of different operators.
    const auto defaults = default_external_resolvers();
    REQUIRE(defaults.size() == 3);
    for (const auto& r : defaults) {
        CHECK(r.port == 53);
        CHECK_FALSE(r.is_ipv6);
    }
    CHECK(defaults[0].address != defaults[1].address);
}

TEST_CASE("x509_util: every certificate of a PEM text is read - and a subject printed in RFC 2253 order") {
    std::ifstream in(std::string(MOBCHECK_TESTDATA) + "/certs/proxy-chain.pem");
    std::stringstream text;
    text << in.rdbuf();
    const auto chain = read_pem_certificates(text.str());
    REQUIRE(chain.size() == 2);
    CHECK(name_text(X509_get_issuer_name(chain[0].get())) == "CN=Contoso Lab Issuing CA,O=Contoso Lab");
    CHECK(name_text(nullptr).empty());
    CHECK(read_pem_certificates("").empty());
    CHECK(read_pem_certificates("not PEM at all").empty());
    CHECK(read_pem_certificates(text.str() + "-----BEGIN CERTIFICATE-----\ngarbage\n").size() == 2);
}

TEST_CASE("report_header: a served certificate is listed only when its leaf and probe time can be read") {
    Evidence evidence;
    auto probe = [](std::string name, TlsOutcome outcome, std::vector<std::string> chain, std::string probed_at) {
        TlsProbe p;
        p.name = std::move(name);
        p.address = "127.20.0.10";
        p.port = 443;
        p.outcome = outcome;
        p.chain = std::move(chain);
        p.probed_at = std::move(probed_at);
        return p;
    };
    std::ifstream in(std::string(MOBCHECK_TESTDATA) + "/certs/proxy-chain.pem");
    std::stringstream pem;
    pem << in.rdbuf();
    REQUIRE_FALSE(read_pem_certificates(pem.str()).empty());
    const std::vector<std::string> chain = {pem.str()};  // the leaf is the file's first certificate
    evidence.tls = {
        probe("listed.contoso.com", TlsOutcome::Handshake, chain, "2026-11-25T09:30:00Z"),
        probe("no-handshake.contoso.com", TlsOutcome::NoConnect, chain, "2026-11-25T09:30:00Z"),
        probe("no-chain.contoso.com", TlsOutcome::Handshake, {}, "2026-11-25T09:30:00Z"),
        probe("garbage-leaf.contoso.com", TlsOutcome::Handshake, {"not a certificate"}, "2026-11-25T09:30:00Z"),
        probe("no-time.contoso.com", TlsOutcome::Handshake, chain, "yesterday"),
    };
    const ReportHeader header = report_header(evidence);
    REQUIRE(header.certificates.size() == 1);
    CHECK(header.certificates[0].name == "listed.contoso.com");
    CHECK(header.certificates[0].port == 443);
}

TEST_CASE("report_header: the vantage label of one run and of merged runs") {
    ReportHeader header;
    header.vantage = Vantage::External;
    CHECK(header.vantage_label() == "external");
    auto run = [](std::string file, Vantage vantage) {
        MergedRun r;
        r.file = std::move(file);
        r.vantage = vantage;
        return r;
    };
    header.merged_from = {run("a.json", Vantage::External), run("b.json", Vantage::External)};
    CHECK(header.vantage_label() == "external");
    header.merged_from.push_back(run("c.json", Vantage::Internal));
    CHECK(header.vantage_label() == "internal + external");
}

TEST_CASE("evidence: learned names and recorded purposes compare by every member") {
    const LearnedName a{"webext.contoso.com", "the links of https://lyncdiscover.contoso.com/"};
    CHECK(a == LearnedName{a.name, a.source});
    CHECK_FALSE(a == LearnedName{"webext.fabrikam.com", a.source});
    CHECK_FALSE(a == LearnedName{a.name, "the CNAME target of lyncdiscover.contoso.com"});
    const LearnedWebNames none;
    const LearnedWebNames external{std::nullopt, a};
    const LearnedWebNames internal{a, std::nullopt};
    CHECK(none == LearnedWebNames{});
    CHECK_FALSE(none == external);
    CHECK_FALSE(external == internal);
    CHECK_FALSE(external == LearnedWebNames{std::nullopt, LearnedName{a.name, "else"}});
    CHECK(external == LearnedWebNames{std::nullopt, a});

    const RecordedPurpose known = RecordedPurpose::from_text("lyncdiscover");
    const RecordedPurpose other = RecordedPurpose::from_text("a-purpose-of-tomorrow");
    CHECK(known.text() == "lyncdiscover");
    CHECK(other.text() == "a-purpose-of-tomorrow");
    CHECK(other.id() == ProbePurpose::Other);
    CHECK(other == RecordedPurpose::from_text("a-purpose-of-tomorrow"));
    CHECK_FALSE(other == RecordedPurpose::from_text("another-purpose"));
    CHECK((other < RecordedPurpose::from_text("b-purpose")) != (RecordedPurpose::from_text("b-purpose") < other));
    CHECK_FALSE(known < known);
}

TEST_CASE("plan: the probe families a run made cover what a check needs - every combination") {
    auto families = [](unsigned mask) {
        return ProbeFamilies{(mask & 1u) != 0, (mask & 2u) != 0, (mask & 4u) != 0, (mask & 8u) != 0};
    };
    for (unsigned made = 0; made < 16; ++made) {
        const ProbeFamilies probed = families(made);
        CAPTURE(made);
        CHECK(probed.all() == (made == 15));
        CHECK(probed.names().size() == static_cast<std::size_t>(__builtin_popcount(made)));
        CHECK(probed == families(made));
        for (unsigned needed = 0; needed < 16; ++needed) {
            CAPTURE(needed);
            CHECK(probed.covers(families(needed)) == ((needed & ~made) == 0));
            CHECK((probed == families(needed)) == (made == needed));
        }
    }
    CHECK(families(15).names() == std::vector<std::string>{"dns", "ports", "tls", "http"});
    CHECK(families(5).names() == std::vector<std::string>{"dns", "tls"});
}

TEST_CASE("Evidence::find_dns: through its index - after the look-ups grew - after they were reordered") {
    Evidence e = fixtures::load("good");
    REQUIRE(e.dns.size() > 4);
    const DnsLookup first = e.dns.front();
    const DnsLookup* found = e.find_dns(first.view, first.name, first.type);
    REQUIRE(found != nullptr);
    CHECK(found == &e.dns.front());
    CHECK(e.find_dns(first.view, "nothing.contoso.com", "A") == nullptr);
    // A look-up added afterwards is found (the index is built again).
    DnsLookup added = first;
    added.name = "added.contoso.com";
    e.dns.push_back(added);
    REQUIRE(e.find_dns(first.view, "added.contoso.com", first.type) != nullptr);
    CHECK(e.find_dns(first.view, "added.contoso.com", first.type)->name == "added.contoso.com");
    // Reordered in place: every look-up is still found where it now is.
    std::reverse(e.dns.begin(), e.dns.end());
    for (const DnsLookup& l : e.dns) {
        const DnsLookup* at = e.find_dns(l.view, l.name, l.type);
        REQUIRE(at != nullptr);
        CHECK(at->name == l.name);
        CHECK(at->type == l.type);
    }
    // A copy answers from its own look-ups.
    const Evidence copy = e;
    CHECK(copy.find_dns(first.view, first.name, first.type) >= copy.dns.data());
    CHECK(copy.find_dns(first.view, first.name, first.type) < copy.dns.data() + copy.dns.size());
}
