// libFuzzer entry point for mobcheck::fuzz::config_file (see targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    mobcheck::fuzz::config_file(data, size);
    return 0;
}
