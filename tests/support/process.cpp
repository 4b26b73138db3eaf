#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <initializer_list>
#include <stdexcept>

extern char** environ;

namespace testsupport {

namespace {

// This process's environment with extra_env's entries set (replacing ones of the same name).
std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra_env) {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string entry = *e;
        const std::string key = entry.substr(0, entry.find('='));
        if (extra_env.count(key) == 0) env.push_back(entry);
    }
    for (const auto& [k, v] : extra_env) env.push_back(k + "=" + v);
    return env;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
    std::vector<char*> list;
    for (auto& s : strings) list.push_back(s.data());
    list.push_back(nullptr);
    return list;
}

// Starts argv with actions; the pid. Throws when it cannot start.
pid_t spawn(const std::vector<std::string>& argv, posix_spawn_file_actions_t& actions,
            const std::map<std::string, std::string>& extra_env) {
    std::vector<std::string> env = environment_with(extra_env);
    std::vector<std::string> args = argv;
    auto envp = pointers_to(env);
    auto argp = pointers_to(args);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    return pid;
}

// Reads out_fd and err_fd (err_fd may be -1) to their end, killing pid once limit has passed since
// start; then waits for it.
Outcome collect(pid_t pid, int out_fd, int err_fd, std::chrono::seconds limit,
                std::chrono::steady_clock::time_point start) {
    Outcome outcome;
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&outcome.out, &outcome.err};
    int open_fds = err_fd < 0 ? 1 : 2;
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

// Starts argv with standard output on out_fd and standard error on err_fd (stdin /dev/null); the
// parent's ends (parent_fds) are closed in the child, and the child's ends in the parent once it has
// started. Every descriptor is closed when it cannot start.
pid_t start_with_output(const std::vector<std::string>& argv, const std::map<std::string, std::string>& extra_env,
                        int out_fd, int err_fd, std::initializer_list<int> parent_fds) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    for (int fd : parent_fds) posix_spawn_file_actions_addclose(&actions, fd);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    pid_t pid = 0;
    try {
        pid = spawn(argv, actions, extra_env);
    } catch (...) {
        for (int fd : parent_fds) ::close(fd);
        ::close(out_fd);
        ::close(err_fd);
        throw;
    }
    ::close(out_fd);
    ::close(err_fd);
    return pid;
}

}  // namespace

Outcome run(const std::vector<std::string>& argv, std::chrono::seconds limit,
            const std::map<std::string, std::string>& extra_env) {
    int out_pipe[2], err_pipe[2];
    if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = start_with_output(argv, extra_env, out_pipe[1], err_pipe[1], {out_pipe[0], err_pipe[0]});
    return collect(pid, out_pipe[0], err_pipe[0], limit, start);
}

Outcome run_on_terminal(const std::vector<std::string>& argv, unsigned short columns,
                        const std::map<std::string, std::string>& extra_env, std::chrono::seconds limit) {
    int master = -1, slave = -1;
    winsize size{};
    size.ws_col = columns;
    size.ws_row = 50;
    if (::openpty(&master, &slave, nullptr, nullptr, &size) != 0) throw std::runtime_error("openpty failed");
    // The terminal's own newline translation would add a carriage return to every line.
    termios modes{};
    if (::tcgetattr(slave, &modes) == 0) {
        modes.c_oflag &= ~static_cast<tcflag_t>(ONLCR);
        ::tcsetattr(slave, TCSANOW, &modes);
    }
    int err_pipe[2];
    if (::pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = start_with_output(argv, extra_env, slave, err_pipe[1], {master, err_pipe[0]});
    // Once the program has exited and the slave is closed, reading the master ends with EIO: the end.
    return collect(pid, master, err_pipe[0], limit, start);
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
