// Rule tables of the ports.* checks: every port state, from either vantage, for APNS and the two SBA ports.
#include <doctest/doctest.h>

#include "evidence_builders.hpp"

using namespace mobcheck;
using namespace builders;

namespace {

const std::string kApns = "courier.push.apple.com:5223";

std::function<void(Evidence&)> apns(std::vector<PortState> states) {
    return [states](Evidence& e) {
        remove_port_probes(e, "apns");
        int n = 0;
        for (PortState s : states) {
            add_port_probe(e, "apns", e.plan.apns.host, e.plan.apns.port, s, "17.57.146." + std::to_string(++n));
        }
    };
}

// The SBA's probes on port, in the states given (one per address).
std::function<void(Evidence&)> sba(std::uint16_t port, std::vector<PortState> states, DnsView view = DnsView::Internal) {
    return [=](Evidence& e) {
        std::erase_if(e.ports, [&](const PortProbe& p) { return p.host == kSba && p.port == port; });
        int n = 0;
        for (PortState s : states) add_port_probe(e, "sba", kSba, port, s, "10.0.5." + std::to_string(++n), view);
    };
}

}  // namespace

TEST_CASE("port rules: ports.apns") {
    run_table("ports.apns",
              {
                  {"open", nullptr, {{kApns, Status::Pass, "17.57.146.20:5223 open in 2.5 ms"}}},
                  {"one of two addresses open", apns({PortState::Filtered, PortState::Open}), {{kApns, Status::Pass}}},
                  {"filtered: warn", apns({PortState::Filtered}), {{kApns, Status::Warn, "filtered"}}},
                  {"closed: warn", apns({PortState::Closed}), {{kApns, Status::Warn, "closed"}}},
                  {"closed, with no detail recorded",
                   [](Evidence& e) {
                       apns({PortState::Closed})(e);
                       e.ports.back().detail.clear();
                   },
                   {{kApns, Status::Warn, "17.57.146.1:5223 closed. Apple devices"}}},
                  {"unreachable: warn", apns({PortState::Unreachable}), {{kApns, Status::Warn}}},
                  {"the name does not resolve: warn",
                   [](Evidence& e) {
                       fails(e, DnsView::Internal, e.plan.apns.host, DnsOutcome::NxDomain);
                       apns({PortState::Unresolved})(e);
                   },
                   {{kApns, Status::Warn, "has no address"}}},
                  {"unresolved with no lookup in the evidence: warn", apns({PortState::Unresolved}), {{kApns, Status::Warn}}},
                  {"unresolved because DNS timed out: error",
                   [](Evidence& e) {
                       fails(e, DnsView::Internal, e.plan.apns.host, DnsOutcome::Timeout);
                       apns({PortState::Unresolved})(e);
                   },
                   {{kApns, Status::Error, "could not probe"}}},
                  {"unresolved because of SERVFAIL: error",
                   [](Evidence& e) {
                       fails(e, DnsView::Internal, e.plan.apns.host, DnsOutcome::ServFail);
                       apns({PortState::Unresolved})(e);
                   },
                   {{kApns, Status::Error}}},
                  {"a probe that could not be made: error", apns({PortState::Filtered, PortState::Error}),
                   {{kApns, Status::Error}}},
                  {"no probe in the evidence", [](Evidence& e) { remove_port_probes(e, "apns"); },
                   {{kApns, Status::Error, "the evidence holds no probe"}}},
                  {"another endpoint given with --apns (IPv6)",
                   [](Evidence& e) {
                       e.plan.apns = {"2001:db8::5", 5223};
                       remove_port_probes(e, "apns");
                       add_port_probe(e, "apns", "2001:db8::5", 5223, PortState::Closed, "2001:db8::5");
                   },
                   {{"[2001:db8::5]:5223", Status::Warn, "[2001:db8::5]:5223 closed"}}},
              });
    run_table("ports.apns", {{"from outside: skip", nullptr, {{kApns, Status::Skip, "--vantage internal"}}}},
              [] { return good({"contoso.com"}, Vantage::External); });
}

