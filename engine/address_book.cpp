#include "address_book.hpp"

#include "model/inet.hpp"

namespace mobcheck {

namespace {
bool is_numeric_address(const std::string& text) {
    unsigned char buf[16];
    return inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1;
}
}  // namespace

std::size_t AddressBook::reserve() {
    slots_.emplace_back();
    return slots_.size() - 1;
}

void AddressBook::start(std::size_t slot, DnsView view, const std::string& name, const std::string& type,
                        std::function<void()> after) {
    in_flight_.begin();
    resolver(view).lookup(name, type, [this, slot, after = std::move(after)](DnsLookup lookup) {
        slots_[slot] = std::move(lookup);
        if (after) after();
        in_flight_.end();
    });
}

void AddressBook::resolve(DnsView view, const std::string& name, Ready ready) {
    if (is_numeric_address(name)) {
        if (ready) {
            NameResolution literal;
            literal.view = view;
            literal.name = name;
            literal.looked_up = true;
            literal.outcome = DnsOutcome::Resolved;
            literal.addresses = {name};
            ready(literal);
        }
        return;
    }
    const auto key = std::make_pair(view, name);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
        if (!ready) return;
        if (it->second.result) {
            ready(*it->second.result);
        } else {
            it->second.waiting.push_back(std::move(ready));
        }
        return;
    }
    Entry& entry = entries_[key];
    entry.view = view;
    entry.name = name;
    if (ready) entry.waiting.push_back(std::move(ready));
    auto one_done = [this, key] {
        Entry& e = entries_.at(key);
        if (--e.pending > 0) return;
        e.result = combine_lookups(e.view, e.name, &*slots_[e.a_slot], &*slots_[e.aaaa_slot]);
        auto waiting = std::move(e.waiting);
        e.waiting.clear();
        for (auto& w : waiting) w(*e.result);
    };
    // Both slots exist before either lookup starts: c-ares may call back at once (a bad name, no servers).
    entry.a_slot = reserve();
    entry.aaaa_slot = reserve();
    start(entry.a_slot, view, name, "A", one_done);
    start(entry.aaaa_slot, view, name, "AAAA", one_done);
}

void AddressBook::lookup(DnsView view, const std::string& name, const std::string& type) {
    const auto key = std::make_tuple(view, name, type);
    if (single_.count(key) > 0) return;
    single_[key] = reserve();
    start(single_[key], view, name, type, {});
}

void AddressBook::flush_into(std::vector<DnsLookup>& out) {
    for (auto& slot : slots_) {
        if (slot) out.push_back(std::move(*slot));
    }
    slots_.clear();
}

}  // namespace mobcheck
