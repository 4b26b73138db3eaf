#include "password.hpp"

#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iterator>

#include "options.hpp"

namespace mobcheck::cli {

namespace {

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

// The terminal as it was before the prompt turned echo off, for the signal handler: a Ctrl-C at the
// prompt must not leave the user's shell without echo.
int g_tty = -1;
termios g_saved{};

void restore_and_reraise(int sig) {
    if (g_tty >= 0) ::tcsetattr(g_tty, TCSAFLUSH, &g_saved);
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

// Not SIGTSTP: the shell restores the terminal of a job it stops, and the prompt goes on after SIGCONT.
constexpr int kPromptSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

}  // namespace

std::string read_password(const std::string& user) {
    if (const char* env = std::getenv("MOBCHECK_PASSWORD"); env != nullptr) {
        if (*env == '\0') throw UsageError("--user " + user + ": MOBCHECK_PASSWORD is empty");
        return env;
    }
    const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0) {
        throw UsageError("--user " + user + " needs a password: set MOBCHECK_PASSWORD (there is no terminal to ask on)");
    }
    termios saved{};
    const bool is_terminal = ::tcgetattr(tty, &saved) == 0;
    struct sigaction previous[std::size(kPromptSignals)] = {};
    if (is_terminal) {
        g_tty = tty;
        g_saved = saved;
        struct sigaction restore = {};
        restore.sa_handler = restore_and_reraise;
        sigemptyset(&restore.sa_mask);
        for (std::size_t i = 0; i < std::size(kPromptSignals); ++i) ::sigaction(kPromptSignals[i], &restore, &previous[i]);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    write_all(tty, "Password for " + user + ": ");
    std::string password;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n') password += c;
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (is_terminal) {
        ::tcsetattr(tty, TCSAFLUSH, &saved);
        for (std::size_t i = 0; i < std::size(kPromptSignals); ++i) ::sigaction(kPromptSignals[i], &previous[i], nullptr);
        g_tty = -1;
    }
    write_all(tty, "\n");
    ::close(tty);
    if (password.empty()) throw UsageError("--user " + user + ": no password given");
    return password;
}

}  // namespace mobcheck::cli
