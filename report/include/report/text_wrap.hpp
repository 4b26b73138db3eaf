// Terminal text: word wrapping, and ASCII for a terminal whose charset is not UTF-8 (the text report,
// --help).
#pragma once

#include <string>
#include <string_view>

namespace mobcheck::text {

// Wraps text at width columns (counting UTF-8 code points), indenting continuation lines by indent spaces.
std::string wrap(std::string_view text, std::size_t width, std::size_t indent);

// text with every character outside ASCII replaced by an ASCII stand-in: "·" by "-", "→" by "->",
// "—" by "--", quotes by quotes, and anything else (or a byte that is not UTF-8) by "?".
std::string ascii(std::string_view text);

}  // namespace mobcheck::text
