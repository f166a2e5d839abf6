// The kiosk's thermal printer (issue 9) under Xvfb, with a simulated printer
// on a pseudo-terminal (tests/print/sim_printer.h) that answers DLE EOT like
// a real one: the slip printed on 58 mm paper carries the same signed QR as
// the screen (read by zbar from the page the printer received); paper out
// and a printer that does not answer are told to the resident in plain words
// while the slip stays on screen and the request stays in the outbox; a
// service guide's checklist printed with its url's QR; the PNG spool for
// other printers; and the idle reset forgetting the last print.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/bitmap_png.h"
#include "print/sim_printer.h"
#include "support/temp_dir.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"
#include "ui/request_walk.h"

namespace fs = std::filesystem;
using namespace gongkai::test;
using nlohmann::json;

namespace {

std::string printerArgs(const TempDir& dir, const SimPrinter& printer, int paperMm = 58) {
    return keyArgs(dir) + " --printer " + printer.slavePath() + " --paper " + std::to_string(paperMm);
}

// The QR codes zbar reads off a page the printer received.
std::vector<std::string> printedCodes(const TempDir& dir, const gongkai::Bitmap& page, const std::string& name) {
    REQUIRE(gongkai::writeBitmapPng(dir.file(name), page).ok());
    return decodeQrCodes(Picture::load(dir.file(name)));
}

// The script's walk to the slip, then "print the slip" and what followed.
std::string printSlipScript(const TempDir& dir) {
    return walkToSlip(dir, "本村2023年低保资金发放明细") + "tap-on print:slip\nwait 300\nscreenshot " +
           dir.file("printed.png") + "\ndump " + dir.file("printed.json") + "\n";
}

// Pixels of the theme's warning colour between the QR and the buttons: the
// problem is said in the warning colour.
double warningInk(const Picture& p, const UiTheme& t) {
    return p.fraction({0, p.height() / 2, p.width(), p.height()}, t.warning, 10);
}

}  // namespace

TEST_CASE("print: the slip printed on a simulated 58 mm printer carries the screen's signed QR", "[ui][print]") {
    TempDir dir;
    SimPrinter printer(SimPrinter::State::Ready);
    auto r = runKiosk(dir, demoMirror(dir), 1080, 1920, printSlipScript(dir), printerArgs(dir, printer));
    INFO(r.output);
    REQUIRE(r.status == 0);
    json dump = readJson(dir.file("printed.json"));
    CHECK(dump.at("print").at("phase") == "printed");
    CHECK(dump.at("print").at("printed") == 1);
    CHECK(dump.at("request").at("step") == 5);  // the slip stays on screen
    REQUIRE(printer.jobs().size() == 1);
    const ParsedJob job = printer.jobs()[0];
    CHECK(job.error.empty());
    CHECK(job.bitmap.width == 384);
    CHECK(job.cut);
    CHECK(printer.statusRequests() >= 8);  // asked before and after the page
    auto codes = printedCodes(dir, job.bitmap, "paper.png");
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == dump.at("request").at("slip").get<std::string>());
    auto decoded = gongkai::decodeSlip(codes[0], demoLookup());
    REQUIRE(decoded.ok());
    CHECK(decoded->verification == gongkai::SlipVerification::Verified);
    CHECK(r.output.find("printed,") != std::string::npos);  // the journal line
}

