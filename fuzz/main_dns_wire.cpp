// libFuzzer entry point for mobcheck::fuzz::dns_wire (see targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mobcheck::fuzz::dns_wire(data, size);
    return 0;
}
