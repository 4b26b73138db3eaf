#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "fixtures.hpp"
#include "checks/registry.hpp"
#include "report/report.hpp"

using namespace mobcheck;

TEST_CASE("registry: every built-in check is complete and has a stable unique ID") {
    const Registry& registry = builtin_registry();
    std::set<std::string> ids;
    REQUIRE(registry.all().size() >= 11);  // at least the catalogue listed below
    for (const auto& def : registry.all()) {
        CAPTURE(def.id);
        CHECK(ids.insert(def.id).second);
        CHECK(def.id.find('.') != std::string::npos);
        CHECK(!def.title.empty());
        CHECK(!def.rule.empty());
        CHECK(!def.source.empty());
        CHECK(!def.remediation.empty());
        CHECK((def.fn != nullptr));
        CHECK((def.severity == Status::Fail || def.severity == Status::Warn || def.severity == Status::Info));
    }
    // The catalogue of SPEC §3 that this version implements.
    for (const char* id : {"dns.lyncdiscoverinternal", "dns.lyncdiscover", "dns.internal-name-hidden",
                           "dns.external-name-inside", "dns.cname-domain", "dns.chain-health", "dns.web-internal-private",
                           "dns.web-external-public", "dns.web-external-via-proxy", "dns.federation-srv",
                           "topology.web-fqdns-distinct"}) {
        CAPTURE(id);
        CHECK(registry.find(id) != nullptr);
    }
}

TEST_CASE("registry: a duplicate ID is a programming error") {
    Registry r;
    register_builtin_checks(r);
    CHECK_THROWS_AS(r.add(r.all().front()), std::logic_error);
}

TEST_CASE("registry: selection by ID and by category") {
    const Registry& registry = builtin_registry();
    const CheckDef& cname = *registry.find("dns.cname-domain");
    const CheckDef& topo = *registry.find("topology.web-fqdns-distinct");
    CHECK(registry.selector_known("dns"));
    CHECK(registry.selector_known("dns.*"));
    CHECK(registry.selector_known("topology.web-fqdns-distinct"));
    CHECK_FALSE(registry.selector_known("dn"));
    CHECK_FALSE(registry.selector_known("dns.nope"));

    Selection all;
    CHECK(all.selected(cname));
    Selection only_dns{{"dns"}, {}};
    CHECK(only_dns.selected(cname));
    CHECK_FALSE(only_dns.selected(topo));
    Selection skip_one{{}, {"dns.cname-domain"}};
    CHECK_FALSE(skip_one.selected(cname));
    CHECK(skip_one.selected(topo));
    Selection both{{"dns"}, {"dns.cname-domain"}};
    CHECK_FALSE(both.selected(cname));
}

TEST_CASE("judge: checks not selected are reported as skip once") {
    Selection selection{{"topology"}, {}};
    auto results = judge(fixtures::load("good"), builtin_registry(), selection);
    std::size_t skipped = 0;
    for (const auto& r : results) {
        if (r.check.starts_with("dns.")) {
            CHECK(r.status == Status::Skip);
            CHECK(r.subject == "*");
            ++skipped;
        }
    }
    CHECK(skipped == 11);
}

TEST_CASE("judge: non-pass results carry a remediation and pass results none") {
    for (const char* fixture : {"good", "cname-loop", "external-dns-drops", "cname-other-domain"}) {
        const auto results = judge(fixtures::load(fixture), builtin_registry(), {});
        CAPTURE(fixture);
        REQUIRE(!results.empty());
        for (const auto& r : results) {
            CAPTURE(fixture);
            CAPTURE(r.check);
            CAPTURE(r.subject);
            if (r.status == Status::Warn || r.status == Status::Fail || r.status == Status::Error) {
                CHECK_FALSE(r.remediation.empty());
            }
            if (r.status == Status::Pass) CHECK(r.remediation.empty());
            CHECK_FALSE(r.message.empty());
        }
    }
}

namespace {

// A check that gives every kind of result, each with a fix of its own or none, about contoso.com.
void every_kind(CheckContext& ctx) {
    ctx.emit(Status::Info, "info", "contoso.com", "an info").remediation = "a fix an info should not carry";
    ctx.emit(Status::Skip, "skip", "contoso.com", "a skip").remediation = "a fix a skip should not carry";
    ctx.broken("fail", "contoso.com", "a fail without a fix of its own");
    ctx.broken("deployment-wide", "", "a fail about no SIP domain");
    ctx.emit(Status::Error, "error", "contoso.com", "an error");
}

// A check judged after every_kind (a later category) that asks for its results as prerequisites.
void asks_for_prerequisites(CheckContext& ctx) {
    CHECK(ctx.cause("tls.every-kind", "fail") != nullptr);
    CHECK(ctx.cause("tls.every-kind", "error") != nullptr);
    CHECK(ctx.cause("tls.every-kind", "info") == nullptr);  // not a problem: blocks nothing
    CHECK(ctx.cause("tls.every-kind", "skip") == nullptr);
    CHECK(ctx.cause("tls.every-kind", "nothing") == nullptr);
    const Result* cause = ctx.cause("tls.every-kind", "fail");
    REQUIRE(cause != nullptr);
    Result& first = ctx.blocked("first", "contoso.com", *cause, "the fail is in the way");
    CHECK(first.message == "not judged: the fail is in the way (tls.every-kind)");
    CHECK(first.reason == "blocked");
    REQUIRE(first.blocked_by.has_value());
    CHECK(first.blocked_by->subject == "fail");
    // A result blocked by a blocked one names the root cause.
    Result& second = ctx.blocked("second", "contoso.com", first, "the first is in the way");
    CHECK(second.message == "not judged: the first is in the way (http.asks, blocked by tls.every-kind)");
    REQUIRE(second.blocked_by.has_value());
    CHECK(second.blocked_by->check == "tls.every-kind");
    CHECK(second.blocked_by->subject == "fail");
}

}  // namespace

