// Escaping text for XML attributes and content. Internal to report/.
#pragma once

#include <string>
#include <string_view>

namespace mobcheck::xml {

// Escapes & < > " ' and drops the control characters XML 1.0 cannot carry at all (servers'
// messages can contain anything).
std::string escape(std::string_view text);

}  // namespace mobcheck::xml
