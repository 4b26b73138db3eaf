// Setting and clearing an environment variable in a test, on POSIX and on Windows (the Windows build's
// unit tests run under Wine), and telling the C library that TZ changed.
#pragma once

#include <cstdlib>
#include <ctime>

namespace mobcheck::test {

inline void set_env(const char* name, const char* value) {
#ifdef _WIN32
    ::_putenv_s(name, value);
#else
    ::setenv(name, value, 1);
#endif
}

inline void unset_env(const char* name) {
#ifdef _WIN32
    ::_putenv_s(name, "");
#else
    ::unsetenv(name);
#endif
}

inline void time_zone_changed() {
#ifdef _WIN32
    ::_tzset();
#else
    ::tzset();
#endif
}

}  // namespace mobcheck::test
