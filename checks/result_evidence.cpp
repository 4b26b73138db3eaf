#include "checks/result_evidence.hpp"

namespace mobcheck {

ResultEvidence& ResultEvidence::operator=(nlohmann::json document) {
    document_ = std::move(document);
    cbor_.clear();
    cbor_.shrink_to_fit();
    return *this;
}

nlohmann::json& ResultEvidence::operator[](const std::string& key) {
    unpack();
    return document_[key];
}

nlohmann::json ResultEvidence::json() const { return packed() ? nlohmann::json::from_cbor(cbor_) : document_; }

nlohmann::json ResultEvidence::at(const std::string& key) const { return json().at(key); }

bool ResultEvidence::contains(const std::string& key) const { return json().contains(key); }

// Packing keeps an empty object as it is: most passing results have no evidence.
bool ResultEvidence::empty() const { return !packed() && document_.empty(); }

void ResultEvidence::pack() {
    if (packed() || document_.empty()) return;
    cbor_ = nlohmann::json::to_cbor(document_);
    document_ = nlohmann::json::object();
}

void ResultEvidence::unpack() {
    if (!packed()) return;
    document_ = nlohmann::json::from_cbor(cbor_);
    cbor_.clear();
    cbor_.shrink_to_fit();
}

}  // namespace mobcheck
