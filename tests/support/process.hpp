// Runs a program (no shell) and captures its exit code, stdout and stderr, for tests that drive
// the real mobcheck binary.
#pragma once

#include <chrono>
#include <map>
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

}  // namespace testsupport
