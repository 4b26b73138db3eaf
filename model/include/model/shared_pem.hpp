// A served certificate's PEM text, kept once however many probes saw it.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mobcheck {

// A reverse proxy serves one certificate for every name it publishes, and a hosting provider's may
// name a thousand SIP domains: a run probes each name, and as plain strings its evidence held that
// text once per probe, growing with SIP domains x names. Equal texts share one buffer (an intern
// table of the texts alive), so the evidence grows with the certificates served, not the probes.
// Reads as the std::string it holds.
class SharedPem {
public:
    SharedPem();
    SharedPem(std::string text);   // NOLINT(google-explicit-constructor): a PEM text is a SharedPem
    SharedPem(const char* text);   // NOLINT(google-explicit-constructor)
    operator const std::string&() const { return *text_; }  // NOLINT(google-explicit-constructor)
    const std::string& str() const { return *text_; }
    bool empty() const { return text_->empty(); }
    std::size_t size() const { return text_->size(); }
    bool operator==(const SharedPem& other) const { return text_ == other.text_ || *text_ == *other.text_; }
    bool shares_with(const SharedPem& other) const { return text_ == other.text_; }

private:
    std::shared_ptr<const std::string> text_;
};

// A served chain, leaf first; built from plain PEM texts as well.
struct PemChain : std::vector<SharedPem> {
    using std::vector<SharedPem>::vector;
    PemChain(const std::vector<std::string>& pems)  // NOLINT(google-explicit-constructor)
        : std::vector<SharedPem>(pems.begin(), pems.end()) {}
};

inline void to_json(nlohmann::json& j, const SharedPem& pem) { j = pem.str(); }

}  // namespace mobcheck
