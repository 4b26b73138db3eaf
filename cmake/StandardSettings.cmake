# Warnings for mobcheck's own code, carried by an INTERFACE target so that they apply to our targets only.
add_library(mobcheck_warnings INTERFACE)
target_compile_options(mobcheck_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)

# Warnings as errors for mobcheck's developers and CI (scripts/build turns it on), never for a user's or a
# packager's build: a new compiler's new warning must not stop anyone from building a release.
option(MOBCHECK_WERROR "Treat warnings in mobcheck's own code as errors (developers and CI)" OFF)
if(MOBCHECK_WERROR)
  target_compile_options(mobcheck_warnings INTERFACE -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 warns -Wrestrict inside libstdc++'s std::string at -O3 (GCC bug 105651), not in our code.
    target_compile_options(mobcheck_warnings INTERFACE -Wno-error=restrict)
  endif()
endif()

option(MOBCHECK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(MOBCHECK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# Fuzzing (clang only): everything is built with coverage instrumentation for libFuzzer, plus ASan and
# UBSan; fuzz/CMakeLists.txt then links one libFuzzer binary per target. See scripts/fuzz.
option(MOBCHECK_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(MOBCHECK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MOBCHECK_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
