#include "process_setup.hpp"

namespace mobcheck::cli {

std::vector<std::string> command_line(int argc, char** argv) { return std::vector<std::string>(argv, argv + argc); }

void prepare_standard_streams() {}

}  // namespace mobcheck::cli
