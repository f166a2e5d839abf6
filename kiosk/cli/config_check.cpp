// gongkai.toml's checker (cli/config_check.h). Sections: [1] the schema,
// [2] the problem list and names, [3] one value, [4] the files a value
// names, [5] walking sections and keys, [6] rules across keys, [7] entry points.
#include "cli/config_check.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include <toml++/toml.h>

#include "core/display_command.h"
#include "core/display_schedule.h"
#include "feed/keys.h"

namespace gongkai::cli {

// [1] The known keys: what the product reads today. One line a key.
namespace {

enum class Type { String, Integer, Number, Boolean, StringList };
enum class Form { Text, Path, Url };                         // what a string (or list item) holds
enum class FileCheck { None, Exists, PublicKey, SecretKey };  // for Form::Path

struct KeyRule {
    const char* section;
    const char* key;
    Type type;
    Form form = Form::Text;
    const char* oneOf = nullptr;    // the allowed values, "|"-separated ("58|80")
    std::optional<double> above = std::nullopt;    // numbers: must be > this
    std::optional<double> atLeast = std::nullopt;  // numbers: must be ≥ this
    const char* schemes = nullptr;  // Form::Url: "http|https|file"
    FileCheck file = FileCheck::None;
    int maxItems = 0;               // lists: 0 = any number
    const char* off = nullptr;      // a value meaning "none" ("" is always one with emptyOk)
    bool emptyOk = false;           // "" means the built-in default (the reader says so)
    const char* hint = nullptr;     // appended to this key's problems
    std::string (*syntax)(const std::string&) = nullptr;  // a syntax of its own: "" or the problem
};

// The display's opening hours and commands (core/display_schedule.h, display_command.h).
std::string scheduleProblem(const std::string& text) {
    auto s = parseDisplaySchedule(text);
    return s ? "" : s.error().message + " (e.g. \"mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00\")";
}
std::string commandProblem(const std::string& text) {
    auto argv = splitCommand(text);
    return argv ? "" : argv.error().message;
}

const KeyRule kConfigSchema[] = {
    // [kiosk] ui/kiosk_config.cpp
    {.section = "kiosk", .key = "language", .type = Type::String, .oneOf = "zh-CN|en"},
    {.section = "kiosk", .key = "font", .type = Type::String, .form = Form::Path, .file = FileCheck::Exists},
    {.section = "kiosk", .key = "font_face", .type = Type::Integer, .atLeast = 0},
    {.section = "kiosk", .key = "popular_searches", .type = Type::StringList},
    {.section = "kiosk", .key = "state_dir", .type = Type::String, .form = Form::Path},
    {.section = "kiosk", .key = "idle_reset_seconds", .type = Type::Number, .above = 0},
    {.section = "kiosk", .key = "idle_countdown_seconds", .type = Type::Number, .above = 0},
    {.section = "kiosk", .key = "attract_seconds", .type = Type::Number, .above = 0},
    {.section = "kiosk", .key = "poll_seconds", .type = Type::Number, .above = 0},
    {.section = "kiosk", .key = "max_data_age_days", .type = Type::Number, .above = 0},
    {.section = "kiosk", .key = "sync_status", .type = Type::String, .form = Form::Path},
    {.section = "kiosk", .key = "staff_pin_hash", .type = Type::String, .oneOf = "$argon2*",
     .hint = "make it with `gongkai-kiosk --hash-pin`; never the PIN itself"},
    {.section = "kiosk", .key = "elder_mode", .type = Type::Boolean},
    {.section = "kiosk", .key = "handwriting_model", .type = Type::String, .form = Form::Path,
     .file = FileCheck::Exists},
    {.section = "kiosk", .key = "key", .type = Type::String, .form = Form::Path, .file = FileCheck::SecretKey,
     .hint = "make it with `gongkai keygen --out /var/lib/gongkai/keys/kiosk`"},
    {.section = "kiosk", .key = "id", .type = Type::String},
    {.section = "kiosk", .key = "display_schedule", .type = Type::String, .syntax = scheduleProblem},
    {.section = "kiosk", .key = "display_off_command", .type = Type::String, .syntax = commandProblem},
    {.section = "kiosk", .key = "display_on_command", .type = Type::String, .syntax = commandProblem},
    {.section = "kiosk", .key = "display_wake_seconds", .type = Type::Number, .above = 0},
    // [mirror] ui/kiosk_config.cpp, sync/client/sync_config.cpp
    {.section = "mirror", .key = "db", .type = Type::String, .form = Form::Path},
    {.section = "mirror", .key = "outbox", .type = Type::String, .form = Form::Path, .emptyOk = true},
    {.section = "mirror", .key = "blobs", .type = Type::String, .form = Form::Path},
    // [sync] sync/client/sync_config.cpp
    {.section = "sync", .key = "sources", .type = Type::StringList, .form = Form::Url, .schemes = "http|https|file"},
    {.section = "sync", .key = "trusted_keys", .type = Type::StringList, .form = Form::Path,
     .file = FileCheck::PublicKey, .maxItems = 2, .hint = "the feed's signing keys, NAME.pub files"},
    {.section = "sync", .key = "feed_id", .type = Type::String},
    {.section = "sync", .key = "interval_seconds", .type = Type::Number, .atLeast = 10},
    {.section = "sync", .key = "jitter_seconds", .type = Type::Number, .atLeast = 0},
    {.section = "sync", .key = "staging", .type = Type::String, .form = Form::Path, .emptyOk = true},
    {.section = "sync", .key = "status_file", .type = Type::String, .form = Form::Path, .emptyOk = true},
    {.section = "sync", .key = "connect_seconds", .type = Type::Number, .atLeast = 1},
    {.section = "sync", .key = "stall_seconds", .type = Type::Number, .atLeast = 1},
    // [portal] sync/client/sync_config.cpp
    {.section = "portal", .key = "url", .type = Type::String, .form = Form::Url, .schemes = "http|https"},
    // [printer] core/printer_config.h
    {.section = "printer", .key = "device", .type = Type::String, .form = Form::Path, .file = FileCheck::Exists,
     .off = "none", .emptyOk = true},
    {.section = "printer", .key = "paper_mm", .type = Type::Integer, .oneOf = "58|80"},
    {.section = "printer", .key = "baud", .type = Type::Integer, .above = 0},
    {.section = "printer", .key = "reply_timeout_ms", .type = Type::Integer, .above = 0},
    {.section = "printer", .key = "png_dir", .type = Type::String, .form = Form::Path},
};

// [2] The problem list, and the names it suggests.
struct Checker {
    std::vector<ConfigProblem> problems;
    void add(int line, std::string section, std::string key, std::string message,
             Severity severity = Severity::Error) {
        problems.push_back({line, std::move(section), std::move(key), std::move(message), severity});
    }
    void add(const toml::node& at, const KeyRule& rule, std::string message, Severity severity = Severity::Error) {
        if (rule.hint) message += " (" + std::string(rule.hint) + ")";
        add(static_cast<int>(at.source().begin.line), rule.section, rule.key, std::move(message), severity);
    }
};

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// The closest of `names` to `name`, when close enough to be a typo.
std::string nearest(std::string_view name, const std::vector<std::string>& names) {
    std::string best;
    std::size_t bestDistance = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (const auto& candidate : names) {
        std::size_t d = editDistance(name, candidate);
        if (d < bestDistance) bestDistance = d, best = candidate;
    }
    return best;
}

std::vector<std::string> sectionNames() {
    std::vector<std::string> out;
    for (const auto& r : kConfigSchema)
        if (std::find(out.begin(), out.end(), r.section) == out.end()) out.push_back(r.section);
    return out;
}

std::vector<std::string> keysOf(std::string_view section) {
    std::vector<std::string> out;
    for (const auto& r : kConfigSchema)
        if (section == r.section) out.push_back(r.key);
    return out;
}

const KeyRule* findRule(std::string_view section, std::string_view key) {
    for (const auto& r : kConfigSchema)
        if (section == r.section && key == r.key) return &r;
    return nullptr;
}

bool oneOf(const char* choices, std::string_view value) {
    std::string_view rest = choices;
    while (!rest.empty()) {
        std::string_view choice = rest.substr(0, rest.find('|'));
        rest.remove_prefix(std::min(rest.size(), choice.size() + 1));
        if (!choice.empty() && choice.back() == '*' ? value.starts_with(choice.substr(0, choice.size() - 1))
                                                    : value == choice)
            return true;
    }
    return false;
}

std::string choicesText(const char* choices) {
    std::string out = choices;
    std::replace(out.begin(), out.end(), '|', ' ');
    return out;
}

// [4] The files a value names. Missing or unreadable: a warning (keys are
// made after the config is installed; a checking user may lack the right to
// read them). Readable but not a key: an error.
void checkFile(Checker& c, const KeyRule& rule, const toml::node& at, const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return c.add(at, rule, path + " does not exist (yet)", Severity::Warning);
    if (rule.file == FileCheck::Exists) return;
    if (::access(path.c_str(), R_OK) != 0)
        return c.add(at, rule, path + " cannot be read by this user, so it was not checked", Severity::Warning);
    if (rule.file == FileCheck::PublicKey) {
        if (auto key = feed::readPublicKey(path); !key) c.add(at, rule, key.error().message);
        return;
    }
    if (auto key = feed::readSecretKey(path); !key) return c.add(at, rule, key.error().message);
    if (st.st_mode & 077)
        c.add(at, rule, path + " is readable by others: chmod 0600 it (the kiosk's signing key)", Severity::Warning);
}

// [3] One value.
bool checkUrl(Checker& c, const KeyRule& rule, const toml::node& at, const std::string& url) {
    auto colon = url.find("://");
    if (colon == std::string::npos || colon == 0)
        return c.add(at, rule, "\"" + url + "\" is not a URL (want " + choicesText(rule.schemes) + ")"), false;
    std::string scheme = url.substr(0, colon), rest = url.substr(colon + 3);
    if (!oneOf(rule.schemes, scheme))
        return c.add(at, rule, "\"" + url + "\": scheme " + scheme + " is not one of " + choicesText(rule.schemes)),
               false;
    if (scheme == "file" && !rest.starts_with("/"))
        return c.add(at, rule, "\"" + url + "\": a file URL needs an absolute path (file:///media/usb/feed)"), false;
    if (scheme != "file" && (rest.empty() || rest.front() == '/'))
        return c.add(at, rule, "\"" + url + "\" names no host"), false;
    return true;
}

void checkString(Checker& c, const KeyRule& rule, const toml::node& at, const std::string& value) {
    if (value.empty()) {
        if (!rule.emptyOk) c.add(at, rule, "is empty (leave the key out to use the default)");
        return;
    }
    if (rule.off && value == rule.off) return;
    if (rule.oneOf && !oneOf(rule.oneOf, value)) {
        std::string_view choices = rule.oneOf;
        // A prefix rule ("$argon2*") is for secrets' hashes: the value (maybe a bare PIN) is not echoed.
        if (choices.ends_with('*'))
            return c.add(at, rule, "does not start with " + std::string(choices.substr(0, choices.size() - 1)));
        return c.add(at, rule, "\"" + value + "\" is not one of " + choicesText(rule.oneOf));
    }
    if (rule.syntax)
        if (std::string problem = rule.syntax(value); !problem.empty()) return c.add(at, rule, problem);
    if (rule.form == Form::Url) checkUrl(c, rule, at, value);
    if (rule.form != Form::Path) return;
    if (value.front() != '/')
        c.add(at, rule, "\"" + value + "\" is a relative path: each program resolves it from its own working "
                        "directory (/ under systemd); give an absolute path", Severity::Warning);
    if (rule.file != FileCheck::None) checkFile(c, rule, at, value);
}

void checkNumber(Checker& c, const KeyRule& rule, const toml::node& node) {
    double v = node.is_integer() ? static_cast<double>(*node.value<std::int64_t>()) : *node.value<double>();
    std::ostringstream text;
    text << v;
    if (rule.above && !(v > *rule.above))
        c.add(node, rule, text.str() + " is too small: must be > " + std::to_string(static_cast<long long>(*rule.above)));
    else if (rule.atLeast && !(v >= *rule.atLeast))
        c.add(node, rule, text.str() + " is too small: must be ≥ " + std::to_string(static_cast<long long>(*rule.atLeast)));
    else if (rule.oneOf && !oneOf(rule.oneOf, text.str()))
        c.add(node, rule, text.str() + " is not one of " + choicesText(rule.oneOf));
}

void checkList(Checker& c, const KeyRule& rule, const toml::array& list) {
    if (rule.maxItems > 0 && list.size() > static_cast<std::size_t>(rule.maxItems))
        c.add(list, rule, "holds " + std::to_string(list.size()) + " items; at most " + std::to_string(rule.maxItems) +
                              (rule.maxItems == 2 ? " (the current one and the next)" : ""));
    for (const auto& item : list) {
        if (!item.is_string()) c.add(item, rule, "items must be strings (in quotes)");
        else checkString(c, rule, item, *item.value<std::string>());
    }
}

void checkValue(Checker& c, const KeyRule& rule, const toml::node& node) {
    switch (rule.type) {
    case Type::String:
        if (!node.is_string()) return c.add(node, rule, "must be a string (in quotes)");
        return checkString(c, rule, node, *node.value<std::string>());
    case Type::Integer:
        if (!node.is_integer()) return c.add(node, rule, "must be a whole number");
        return checkNumber(c, rule, node);
    case Type::Number:
        if (!node.is_number()) return c.add(node, rule, "must be a number");
        return checkNumber(c, rule, node);
    case Type::Boolean:
        if (!node.is_boolean()) c.add(node, rule, "must be true or false (no quotes)");
        return;
    case Type::StringList:
        if (!node.is_array()) return c.add(node, rule, "must be a list of strings, e.g. [\"…\"]");
        return checkList(c, rule, *node.as_array());
    }
}

// [5] Sections and keys.
int lineOf(const toml::key& key) { return static_cast<int>(key.source().begin.line); }

void checkUnknownKey(Checker& c, const std::string& section, const toml::key& key) {
    std::string message = "unknown key";
    if (auto guess = nearest(key.str(), keysOf(section)); !guess.empty()) {
        message += " (did you mean " + guess + "?)";
    } else {
        for (const auto& other : sectionNames())
            if (findRule(other, key.str())) message += " (it belongs in [" + other + "])";
    }
    c.add(lineOf(key), section, std::string(key.str()), message);
}

void checkSection(Checker& c, const toml::key& name, const toml::node& node) {
    std::string section(name.str());
    if (node.is_array_of_tables()) {
        c.add(lineOf(name), section, "", "[[" + section + "]] is a list of tables; write one [" + section + "] table");
        return;
    }
    if (!node.is_table()) {
        c.add(lineOf(name), "", section, "a key outside any section (Gongkai's keys all live in a [section])");
        return;
    }
    if (keysOf(section).empty()) {
        std::string message = "unknown section";
        if (auto guess = nearest(section, sectionNames()); !guess.empty()) message += " (did you mean [" + guess + "]?)";
        c.add(lineOf(name), section, "", message + "; its keys are not read");
        return;
    }
    for (auto&& [key, value] : *node.as_table()) {
        if (const KeyRule* rule = findRule(section, key.str())) checkValue(c, *rule, value);
        else checkUnknownKey(c, section, key);
    }
}

// [6] Rules across keys.
const toml::node* nodeAt(const toml::table& t, const char* section, const char* key) {
    return t[section][key].node();
}

bool hasItems(const toml::node* node) {
    return node && node->is_array() && !node->as_array()->empty();
}

void checkAcrossKeys(Checker& c, const toml::table& t) {
    const toml::node* sources = nodeAt(t, "sync", "sources");
    if (hasItems(sources)) {
        if (!hasItems(nodeAt(t, "sync", "trusted_keys")))
            c.add(*sources, *findRule("sync", "sources"),
                  "a feed needs [sync] trusted_keys: gongkai-sync never accepts an unsigned feed, so it will not start");
        if (!nodeAt(t, "sync", "feed_id"))
            c.add(*sources, *findRule("sync", "sources"), "a feed needs [sync] feed_id: gongkai-sync will not start");
    } else if (!nodeAt(t, "portal", "url")) {
        const toml::node* syncTable = t.get("sync");
        c.add(syncTable ? static_cast<int>(syncTable->source().begin.line) : 1, "sync", "sources",
              "no feed source and no [portal] url: gongkai-sync has nothing to do and will not start (a USB stick's "
              "update still works when trusted_keys and feed_id are set)",
              Severity::Warning);
    }
    const toml::node* key = nodeAt(t, "kiosk", "key");
    const toml::node* id = nodeAt(t, "kiosk", "id");
    auto lineOfNode = [](const toml::node& n) { return static_cast<int>(n.source().begin.line); };
    if (key && !id) c.add(lineOfNode(*key), "kiosk", "key", "needs [kiosk] id too: without it the request form is off");
    if (id && !key) c.add(lineOfNode(*id), "kiosk", "id", "needs [kiosk] key too: without it the request form is off");
}

}  // namespace

// [7]
std::vector<ConfigProblem> checkConfigText(std::string_view text, const std::string& path) {
    Checker c;
    toml::table t;
    try {
        t = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        c.add(static_cast<int>(e.source().begin.line), "", "", "TOML syntax: " + std::string(e.description()));
        return c.problems;
    }
    for (auto&& [name, node] : t) checkSection(c, name, node);
    checkAcrossKeys(c, t);
    std::stable_sort(c.problems.begin(), c.problems.end(),
                     [](const ConfigProblem& a, const ConfigProblem& b) { return a.line < b.line; });
    return c.problems;
}

std::vector<ConfigProblem> checkConfigFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) return {ConfigProblem{0, "", "", "cannot be read", Severity::Error}};
    return checkConfigText(text.str(), path);
}

