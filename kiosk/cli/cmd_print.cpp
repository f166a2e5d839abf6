// gongkai print-test and gongkai guide print (issue 9): the printer test page
// and a service guide's checklist (core/print_guide.h) to the thermal printer
// (core/printer_port.h: status before and after the job), to an ESC/POS file
// or to a PNG. Sections: [1] where the page goes, [2] sending it and saying
// what happened, [3] print-test, [4] guide print, [5] registration.
//
// Exit status: 0 when every output chosen was written and, with a device,
// the printer said afterwards that it printed; 1 on any failure (a message
// on stderr in plain words, naming the device or file); 2 for a usage error
// (no output chosen).
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "core/bitmap_png.h"
#include "core/escpos.h"
#include "core/mirror.h"
#include "core/print_guide.h"
#include "core/printer_config.h"
#include "core/printer_port.h"
#include "core/store.h"

namespace gongkai::cli {

namespace {

// [1] Where the page goes ----------------------------------------------------

struct PageOutputs {
    std::string configPath, device, escposPath, pngPath, county, fontPath = kDefaultPrintFont;
    int widthMm = 0;  // 0: [printer] paper_mm of --config, else 58
    bool chosen() const { return !device.empty() || !escposPath.empty() || !pngPath.empty(); }
};

constexpr int kUsageError = 2;

// --config's [printer], then --device and --width over it.
Result<PrinterSettings> resolveSettings(PageOutputs& o) {
    auto config = resolvePrinterConfig(o.configPath, o.device, o.widthMm);
    if (!config) return config.error();
    const PrinterSettings& settings = config->settings;
    o.device = settings.device;
    o.widthMm = settings.paperMm;
    return settings;
}

int fail(const char* command, const std::string& message, int code = 1) {
    std::fprintf(stderr, "gongkai %s: %s\n", command, message.c_str());
    return code;
}

// [2] Sending the page and saying what happened --------------------------------

std::string problemText(PrintProblem problem, const std::string& device) {
    switch (problem) {
        case PrintProblem::None:
            return "printed on " + device;
        case PrintProblem::NoDevice:
            return "no such device: " + device + " (is the printer plugged in?)";
        case PrintProblem::NoAnswer:
            return "the printer on " + device +
                   " does not answer (is it switched on? does it answer status requests?)";
        case PrintProblem::BadAnswer:
            return "the printer on " + device + " answered something that is not a status";
        case PrintProblem::Offline:
            return "the printer on " + device + " is offline";
        case PrintProblem::CoverOpen:
            return "the printer's cover is open (" + device + "): close it and try again";
        case PrintProblem::PaperOut:
            return "the printer on " + device + " is out of paper: load a new roll";
        case PrintProblem::PrinterError:
            return "the printer on " + device + " reports an error (cutter or mechanism)";
        case PrintProblem::WriteFailed:
            return "the page could not be sent to " + device;
    }
    return "unknown problem on " + device;
}

// Prints the outcome on stderr; 0 only when printed.
int reportOutcome(const char* command, const PrintOutcome& outcome, const std::string& device) {
    std::string text = problemText(outcome.problem, device);
    if (!outcome.printed() && outcome.sent) text = "the page was sent, but " + text;
    if (outcome.problem == PrintProblem::None && !outcome.sent)
        text = "the printer on " + device + " is ready";
    if (outcome.paperNearEnd) text += "; the paper is nearly out: change the roll soon";
    std::fprintf(stderr, "gongkai %s: %s\n  (%s)\n", command, text.c_str(), outcome.detail.c_str());
    return outcome.problem == PrintProblem::None ? 0 : 1;
}

Status writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!out) return Error{path + ": cannot write"};
    return okStatus();
}

// The page to every output chosen: the files first, then the printer.
int deliver(const char* command, const char* what, const PrintedPage& page, const PageOutputs& o,
            const PrinterSettings& settings) {
    auto job = encodeEscPos(page.bitmap);
    if (!job) return fail(command, job.error().message);
    if (!o.escposPath.empty())
        if (auto s = writeBytes(o.escposPath, job.value()); !s) return fail(command, s.error().message);
    if (!o.pngPath.empty())
        if (auto s = writeBitmapPng(o.pngPath, page.bitmap); !s) return fail(command, s.error().message);
    std::fprintf(stderr, "%s: %d mm paper, %d x %d dots, %.1f mm long%s\n", what, o.widthMm,
                 page.bitmap.width, page.bitmap.height, page.lengthMm(),
                 page.qrModuleDots ? "" : ", no QR code");
    if (settings.device.empty()) return 0;
    return reportOutcome(command, printJob(settings, job.value()), settings.device);
}

// Settings and options for rendering, or an exit status (usage or config error).
struct Prepared {
    PrinterSettings settings;
    PagePrintOptions options;
    int exitCode = -1;  // -1: go on
};

