// Evidence ⇄ JSON. The format is documented in docs/evidence.md; loading is strict about types
// and tolerant of unknown fields (a newer mobcheck may add some).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "model/evidence.hpp"

namespace mobcheck {

nlohmann::json evidence_to_json(const Evidence& evidence);

// Throws EvidenceFormatError naming the JSON path of the first bad value.
Evidence evidence_from_json(const nlohmann::json& json);

struct EvidenceFormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

nlohmann::json to_json(const DnsLookup& lookup);
nlohmann::json to_json(const NameResolution& resolution);
nlohmann::json to_json(const PortProbe& probe);
nlohmann::json to_json(const TlsProbe& probe);
nlohmann::json to_json(const HttpWalk& walk);
nlohmann::json to_json(const LearnedWebNames& learned);

// One element of "tls"; path names it in errors ("$.tls[2]"). Throws EvidenceFormatError.
TlsProbe tls_probe_from_json(const nlohmann::json& json, const std::string& path);
// One element of "http" ("$.http[0]"), and the "learned" object. Throw EvidenceFormatError.
HttpWalk http_walk_from_json(const nlohmann::json& json, const std::string& path);
LearnedWebNames learned_web_names_from_json(const nlohmann::json& json, const std::string& path);

}  // namespace mobcheck
