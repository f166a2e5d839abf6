# Debian package (issue 10), built with CPack from a build tree:
#
#     cpack --config <build>/CPackConfig.cmake -G DEB   (tests/deploy/package_test.sh)
#
# One package, gongkai: a terminal needs all three programs (gongkai-kiosk,
# gongkai-sync, and gongkai for config check, keygen and stats), the users,
# the state directory and the units together, and none of them is useful on
# a terminal alone. (A county office that only publishes feeds installs it
# too and disables gongkai-kiosk.service; a separate gongkai-tools package
# without cage and the fonts is for when that is common.)
#
# Installed: /usr/bin/{gongkai,gongkai-kiosk,gongkai-sync} (stripped),
# /usr/share/gongkai/assets (found by kiosk/ui/assets.cpp from the
# executable's directory), /etc/gongkai/gongkai.toml and
# /etc/pam.d/gongkai-kiosk (conffiles), the units in /lib/systemd/system, the
# udev rule in /lib/udev/rules.d, man pages made from each program's --help
# by help2man at build time (a build dependency: Debian package help2man),
# and /usr/share/doc/gongkai. deploy/debian/postinst makes the users, group
# and state directory of DESIGN.md's file table.
#
# Depends: the shared libraries' packages from dpkg-shlibdeps, and what the
# programs run or read but do not link.

set(GONGKAI_DEB_DIR ${CMAKE_CURRENT_LIST_DIR}/debian)
set(GONGKAI_PACKAGE_BINARY_DIR ${CMAKE_BINARY_DIR}/package)

# --- Programs, assets, configuration, units ---------------------------------
set(GONGKAI_INSTALLED_PROGRAMS gongkai gongkai-sync)
if(TARGET gongkai-kiosk)
  list(APPEND GONGKAI_INSTALLED_PROGRAMS gongkai-kiosk)
endif()
install(TARGETS ${GONGKAI_INSTALLED_PROGRAMS} RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION share/gongkai/assets)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/etc/gongkai.toml DESTINATION /etc/gongkai
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)  # 0640; postinst: group gongkai
install(DIRECTORY DESTINATION /etc/gongkai/keys)  # the feed's trusted public keys
install(FILES ${GONGKAI_DEB_DIR}/gongkai-kiosk.pam DESTINATION /etc/pam.d RENAME gongkai-kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/gongkai-sync.service
              ${PROJECT_SOURCE_DIR}/deploy/systemd/gongkai-kiosk.service
              ${PROJECT_SOURCE_DIR}/deploy/systemd/gongkai-usb-update@.service
        DESTINATION /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/udev/90-gongkai-usb.rules DESTINATION /lib/udev/rules.d)

# --- Documentation: man pages, README, copyright, changelog -----------------
set(GONGKAI_MAN_PAGES)
function(gongkai_man_page program description)
  set(out ${GONGKAI_PACKAGE_BINARY_DIR}/man/${program}.1.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${GONGKAI_PACKAGE_BINARY_DIR}/man
    COMMAND sh ${GONGKAI_DEB_DIR}/man-page.sh $<TARGET_FILE:${program}> ${PROJECT_VERSION}
            "${description}" ${GONGKAI_DEB_DIR}/${program}.h2m ${out}
    DEPENDS ${program} ${GONGKAI_DEB_DIR}/man-page.sh ${GONGKAI_DEB_DIR}/${program}.h2m
    COMMENT "Man page ${program}(1) from its --help"
    VERBATIM)
  set(GONGKAI_MAN_PAGES ${GONGKAI_MAN_PAGES} ${out} PARENT_SCOPE)
endfunction()
gongkai_man_page(gongkai "Gongkai operator tool: configuration check, keys, mirror, feed, slips")
gongkai_man_page(gongkai-sync "keep the kiosk's mirror in step with the county's signed feed")
if(TARGET gongkai-kiosk)
  gongkai_man_page(gongkai-kiosk "the Gongkai touch-screen kiosk")
endif()
set(GONGKAI_CHANGELOG ${GONGKAI_PACKAGE_BINARY_DIR}/changelog.Debian.gz)
add_custom_command(OUTPUT ${GONGKAI_CHANGELOG}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${GONGKAI_PACKAGE_BINARY_DIR}
  COMMAND sh -c "gzip -9n < \"$0\" > \"$1\"" ${GONGKAI_DEB_DIR}/changelog ${GONGKAI_CHANGELOG}
  DEPENDS ${GONGKAI_DEB_DIR}/changelog
  VERBATIM)
# Built with everything (`ninja`), so packaging (cpack) builds nothing.
add_custom_target(gongkai_package_files ALL DEPENDS ${GONGKAI_MAN_PAGES} ${GONGKAI_CHANGELOG})
install(FILES ${GONGKAI_MAN_PAGES} DESTINATION share/man/man1)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${GONGKAI_DEB_DIR}/copyright ${GONGKAI_CHANGELOG}
        DESTINATION share/doc/gongkai)
install(FILES ${GONGKAI_DEB_DIR}/lintian-overrides DESTINATION share/lintian/overrides RENAME gongkai)

# --- CPack: the .deb ---------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gongkai)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGE_CONTACT "Gongkai maintainers <maintainers@users.noreply.r-seed-c14ce7b3.example>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # gongkai_0.1.0-1_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "offline kiosk for county government information disclosure")
set(CPACK_PACKAGE_DESCRIPTION
"Gongkai (公开) turns a touch terminal in a service hall into an offline
information lookup point for a county's government information disclosure:
residents browse the disclosure domains, read notices and service guides in
large type, search by words, pinyin or document number, and print or take
home a QR code of a page or of a disclosure request slip.
.
This package holds gongkai-kiosk (the fullscreen touch interface, run by
cage on tty1), gongkai-sync (the daemon that keeps the local mirror in step
with the county's signed feed, also from a USB stick) and gongkai (the
operators' tool), with their systemd units, users and configuration.")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://gongkai.example-county.gov.cn")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Run or read, not linked: the kiosk session (cage, Xwayland, logind's PAM
# module), its font and handwriting model, and postinst's adduser.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "adduser, cage, xwayland, fonts-noto-cjk, tegaki-zinnia-simplified-chinese, libpam-modules, libpam-systemd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${GONGKAI_DEB_DIR}/conffiles ${GONGKAI_DEB_DIR}/postinst ${GONGKAI_DEB_DIR}/prerm
    ${GONGKAI_DEB_DIR}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
