// mobcheck's entry point: parse, run, map errors to exit codes. Nothing else lives here.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "options.hpp"
#include "process_setup.hpp"
#include "run.hpp"

int main(int argc, char** argv) {
    using namespace mobcheck;
    try {
        cli::prepare_standard_streams();
        std::vector<std::string> args = cli::command_line(argc, argv);
        std::vector<char*> arg_pointers;
        for (auto& a : args) arg_pointers.push_back(a.data());
        arg_pointers.push_back(nullptr);
        const Registry& registry = builtin_registry();
        const cli::Options options = cli::parse_options(static_cast<int>(args.size()), arg_pointers.data(), registry);
        return cli::run(options, registry);
    } catch (const cli::UsageError& e) {
        const std::string reason = e.what();
        // A message that already says where to look gets no second pointer.
        const bool points_somewhere = reason.find("(see ") != std::string::npos ||
                                      reason.find("--help") != std::string::npos ||
                                      reason.find("--list-checks") != std::string::npos;
        std::cerr << "mobcheck: " << reason << (points_somewhere ? "" : " (see mobcheck --help)") << "\n";
        return 2;
    } catch (const std::exception& e) {
        // A bug, not a user error: say so plainly rather than pretend the deployment is fine.
        std::cerr << "mobcheck: internal error: " << e.what() << "\n";
        return 3;
    }
}
