// A result's evidence: the observations behind its verdict, as JSON (docs/json-report.md).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mobcheck {

// A check builds it as a JSON document; judge() packs it (CBOR) once the check is done. A run of
// thousands of SIP domains holds tens of thousands of results until the reports are written, and a
// JSON document in memory costs about three times its text: packed, the results' evidence is no
// longer most of a large run's memory. Reading unpacks a copy.
class ResultEvidence {
public:
    ResultEvidence() = default;
    ResultEvidence(nlohmann::json document) : document_(std::move(document)) {}  // NOLINT: a document is evidence
    ResultEvidence& operator=(nlohmann::json document);

    // For the check that builds it: the member named key (unpacks first).
    nlohmann::json& operator[](const std::string& key);

    // The whole document (a copy).
    nlohmann::json json() const;
    // One member (a copy); throws nlohmann::json::out_of_range when there is none, as json::at.
    nlohmann::json at(const std::string& key) const;
    bool contains(const std::string& key) const;
    bool empty() const;

    void pack();
    // A non-empty document packs to at least one byte, and only pack() fills cbor_.
    bool packed() const { return !cbor_.empty(); }

private:
    void unpack();
    nlohmann::json document_ = nlohmann::json::object();
    std::vector<std::uint8_t> cbor_;  // the packed document; empty while it is not packed
};

}  // namespace mobcheck
