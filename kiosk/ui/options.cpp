#include "ui/options.h"

#include <charconv>
#include <cstdlib>

#include "core/display_schedule.h"

namespace gongkai::ui {
namespace {

bool parseSize(const std::string& s, int& w, int& h) {
    auto x = s.find('x');
    if (x == std::string::npos) return false;
    auto a = std::from_chars(s.data(), s.data() + x, w);
    auto b = std::from_chars(s.data() + x + 1, s.data() + s.size(), h);
    return a.ec == std::errc{} && a.ptr == s.data() + x && b.ec == std::errc{} &&
           b.ptr == s.data() + s.size() && w >= 320 && h >= 320 && w <= 16384 && h <= 16384;
}

// The system helper's time flags.
double* systemSeconds(Options& o, const std::string& flag) {
    return flag == "--idle-reset" ? &o.idleResetSeconds : flag == "--idle-countdown" ? &o.idleCountdownSeconds
         : flag == "--idle-attract" ? &o.attractSeconds : flag == "--poll" ? &o.pollSeconds : nullptr;
}

bool parseSeconds(const std::string& s, double& out) {
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !(v > 0) || v > 1e7) return false;
    out = v;
    return true;
}

}  // namespace

std::string usageText() {
    return "usage: gongkai-kiosk --db PATH [--config FILE] [--windowed] [--size WxH]\n"
           "                     [--screenshot PATH] [--script FILE] [--lang zh-CN|en]\n"
           "                     [--state-dir DIR]\n"
           "                     [--idle-reset S] [--idle-countdown S] [--idle-attract S] [--poll S]\n"
           "                     [--sync-status PATH] [--elder] [--report-timing FILE]\n"
           "                     [--handwriting-model PATH]\n"
           "                     [--kiosk-key FILE --kiosk-id ID] [--outbox PATH]\n"
           "                     [--printer DEVICE] [--paper 58|80] [--print-spool DIR]\n"
           "                     [--now YYYY-MM-DDTHH:MM]   (the display schedule's clock starts there)\n"
           "                     [--full-redraw] [--verify-redraw] [--swap-present]   (redraw everything /\n"
           "                     check partial redraws / show frames by swapping buffers)\n"
           "       gongkai-kiosk --desk --db MIRROR [--trust [ID=]FILE.pub]...   (the staff desk)\n"
           "       gongkai-kiosk --hash-pin   (reads a staff PIN on stdin, prints its hash)\n";
}

Result<Options> parseOptions(const std::vector<std::string>& args) {
    Options o;
    auto value = [&](std::size_t& i, const std::string& flag) -> Result<std::string> {
        if (i + 1 >= args.size() || args[i + 1].empty())
            return Error{flag + " needs a value\n" + usageText()};
        return args[++i];
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string* target = a == "--db" ? &o.dbPath : a == "--config" ? &o.configPath
                            : a == "--screenshot" ? &o.screenshotPath : a == "--script" ? &o.scriptPath
                            : a == "--lang" ? &o.language : a == "--state-dir" ? &o.stateDir
                            : a == "--handwriting-model" ? &o.handwritingModel
                            : a == "--kiosk-key" ? &o.kioskKey : a == "--kiosk-id" ? &o.kioskId
                            : a == "--outbox" ? &o.outboxPath : a == "--printer" ? &o.printerDevice
                            : a == "--print-spool" ? &o.printSpoolDir : a == "--now" ? &o.fakeNow : nullptr;
        if (target) {
            auto v = value(i, a);
            if (!v) return v.error();
            *target = v.value();
        } else if (double* seconds = systemSeconds(o, a)) {
            auto v = value(i, a);
            if (!v) return v.error();
            if (!parseSeconds(v.value(), *seconds)) return Error{a + " wants a number of seconds > 0"};
        } else if (a == "--sync-status") {
            auto v = value(i, a);
            if (!v) return v.error();
            o.syncStatusPath = v.value();
        } else if (a == "--report-timing") {
            auto v = value(i, a);
            if (!v) return v.error();
            o.timingPath = v.value();
        } else if (a == "--trust") {
            auto v = value(i, a);
            if (!v) return v.error();
            o.trust.push_back(v.value());
        } else if (a == "--paper") {
            auto v = value(i, a);
            if (!v) return v.error();
            if (v.value() != "58" && v.value() != "80") return Error{"--paper must be 58 or 80 (mm)"};
            o.paperMm = std::stoi(v.value());
        } else if (a == "--desk") {
            o.desk = true;
        } else if (a == "--elder") {
            o.elder = true;
        } else if (a == "--hash-pin") {
            o.hashPin = true;
        } else if (a == "--full-redraw") {
            o.fullRedraw = true;
        } else if (a == "--verify-redraw") {
            o.verifyRedraw = true;
        } else if (a == "--swap-present") {
            o.swapPresent = true;
        } else if (a == "--windowed") {
            o.windowed = true;
        } else if (a == "--size") {
            auto v = value(i, a);
            if (!v) return v.error();
            if (!parseSize(v.value(), o.width, o.height))
                return Error{"--size wants WIDTHxHEIGHT, e.g. 1080x1920 (got '" + v.value() + "')"};
            o.sizeGiven = true;
        } else if (a == "--help" || a == "-h") {
            o.help = true;
        } else {
            return Error{"unknown option '" + a + "'\n" + usageText()};
        }
    }
    if (std::time_t t = 0; !o.fakeNow.empty() && !parseLocalTimeIso(o.fakeNow, t))
        return Error{"--now wants a local time YYYY-MM-DDTHH:MM[:SS] (got '" + o.fakeNow + "')"};
    if (!o.language.empty() && o.language != "zh-CN" && o.language != "en")
        return Error{"--lang must be zh-CN or en"};
    if (o.dbPath.empty() && o.configPath.empty() && !o.help && !o.hashPin)
        return Error{"--db PATH is required (or --config FILE naming the mirror)\n" + usageText()};
    return o;
}

}  // namespace gongkai::ui
