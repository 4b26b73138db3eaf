// Politeness for the connections of a run, one queue for the TCP connects (and TLS handshakes) and
// one for the HTTP requests: at most max_total running at once, at most max_per_key to one key (an
// address for a connect, a "host:port" for a request); the rest wait, first come first served,
// skipping over the ones whose key is at its cap. An item waits here rather than inside the layer
// that runs it, so that its timeout starts when it actually starts. A cap of 0 is no cap.
#pragma once

#include <cstddef>
#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mobcheck {

template <typename Item>
class AdmissionQueue {
public:
    AdmissionQueue(std::size_t max_total, std::size_t max_per_key) : max_total_(max_total), max_per_key_(max_per_key) {}

    // key may have cap items running at once from now on, rather than max_per_key (0: no cap).
    void set_key_cap(const std::string& key, std::size_t cap) {
        auto it = key_of(key);
        it->second.cap = cap;
        it->second.own_cap = true;
        refresh(it);
    }

    // Waits its turn behind everything already waiting.
    void push_back(Item item, std::string key) {
        auto it = key_of(key);
        it->second.waiting.push_back({next_back_++, std::move(item)});
        refresh(it);
    }

    // The first waiting item whose key is under its cap, when fewer than max_total run; from now on it
    // counts as running, until release(). nullopt when nothing may start. Keys at their cap are skipped
    // without looking at their items: with thousands waiting for one host, a scan of the line for
    // every admission made a large run's queue quadratic.
    std::optional<Item> admit() {
        if ((max_total_ != 0 && running_ >= max_total_) || eligible_.empty()) return std::nullopt;
        const auto it = eligible_.begin()->second;
        Key& k = it->second;
        Item item = std::move(k.waiting.front().second);
        k.waiting.pop_front();
        ++k.running;
        ++running_;
        refresh(it);
        return item;
    }

    // A running item of key ended.
    void release(const std::string& key) {
        auto it = key_of(key);
        --running_;
        --it->second.running;
        refresh(it);
    }

    // An admitted item that could not start after all (no file descriptor to be had): no longer
    // running, and first in line again.
    void give_back(Item item, std::string key) {
        release(key);
        auto it = key_of(key);
        it->second.waiting.push_front({next_front_--, std::move(item)});
        refresh(it);
    }

    // Takes item out of the line, if it waits there.
    void remove(const Item& item) {
        for (auto it = keys_.begin(); it != keys_.end(); ++it) {
            auto& waiting = it->second.waiting;
            for (auto w = waiting.begin(); w != waiting.end(); ++w) {
                if (w->second == item) {
                    waiting.erase(w);
                    refresh(it);
                    return;
                }
            }
        }
    }

    // Everything still waiting, in line order; the line is empty afterwards.
    std::vector<Item> take_waiting() {
        std::vector<std::pair<long long, Item>> all;
        for (auto it = keys_.begin(); it != keys_.end(); ++it) {
            for (auto& w : it->second.waiting) all.push_back(std::move(w));
            it->second.waiting.clear();
            refresh(it);
        }
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<Item> out;
        out.reserve(all.size());
        for (auto& w : all) out.push_back(std::move(w.second));
        return out;
    }

    std::size_t running() const { return running_; }

private:
    struct Key {
        std::deque<std::pair<long long, Item>> waiting;  // (place in line, item), first in line first
        std::size_t running = 0;
        std::size_t cap = 0;
        bool own_cap = false;
        std::optional<long long> listed;  // its place in eligible_, when it is there
    };
    using Keys = std::map<std::string, Key>;

    typename Keys::iterator key_of(const std::string& key) { return keys_.try_emplace(key).first; }

    // Lists the key in eligible_ by its first item's place in line when it is under its cap and has
    // one waiting; takes it out otherwise.
    void refresh(typename Keys::iterator it) {
        Key& k = it->second;
        if (k.listed) eligible_.erase({*k.listed, it});
        k.listed.reset();
        const std::size_t cap = k.own_cap ? k.cap : max_per_key_;
        if (!k.waiting.empty() && (cap == 0 || k.running < cap)) {
            k.listed = k.waiting.front().first;
            eligible_.insert({*k.listed, it});
        }
    }

    struct ByPlace {
        bool operator()(const std::pair<long long, typename Keys::iterator>& a,
                        const std::pair<long long, typename Keys::iterator>& b) const {
            return a.first < b.first;
        }
    };

    std::size_t max_total_;
    std::size_t max_per_key_;
    Keys keys_;
    // The keys that may admit their first item, by that item's place in line: admit() takes the first.
    std::set<std::pair<long long, typename Keys::iterator>, ByPlace> eligible_;
    long long next_back_ = 0;   // the place in line of the next push_back
    long long next_front_ = -1;  // of the next give_back, ahead of everything
    std::size_t running_ = 0;
};

}  // namespace mobcheck
