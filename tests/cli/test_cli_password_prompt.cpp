// The --user password prompt on a real terminal (a pseudo-terminal the test owns): echo is off while
// it asks, back on when mobcheck is interrupted there, and an empty answer is refused.
#include <doctest/doctest.h>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace {

struct Prompt {
    int master = -1;
    pid_t child = -1;
    std::string seen;  // what mobcheck wrote to the terminal so far
};

// Starts mobcheck --user on a new pseudo-terminal, without MOBCHECK_PASSWORD, and waits for its prompt.
Prompt start_prompt() {
    Prompt p;
    p.child = ::forkpty(&p.master, nullptr, nullptr, nullptr);
    REQUIRE(p.child >= 0);
    if (p.child == 0) {
        ::unsetenv("MOBCHECK_PASSWORD");
        ::execl(MOBCHECK_BINARY, MOBCHECK_BINARY, "--sip", "contoso.com", "--user", "alice@contoso.com",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (p.seen.find("Password for alice@contoso.com: ") == std::string::npos &&
           std::chrono::steady_clock::now() < until) {
        pollfd fd{p.master, POLLIN, 0};
        if (::poll(&fd, 1, 100) <= 0) continue;
        char buf[256];
        const ssize_t n = ::read(p.master, buf, sizeof buf);
        if (n <= 0) break;
        p.seen.append(buf, static_cast<std::size_t>(n));
    }
    REQUIRE_MESSAGE(p.seen.find("Password for alice@contoso.com: ") != std::string::npos, p.seen);
    return p;
}

bool echo_on(int master) {
    termios t{};
    REQUIRE(::tcgetattr(master, &t) == 0);
    return (t.c_lflag & ECHO) != 0;
}

int wait_for(pid_t child) {
    int status = 0;
    for (int i = 0; i < 100; ++i) {
        if (::waitpid(child, &status, WNOHANG) == child) return status;
        ::usleep(50'000);
    }
    ::kill(child, SIGKILL);
    ::waitpid(child, &status, 0);
    FAIL("mobcheck did not end at its prompt within 5 s");
    return status;
}

}  // namespace

TEST_CASE("cli: the password prompt hides what is typed and Ctrl-C there gives the echo back") {
    Prompt p = start_prompt();
    CHECK_FALSE(echo_on(p.master));
    REQUIRE(::kill(p.child, SIGINT) == 0);
    const int status = wait_for(p.child);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGINT);
    CHECK(echo_on(p.master));
    ::close(p.master);
}

TEST_CASE("cli: an empty answer at the password prompt is refused with exit 2") {
    Prompt p = start_prompt();
    REQUIRE(::write(p.master, "\n", 1) == 1);
    const int status = wait_for(p.child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(echo_on(p.master));
    ::close(p.master);
}
