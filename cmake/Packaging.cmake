# Installing (cmake --install build [--prefix DIR]) and a Debian package (cpack in the build directory,
# or scripts/package). The binary's library dependencies are computed by dpkg-shlibdeps.
include(GNUInstallDirs)

install(TARGETS mobcheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES README.md docs/checks.md docs/config.md docs/json-report.md docs/evidence.md docs/performance.md
              docs/robustness.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_BINARY_DIR}/mobcheck.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_BINARY_DIR}/mobcheck.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME mobcheck)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mobcheck)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "mobcheck maintainers <mobcheck@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "checks a Lync/Skype for Business deployment for mobile client readiness")
set(CPACK_PACKAGE_DESCRIPTION
    "mobcheck resolves lyncdiscover and lyncdiscoverinternal in the internal and external DNS views of every SIP domain, probes certificates and firewall ports, and judges them against Microsoft's mobility requirements, for admins, CI gates and monitoring.")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
