// `gongkai config check` (issue 10): the installed default config passes and
// is read as intended by the product's own loaders; a file with one problem
// of each kind reports each one on its line and nothing else; a syntax error
// names its line; warnings alone exit 0 (1 with --strict). The checker is
// called directly and through the real `gongkai` binary.
//
// Lines are never hard-coded: each problem line of a test file carries a
// "# tag" comment and the expected line is where that tag is.
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/config_check.h"
#include "client/sync_config.h"
#include "core/printer_config.h"
#include "feed/keys.h"
#include "support/temp_dir.h"
#include "sync/process_runner.h"

using namespace gongkai;
using namespace gongkai::test;
using gongkai::cli::ConfigProblem;
using gongkai::cli::Severity;

namespace {

using namespace std::chrono_literals;

// The 1-based line holding "# tag" (the tag followed by a space or the line's end).
int lineOfTag(const std::string& text, const std::string& tag) {
    int line = 1;
    for (std::size_t start = 0; start < text.size(); ++line) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view l(text.data() + start, end - start);
        auto at = l.find("# " + tag);
        if (at != std::string_view::npos &&
            (at + 2 + tag.size() == l.size() || l[at + 2 + tag.size()] == ' '))
            return line;
        start = end + 1;
    }
    FAIL("no tag " << tag);
    return 0;
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

ProcessResult runCheck(const std::vector<std::string>& args) {
    std::vector<std::string> all{"config", "check"};
    all.insert(all.end(), args.begin(), args.end());
    return runProcess(GONGKAI_CLI_PATH, all, 20s);
}

std::string describe(const std::vector<ConfigProblem>& problems) {
    std::string out;
    for (const auto& p : problems) out += cli::formatProblem("FILE", p) + "\n";
    return out;
}

std::string defaultConfigPath() { return (sourceDir() / "deploy/etc/gongkai.toml").string(); }

}  // namespace

TEST_CASE("config check: the default gongkai.toml has no errors, only the unset-feed warning", "[deploy]") {
    auto problems = cli::checkConfigFile(defaultConfigPath());
    INFO(describe(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].severity == Severity::Warning);
    CHECK(problems[0].section == "sync");
    CHECK(problems[0].message.find("no feed source and no [portal] url") != std::string::npos);

    auto run = runCheck({defaultConfigPath()});
    INFO(run.out << run.err);
    CHECK(run.exit.exited);
    CHECK(run.exit.code == 0);
    CHECK(run.out.find(": 0 errors, 1 warning") != std::string::npos);
}

TEST_CASE("config check: the default gongkai.toml means what it says to gongkai-sync and the printer", "[deploy]") {
    auto sync = sync::loadSyncConfig(defaultConfigPath());
    REQUIRE(sync);
    CHECK(sync->dbPath == "/var/lib/gongkai/mirror.db");
    CHECK(sync->outboxPath == "/var/lib/gongkai/outbox.db");
    CHECK(sync->blobsDir == "/var/lib/gongkai/blobs");
    CHECK(sync->sources.empty());
    CHECK(sync->intervalSeconds == 900);
    auto printer = loadPrinterConfig(defaultConfigPath());
    REQUIRE(printer);
    CHECK(printer->settings.device.empty());  // no printer until the officer names one
    CHECK(printer->settings.paperMm == 58);
}

