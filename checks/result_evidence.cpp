#include "checks/result_evidence.hpp"

namespace mobcheck {

ResultEvidence& ResultEvidence::operator=(nlohmann::json document) {
    document_ = std::move(document);
    cbor_.clear();
    cbor_.shrink_to_fit();
    packed_ = false;
    return *this;
}

nlohmann::json& ResultEvidence::operator[](const std::string& key) {
    unpack();
    return document_[key];
}

nlohmann::json ResultEvidence::json() const { return packed_ ? nlohmann::json::from_cbor(cbor_) : document_; }

nlohmann::json ResultEvidence::at(const std::string& key) const { return json().at(key); }

bool ResultEvidence::contains(const std::string& key) const { return json().contains(key); }

// Packing keeps an empty object as it is: most passing results have no evidence.
bool ResultEvidence::empty() const { return !packed_ && document_.empty(); }

void ResultEvidence::pack() {
    if (packed_ || document_.empty()) return;
    cbor_ = nlohmann::json::to_cbor(document_);
    document_ = nlohmann::json::object();
    packed_ = true;
}

void ResultEvidence::unpack() {
    if (!packed_) return;
    document_ = nlohmann::json::from_cbor(cbor_);
    cbor_.clear();
    cbor_.shrink_to_fit();
    packed_ = false;
}

}  // namespace mobcheck
