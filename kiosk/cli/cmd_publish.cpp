// gongkai publish --records PATH... --feed DIR --key PREFIX.key --feed-id ID
//   [--blobs DIR] [--expires-days N] [--keep-deltas K] [--now TIME] [--allow-shrink]
// Builds the next version of a signed static feed (sync/feed/publish.h).
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "feed/publish.h"

namespace gongkai::cli {

namespace {

struct PublishArgs {
    feed::PublishOptions options;
    std::vector<std::string> keyFiles;
    std::string now;
};

// "YYYY-MM-DDTHH:MM:SSZ" or seconds since 1970.
std::optional<std::int64_t> parseNow(const std::string& text) {
    if (auto t = feed::parseUtc(text)) return t;
    if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(text);
}

void printPublished(const feed::PublishResult& r, double seconds) {
    const auto& m = r.manifest;
    std::printf("published version %lld of %s: %llu records, snapshot %llu bytes, %zu delta%s",
                static_cast<long long>(m.version), m.feedId.c_str(), static_cast<unsigned long long>(m.records),
                static_cast<unsigned long long>(r.snapshotBytes), m.deltas.size(), m.deltas.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < m.deltas.size(); ++i)
        std::printf("%s%lld-%lld %llu bytes", i ? ", " : " (", static_cast<long long>(m.deltas[i].from),
                    static_cast<long long>(m.deltas[i].to), static_cast<unsigned long long>(m.deltas[i].file.size));
    std::printf("%s, %llu blobs%s, expires %s, %.1f s\n", m.deltas.empty() ? "" : ")",
                static_cast<unsigned long long>(m.blobs.count), m.shrink ? ", marked shrink" : "",
                m.expires.c_str(), seconds);
}

int runPublish(PublishArgs& args) {
    auto& o = args.options;
    if (!args.now.empty()) {
        o.now = parseNow(args.now);
        if (!o.now) {
            std::fprintf(stderr, "gongkai publish: --now %s: expected YYYY-MM-DDTHH:MM:SSZ or epoch seconds\n",
                         args.now.c_str());
            return 1;
        }
    }
    for (const auto& path : args.keyFiles) {
        auto key = feed::readSecretKey(path);
        if (!key) {
            std::fprintf(stderr, "gongkai publish: %s\n", key.error().message.c_str());
            return 1;
        }
        o.keys.push_back(key.value());
    }
    auto start = std::chrono::steady_clock::now();
    auto result = feed::publishFeed(o);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result) {
        std::fprintf(stderr, "gongkai publish: %s\n", result.error().message.c_str());
        return 1;
    }
    if (!result.value().published)
        std::printf("unchanged: version %lld\n", static_cast<long long>(result.value().manifest.version));
    else
        printPublished(result.value(), seconds);
    return 0;
}

}  // namespace

void addPublishCommand(CLI::App& app, int& exitCode) {
    auto args = std::make_shared<PublishArgs>();
    auto& o = args->options;
    auto* cmd = app.add_subcommand("publish", "Build the next version of a signed static feed from the full "
                                              "current record set (nothing when unchanged)");
    cmd->add_option("--records", o.records, "record files (NDJSON, plain or .zst), later ones win")->required();
    cmd->add_option("--feed", o.feedDir, "feed directory (created if missing)")->required();
    cmd->add_option("--key", args->keyFiles, "secret key file; repeat to sign with two keys (rotation)")->required();
    cmd->add_option("--feed-id", o.feedId, "the feed's id, fixed for its life")->required();
    cmd->add_option("--blobs", o.blobsDir, "directory of attachments and images to add to the feed");
    cmd->add_option("--expires-days", o.expiresDays, "days until the manifest expires")
        ->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--keep-deltas", o.keepDeltas, "deltas from the last K versions")
        ->capture_default_str()->check(CLI::NonNegativeNumber);
    cmd->add_option("--now", args->now, "creation time, YYYY-MM-DDTHH:MM:SSZ or epoch seconds "
                                        "(same input and --now give the same bytes)");
    cmd->add_flag("--allow-shrink", o.allowShrink,
                  "allow a version that removes more than half of the records (marked \"shrink\")");
    cmd->callback([args, &exitCode] { exitCode = runPublish(*args); });
}

}  // namespace gongkai::cli
