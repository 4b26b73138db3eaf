# Warnings and sanitizers for mobcheck's own code, carried by an INTERFACE target so that
# dependencies' headers are never compiled with -Werror.
add_library(mobcheck_warnings INTERFACE)
target_compile_options(mobcheck_warnings INTERFACE -Wall -Wextra -Wpedantic -Werror -Wshadow -Wconversion -Wno-sign-conversion)

option(MOBCHECK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(MOBCHECK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
