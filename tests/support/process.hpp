// Runs a program (no shell) and captures its exit code, stdout and stderr, for tests that drive
// the real mobcheck binary.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace testsupport {

struct Outcome {
    int exit_code = -1;  // 128 + signal when killed by one
    std::string out;
    std::string err;
    std::chrono::milliseconds elapsed{0};
};

// Kills the program (SIGKILL) when it runs longer than limit; the test then sees exit code 137.
Outcome run(const std::vector<std::string>& argv, std::chrono::seconds limit = std::chrono::seconds(120),
            const std::map<std::string, std::string>& extra_env = {});

// argv with its standard output on a pseudo-terminal `columns` wide (standard error on a pipe), as
// an admin's terminal would be: isatty() holds and TIOCGWINSZ answers.
Outcome run_on_terminal(const std::vector<std::string>& argv, unsigned short columns,
                        const std::map<std::string, std::string>& extra_env = {},
                        std::chrono::seconds limit = std::chrono::seconds(30));

// argv run under a wall clock of its own: by bash, which reports on stderr how long the program took
// once it ends. For a program started inside a wrapper (labctl run ... -- PROGRAM) whose own start and
// stop are not the program's time. take_wall_clock reads that report and removes it from err.
std::vector<std::string> with_wall_clock(std::vector<std::string> argv);
std::optional<std::chrono::milliseconds> take_wall_clock(std::string& err);

// Runs program with args where it cannot reach any network: as root (CI), in a fresh network
// namespace with no interface up. For tests of the binary that must never probe: a case that is
// accidentally valid would otherwise run against the default resolvers.
Outcome run_without_network(const std::string& program, std::vector<std::string> args,
                            std::chrono::seconds limit = std::chrono::seconds(30));

}  // namespace testsupport
