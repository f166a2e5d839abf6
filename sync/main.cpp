// gongkai-sync — keeps the kiosk's mirror in step with the county's signed
// feed, and uploads the kiosk's disclosure requests to the portal
// (client/daemon.h describes the two modes).
#include <cstdio>

#include <CLI/CLI.hpp>

#include "client/daemon.h"

int main(int argc, char** argv) {
    gongkai::sync::blockControlSignals();
    CLI::App app{"gongkai-sync — refresh the kiosk's mirror from the county's signed feed"};
    gongkai::sync::CommandLine cmd;
    app.add_option("--config", cmd.configPath, "gongkai.toml ([mirror], [sync], [portal])");
    app.add_option("--source", cmd.sources, "feed URL: http://, https:// or file:// (repeatable, in order of preference)");
    app.add_option("--db", cmd.dbPath, "the mirror (default [mirror] db, /var/lib/gongkai/mirror.db)");
    app.add_option("--blobs", cmd.blobsDir, "the blob directory (default [mirror] blobs)");
    app.add_option("--trust", cmd.trustFiles, "a pinned public key file NAME.pub (repeatable, at most two)");
    app.add_option("--feed-id", cmd.feedId, "the feed this kiosk follows");
    app.add_option("--staging", cmd.stagingDir, "where downloads wait to be verified (default <db dir>/staging)");
    app.add_option("--status-file", cmd.statusFile, "the status file the kiosk reads (default <db dir>/sync-status.json)");
    app.add_option("--interval", cmd.intervalSeconds, "seconds between syncs in daemon mode (default [sync] interval_seconds)");
    app.add_option("--outbox", cmd.outboxPath, "the kiosk's request outbox (default [mirror] outbox, <db dir>/outbox.db)");
    app.add_option("--portal", cmd.portalUrl, "the portal that receives requests (default [portal] url; none: no upload)");
    app.add_option("--stall-seconds", cmd.stallSeconds, "give up a download after this many seconds without data");
    app.add_flag("--full", cmd.full, "fetch and apply the whole snapshot even when deltas would do");
    auto* once = app.add_flag("--once", cmd.once, "sync once (then upload the outbox) and exit: 0 up to date or updated, 3 rejected, 4 unreachable, 5 local problem");
    app.add_option("--announce", cmd.announce,
                   "with --once: tell the kiosk that an update from this source (usb: a USB stick) is running, then its "
                   "result (sync-status.json's \"update\")")
        ->check(CLI::IsMember({"usb"}))
        ->needs(once);
    app.add_flag("--no-upload", cmd.noUpload,
                 "do not upload the request outbox, even with [portal] url set (a USB stick's update: no network)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    auto options = gongkai::sync::resolveOptions(cmd);
    if (!options) {
        std::fprintf(stderr, "gongkai-sync: %s\n", options.error().message.c_str());
        return 2;
    }
    if (cmd.once) return gongkai::sync::runOnce(options.value());
    return gongkai::sync::runDaemon(options.value());
}
