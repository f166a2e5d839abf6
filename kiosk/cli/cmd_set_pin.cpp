// gongkai config set-pin [--state-dir DIR]: asks for the staff PIN twice
// (not echoed on a terminal; one line each from a pipe), and writes its
// salted hash to DIR/staff-pin (core/staff_pin.h). A kiosk showing its
// first-boot setup screen opens for residents as soon as the file appears;
// staff mode then opens with this PIN. The PIN itself is never stored or
// printed.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include <sodium.h>

#include "cli/commands.h"
#include "core/staff_pin.h"

namespace gongkai::cli {

namespace {

// One line from stdin, echo off while it is typed on a terminal.
std::string readSecretLine(const char* prompt) {
    termios saved{};
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        std::fprintf(stderr, "%s", prompt);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    for (int c; (c = std::getchar()) != EOF && c != '\n';) line += static_cast<char>(c);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fprintf(stderr, "\n");
    }
    return line;
}

void wipe(std::string& s) {
    if (!s.empty()) sodium_memzero(s.data(), s.size());
    s.clear();
}

int runSetPin(const std::string& stateDir) {
    std::string pin = readSecretLine("New staff PIN (4 to 12 digits): ");
    std::string again = readSecretLine("The same PIN again: ");
    int rc = 0;
    if (!validStaffPin(pin)) {
        std::fprintf(stderr, "gongkai config set-pin: the PIN must be %d to %d digits (0-9)\n", kStaffPinMinDigits,
                     kStaffPinMaxDigits);
        rc = 2;
    } else if (pin != again) {
        std::fprintf(stderr, "gongkai config set-pin: the two PINs differ; nothing was changed\n");
        rc = 2;
    }
    std::string hash = rc == 0 ? hashStaffPin(pin) : std::string();
    wipe(pin), wipe(again);
    if (rc != 0) return rc;
    if (hash.empty()) return std::fprintf(stderr, "gongkai config set-pin: libsodium could not hash the PIN\n"), 1;
    const std::string path = staffPinPath(stateDir);
    if (auto st = writeStaffPinFile(path, hash); !st)
        return std::fprintf(stderr, "gongkai config set-pin: %s\n", st.error().message.c_str()), 1;
    std::printf("staff PIN set: %s\n", path.c_str());
    return 0;
}

}  // namespace

void addSetPinCommand(CLI::App& config, int& exitCode) {
    auto dir = std::make_shared<std::string>("/var/lib/gongkai");
    auto* cmd = config.add_subcommand("set-pin", "Set the kiosk's staff PIN (asked twice; its salted hash is written "
                                                 "to STATE_DIR/staff-pin)");
    cmd->add_option("--state-dir", *dir, "the kiosk's state directory (default /var/lib/gongkai)");
    cmd->callback([dir, &exitCode] { exitCode = runSetPin(*dir); });
}

}  // namespace gongkai::cli