Prepared prepare(const char* command, PageOutputs& o, bool statusOnly = false) {
    Prepared p;
    auto settings = resolveSettings(o);
    if (!settings) {
        p.exitCode = fail(command, settings.error().message);
        return p;
    }
    p.settings = settings.value();
    if (statusOnly && o.device.empty())
        p.exitCode =
            fail(command, "--status needs a printer: --device DEV or --config FILE with a [printer] device",
                 kUsageError);
    else if (!o.chosen())
        p.exitCode = fail(command,
                          "choose where the page goes: --device DEV, --config FILE with a [printer] device, "
                          "--escpos OUT.bin or --png OUT.png",
                          kUsageError);
    auto dots = paperDots(o.widthMm);
    if (!dots && p.exitCode < 0) p.exitCode = fail(command, dots.error().message, kUsageError);
    if (p.exitCode >= 0) return p;
    p.options.paperDots = dots.value();
    p.options.county = o.county;
    p.options.fontPath = o.fontPath;
    return p;
}

// [3] print-test ----------------------------------------------------------------

struct PrintTestOptions {
    PageOutputs out;
    bool statusOnly = false;
};

int runPrintTest(PrintTestOptions& t) {
    const char* command = "print-test";
    Prepared p = prepare(command, t.out, t.statusOnly);
    if (p.exitCode >= 0) return p.exitCode;
    if (t.statusOnly) return reportOutcome(command, queryPrinter(p.settings), p.settings.device);
    auto font = PrintFont::open(p.options.fontPath, p.options.fontFace);
    if (!font) return fail(command, font.error().message);
    const std::string qrText = "GONGKAI PRINT TEST " + std::to_string(t.out.widthMm) + "MM";
    auto page = renderTestPage(font.value(), qrText, p.options);
    if (!page) return fail(command, page.error().message);
    return deliver(command, "test page", page.value(), t.out, p.settings);
}

// [4] guide print ----------------------------------------------------------------

struct GuidePrintOptions {
    PageOutputs out;
    std::string id, db = kDefaultDb;
};

int runGuidePrint(GuidePrintOptions& g) {
    const char* command = "guide print";
    Prepared p = prepare(command, g.out);
    if (p.exitCode >= 0) return p.exitCode;
    auto mirror = Mirror::open(g.db, Mirror::Mode::ReadOnly);
    if (!mirror) return fail(command, mirror.error().message);
    Store store(*mirror.value());
    auto guide = store.serviceGuide(g.id);
    if (!guide) return fail(command, g.db + ": " + guide.error().message);  // names the id
    if (p.options.county.empty())
        if (auto info = store.dataInfo(); info) p.options.county = info->siteName;
    auto page = renderGuideChecklist(guide.value(), p.options);
    if (!page) return fail(command, page.error().message);
    return deliver(command, ("checklist of " + g.id).c_str(), page.value(), g.out, p.settings);
}

// [5] Registration ------------------------------------------------------------------

void addOutputOptions(CLI::App* cmd, PageOutputs& o) {
    cmd->add_option("--config", o.configPath, "gongkai.toml: the printer of its [printer] section");
    cmd->add_option("--device", o.device, "the printer's device file, e.g. /dev/usb/lp0 (over --config's)");
    cmd->add_option("--width", o.widthMm,
                    "paper width in mm: 58 or 80 (default: --config's paper_mm, else 58)")
        ->check(CLI::IsMember({58, 80}));
    cmd->add_option("--escpos", o.escposPath,
                    "also write the ESC/POS print job (GS v 0 raster, cut) to this file");
    cmd->add_option("--png", o.pngPath, "also write the printed page as a 1-bit PNG (one pixel a dot)");
    cmd->add_option("--county", o.county, "the county's name, printed at the top");
    cmd->add_option("--font", o.fontPath, "the font collection (face 2: Noto Sans CJK SC)");
}

}  // namespace

void addPrintCommands(CLI::App& app, int& exitCode) {
    auto test = std::make_shared<PrintTestOptions>();
    auto* t = app.add_subcommand("print-test",
                                 "Print the printer test page (frame, ruler, text, grey bars, QR), or "
                                 "write it as ESC/POS or PNG; --status only asks the printer how it is");
    addOutputOptions(t, test->out);
    t->add_flag("--status", test->statusOnly, "only ask the printer for its status (paper, cover, errors)");
    t->callback([test, &exitCode] { exitCode = runPrintTest(*test); });

    auto* guide = app.add_subcommand("guide", "Service guides on paper");
    guide->require_subcommand(1);
    auto print = std::make_shared<GuidePrintOptions>();
    auto* g = guide->add_subcommand("print",
                                    "Print a service guide's checklist of materials (tick boxes), "
                                    "or write it as ESC/POS or PNG");
    g->add_option("id", print->id, "the service guide's id, e.g. g01")->required();
    g->add_option("--db", print->db, std::string("the mirror (default ") + kDefaultDb + ")");
    addOutputOptions(g, print->out);
    g->callback([print, &exitCode] { exitCode = runGuidePrint(*print); });
}

}  // namespace gongkai::cli
