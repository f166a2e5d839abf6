// The real `gongkai print-test` and `gongkai guide print`: the ESC/POS files
// they write parsed back by the tests' own reader, their PNGs compared with
// that bitmap, QR codes read by zbar; the errors an operator sees for an
// unknown guide, a bad width, no output chosen and a missing printer; printing
// to the simulated printer (ready, paper out, cover open).
#include <catch2/catch.hpp>

#include "print/escpos_stream.h"
#include "print/page_probe.h"
#include "print/sim_printer.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// The job in `path`, parsed whole.
ParsedJob readJob(const std::string& path) {
    ParsedJob parsed = parseEscPosJob(readBytes(path));
    INFO(path);
    REQUIRE(parsed.error.empty());
    REQUIRE(parsed.partialCut);
    return parsed;
}

ProcessResult runOk(const TempDir& dir, const std::vector<std::string>& args) {
    ProcessResult run = runGongkai(dir, args);
    INFO(run.err);
    REQUIRE(run.exit.exited);
    REQUIRE(run.exit.code == 0);
    return run;
}

}  // namespace

TEST_CASE("print cli: print-test --escpos and --png write the same framed page at 58 and 80 mm, its QR reads",
          "[print]") {
    TempDir dir;
    for (const char* mm : {"58", "80"}) {
        INFO(mm << " mm");
        const std::string bin = dir.file(std::string("test-") + mm + ".bin"), png = dir.file("test.png");
        ProcessResult run = runOk(dir, {"print-test", "--width", mm, "--escpos", bin, "--png", png});
        CHECK(run.err.find("test page") != std::string::npos);
        const ParsedJob job = readJob(bin);
        const Bitmap& bm = job.bitmap;
        CHECK(bm.width == (std::string(mm) == "58" ? 384 : 576));
        CHECK(greyOfBitmap(bm).pixels == loadPngGrey(png).pixels);
        CHECK(inkInColumns(bm, 0, 1) == bm.height);
        CHECK(inkInColumns(bm, bm.width - 1, bm.width) == bm.height);
        const std::vector<std::string> found = zbarDecode(greyOfBitmap(bm));
        REQUIRE(found.size() == 1);
        CHECK(found[0] == std::string("GONGKAI PRINT TEST ") + mm + "MM");
    }
}

TEST_CASE(
    "print cli: guide print writes a demo guide's checklist: paper width, its url in the QR, a box per "
    "material",
    "[print]") {
    GuideMirror m("g01");
    TempDir dir;
    const std::string bin = dir.file("g01.bin"), png = dir.file("g01.png");
    runOk(dir, {"guide", "print", "g01", "--db", m.dbPath(), "--escpos", bin, "--width", "80"});
    const ParsedJob wide = readJob(bin);
    CHECK(wide.bitmap.width == 576);
    const std::vector<std::string> found = zbarDecode(greyOfBitmap(wide.bitmap));
    REQUIRE(found.size() == 1);
    CHECK(found[0] == m.guide.url);
    CHECK(findTickBoxes(wide.bitmap, 40).size() == m.guide.materials.size());

    runOk(dir, {"guide", "print", "g01", "--db", m.dbPath(), "--png", png});  // 58 mm unless told
    const Grey narrow = loadPngGrey(png);
    Bitmap fromPng(narrow.width, narrow.height);
    for (std::size_t i = 0; i < narrow.pixels.size(); ++i) fromPng.dots[i] = narrow.pixels[i] < 128;
    CHECK(fromPng.width == 384);
    CHECK(findTickBoxes(fromPng, 40).size() == m.guide.materials.size());
    CHECK(zbarDecode(narrow) == found);
}

TEST_CASE("print cli: an unknown guide id fails naming it, a bad width and no output are usage errors",
          "[print]") {
    GuideMirror m("g01");
    TempDir dir;
    const std::string bin = dir.file("out.bin");
    ProcessResult unknown =
        runGongkai(dir, {"guide", "print", "g-nope", "--db", m.dbPath(), "--escpos", bin});
    CHECK(unknown.exit.code == 1);
    CHECK(unknown.err.find("g-nope") != std::string::npos);
    CHECK(readBytes(bin).empty());

    ProcessResult badWidth = runGongkai(dir, {"print-test", "--width", "76", "--escpos", bin});
    CHECK(badWidth.exit.code == 2);
    CHECK(badWidth.err.find("--width") != std::string::npos);
    CHECK(badWidth.err.find("76") != std::string::npos);

    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"print-test"}, {"guide", "print", "g01", "--db", m.dbPath()}}) {
        ProcessResult none = runGongkai(dir, args);
        CHECK(none.exit.code == 2);
        CHECK(none.err.find("--escpos") != std::string::npos);
    }
    ProcessResult status = runGongkai(dir, {"print-test", "--status"});
    CHECK(status.exit.code == 2);
    CHECK(status.err.find("--device") != std::string::npos);
}

