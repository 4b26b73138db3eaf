# Warnings and sanitizers for mobcheck's own code, carried by an INTERFACE target so that
# dependencies' headers are never compiled with -Werror.
add_library(mobcheck_warnings INTERFACE)
target_compile_options(mobcheck_warnings INTERFACE -Wall -Wextra -Wpedantic -Werror -Wshadow -Wconversion -Wno-sign-conversion)

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
