// What main() sets up before it parses: the command line as UTF-8 and standard streams that write
// bytes as they are. One header, one source per platform (process_setup_posix.cpp,
// process_setup_windows.cpp).
#pragma once

#include <string>
#include <vector>

namespace mobcheck::cli {

// The arguments as UTF-8. POSIX: argv itself. Windows: the UTF-16 command line, converted, since
// argv there is in the ANSI code page, which cannot hold every name a user may type.
std::vector<std::string> command_line(int argc, char** argv);

// Windows: standard output and error in binary mode, so that a report written there has the same
// bytes (LF line ends) as the one --output writes and as the Linux build's. POSIX: nothing to do.
void prepare_standard_streams();

}  // namespace mobcheck::cli
