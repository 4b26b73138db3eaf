// The header look-ups of a recorded HTTP exchange: checks read them from evidence, the engine never.
#include "model/http_exchange.hpp"

#include "model/strings.hpp"

namespace mobcheck {

std::string HttpExchange::header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (iequals(k, name)) return v;
    }
    return "";
}

std::vector<std::string> HttpExchange::headers_named(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : headers) {
        if (iequals(k, name)) out.push_back(v);
    }
    return out;
}

}  // namespace mobcheck
