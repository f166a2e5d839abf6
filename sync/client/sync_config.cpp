#include "client/sync_config.h"

#include <sstream>

#include <toml++/toml.h>

namespace gongkai::sync {

namespace {

std::string where(const std::string& path, const toml::node& node) {
    return path + ":" + std::to_string(node.source().begin.line) + ": ";
}

// Reads a string key; an Error names the line when it is there but not a string.
Status readString(const std::string& path, const toml::table& t, const char* section, const char* key,
                  std::string& out) {
    const toml::node* node = t[section][key].node();
    if (!node) return okStatus();
    auto v = node->value<std::string>();
    if (!v) return Error{where(path, *node) + "[" + section + "] " + key + " must be a string"};
    out = *v;
    return okStatus();
}

Status readNumber(const std::string& path, const toml::table& t, const char* section, const char* key,
                  double minimum, double& out) {
    const toml::node* node = t[section][key].node();
    if (!node) return okStatus();
    auto v = node->value<double>();
    if (!v || *v < minimum)
        return Error{where(path, *node) + "[" + section + "] " + key + " must be a number ≥ " +
                     std::to_string(static_cast<long long>(minimum))};
    out = *v;
    return okStatus();
}

Status readList(const std::string& path, const toml::table& t, const char* section, const char* key,
                std::vector<std::string>& out) {
    const toml::node* node = t[section][key].node();
    if (!node) return okStatus();
    const auto* list = node->as_array();
    if (!list) return Error{where(path, *node) + "[" + section + "] " + key + " must be a list of strings"};
    for (const auto& item : *list) {
        auto v = item.value<std::string>();
        if (!v || v->empty())
            return Error{where(path, item) + "[" + section + "] " + key + " must hold non-empty strings"};
        out.push_back(*v);
    }
    return okStatus();
}

}  // namespace

Result<SyncConfig> loadSyncConfig(const std::string& path) {
    toml::table t;
    try {
        t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << path << ":" << e.source().begin.line << ": " << e.description();
        return Error{msg.str()};
    }
    SyncConfig c;
    for (auto s : {readString(path, t, "mirror", "db", c.dbPath), readString(path, t, "mirror", "blobs", c.blobsDir),
                   readString(path, t, "mirror", "outbox", c.outboxPath),
                   readList(path, t, "sync", "sources", c.sources),
                   readList(path, t, "sync", "trusted_keys", c.trustedKeyFiles),
                   readString(path, t, "sync", "feed_id", c.feedId),
                   readNumber(path, t, "sync", "interval_seconds", 10, c.intervalSeconds),
                   readNumber(path, t, "sync", "jitter_seconds", 0, c.jitterSeconds),
                   readString(path, t, "sync", "staging", c.stagingDir),
                   readString(path, t, "sync", "status_file", c.statusFile),
                   readNumber(path, t, "sync", "connect_seconds", 1, c.connectSeconds),
                   readNumber(path, t, "sync", "stall_seconds", 1, c.stallSeconds),
                   readString(path, t, "portal", "url", c.portalUrl)})
        if (!s) return s.error();
    if (c.trustedKeyFiles.size() > 2) {
        const toml::node* node = t["sync"]["trusted_keys"].node();
        return Error{where(path, *node) + "[sync] trusted_keys: at most two keys (the current one and the next)"};
    }
    return c;
}

}  // namespace gongkai::sync
