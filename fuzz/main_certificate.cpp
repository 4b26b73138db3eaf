// libFuzzer entry point for mobcheck::fuzz::certificate (see targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mobcheck::fuzz::certificate(data, size);
    return 0;
}
