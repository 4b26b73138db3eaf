// What a large run keeps once rather than once per probe or result: served certificates' PEM texts,
// the certificate table the JSON report's results refer to, and results' evidence packed.
#include <doctest/doctest.h>

#include <set>

#include "fixtures.hpp"
#include "checks/registry.hpp"
#include "checks/result_evidence.hpp"
#include "model/report_header.hpp"
#include "model/shared_pem.hpp"
#include "report/report.hpp"

using namespace mobcheck;

TEST_CASE("SharedPem: equal texts share one buffer while any holds it - different texts never") {
    const std::string text = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    SharedPem a(text);
    const SharedPem b(std::string{text});
    const SharedPem other(text + "x");
    CHECK(a.shares_with(b));
    CHECK(a == b);
    CHECK_FALSE(a.shares_with(other));
    CHECK_FALSE(a == other);
    CHECK(static_cast<const std::string&>(b) == text);
    {
        // Once every holder is gone the text is made anew, and still reads the same.
        const std::string again = text + "y";
        { const SharedPem gone(again); }
        const SharedPem fresh(again);
        CHECK(fresh.str() == again);
    }
    a = SharedPem(text + "z");
    CHECK_FALSE(a.shares_with(b));
    CHECK(b.str() == text);
    CHECK(SharedPem().empty());
    // A chain read from an evidence file shares the texts of every probe that was served them.
    const Evidence e = fixtures::load("good");
    std::size_t shared = 0;
    for (std::size_t i = 1; i < e.tls.size(); ++i) {
        if (!e.tls[i].chain.empty() && !e.tls[0].chain.empty() && e.tls[i].chain.front() == e.tls[0].chain.front()) {
            CHECK(e.tls[i].chain.front().shares_with(e.tls[0].chain.front()));
            ++shared;
        }
    }
    CHECK(shared > 0);
}

TEST_CASE("ResultEvidence: packed - read back unchanged - built on after packing") {
    ResultEvidence ev;
    CHECK(ev.empty());
    ev.pack();
    CHECK_FALSE(ev.packed());  // nothing to pack
    ev["walk"] = {{"end", "redirect-other-domain"}, {"hops", nlohmann::json::array({1, 2, 3})}};
    ev["endpoint"] = "lyncdiscover.contoso.com";
    const nlohmann::json before = ev.json();
    ev.pack();
    CHECK(ev.packed());
    CHECK_FALSE(ev.empty());
    CHECK(ev.json() == before);
    CHECK(ev.at("walk").at("hops").size() == 3);
    CHECK(ev.contains("endpoint"));
    CHECK_FALSE(ev.contains("dns"));
    CHECK_THROWS_AS(ev.at("dns"), nlohmann::json::out_of_range);
    ev["dns"] = "added";
    CHECK_FALSE(ev.packed());
    CHECK(ev.at("walk") == before.at("walk"));
    CHECK(ev.at("dns") == "added");
    ev = nlohmann::json::object();
    CHECK(ev.empty());
}

TEST_CASE("judge packs every result's evidence - the JSON report shows it whole") {
    const Evidence e = fixtures::load("tls-500-sans");
    const auto results = judge(e, builtin_registry(), {});
    std::size_t with_evidence = 0;
    for (const Result& r : results) {
        if (r.evidence.empty()) continue;
        ++with_evidence;
        CHECK(r.evidence.packed());
    }
    CHECK(with_evidence > 10);
    const nlohmann::json report = json_report({report_header(e), results, builtin_registry()});
    for (const auto& r : report.at("results")) CHECK(r.at("evidence").is_object());
}

TEST_CASE("the certificate table: every leaf a TLS result names is in it once - with its names") {
    const Evidence e = fixtures::load("tls-500-sans");
    const ReportHeader header = report_header(e);
    const auto results = judge(e, builtin_registry(), {});
    const nlohmann::json report = json_report({header, results, builtin_registry()});
    const auto& table = report.at("certificates");
    REQUIRE(table.is_object());
    // One entry per distinct certificate served, however many probes served it.
    std::set<std::string> served;
    for (const TlsProbe& p : e.tls) {
        if (p.outcome == TlsOutcome::Handshake && !p.chain.empty()) served.insert(p.chain.front().str());
    }
    CHECK(table.size() == served.size());
    CHECK(e.tls.size() > served.size());
    std::size_t referred = 0;
    for (const auto& r : report.at("results")) {
        if (!r.at("evidence").contains("probes") || r.at("check").get<std::string>().rfind("tls.", 0) != 0) continue;
        for (const auto& probe : r.at("evidence").at("probes")) {
            if (!probe.contains("leaf")) continue;
            const auto& leaf = probe.at("leaf");
            CHECK_FALSE(leaf.contains("san"));
            REQUIRE(table.contains(leaf.at("sha256").get<std::string>()));
            const auto& entry = table.at(leaf.at("sha256").get<std::string>());
            CHECK(entry.at("subject") == leaf.at("subject"));
            CHECK(entry.at("san").size() + entry.value("san_ip", nlohmann::json::array()).size() == leaf.at("san_count"));
            CHECK(entry.at("not_after").is_string());
            CHECK(entry.at("issuer").is_string());
            ++referred;
        }
    }
    CHECK(referred > 0);
    bool five_hundred = false;
    for (const auto& [sha256, entry] : table.items()) five_hundred = five_hundred || entry.at("san").size() == 500;
    CHECK(five_hundred);
    // The served certificates (Nagios, Prometheus, HTML) share the table's parsed certificates.
    for (const ServedCertificate& c : header.certificates) {
        REQUIRE(header.certificate_table.count(c.leaf->sha256) == 1);
        CHECK(header.certificate_table.at(c.leaf->sha256).get() == c.leaf.get());
    }
}
