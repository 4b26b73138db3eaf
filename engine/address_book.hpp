// Resolves names for the whole run, once per (view, name) however many probes ask: the DNS checks,
// the port probes and the TLS probes all want lyncdiscover's addresses, and a name is looked up
// only once. Every lookup lands in the evidence in the order it was first asked for.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dns_resolver.hpp"
#include "in_flight.hpp"
#include "model/evidence.hpp"

namespace mobcheck {

class AddressBook {
public:
    using Ready = std::function<void(const NameResolution&)>;

    AddressBook(DnsResolver& internal, DnsResolver& external, InFlight& in_flight)
        : internal_(internal), external_(external), in_flight_(in_flight) {}

    // A and AAAA of name in view; ready (optional) is called once both are known. A numeric
    // address "resolves" to itself without a lookup.
    void resolve(DnsView view, const std::string& name, Ready ready = {});

    // One lookup of another type (SRV), recorded in the evidence; nobody waits for it.
    void lookup(DnsView view, const std::string& name, const std::string& type);

    // Moves every finished lookup into the evidence, in the order they were first asked for.
    void flush_into(std::vector<DnsLookup>& out);

private:
    struct Entry {
        DnsView view;
        std::string name;
        std::size_t a_slot = 0, aaaa_slot = 0;
        int pending = 2;
        std::vector<Ready> waiting;
        std::optional<NameResolution> result;
    };
    std::size_t reserve();
    void start(std::size_t slot, DnsView view, const std::string& name, const std::string& type,
               std::function<void()> after);
    DnsResolver& resolver(DnsView view) { return view == DnsView::Internal ? internal_ : external_; }

    DnsResolver& internal_;
    DnsResolver& external_;
    InFlight& in_flight_;
    std::vector<std::optional<DnsLookup>> slots_;
    std::map<std::pair<DnsView, std::string>, Entry> entries_;
    std::map<std::tuple<DnsView, std::string, std::string>, std::size_t> single_;
};

}  // namespace mobcheck
