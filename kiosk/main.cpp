// gongkai-kiosk: the fullscreen touch UI. Parses the command line and hands
// over to the app loop (ui/app.cpp). Bad flags: message and exit status 2.
#include <cstdio>
#include <string>
#include <vector>

#include "platform/heap.h"
#include "ui/app.h"
#include "ui/options.h"

int main(int argc, char** argv) {
    gongkai::platform::returnLargeBlocksToSystem();
    std::vector<std::string> args(argv + 1, argv + argc);
    auto options = gongkai::ui::parseOptions(args);
    if (!options) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", options.error().message.c_str());
        return 2;
    }
    if (options->help) {
        std::fputs(gongkai::ui::usageText().c_str(), stdout);
        return 0;
    }
    return gongkai::ui::runApp(options.value());
}
