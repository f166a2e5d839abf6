# gongkai-kiosk: the touch UI (included from kiosk/CMakeLists.txt when
# GONGKAI_BUILD_UI is on). Dear ImGui comes from Debian's libimgui-dev as one
# static library that already holds the GLFW and OpenGL3 backends; Debian's
# libstb ships stb_image_write compiled.
find_package(OpenGL REQUIRED)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(GLFW3 REQUIRED IMPORTED_TARGET glfw3)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
find_path(TOMLPP_INCLUDE_DIR toml++/toml.h REQUIRED)

# Logic without a window (options, script, gestures, text layout): shared
# by the kiosk and the UI tests.
add_library(gongkai_kiosk_logic STATIC
  ui/options.cpp
  ui/script.cpp
  ui/script_player.cpp
  ui/gesture.cpp
  ui/text_layout.cpp
  ui/document_find.cpp
  ui/keyboard.cpp
  ui/ime_lookup.cpp
  ui/popular.cpp
  ui/idle.cpp
  ui/staff.cpp
  ui/sync_status.cpp
  ui/request_flow.cpp
  ui/print_worker.cpp
  ui/request_maker.cpp
  ui/desk.cpp
)
target_include_directories(gongkai_kiosk_logic PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(gongkai_kiosk_logic PUBLIC gongkai_core PRIVATE gongkai_warnings)
# Staff PINs are checked with libsodium (ui/staff.cpp).
target_link_libraries(gongkai_kiosk_logic PRIVATE PkgConfig::SODIUM)
# Request slips are signed with the kiosk's key file (sync/feed/keys.h).
target_link_libraries(gongkai_kiosk_logic PUBLIC gongkai_sync)

add_executable(gongkai-kiosk
  main.cpp
  platform/window.cpp
  platform/png.cpp
  platform/font_texture.cpp
  platform/renderer.cpp platform/damage.cpp platform/present_x11.cpp  # partial redraw (issue 5)
  platform/heap.cpp
  ui/app.cpp
  ui/assets.cpp
  ui/chrome.cpp
  ui/data_worker.cpp
  ui/fonts.cpp
  ui/kiosk_config.cpp
  ui/page.cpp
  ui/screens.cpp
  ui/screen_home.cpp
  ui/screen_domain.cpp
  ui/screen_document.cpp
  ui/screen_list.cpp
  ui/screen_guide.cpp
  ui/screen_consultation.cpp
  ui/screen_agencies.cpp
  ui/page_blocks.cpp
  ui/pages_data.cpp
  ui/document_page.cpp
  ui/document_view.cpp
  ui/image_cache.cpp
  ui/qr_code.cpp
  platform/texture.cpp
  ui/screen_out_of_service.cpp
  ui/screen_search.cpp
  ui/keyboard_band.cpp
  ui/search_view.cpp
  ui/table_layout.cpp
  ui/app_system.cpp
  ui/data_worker_poll.cpp
  ui/idle_reset.cpp
  ui/metrics.cpp
  ui/overlay.cpp
  ui/screen_attract.cpp
  ui/screen_staff.cpp
  ui/handwriting_pad.cpp ui/handwriting_worker.cpp  # the keyboard's 手写 mode (issue 6)
  ui/screen_request.cpp ui/app_request.cpp ui/screen_desk.cpp  # disclosure requests, the staff desk (issue 8)
  ui/app_print.cpp  # the thermal printer (issue 9)
  ui/app_setup.cpp ui/screen_setup.cpp  # first boot: no staff PIN yet (issue 10)
  ui/app_display.cpp  # the display's opening hours: dark outside them (issue 10)
)
target_include_directories(gongkai-kiosk PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${TOMLPP_INCLUDE_DIR})
target_compile_definitions(gongkai-kiosk PRIVATE
  GONGKAI_ASSETS_DIR="${PROJECT_SOURCE_DIR}/assets")
find_package(Threads REQUIRED)
target_link_libraries(gongkai-kiosk PRIVATE
  gongkai_kiosk_logic gongkai_core gongkai_warnings
  PkgConfig::IMGUI PkgConfig::GLFW3 PkgConfig::STB OpenGL::GL Threads::Threads ${CMAKE_DL_LIBS})
