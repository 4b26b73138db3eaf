// Word wrapping for terminal text. Internal to report/.
#pragma once

#include <string>
#include <string_view>

namespace mobcheck::text {

// Wraps text at width columns (counting UTF-8 code points), indenting continuation lines by indent spaces.
std::string wrap(std::string_view text, std::size_t width, std::size_t indent);

}  // namespace mobcheck::text
