// [printer] of gongkai.toml (core/printer_config.h).
#include "core/printer_config.h"

#include <cstdint>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace gongkai {

namespace {

std::string where(const std::string& path, const toml::node& node) {
    return path + ":" + std::to_string(node.source().begin.line) + ": [printer] ";
}

// A string key; absent keeps `out`.
Status readString(const std::string& path, const toml::table& printer, const char* key, std::string& out) {
    const toml::node* node = printer.get(key);
    if (!node) return okStatus();
    const auto* v = node->as_string();
    if (!v) return Error{where(path, *node) + key + " must be a string"};
    out = v->get();
    return okStatus();
}

// A positive integer key (a float such as 58.0 is refused: the file should
// say what it means); absent keeps `out`.
Status readPositive(const std::string& path, const toml::table& printer, const char* key, int& out) {
    const toml::node* node = printer.get(key);
    if (!node) return okStatus();
    const auto* v = node->as_integer();
    if (!v || v->get() <= 0 || v->get() > INT32_MAX)
        return Error{where(path, *node) + key + " must be a positive integer"};
    out = int(v->get());
    return okStatus();
}

Status readPaper(const std::string& path, const toml::table& printer, int& out) {
    const toml::node* node = printer.get("paper_mm");
    if (!node) return okStatus();
    const auto* v = node->as_integer();
    if (!v || (v->get() != 58 && v->get() != 80))
        return Error{where(path, *node) + "paper_mm must be 58 or 80"};
    out = int(v->get());
    return okStatus();
}

Result<toml::table> parseFile(const std::string& path) {
    if (!std::ifstream(path)) return Error{path + ": cannot be read"};
    try {
        return toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << path << ":" << e.source().begin.line << ": " << e.description();
        return Error{msg.str()};
    }
}

}  // namespace

Result<PrinterConfig> loadPrinterConfig(const std::string& configPath) {
    auto file = parseFile(configPath);
    if (!file) return file.error();
    PrinterConfig c;
    const toml::node* section = file->get("printer");
    if (!section) return c;
    const toml::table* printer = section->as_table();
    if (!printer) return Error{configPath + ":" + std::to_string(section->source().begin.line) +
                               ": [printer] must be a table"};
    PrinterSettings& s = c.settings;
    for (auto status : {readString(configPath, *printer, "device", s.device), readPaper(configPath, *printer, s.paperMm),
                        readPositive(configPath, *printer, "baud", s.baud),
                        readPositive(configPath, *printer, "reply_timeout_ms", s.replyTimeoutMs),
                        readString(configPath, *printer, "png_dir", c.pngDir)})
        if (!status) return status.error();
    // The example file's comment: device "none" means the kiosk has no printer.
    if (s.device == "none") s.device.clear();
    return c;
}

Result<PrinterConfig> resolvePrinterConfig(const std::string& configPath, const std::string& device, int paperMm) {
    PrinterConfig c;
    if (!configPath.empty()) {
        auto loaded = loadPrinterConfig(configPath);
        if (!loaded) return loaded.error();
        c = std::move(loaded.value());
    }
    if (!device.empty()) c.settings.device = device;
    if (paperMm != 0) c.settings.paperMm = paperMm;
    return c;
}

}  // namespace gongkai