std::string formatProblem(const std::string& path, const ConfigProblem& p) {
    std::string out = path + ":" + std::to_string(p.line) + ": ";
    if (p.severity == Severity::Warning) out += "warning: ";
    if (!p.section.empty()) out += "[" + p.section + "]" + (p.key.empty() ? "" : " ");
    out += p.key;
    if (!p.section.empty() || !p.key.empty()) out += ": ";
    return out + p.message;
}

std::string describeSchema() {
    static const char* const kTypeNames[] = {"string", "integer", "number", "true/false", "list of strings"};
    std::string out;
    for (const auto& r : kConfigSchema) {
        out += "  [" + std::string(r.section) + "] " + r.key + ": " + kTypeNames[static_cast<int>(r.type)];
        if (r.form == Form::Path) out += r.type == Type::StringList ? " (paths)" : " (a path)";
        if (r.file == FileCheck::PublicKey || r.file == FileCheck::SecretKey)
            out += r.type == Type::StringList ? ", key files" : ", a key file";
        if (r.oneOf && std::string_view(r.oneOf).ends_with('*'))
            out += ", starting " + std::string(r.oneOf, std::strlen(r.oneOf) - 1);
        else if (r.oneOf) out += ", one of " + choicesText(r.oneOf);
        if (r.schemes) out += ", URL: " + choicesText(r.schemes);
        if (r.above) out += ", > " + std::to_string(static_cast<long long>(*r.above));
        if (r.atLeast) out += ", >= " + std::to_string(static_cast<long long>(*r.atLeast));
        out += "\n";
    }
    return out;
}

}  // namespace gongkai::cli
