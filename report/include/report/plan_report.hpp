// `mobcheck plan`: the DNS records and certificate names a deployment needs, as text or JSON.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "checks/requirements.hpp"

namespace mobcheck {

void write_plan_text(std::ostream& out, const DeploymentNames& names);
nlohmann::json plan_json(const DeploymentNames& names);

}  // namespace mobcheck
