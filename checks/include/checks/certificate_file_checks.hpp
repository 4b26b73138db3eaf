// Which checks judge a certificate file (`mobcheck cert FILE --role ROLE`): the tls.* checks of that role's
// names and of the certificate itself; a file has no protocol to negotiate.
#pragma once

#include <string>

#include "checks/registry.hpp"

namespace mobcheck {

Selection certificate_file_selection(const std::string& role);

}  // namespace mobcheck
