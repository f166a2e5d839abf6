# UI tests (included from tests/CMakeLists.txt when GONGKAI_BUILD_UI is on).
# The [ui] kiosk tests run the real gongkai-kiosk in a window under their own
# Xvfb (tests/ui/xvfb_session.cpp), so they need no display of their own.
pkg_check_modules(UI_TEST_STB REQUIRED IMPORTED_TARGET stb)
gongkai_add_catch_binary(ui_tests
  support/temp_dir.cpp
  ui/xvfb_session.cpp
  ui/png_probe.cpp
  ui/kiosk_runner.cpp
  ui/state_dump.cpp
  ui/kiosk_ui_test.cpp
  ui/cli_flags_test.cpp
  ui/text_layout_test.cpp
  ui/gesture_script_test.cpp
  ui/assets_test.cpp
  ui/system_test.cpp
  ui/x11_poke.cpp
  ui/keyboard_test.cpp
  ui/search_screen_test.cpp
  ui/pages_screen_test.cpp
  ui/ime_screen_test.cpp
  ui/handwriting_pad_test.cpp
  ui/request_screen_test.cpp
  ui/request_flow_test.cpp
  ui/request_walk.cpp
  ui/print_screen_test.cpp  # issue 9: a simulated printer on a pty
  ui/setup_screen_test.cpp  # issue 10: first boot, until gongkai config set-pin
  ui/usb_update_test.cpp  # issue 10: "updating from USB" and its result (sync-status.json's "update")
  ui/display_schedule_test.cpp  # issue 10: dark outside the opening hours, woken by a tap
  ui/staff_pin_reload_test.cpp  # issue 10: set-pin while the kiosk runs
  print/sim_printer.cpp
  print/escpos_stream.cpp
  sync/process_runner.cpp  # request_screen_test: SIGKILL of the kiosk, then gongkai-sync
  sync/test_portal.cpp     # ... uploading to a real portal on 127.0.0.1
  ui/damage_test.cpp ${PROJECT_SOURCE_DIR}/kiosk/platform/damage.cpp  # issue 5: partial redraw, on headless ImGui
  ui/redraw_test.cpp  # issue 5: partial redraws equal full ones, in the kiosk
)
target_link_libraries(ui_tests PRIVATE gongkai_kiosk_logic gongkai_core PkgConfig::UI_TEST_STB)
# damage_test.cpp draws frames with Dear ImGui (no window) for platform/damage.cpp.
pkg_check_modules(UI_TEST_IMGUI REQUIRED IMPORTED_TARGET imgui)
target_link_libraries(ui_tests PRIVATE PkgConfig::UI_TEST_IMGUI)
# The reader's QR code is decoded from screenshots with zbar (pages_screen_test.cpp).
pkg_check_modules(UI_TEST_ZBAR REQUIRED IMPORTED_TARGET zbar)
target_link_libraries(ui_tests PRIVATE PkgConfig::UI_TEST_ZBAR)
add_dependencies(ui_tests gongkai-kiosk)
target_compile_definitions(ui_tests PRIVATE "GONGKAI_KIOSK_PATH=\"$<TARGET_FILE:gongkai-kiosk>\"")
# The request tests kill the kiosk and let gongkai-sync upload its outbox to a
# test portal (cpp-httplib) on 127.0.0.1; they read outbox.db with SQLite.
pkg_check_modules(UI_TEST_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(Threads REQUIRED)
target_link_libraries(ui_tests PRIVATE PkgConfig::UI_TEST_HTTPLIB Threads::Threads SQLite::SQLite3)
add_dependencies(ui_tests gongkai-sync)
target_compile_definitions(ui_tests PRIVATE "GONGKAI_SYNC_PATH=\"$<TARGET_FILE:gongkai-sync>\"")
# The first-boot test runs the real `gongkai config set-pin` while the kiosk is up.
add_dependencies(ui_tests gongkai)
target_compile_definitions(ui_tests PRIVATE "GONGKAI_CLI_PATH=\"$<TARGET_FILE:gongkai>\"")
