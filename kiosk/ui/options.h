// Command-line options of gongkai-kiosk:
//   --db PATH  --config FILE  --windowed  --size WxH  --screenshot PATH
//   --script FILE  --lang zh-CN|en  --help
// parseOptions never exits; bad flags come back as an Error whose message is
// ready to print (the caller exits with status 2).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai::ui {

struct Options {
    std::string dbPath;
    std::string configPath;
    bool windowed = false;
    int width = 1920, height = 1080;
    bool sizeGiven = false;
    std::string screenshotPath;
    std::string scriptPath;
    std::string language;  // empty: from the config, else zh-CN
    bool help = false;
};

Result<Options> parseOptions(const std::vector<std::string>& args);
std::string usageText();

}  // namespace gongkai::ui
