// libFuzzer entry point for mobcheck::fuzz::names (see targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mobcheck::fuzz::names(data, size);
    return 0;
}
