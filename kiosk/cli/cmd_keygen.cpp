// gongkai keygen --out PREFIX: an Ed25519 key pair as PREFIX.key (0600) and
// PREFIX.pub (DESIGN.md "Key files"), for signing a feed or a kiosk's slips.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "feed/keys.h"

namespace gongkai::cli {

namespace {

int runKeygen(const std::string& prefix) {
    auto keys = feed::generateKeyPair();
    if (auto s = feed::writeKeyFiles(prefix, keys); !s) {
        std::fprintf(stderr, "gongkai keygen: %s\n", s.error().message.c_str());
        return 1;
    }
    std::printf("key %s: secret key %s.key (keep it private), public key %s.pub\n", keys.pub.id().c_str(),
                prefix.c_str(), prefix.c_str());
    return 0;
}

}  // namespace

void addKeygenCommand(CLI::App& app, int& exitCode) {
    auto prefix = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("keygen", "Create an Ed25519 key pair: PREFIX.key (mode 0600) and PREFIX.pub; "
                                             "never overwrites");
    cmd->add_option("--out", *prefix, "path prefix of the two files")->required();
    cmd->callback([prefix, &exitCode] { exitCode = runKeygen(*prefix); });
}

}  // namespace gongkai::cli