TEST_CASE("port rules: ports.sba-ucwa-external (5088) and ports.sba-ucwa-primary (5089)") {
    struct PortCase {
        const char* id;
        std::uint16_t port;
    };
    for (const PortCase& c : {PortCase{"ports.sba-ucwa-external", 5088}, PortCase{"ports.sba-ucwa-primary", 5089}}) {
        const std::string subject = std::string(kSba) + ":" + std::to_string(c.port);
        const std::uint16_t port = c.port;
        run_table(c.id,
                  {
                      {"open", nullptr, {{subject, Status::Pass, "is open on sba01.contoso.net"}}},
                      {"open on both addresses", sba(port, {PortState::Open, PortState::Open}), {{subject, Status::Pass}}},
                      {"open on one address only: fail", sba(port, {PortState::Open, PortState::Closed}),
                       {{subject, Status::Fail}}},
                      {"closed: fail", sba(port, {PortState::Closed}), {{subject, Status::Fail, "does not answer"}}},
                      {"filtered: fail", sba(port, {PortState::Filtered}), {{subject, Status::Fail, "filtered"}}},
                      {"unreachable: fail", sba(port, {PortState::Unreachable}), {{subject, Status::Fail}}},
                      {"unresolved: fail",
                       [=](Evidence& e) {
                           fails(e, DnsView::Internal, kSba, DnsOutcome::NxDomain);
                           sba(port, {PortState::Unresolved})(e);
                       },
                       {{subject, Status::Fail, "cannot be probed"}}},
                      {"unresolved because DNS timed out: error",
                       [=](Evidence& e) {
                           fails(e, DnsView::Internal, kSba, DnsOutcome::Timeout);
                           sba(port, {PortState::Unresolved})(e);
                       },
                       {{subject, Status::Error}}},
                      {"a probe that could not be made: error", sba(port, {PortState::Error}), {{subject, Status::Error}}},
                      {"no probe in the evidence",
                       [=](Evidence& e) {
                           std::erase_if(e.ports, [&](const PortProbe& p) { return p.port == port; });
                       },
                       {{subject, Status::Error}}},
                      {"a second SBA, closed, is its own subject",
                       [=](Evidence& e) {
                           e.plan.sbas.push_back("sba02.contoso.net");
                           add_port_probe(e, "sba", "sba02.contoso.net", port, PortState::Closed, "10.0.6.1");
                       },
                       {{"sba02.contoso.net:" + std::to_string(port), Status::Fail}}},
                      {"no SBA given: skip", [](Evidence& e) { e.plan.sbas.clear(); },
                       {{"branch appliances", Status::Skip, "--sba"}}},
                  });
        // The fix names what the probe found.
        auto fix = [&](std::function<void(Evidence&)> change) {
            Evidence e = good();
            change(e);
            return one(judge_check(e, c.id), subject).remediation;
        };
        CHECK(fix(sba(port, {PortState::Filtered})).starts_with("Allow TCP"));
        CHECK(fix(sba(port, {PortState::Unreachable})).starts_with("Allow TCP"));
        CHECK(fix(sba(port, {PortState::Closed})).starts_with("Nothing listens"));
        CHECK(fix(sba(port, {PortState::Unresolved})).starts_with("Give sba01.contoso.net an A/AAAA record"));

        // From outside the SBA must not answer.
        run_table(c.id,
                  {
                      {"from outside, filtered: skip", nullptr, {{subject, Status::Skip, "internal-only endpoint"}}, false},
                      {"from outside, closed: skip", sba(port, {PortState::Closed}, DnsView::External),
                       {{subject, Status::Skip}}, false},
                      {"from outside, open: warn", sba(port, {PortState::Open}, DnsView::External),
                       {{subject, Status::Warn, "reachable from outside the corporate network"}}, false},
                      {"from outside, open on one address: warn",
                       sba(port, {PortState::Filtered, PortState::Open}, DnsView::External), {{subject, Status::Warn}}, false},
                  },
                  [] { return good({"contoso.com"}, Vantage::External); });
    }
}
