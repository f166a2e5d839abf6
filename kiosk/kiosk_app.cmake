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
)
target_include_directories(gongkai_kiosk_logic PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(gongkai_kiosk_logic PUBLIC gongkai_core PRIVATE gongkai_warnings)

add_executable(gongkai-kiosk
  main.cpp
  platform/window.cpp
  platform/png.cpp
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
  ui/screen_out_of_service.cpp
  ui/table_layout.cpp
)
target_include_directories(gongkai-kiosk PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${TOMLPP_INCLUDE_DIR})
target_compile_definitions(gongkai-kiosk PRIVATE
  GONGKAI_ASSETS_DIR="${PROJECT_SOURCE_DIR}/assets")
find_package(Threads REQUIRED)
target_link_libraries(gongkai-kiosk PRIVATE
  gongkai_kiosk_logic gongkai_core gongkai_warnings
  PkgConfig::IMGUI PkgConfig::GLFW3 PkgConfig::STB OpenGL::GL Threads::Threads ${CMAKE_DL_LIBS})
