// First boot (setup_state.h): what the county's IT officer needs at a new
// terminal — this kiosk's id and public key as text and as a QR code (to
// register it with the portal), the data it has, and the one step left:
// set the staff PIN with `gongkai config set-pin`. The screen goes away by
// itself when the PIN is set.
#include <algorithm>
#include <cmath>

#include "ui/page_blocks.h"
#include "ui/qr_code.h"
#include "ui/screens.h"

namespace gongkai::ui {
namespace {

std::string dataStatus(const AppState& s) {
    const DataInfo& d = s.home.info;
    if (s.outOfService || d.mirrorVersion == 0) return s.text("setup.no_data");
    return s.strings.format("setup.data", {std::to_string(d.mirrorVersion), std::to_string(d.documents), d.updatedAt});
}

float buildKey(AppState& s, PageBuilder& b, const Column& c, float y) {
    const SetupState& st = s.setup;
    if (!st.keyProblem.empty()) return y + buildNote(s, b, s.strings.format("setup.no_key", {st.keyProblem}), c, y);
    y += buildFacts(s, b, {{s.text("setup.key_id"), st.keyId}, {s.text("setup.public_key"), st.publicKey}}, c, y) + 24;
    if (st.qr.size == 0) return y;
    float module = std::floor(std::min(8.0f, c.w * 0.6f / float(st.qr.size + 2 * kQrQuietModules)));
    float side = float(st.qr.size + 2 * kQrQuietModules) * module;
    buildQr(b, st.qr, std::round(c.x + (c.w - side) * 0.5f), y, module, 0xFF000000, 0xFFFFFFFF);
    y += side + 12;
    return y + buildNote(s, b, s.text("setup.qr_hint"), c, y);
}

Page buildSetup(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area, 1300);
    const SetupState& st = s.setup;
    float y = 4;
    y += buildSectionHeading(s, b, s.text("setup.heading"), c, y);
    y += buildFacts(s, b, {{s.text("setup.kiosk_id"), st.kioskId.empty() ? s.text("setup.no_id") : st.kioskId},
                           {s.text("setup.data_label"), dataStatus(s)}},
                    c, y) + 24;
    y += buildSectionHeading(s, b, s.text("setup.register"), c, y);
    y = buildKey(s, b, c, y) + 16;
    y += buildSectionHeading(s, b, s.text("setup.pin"), c, y);
    y += buildItems(s, b, {s.text("setup.pin_step1"), s.strings.format("setup.pin_step2", {st.pinPath})}, true, c, y);
    return b.take(y + 24);
}

}  // namespace

std::string setupTitle(const AppState& s) { return s.text("setup.title"); }

void drawSetupScreen(AppState& s, const Rect& content) {
    std::string key = "setup/" + std::to_string(s.home.info.mirrorVersion) + (s.outOfService ? "o" : "");
    drawBuiltPage(s, s.setupUi, content, key, buildSetup);
}

}  // namespace gongkai::ui
