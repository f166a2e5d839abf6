#include "ui/script.h"

#include <fstream>
#include <sstream>

namespace gongkai::ui {
namespace {

Error lineError(int line, const std::string& what) {
    return Error{"script line " + std::to_string(line) + ": " + what};
}

// Reads exactly `n` numbers and nothing after them.
bool readNumbers(std::istringstream& in, float* out, int n) {
    for (int i = 0; i < n; ++i)
        if (!(in >> out[i])) return false;
    std::string rest;
    return !(in >> rest);
}

// The rest of the line after the verb, with the one separating space and
// trailing spaces or CR removed (inner spaces are kept: `type a b`).
std::string restOfLine(std::istringstream& in) {
    std::string rest;
    std::getline(in, rest);
    if (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.pop_back();
    return rest;
}

bool parseTextCommand(const std::string& verb, std::istringstream& in, ScriptCommand& c, std::string& error) {
    if (verb == "type") {
        c.kind = ScriptCommand::Kind::Type;
        c.path = restOfLine(in);
        if (c.path.empty()) error = "expected: type TEXT";
    } else if (verb == "key") {
        c.kind = ScriptCommand::Kind::Key;
        c.path = restOfLine(in);
        if (c.path != "backspace" && c.path != "enter" && c.path != "clear")
            error = "expected: key backspace|enter|clear";
    } else if (verb == "tap-on") {
        c.kind = ScriptCommand::Kind::TapOn;
        if (!(in >> c.path)) error = "expected: tap-on NAME";
    } else if (verb == "dump") {
        c.kind = ScriptCommand::Kind::Dump;
        std::getline(in >> std::ws, c.path);
        while (!c.path.empty() && (c.path.back() == ' ' || c.path.back() == '\r')) c.path.pop_back();
        if (c.path.empty()) error = "expected: dump PATH";
    } else {
        return false;
    }
    return true;
}

Result<ScriptCommand> parseLine(const std::string& verb, std::istringstream& in, int line) {
    ScriptCommand c;
    c.line = line;
    float v[4] = {};
    if (verb == "tap") {
        if (!readNumbers(in, v, 2)) return lineError(line, "expected: tap X Y");
        c.kind = ScriptCommand::Kind::Tap;
        c.x1 = v[0], c.y1 = v[1];
    } else if (verb == "drag") {
        if (!readNumbers(in, v, 4)) return lineError(line, "expected: drag X1 Y1 X2 Y2");
        c.kind = ScriptCommand::Kind::Drag;
        c.x1 = v[0], c.y1 = v[1], c.x2 = v[2], c.y2 = v[3];
    } else if (verb == "wait") {
        if (!readNumbers(in, v, 1) || v[0] < 0) return lineError(line, "expected: wait MS (MS >= 0)");
        c.kind = ScriptCommand::Kind::Wait;
        c.waitMs = static_cast<int>(v[0]);
    } else if (verb == "screenshot") {
        std::getline(in >> std::ws, c.path);
        while (!c.path.empty() && (c.path.back() == ' ' || c.path.back() == '\r')) c.path.pop_back();
        if (c.path.empty()) return lineError(line, "expected: screenshot PATH");
        c.kind = ScriptCommand::Kind::Screenshot;
    } else if (verb == "quit") {
        std::string rest;
        if (in >> rest) return lineError(line, "quit takes no arguments");
        c.kind = ScriptCommand::Kind::Quit;
    } else if (std::string error; parseTextCommand(verb, in, c, error)) {
        if (!error.empty()) return lineError(line, error);
    } else {
        return lineError(line, "unknown command '" + verb + "' (tap, tap-on, drag, wait, screenshot, type, key, dump, quit)");
    }
    return c;
}

}  // namespace

Result<std::vector<ScriptCommand>> parseScript(const std::string& text) {
    std::vector<ScriptCommand> out;
    std::istringstream lines(text);
    std::string raw;
    for (int number = 1; std::getline(lines, raw); ++number) {
        if (auto hash = raw.find('#'); hash != std::string::npos) raw.erase(hash);
        std::istringstream in(raw);
        std::string verb;
        if (!(in >> verb)) continue;
        auto cmd = parseLine(verb, in, number);
        if (!cmd) return cmd.error();
        out.push_back(std::move(cmd.value()));
    }
    return out;
}

Result<std::vector<ScriptCommand>> loadScript(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return Error{"cannot read script " + path};
    std::ostringstream text;
    text << f.rdbuf();
    return parseScript(text.str());
}

}  // namespace gongkai::ui
