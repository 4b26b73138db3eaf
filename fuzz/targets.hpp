// The fuzz targets: each takes arbitrary bytes and must neither crash, hang, leak nor trip a
// sanitizer. libFuzzer drives them (fuzz/main_*.cpp, scripts/fuzz); the unit tests replay every
// seed and every regression input through the same functions in every build.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mobcheck::fuzz {

void dns_wire(const std::uint8_t* data, std::size_t size);      // a DNS response from a server
void autodiscover(const std::uint8_t* data, std::size_t size);  // an Autodiscover body (JSON or XML)
void evidence(const std::uint8_t* data, std::size_t size);      // a file given to --replay, then judged
void names(const std::uint8_t* data, std::size_t size);         // what users type (domains, resolvers, endpoints, URLs) and WWW-Authenticate values
void certificate(const std::uint8_t* data, std::size_t size);   // a certificate a server sends (DER) or a file (PEM)
void config_file(const std::uint8_t* data, std::size_t size);   // a topology file given to --config

}  // namespace mobcheck::fuzz
