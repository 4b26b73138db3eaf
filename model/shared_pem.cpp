#include "model/shared_pem.hpp"

#include <string_view>
#include <unordered_map>

namespace mobcheck {

namespace {

// The texts alive, each by a view of its own buffer; a buffer leaves the table when its last holder
// goes. Never destroyed, so that a SharedPem in a static (a test's) can go after it at exit. One
// event loop, no threads: no lock.
using Table = std::unordered_map<std::string_view, std::weak_ptr<const std::string>>;
Table& table() {
    static Table* alive = new Table();
    return *alive;
}

std::shared_ptr<const std::string> intern(std::string text) {
    if (text.empty()) {
        static const auto empty = std::make_shared<const std::string>();
        return empty;
    }
    Table& alive = table();
    if (auto it = alive.find(text); it != alive.end()) {
        if (auto shared = it->second.lock()) return shared;
        alive.erase(it);
    }
    const auto* buffer = new std::string(std::move(text));
    std::shared_ptr<const std::string> shared(buffer, [](const std::string* gone) {
        Table& t = table();
        if (auto it = t.find(*gone); it != t.end() && it->first.data() == gone->data()) t.erase(it);
        delete gone;
    });
    alive.emplace(std::string_view(*buffer), shared);
    return shared;
}

}  // namespace

SharedPem::SharedPem() : text_(intern({})) {}
SharedPem::SharedPem(std::string text) : text_(intern(std::move(text))) {}
SharedPem::SharedPem(const char* text) : text_(intern(text)) {}

}  // namespace mobcheck
