// gongkai digest --db PATH | gongkai digest FILE...
#include <cstdio>

#include "cli/commands.h"
#include "core/apply.h"
#include "core/mirror.h"

namespace gongkai::cli {

namespace {

struct DigestOptions {
    std::string db;
    std::vector<std::string> files;
};

int runDigest(const DigestOptions& opt) {
    if (opt.db.empty() == opt.files.empty()) {
        std::fprintf(stderr, "gongkai digest: give either --db PATH or record FILEs, not both\n");
        return 2;
    }
    if (!opt.db.empty()) {
        auto mirror = Mirror::open(opt.db, Mirror::Mode::ReadOnly);
        if (!mirror) {
            std::fprintf(stderr, "gongkai digest: %s\n", mirror.error().message.c_str());
            return 1;
        }
        std::printf("%s\n", mirror.value()->stateDigest().hex().c_str());
        return 0;
    }
    auto digest = digestRecordFiles(opt.files);
    if (!digest) {
        std::fprintf(stderr, "%s\n", digest.error().message.c_str());
        return 1;
    }
    std::printf("%s\n", digest.value().hex().c_str());
    return 0;
}

}  // namespace

void addDigestCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<DigestOptions>();
    auto* cmd = app.add_subcommand("digest", "Print the state digest of a mirror, or of record files "
                                             "(what a mirror holding exactly them would have)");
    cmd->add_option("--db", opt->db, "mirror database");
    cmd->add_option("files", opt->files, "record files, applied in order");
    cmd->callback([opt, &exitCode] { exitCode = runDigest(*opt); });
}

}  // namespace gongkai::cli