TEST_CASE("config check: one problem of each kind, each reported on its line", "[deploy]") {
    TempDir dir;
    auto keys = feed::generateKeyPair();
    REQUIRE(feed::writeKeyFiles(dir.file("kiosk"), keys));
    writeFile(dir.file("bad.pub"), "this is not a key\n");
    const std::string text = replaceAll(R"(title = "kiosk"   # outside
[kiosk]
language = "fr"               # language
idle_reset_seconds = 0        # positive
elder_mode = "yes"            # type
langauge = "en"               # typo
staff_pin_hash = "1234"       # pin
state_dir = "var/lib/gongkai" # relative
key = "DIR/kiosk.key"         # alone

[mirror]
db = ""                       # empty
interval_seconds = 60         # elsewhere

[sync]
sources = [
  "ftp://feed.example.cn/feed",  # scheme
  "file://media/usb/feed",       # fileurl
]
trusted_keys = [
  "DIR/missing.pub",  # missing
  "DIR/bad.pub",      # badkey
]
feed_id = "qingxin-county"
jitter_seconds = -5           # negative

[portal]
url = "file:///srv/portal"    # portal

[printer]
paper_mm = 57                 # paper
baud = 9600.0                 # integer

[printr]                      # section
device = "/dev/usb/lp0"
)",
                                        "DIR", dir.path().string());
    struct Expected {
        const char* tag;
        const char* section;
        const char* key;
        Severity severity;
        const char* says;
    };
    const std::vector<Expected> expected = {
        {"outside", "", "title", Severity::Error, "outside any section"},
        {"language", "kiosk", "language", Severity::Error, "\"fr\" is not one of zh-CN en"},
        {"positive", "kiosk", "idle_reset_seconds", Severity::Error, "must be > 0"},
        {"type", "kiosk", "elder_mode", Severity::Error, "must be true or false"},
        {"typo", "kiosk", "langauge", Severity::Error, "unknown key (did you mean language?)"},
        {"pin", "kiosk", "staff_pin_hash", Severity::Error, "does not start with $argon2"},
        {"relative", "kiosk", "state_dir", Severity::Warning, "relative path"},
        {"alone", "kiosk", "key", Severity::Error, "needs [kiosk] id too"},
        {"empty", "mirror", "db", Severity::Error, "is empty"},
        {"elsewhere", "mirror", "interval_seconds", Severity::Error, "unknown key (it belongs in [sync])"},
        {"scheme", "sync", "sources", Severity::Error, "scheme ftp is not one of http https file"},
        {"fileurl", "sync", "sources", Severity::Error, "a file URL needs an absolute path"},
        {"missing", "sync", "trusted_keys", Severity::Warning, "missing.pub does not exist"},
        {"badkey", "sync", "trusted_keys", Severity::Error, "bad.pub"},
        {"negative", "sync", "jitter_seconds", Severity::Error, "must be ≥ 0"},
        {"portal", "portal", "url", Severity::Error, "scheme file is not one of http https"},
        {"paper", "printer", "paper_mm", Severity::Error, "57 is not one of 58 80"},
        {"integer", "printer", "baud", Severity::Error, "must be a whole number"},
        {"section", "printr", "", Severity::Error, "unknown section (did you mean [printer]?)"},
    };
    auto problems = cli::checkConfigText(text, "test.toml");
    INFO(describe(problems));
    CHECK(problems.size() == expected.size());
    for (const auto& e : expected) {
        INFO("tag " << e.tag);
        int line = lineOfTag(text, e.tag);
        auto found = std::find_if(problems.begin(), problems.end(), [&](const ConfigProblem& p) {
            return p.line == line && p.section == e.section && p.key == e.key && p.severity == e.severity &&
                   p.message.find(e.says) != std::string::npos;
        });
        CHECK(found != problems.end());
    }
    // The PIN itself is never echoed back into a log.
    CHECK(describe(problems).find("1234") == std::string::npos);

    const std::string path = dir.file("gongkai.toml");
    writeFile(path, text);
    auto run = runCheck({path});
    INFO(run.out << run.err);
    CHECK(run.exit.code == 1);
    for (const auto& e : expected) {
        std::string where = path + ":" + std::to_string(lineOfTag(text, e.tag)) + ": " +
                            (e.severity == Severity::Warning ? "warning: " : "");
        if (*e.section) where += std::string("[") + e.section + "]" + (*e.key ? " " : "");
        where += std::string(e.key) + ": ";
        CHECK(run.out.find(where) != std::string::npos);
    }
    CHECK(run.out.find(path + ": 17 errors, 2 warnings") != std::string::npos);
}

