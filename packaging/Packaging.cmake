# Installation layout and the Debian package (cmake --build build --target package).
# The binary finds its assets at ../share/commune-kiosk/assets and the scanner module at
# ../lib/commune-kiosk relative to itself.
install(TARGETS commune-kiosk RUNTIME DESTINATION bin)
install(TARGETS kiosk_scanner LIBRARY DESTINATION lib/commune-kiosk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION share/commune-kiosk/assets
        PATTERN "*.py" EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/commune-kiosk)
# Absolute destinations: a Debian package owns these exact paths.
install(FILES ${PROJECT_SOURCE_DIR}/packaging/commune-kiosk.toml DESTINATION /etc/commune-kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/commune-kiosk.service
              ${PROJECT_SOURCE_DIR}/packaging/commune-kiosk-board.service
              ${PROJECT_SOURCE_DIR}/packaging/commune-kiosk-desk.service DESTINATION /lib/systemd/system)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME commune-kiosk)
set(CPACK_PACKAGE_VENDOR "Community Digital Technology Teams")
set(CPACK_PACKAGE_CONTACT "commune-kiosk maintainers <kiosk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Touch kiosk for commune public-service centres")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What shlibdeps cannot see: the font we load by path, the compositor the unit starts, the GL
# driver, and adduser for postinst.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-core, cage, libgl1-mesa-dri, adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/postinst
    ${PROJECT_SOURCE_DIR}/packaging/prerm
    ${PROJECT_SOURCE_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
