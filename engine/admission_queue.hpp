// Politeness for the connections of a run, one queue for the TCP connects (and TLS handshakes) and
// one for the HTTP requests: at most max_total running at once, at most max_per_key to one key (an
// address for a connect, a "host:port" for a request); the rest wait, first come first served,
// skipping over the ones whose key is at its cap. An item waits here rather than inside the layer
// that runs it, so that its timeout starts when it actually starts. A cap of 0 is no cap.
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mobcheck {

template <typename Item>
class AdmissionQueue {
public:
    AdmissionQueue(std::size_t max_total, std::size_t max_per_key) : max_total_(max_total), max_per_key_(max_per_key) {}

    // key may have cap items running at once from now on, rather than max_per_key (0: no cap).
    void set_key_cap(const std::string& key, std::size_t cap) { key_caps_[key] = cap; }

    // Waits its turn behind everything already waiting.
    void push_back(Item item, std::string key) { waiting_.push_back({std::move(item), std::move(key)}); }

    // The first waiting item whose key is under its cap, when fewer than max_total run; from now on it
    // counts as running, until release(). nullopt when nothing may start.
    std::optional<Item> admit() {
        if (max_total_ != 0 && running_ >= max_total_) return std::nullopt;
        for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
            std::size_t& on_key = per_key_[it->key];
            const auto own = key_caps_.find(it->key);
            const std::size_t cap = own == key_caps_.end() ? max_per_key_ : own->second;
            if (cap != 0 && on_key >= cap) continue;
            ++on_key;
            ++running_;
            Item item = std::move(it->item);
            waiting_.erase(it);
            return item;
        }
        return std::nullopt;
    }

    // A running item of key ended.
    void release(const std::string& key) {
        --running_;
        --per_key_[key];
    }

    // An admitted item that could not start after all (no file descriptor to be had): no longer
    // running, and first in line again.
    void give_back(Item item, std::string key) {
        release(key);
        waiting_.push_front({std::move(item), std::move(key)});
    }

    // Takes item out of the line, if it waits there.
    void remove(const Item& item) {
        for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
            if (it->item == item) {
                waiting_.erase(it);
                return;
            }
        }
    }

    // Everything still waiting, in line order; the line is empty afterwards.
    std::vector<Item> take_waiting() {
        std::vector<Item> out;
        out.reserve(waiting_.size());
        for (auto& w : waiting_) out.push_back(std::move(w.item));
        waiting_.clear();
        return out;
    }

    std::size_t running() const { return running_; }

private:
    struct Waiting {
        Item item;
        std::string key;
    };
    std::size_t max_total_;
    std::size_t max_per_key_;
    std::list<Waiting> waiting_;
    std::map<std::string, std::size_t> per_key_;  // running, by key
    std::map<std::string, std::size_t> key_caps_;  // keys with a cap of their own
    std::size_t running_ = 0;
};

}  // namespace mobcheck
