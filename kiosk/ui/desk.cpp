#include "ui/desk.h"

#include "ui/keyboard.h"

namespace gongkai::ui {

const DeskScan& scanDeskLine(DeskState& desk, const std::string& line, TextLanguage language) {
    DeskScan scan;
    SlipKeyLookup none = [](const std::string&) { return std::optional<SlipPublicKey>(); };
    auto decoded = decodeSlip(line, desk.lookup ? desk.lookup : none);
    if (!decoded) {
        scan.overall = Emphasis::Alarm;
        scan.headline = language == TextLanguage::Chinese ? "无法识别的凭条" : "Not a readable slip";
        scan.lines.push_back({language == TextLanguage::Chinese ? "原因" : "Problem", decoded.error().message, Emphasis::Alarm});
    } else {
        bool duplicate = !desk.seen.insert(decoded->request.id).second;
        scan.id = decoded->request.id;
        scan.lines = describeRequest(decoded.value(), duplicate, language);
        scan.headline = verificationText(decoded->verification, language);
        scan.overall = decoded->verification != SlipVerification::Verified ? Emphasis::Alarm
                     : duplicate                                           ? Emphasis::Warning
                                                                           : Emphasis::Good;
    }
    desk.scans.push_back(std::move(scan));
    if (desk.scans.size() > 50) desk.scans.erase(desk.scans.begin());
    return desk.scans.back();
}

void takeDeskKeys(DeskState& desk, std::vector<platform::KeyEvent>& keys, TextLanguage language) {
    using Type = platform::KeyEvent::Type;
    for (const auto& k : keys) {
        if (k.type == Type::Enter) {
            if (!desk.typing.empty()) scanDeskLine(desk, desk.typing, language);
            desk.typing.clear();
        } else if (k.type == Type::Backspace) {
            if (!desk.typing.empty()) eraseLastCharacter(desk.typing);
        } else if (k.type == Type::Clear) {
            desk.typing.clear();
        } else if (k.ch >= 0x20 && k.ch != 0x7F && desk.typing.size() < 4096) {
            appendUtf8(desk.typing, k.ch);  // spaces too: Base45 has them
        }
    }
    keys.clear();
}

}  // namespace gongkai::ui
