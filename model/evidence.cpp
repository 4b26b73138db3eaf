#include "model/evidence.hpp"

#include <algorithm>
#include <array>

#include "model/enum_names.hpp"
#include "model/strings.hpp"

namespace mobcheck {

namespace {

constexpr EnumNames<DnsOutcome, 10> kOutcomeNames{{
    {DnsOutcome::Resolved, "resolved"},
    {DnsOutcome::NoData, "nodata"},
    {DnsOutcome::NxDomain, "nxdomain"},
    {DnsOutcome::DanglingCname, "dangling-cname"},
    {DnsOutcome::CnameLoop, "cname-loop"},
    {DnsOutcome::ChainTooLong, "chain-too-long"},
    {DnsOutcome::ServFail, "servfail"},
    {DnsOutcome::Refused, "refused"},
    {DnsOutcome::Timeout, "timeout"},
    {DnsOutcome::Error, "error"},
}};

// When A and AAAA disagree and neither resolved, which failure tells the admin most: a broken
// chain first (it is a fact about the zone), then what left us undecided, then plain absence.
int telling_rank(DnsOutcome o) {
    switch (o) {
        case DnsOutcome::Resolved: return 100;
        case DnsOutcome::CnameLoop: return 90;
        case DnsOutcome::DanglingCname: return 85;
        case DnsOutcome::ChainTooLong: return 80;
        case DnsOutcome::ServFail: return 75;
        // A refusal or a refused connection says more than silence (c-ares may see the ICMP
        // "port unreachable" on only one of two queries that share a socket).
        case DnsOutcome::Refused: return 65;
        case DnsOutcome::Error: return 62;
        case DnsOutcome::Timeout: return 60;
        case DnsOutcome::NxDomain: return 20;
        case DnsOutcome::NoData: return 10;
    }
    return 0;
}

}  // namespace

namespace {
constexpr EnumNames<PortState, 6> kPortStateNames{{
    {PortState::Open, "open"},
    {PortState::Closed, "closed"},
    {PortState::Filtered, "filtered"},
    {PortState::Unreachable, "unreachable"},
    {PortState::Unresolved, "unresolved"},
    {PortState::Error, "error"},
}};
}  // namespace

const char* to_string(PortState state) { return enum_name(kPortStateNames, state); }

std::optional<PortState> port_state_from_string(std::string_view text) {
    return enum_from_name(kPortStateNames, text);
}

const char* to_string(DnsOutcome outcome) { return enum_name(kOutcomeNames, outcome); }

std::optional<DnsOutcome> dns_outcome_from_string(std::string_view text) {
    return enum_from_name(kOutcomeNames, text);
}

bool is_negative(DnsOutcome o) {
    return o == DnsOutcome::NoData || o == DnsOutcome::NxDomain || o == DnsOutcome::DanglingCname ||
           o == DnsOutcome::CnameLoop || o == DnsOutcome::ChainTooLong;
}

bool is_broken_chain(DnsOutcome o) {
    return o == DnsOutcome::DanglingCname || o == DnsOutcome::CnameLoop || o == DnsOutcome::ChainTooLong ||
           o == DnsOutcome::ServFail;
}

bool is_undecided(DnsOutcome o) {
    return o == DnsOutcome::Timeout || o == DnsOutcome::Refused || o == DnsOutcome::Error;
}

std::string DnsLookup::final_name() const { return chain.empty() ? name : chain.back().target; }

std::optional<std::string> Evidence::internal_web() const {
    if (plan.internal_web) return plan.internal_web;
    if (learned.internal_web) return learned.internal_web->name;
    return std::nullopt;
}

std::optional<std::string> Evidence::external_web() const {
    if (plan.external_web) return plan.external_web;
    if (learned.external_web) return learned.external_web->name;
    return std::nullopt;
}

std::string Evidence::internal_web_note() const {
    return !plan.internal_web && learned.internal_web ? " (learned from " + learned.internal_web->source + ")" : "";
}

std::string Evidence::external_web_note() const {
    return !plan.external_web && learned.external_web ? " (learned from " + learned.external_web->source + ")" : "";
}

namespace {
std::string dns_key(DnsView view, std::string_view name, std::string_view type) {
    std::string key(to_string(view));
    key += ' ';
    key += type;
    key += ' ';
    key += name;
    return key;
}
}  // namespace

const DnsLookup* Evidence::find_dns(DnsView view, std::string_view name, std::string_view type) const {
    // A copy of the Evidence shares the index until one of them rebuilds its own.
    if (!dns_index_ || dns_index_->data != dns.data() || dns_index_->size != dns.size()) {
        auto index = std::make_shared<DnsIndex>();
        index->data = dns.data();
        index->size = dns.size();
        index->at.reserve(dns.size());
        for (std::size_t i = 0; i < dns.size(); ++i) index->at.try_emplace(dns_key(dns[i].view, dns[i].name, dns[i].type), i);
        dns_index_ = std::move(index);
    }
    const auto it = dns_index_->at.find(dns_key(view, name, type));
    if (it == dns_index_->at.end()) return nullptr;
    const DnsLookup& lookup = dns[it->second];
    // An entry changed in place since it was indexed is found by the search it replaces.
    if (lookup.view == view && lookup.name == name && lookup.type == type) return &lookup;
    for (const auto& l : dns) {
        if (l.view == view && l.name == name && l.type == type) return &l;
    }
    return nullptr;
}

NameResolution resolve_name(const Evidence& evidence, DnsView view, std::string_view name) {
    return combine_lookups(view, name, evidence.find_dns(view, name, "A"), evidence.find_dns(view, name, "AAAA"));
}

NameResolution combine_lookups(DnsView view, std::string_view name, const DnsLookup* a, const DnsLookup* aaaa) {
    NameResolution out;
    out.view = view;
    out.name = std::string(name);
    out.looked_up = a != nullptr || aaaa != nullptr;
    if (!out.looked_up) return out;

    const DnsLookup* best = nullptr;
    for (const DnsLookup* l : {a, aaaa}) {
        if (l == nullptr) continue;
        if (l->outcome == DnsOutcome::Resolved) {
            out.addresses.insert(out.addresses.end(), l->addresses.begin(), l->addresses.end());
        }
        if (best == nullptr || telling_rank(l->outcome) > telling_rank(best->outcome)) best = l;
    }
    out.outcome = best->outcome;
    out.chain = best->chain;
    out.detail = best->detail;
    return out;
}

std::string NameResolution::describe() const {
    std::string chain_text;
    if (!chain.empty()) {
        chain_text = "CNAME " + name;
        for (const auto& hop : chain) chain_text += " → " + hop.target;
    }
    switch (outcome) {
        case DnsOutcome::Resolved: {
            const std::string list = join(addresses);
            return chain_text.empty() ? list : chain_text + " → " + list;
        }
        case DnsOutcome::NxDomain:
            return "NXDOMAIN";
        case DnsOutcome::NoData:
            return (chain_text.empty() ? "" : chain_text + ", ") + "no A/AAAA record";
        default:
            // The engine's detail names the hops of a broken chain and the reason.
            return detail.empty() ? std::string(to_string(outcome)) : detail;
    }
}

}  // namespace mobcheck
