#include "password.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>

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

}  // namespace

std::string read_password(const std::string& user) {
    if (const char* env = std::getenv("MOBCHECK_PASSWORD"); env != nullptr) return env;
    const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0) {
        throw UsageError("--user " + user + " needs a password: set MOBCHECK_PASSWORD (there is no terminal to ask on)");
    }
    termios saved{};
    const bool is_terminal = ::tcgetattr(tty, &saved) == 0;
    if (is_terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    write_all(tty, "Password for " + user + ": ");
    std::string password;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n') password += c;
    if (is_terminal) ::tcsetattr(tty, TCSAFLUSH, &saved);
    write_all(tty, "\n");
    ::close(tty);
    return password;
}

}  // namespace mobcheck::cli
