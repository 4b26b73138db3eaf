// libFuzzer entry point for mobcheck::fuzz::evidence (see targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mobcheck::fuzz::evidence(data, size);
    return 0;
}
