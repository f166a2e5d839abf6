// `gongkai config check`: every problem in a gongkai.toml, each with its line.
//
// The known sections and keys are the ones the product reads: [kiosk] and
// [mirror] (ui/kiosk_config.cpp), [sync], [mirror] and [portal]
// (sync/client/sync_config.cpp), [printer] (core/printer_config.h). They are
// one table, kConfigSchema in config_check.cpp: a new key is one line there.
//
// What is checked, per key: unknown sections and keys (with the nearest known
// name as a likely typo, or the section the key belongs in), the type, value
// ranges and fixed choices, URL schemes (feed sources http/https/file, the
// portal http/https), empty strings, and the files a key names. Across keys:
// a feed source needs trusted keys and a feed id; [kiosk] key and id go
// together; gongkai-sync with neither a feed nor a portal has nothing to do.
//
// Severity: an Error is something a Gongkai program would refuse or
// misread (it will not start, or silently ignores the key). A Warning is
// valid but not ready or probably unintended: a named file that does not
// exist yet (keys are made at registration, after the package installs the
// config), a file that cannot be read by the checking user, a relative path,
// a kiosk key readable by others, a sync with nothing to do. A file that
// exists and is readable but is not a valid key is an Error.
//
// A TOML syntax error stops the parse (toml++ cannot resume), so it is the
// only problem reported for that file, with its line.
//
// Pure apart from reading the config and the files it names; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::cli {

enum class Severity { Error, Warning };

struct ConfigProblem {
    int line = 0;          // 1-based; 0: the file as a whole (cannot be read)
    std::string section;   // "sync"; empty when the problem is not in a section
    std::string key;       // "interval_seconds"; empty for a whole section or a syntax error
    std::string message;   // what is wrong, and what to do where that helps
    Severity severity = Severity::Error;
};

// Checks TOML text; `path` names it in toml++'s diagnostics only. Problems in
// line order (ties: the order found).
std::vector<ConfigProblem> checkConfigText(std::string_view text, const std::string& path);

// Reads and checks a file; one line-0 Error when it cannot be read.
std::vector<ConfigProblem> checkConfigFile(const std::string& path);

// "PATH:LINE: [section] key: message" for an error,
// "PATH:LINE: warning: [section] key: message" for a warning.
std::string formatProblem(const std::string& path, const ConfigProblem& problem);

// The known keys as "[section] key" lines with their expected type, for --help.
std::string describeSchema();

}  // namespace gongkai::cli
