// Reading a JSON report as a script would (docs/json-report.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace testsupport {

// The names of the certificate a tls.* result's probe was served: its leaf names the entry of the
// report's certificate table by fingerprint; a certificate request (mobcheck cert) carries its own.
inline const nlohmann::json& leaf_names(const nlohmann::json& report, const nlohmann::json& probe) {
    const auto& leaf = probe.at("leaf");
    if (leaf.contains("san")) return leaf.at("san");
    return report.at("certificates").at(leaf.at("sha256").get<std::string>()).at("san");
}

}  // namespace testsupport