TEST_CASE("judge: the catalogue's fix with the SIP domain for <sip> - none for info and skip - prerequisites first") {
    Registry registry;
    // Registered first, judged last: http comes after tls in the judging order.
    registry.add({.id = "http.asks", .title = "asks", .severity = Status::Fail, .rule = "r", .source = "s",
                  .remediation = "none", .fn = &asks_for_prerequisites});
    registry.add({.id = "tls.every-kind", .title = "every kind", .severity = Status::Fail, .rule = "r", .source = "s",
                  .remediation = "Create lyncdiscover.<sip> and lyncdiscoverinternal.<sip>.", .fn = &every_kind});
    const auto results = judge(Evidence{}, registry, {});
    REQUIRE(results.size() == 7);
    // Reported in catalogue order: the asking check first, although it was judged last.
    CHECK(results[0].subject == "first");
    CHECK(results[1].subject == "second");
    auto of = [&](const std::string& subject) -> const Result& {
        for (const auto& r : results) {
            if (r.subject == subject) return r;
        }
        FAIL("no result " << subject);
        throw std::logic_error("unreachable");
    };
    CHECK(of("info").remediation.empty());
    CHECK(of("skip").remediation.empty());
    CHECK(of("first").remediation.empty());
    CHECK(of("fail").remediation == "Create lyncdiscover.contoso.com and lyncdiscoverinternal.contoso.com.");
    CHECK(of("deployment-wide").remediation == "Create lyncdiscover.<sip> and lyncdiscoverinternal.<sip>.");
    CHECK(of("error").remediation.find("mobcheck could not decide this") == 0);
}

TEST_CASE("catalogue: docs/checks.md is what the registry generates") {
    std::ostringstream generated;
    write_catalogue_markdown(generated, builtin_registry());
    std::ifstream in(std::string(MOBCHECK_DOCS) + "/checks.md");
    REQUIRE_MESSAGE(in, "docs/checks.md is missing: mobcheck --list-checks --format markdown > docs/checks.md");
    std::stringstream on_disk;
    on_disk << in.rdbuf();
    CHECK_MESSAGE(on_disk.str() == generated.str(),
                  "docs/checks.md is stale: regenerate with mobcheck --list-checks --format markdown > docs/checks.md");
}

namespace {

// Every check whose problem can leave def's results blocked: its prerequisites and theirs.
std::set<std::string> reachable_prerequisites(const CheckDef& def) {
    std::set<std::string> seen;
    std::vector<std::string> todo = def.prerequisites;
    while (!todo.empty()) {
        const std::string id = todo.back();
        todo.pop_back();
        if (!seen.insert(id).second) continue;
        const CheckDef* p = builtin_registry().find(id);
        REQUIRE_MESSAGE(p != nullptr, def.id << " names an unknown prerequisite " << id);
        todo.insert(todo.end(), p->prerequisites.begin(), p->prerequisites.end());
    }
    return seen;
}

}  // namespace

TEST_CASE("catalogue: every recorded result carries a reason its check declares and is blocked only by a declared prerequisite") {
    std::set<std::string> common;
    for (const auto& t : common_reasons()) common.insert(t.tag);
    std::size_t results = 0, blocked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(MOBCHECK_TESTDATA) + "/evidence")) {
        if (entry.path().extension() != ".json") continue;
        const std::string fixture = entry.path().stem().string();
        for (const Result& r : judge(fixtures::load(fixture), builtin_registry(), {})) {
            INFO(fixture << ": " << r.check << " " << r.subject << " " << std::string(to_string(r.status)) << " " << r.reason);
            ++results;
            const CheckDef& def = *builtin_registry().find(r.check);
            if (r.status == Status::Pass) {
                CHECK(r.reason.empty());
                continue;
            }
            std::set<std::string> declared = common;
            for (const auto& t : def.reasons) declared.insert(t.tag);
            CHECK(declared.count(r.reason) == 1);
            if (r.blocked_by) {
                ++blocked;
                CHECK(reachable_prerequisites(def).count(r.blocked_by->check) == 1);
            }
        }
    }
    CHECK(results > 3000);  // every fixture was judged
    CHECK(blocked > 100);
}

TEST_CASE("catalogue: every check declares its own reasons and prerequisites that exist") {
    std::set<std::string> common;
    for (const auto& t : common_reasons()) common.insert(t.tag);
    for (const auto& def : builtin_registry().all()) {
        INFO(def.id);
        CHECK_FALSE(def.reasons.empty());
        std::set<std::string> tags;
        for (const auto& t : def.reasons) {
            CHECK_FALSE(t.meaning.empty());
            CHECK(common.count(t.tag) == 0);
            CHECK(tags.insert(t.tag).second);  // declared once
        }
        for (const auto& id : def.prerequisites) {
            CHECK(id != def.id);
            CHECK(builtin_registry().find(id) != nullptr);
        }
    }
}