TEST_CASE("print cli: a printer device that does not exist is named, --config gives the device and the width",
          "[print]") {
    TempDir dir;
    const std::string missing = dir.file("no-printer-lp0"), bin = dir.file("out.bin"),
                      toml = dir.file("g.toml");
    ProcessResult direct = runGongkai(dir, {"print-test", "--device", missing});
    CHECK(direct.exit.code == 1);
    CHECK(direct.err.find("no such device: " + missing) != std::string::npos);

    writeFile(toml, "[printer]\ndevice = \"" + missing + "\"\npaper_mm = 80\n");
    ProcessResult viaConfig = runGongkai(dir, {"print-test", "--config", toml, "--escpos", bin});
    CHECK(viaConfig.exit.code == 1);  // the file is written, the printer is not there
    CHECK(viaConfig.err.find(missing) != std::string::npos);
    CHECK(readJob(bin).bitmap.width == 576);

    writeFile(toml, "[printer]\npaper_mm = 76\n");
    ProcessResult badConfig = runGongkai(dir, {"print-test", "--config", toml, "--escpos", bin});
    CHECK(badConfig.exit.code == 1);
    CHECK(badConfig.err.find("paper_mm") != std::string::npos);
}

TEST_CASE(
    "print cli: print-test to a simulated printer: printed when ready, paper out and cover open said plainly",
    "[print]") {
    TempDir dir;
    SECTION("ready: one job of the paper's width, exit 0") {
        SimPrinter sim(SimPrinter::State::Ready);
        ProcessResult run = runGongkai(dir, {"print-test", "--device", sim.slavePath(), "--width", "58"});
        INFO(run.err);
        CHECK(run.exit.code == 0);
        CHECK(run.err.find("printed on " + sim.slavePath()) != std::string::npos);
        REQUIRE(sim.waitForJobs(1, 5000));
        REQUIRE(sim.jobs().size() == 1);
        CHECK(sim.jobs()[0].bitmap.width == 384);
        CHECK(sim.statusRequests() >= 8);  // asked before and after
    }
    SECTION("paper out: nothing sent, exit 1, the message says paper") {
        SimPrinter sim(SimPrinter::State::PaperOut);
        ProcessResult run = runGongkai(dir, {"print-test", "--device", sim.slavePath()});
        CHECK(run.exit.code == 1);
        CHECK(run.err.find("out of paper") != std::string::npos);
        CHECK(sim.jobs().empty());
    }
    SECTION("--status only asks: ready, then cover open") {
        SimPrinter sim(SimPrinter::State::Ready);
        ProcessResult ready = runGongkai(dir, {"print-test", "--status", "--device", sim.slavePath()});
        CHECK(ready.exit.code == 0);
        CHECK(ready.err.find("is ready") != std::string::npos);
        sim.setState(SimPrinter::State::CoverOpen);
        ProcessResult open = runGongkai(dir, {"print-test", "--status", "--device", sim.slavePath()});
        CHECK(open.exit.code == 1);
        CHECK(open.err.find("cover is open") != std::string::npos);
        CHECK(sim.bytesReceived() == 4 * 3 * 2);  // two rounds of DLE EOT 1..4, no job
    }
}

TEST_CASE("print cli: guide print to a simulated printer prints the checklist whose QR reads the url",
          "[print]") {
    GuideMirror m("g03");
    TempDir dir;
    SimPrinter sim(SimPrinter::State::Ready);
    ProcessResult run = runGongkai(
        dir, {"guide", "print", "g03", "--db", m.dbPath(), "--device", sim.slavePath(), "--width", "80"});
    INFO(run.err);
    CHECK(run.exit.code == 0);
    REQUIRE(sim.waitForJobs(1, 5000));
    const Bitmap& bm = sim.jobs()[0].bitmap;
    CHECK(bm.width == 576);
    CHECK(findTickBoxes(bm, 40).size() == m.guide.materials.size());
    CHECK(zbarDecode(greyOfBitmap(bm)) == std::vector<std::string>{m.guide.url});
}
