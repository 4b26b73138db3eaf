#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

extern char** environ;

namespace testsupport {

Outcome run(const std::vector<std::string>& argv, std::chrono::seconds limit,
            const std::map<std::string, std::string>& extra_env) {
    int out_pipe[2], err_pipe[2];
    if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);

    std::vector<std::string> env_storage;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string entry = *e;
        const std::string key = entry.substr(0, entry.find('='));
        if (extra_env.count(key) == 0) env_storage.push_back(entry);
    }
    for (const auto& [k, v] : extra_env) env_storage.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& e : env_storage) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> argp;
    for (auto& a : args) argp.push_back(a.data());
    argp.push_back(nullptr);

    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (rc != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    }

    Outcome outcome;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&outcome.out, &outcome.err};
    int open_fds = 2;
    bool killed = false;
    while (open_fds > 0) {
        const auto left = limit - (std::chrono::steady_clock::now() - start);
        if (left <= std::chrono::steady_clock::duration::zero() && !killed) {
            ::kill(pid, SIGKILL);
            killed = true;
        }
        const int n = ::poll(fds, 2, 200);
        if (n < 0) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            char buf[65536];
            const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            if (got > 0) {
                sinks[i]->append(buf, static_cast<std::size_t>(got));
            } else {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            }
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return outcome;
}

namespace {
// The line the wall clock adds to stderr; a newline first, so that it starts a line of its own
// whatever the program wrote last.
const std::string kWallClockMark = "\nmobcheck-test-wall-clock-us ";
}  // namespace

std::vector<std::string> with_wall_clock(std::vector<std::string> argv) {
    // EPOCHREALTIME is seconds and microseconds: its digits alone count microseconds.
    argv.insert(argv.begin(), {"/bin/bash", "-c",
                               "s=${EPOCHREALTIME//[!0-9]/}; \"$@\"; rc=$?; e=${EPOCHREALTIME//[!0-9]/}; "
                               "printf '\\nmobcheck-test-wall-clock-us %s\\n' $((e - s)) >&2; exit $rc",
                               "wall-clock"});
    return argv;
}

std::optional<std::chrono::milliseconds> take_wall_clock(std::string& err) {
    const auto at = err.rfind(kWallClockMark);
    if (at == std::string::npos) return std::nullopt;
    const auto end = err.find('\n', at + 1);
    const std::string digits = err.substr(at + kWallClockMark.size(), end == std::string::npos ? std::string::npos
                                                                                             : end - at - kWallClockMark.size());
    err.erase(at, end == std::string::npos ? std::string::npos : end + 1 - at);
    try {
        return std::chrono::milliseconds(std::stoll(digits) / 1000);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

Outcome run_without_network(const std::string& program, std::vector<std::string> args, std::chrono::seconds limit) {
    args.insert(args.begin(), program);
    if (::geteuid() == 0 && ::access("/usr/bin/unshare", X_OK) == 0) args.insert(args.begin(), {"/usr/bin/unshare", "-n"});
    return run(args, limit, {{"NO_COLOR", ""}});
}

}  // namespace testsupport