TEST_CASE("print: paper out is told in plain words, nothing is sent, the slip and the request stay", "[ui][print]") {
    TempDir dir;
    SimPrinter printer(SimPrinter::State::PaperOut);
    auto r = runKiosk(dir, demoMirror(dir), 1080, 1920, printSlipScript(dir), printerArgs(dir, printer));
    INFO(r.output);
    REQUIRE(r.status == 0);
    json dump = readJson(dir.file("printed.json"));
    CHECK(dump.at("print").at("phase") == "failed");
    CHECK(dump.at("print").at("problem") == "paper_out");
    CHECK(dump.at("request").at("step") == 5);
    CHECK(printer.jobs().empty());
    CHECK(printer.bytesReceived() <= 12);  // four 3-byte status requests only: no half slip
    Picture shot = Picture::load(dir.file("printed.png"));
    auto codes = decodeQrCodes(shot);  // the slip is still there to photograph
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == dump.at("request").at("slip").get<std::string>());
    CHECK(warningInk(shot, loadUiTheme()) > 0.0005);
    CHECK(warningInk(Picture::load(dir.file("slip.png")), loadUiTheme()) < 0.0001);
    auto rows = outboxRows(dir.file("outbox.db"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].slip == codes[0]);
}

TEST_CASE("print: a printer that does not answer is reported, not taken as printed", "[ui][print]") {
    TempDir dir;
    SimPrinter printer(SimPrinter::State::Silent);
    auto r = runKiosk(dir, demoMirror(dir), 1920, 1080, printSlipScript(dir), printerArgs(dir, printer, 80));
    INFO(r.output);
    REQUIRE(r.status == 0);
    json dump = readJson(dir.file("printed.json"));
    CHECK(dump.at("print").at("phase") == "failed");
    CHECK(dump.at("print").at("problem") == "no_answer");
    CHECK(dump.at("print").at("printed") == 0);
    CHECK(printer.jobs().empty());
    CHECK(r.output.find("no_answer") != std::string::npos);
}

TEST_CASE("print: a service guide's checklist prints with its url's QR, and the idle reset forgets the print", "[ui][print]") {
    TempDir dir;
    SimPrinter printer(SimPrinter::State::Ready);
    std::string script = "wait 300\ntap-on quick:guides\nwait 400\ntap-on record:service_guide:g01\nwait 400\n"
                         "tap-on print:guide\nwait 300\nscreenshot " + dir.file("guide.png") + "\ndump " +
                         dir.file("guide.json") + "\nwait 4000\ndump " + dir.file("after.json") + "\n";
    auto r = runKiosk(dir, demoMirror(dir), 1080, 1920, script,
                      printerArgs(dir, printer, 80) + " --idle-reset 1 --idle-countdown 1");
    INFO(r.output);
    REQUIRE(r.status == 0);
    json dump = readJson(dir.file("guide.json"));
    CHECK(dump.at("print").at("phase") == "printed");
    CHECK(dump.at("print").at("what") == "guide:g01");
    REQUIRE(printer.jobs().size() == 1);
    CHECK(printer.jobs()[0].bitmap.width == 576);
    auto codes = printedCodes(dir, printer.jobs()[0].bitmap, "checklist.png");
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].find("g01") != std::string::npos);
    json after = readJson(dir.file("after.json"));
    CHECK(after.at("print").at("phase") == "idle");
    CHECK(after.at("print").at("printed") == 1);
}

TEST_CASE("print: with only a spool directory each slip is written there as a PNG for another printer", "[ui][print]") {
    TempDir dir;
    fs::create_directories(dir.file("spool"));
    auto r = runKiosk(dir, demoMirror(dir), 1080, 1920, printSlipScript(dir),
                      keyArgs(dir) + " --print-spool " + dir.file("spool"));
    INFO(r.output);
    REQUIRE(r.status == 0);
    json dump = readJson(dir.file("printed.json"));
    CHECK(dump.at("print").at("spool") == true);
    CHECK(dump.at("print").at("phase") == "printed");
    std::vector<fs::path> pngs;
    for (const auto& e : fs::directory_iterator(dir.file("spool"))) pngs.push_back(e.path());
    REQUIRE(pngs.size() == 1);
    CHECK(pngs[0].extension() == ".png");
    Picture page = Picture::load(pngs[0].string());
    CHECK(page.width() == 384);
    auto codes = decodeQrCodes(page);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == dump.at("request").at("slip").get<std::string>());
}