TEST_CASE("config check: a TOML syntax error is reported with its line", "[deploy]") {
    const std::string text = "[kiosk]\nlanguage = \"en\"\n\n[sync]\ninterval_seconds = = 30  # broken\n";
    auto problems = cli::checkConfigText(text, "test.toml");
    INFO(describe(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == lineOfTag(text, "broken"));
    CHECK(problems[0].severity == Severity::Error);
    CHECK(problems[0].message.find("TOML syntax") == 0);

    TempDir dir;
    const std::string path = dir.file("gongkai.toml");
    writeFile(path, text);
    auto run = runCheck({path});
    CHECK(run.exit.code == 1);
    CHECK(run.out.find(path + ":" + std::to_string(lineOfTag(text, "broken")) + ": TOML syntax") !=
          std::string::npos);
}

TEST_CASE("config check: a complete, valid file has no problems at all", "[deploy]") {
    TempDir dir;
    REQUIRE(feed::writeKeyFiles(dir.file("kiosk"), feed::generateKeyPair()));
    REQUIRE(feed::writeKeyFiles(dir.file("county"), feed::generateKeyPair()));
    writeFile(dir.file("font.ttc"), "font");
    writeFile(dir.file("zh.model"), "model");
    writeFile(dir.file("lp0"), "");
    const std::string text = replaceAll(R"([kiosk]
language = "en"
font = "DIR/font.ttc"
font_face = 2
popular_searches = ["低保", "医保"]
state_dir = "DIR"
idle_reset_seconds = 60
idle_countdown_seconds = 10.5
attract_seconds = 300
poll_seconds = 1
max_data_age_days = 14
sync_status = "DIR/sync-status.json"
staff_pin_hash = "$argon2id$v=19$m=32768,t=2,p=1$c2FsdA$aGFzaA"
elder_mode = true
handwriting_model = "DIR/zh.model"
key = "DIR/kiosk.key"
id = "hall-01"
[mirror]
db = "DIR/mirror.db"
outbox = ""
blobs = "DIR/blobs"
[sync]
sources = ["https://gongkai.example.cn/feed", "http://10.0.0.2/feed", "file:///media/usb/feed"]
trusted_keys = ["DIR/county.pub"]
feed_id = "qingxin-county"
interval_seconds = 10
jitter_seconds = 0
staging = ""
status_file = "DIR/status.json"
connect_seconds = 5
stall_seconds = 20
[portal]
url = "https://gongkai.example.cn"
[printer]
device = "DIR/lp0"
paper_mm = 80
baud = 115200
reply_timeout_ms = 800
png_dir = "DIR/printed"
)",
                                        "DIR", dir.path().string());
    const std::string path = dir.file("gongkai.toml");
    writeFile(path, text);
    auto problems = cli::checkConfigFile(path);
    INFO(describe(problems));
    CHECK(problems.empty());
    auto run = runCheck({path});
    CHECK(run.exit.code == 0);
    CHECK(run.out == path + ": no problems\n");

    SECTION("a kiosk key readable by others is a warning") {
        REQUIRE(::chmod(dir.file("kiosk.key").c_str(), 0644) == 0);
        auto again = cli::checkConfigFile(path);
        INFO(describe(again));
        REQUIRE(again.size() == 1);
        CHECK(again[0].key == "key");
        CHECK(again[0].severity == Severity::Warning);
        CHECK(again[0].message.find("readable by others") != std::string::npos);
    }
}

TEST_CASE("config check: warnings alone exit 0 (1 with --strict), an unreadable file exits 1", "[deploy]") {
    TempDir dir;
    const std::string path = dir.file("gongkai.toml");
    writeFile(path, "[kiosk]\nhandwriting_model = \"" + dir.file("absent.model") + "\"\n[portal]\nurl = \"https://x.cn\"\n");
    auto plain = runCheck({path});
    CHECK(plain.exit.code == 0);
    CHECK(plain.out.find(path + ":2: warning: [kiosk] handwriting_model: ") != std::string::npos);
    CHECK(runCheck({"--strict", path}).exit.code == 1);

    auto absent = runCheck({dir.file("nothing.toml")});
    CHECK(absent.exit.code == 1);
    CHECK(absent.out.find(dir.file("nothing.toml") + ":0: cannot be read") != std::string::npos);
}
