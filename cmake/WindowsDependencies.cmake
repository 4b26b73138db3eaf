# The Windows build's libraries, as the same imported targets the Linux build finds with pkg-config and
# find_package: static libraries built from Debian's source packages by scripts/build-windows-deps,
# and copies of Debian's header-only CLI11, nlohmann-json and doctest, all under MOBCHECK_WINDOWS_DEPS.
# Nothing from the build machine's own /usr/include may reach a Windows compile: its C headers are glibc's.
set(MOBCHECK_WINDOWS_DEPS "${PROJECT_SOURCE_DIR}/build-win64/deps" CACHE PATH "scripts/build-windows-deps's prefix")
set(deps "${MOBCHECK_WINDOWS_DEPS}")
if(NOT EXISTS "${deps}/versions")
  message(FATAL_ERROR "no Windows libraries in ${deps}: run scripts/build-windows-deps")
endif()

function(mobcheck_imported name)
  cmake_parse_arguments(ARG "" "LIBRARY" "DEFINITIONS;LINK" ${ARGN})
  if(ARG_LIBRARY)
    add_library(${name} STATIC IMPORTED GLOBAL)
    set_target_properties(${name} PROPERTIES IMPORTED_LOCATION "${deps}/lib/${ARG_LIBRARY}")
  else()
    add_library(${name} INTERFACE IMPORTED GLOBAL)
  endif()
  set_target_properties(${name} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${deps}/include"
                                           INTERFACE_COMPILE_DEFINITIONS "${ARG_DEFINITIONS}"
                                           INTERFACE_LINK_LIBRARIES "${ARG_LINK}")
endfunction()

mobcheck_imported(OpenSSL::Crypto LIBRARY libcrypto.a LINK "ws2_32;crypt32;bcrypt;user32;advapi32")
mobcheck_imported(OpenSSL::SSL LIBRARY libssl.a LINK OpenSSL::Crypto)
mobcheck_imported(PkgConfig::CARES LIBRARY libcares.a DEFINITIONS CARES_STATICLIB LINK "ws2_32;iphlpapi;advapi32")
mobcheck_imported(mobcheck_nghttp2 LIBRARY libnghttp2.a DEFINITIONS NGHTTP2_STATICLIB LINK ws2_32)
mobcheck_imported(CURL::libcurl LIBRARY libcurl.a DEFINITIONS CURL_STATICLIB
                  LINK "OpenSSL::SSL;mobcheck_nghttp2;ws2_32;crypt32;bcrypt;wldap32;advapi32")
mobcheck_imported(nlohmann_json::nlohmann_json)
mobcheck_imported(CLI11::CLI11)
mobcheck_imported(doctest::doctest)
