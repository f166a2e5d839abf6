// A disclosure request in words for counter staff (DESIGN.md "Disclosure
// request slip"): what `gongkai request decode` prints and what the staff
// desk window shows. describeRequest() builds the lines; each front end
// renders them (renderRequestText() for a terminal).
//
// The lines, in order: a loud banner when the slip is not verified (a
// tampered slip or an unregistered kiosk must never pass unnoticed), a
// duplicate notice, then 申请编号, 受理机关, 所需信息 (标题, 文号, 目录事项),
// 描述, 获取形式, 获取方式, 申请时间 (Beijing time, UTC+8: the county's
// clocks), 终端, 核验. English when asked (Language::English).
//
// Strings live in one table in request_text.cpp (core has no assets).
// Pure functions; any thread.
#pragma once

#include <string>
#include <vector>

#include "core/slip.h"

namespace gongkai {

enum class Emphasis {
    Normal,
    Good,     // verified
    Warning,  // duplicate scan
    Alarm,    // not verified: tampered or unknown kiosk
};

struct RequestTextLine {
    std::string label;  // empty for a banner line
    std::string value;
    Emphasis emphasis = Emphasis::Normal;
};

enum class TextLanguage { Chinese, English };

std::vector<RequestTextLine> describeRequest(const DecodedSlip& slip, bool duplicate,
                                             TextLanguage language = TextLanguage::Chinese);

// The verification state alone, as shown on the 核验 line.
std::string verificationText(SlipVerification v, TextLanguage language = TextLanguage::Chinese);

// "2026-11-28T09:30:00Z" -> "2026-11-28 17:30:00 (UTC+8)" style text; the
// input unchanged when it is not in that form.
std::string beijingTimeText(const std::string& createdAtUtc, TextLanguage language = TextLanguage::Chinese);

// Labels padded to one column (CJK counted as two columns), one line each;
// banner lines (no label) carry their own ！！！ framing. Colour is not used:
// staff terminals and logs vary. Values are already safe to print: control
// characters and bidirectional overrides from the slip are replaced by
// describeRequest(), so a forged slip cannot drive the terminal.
std::string renderRequestText(const std::vector<RequestTextLine>& lines);

// Every phrase of the table, both languages (a window's glyph atlas must
// hold them: the staff desk draws these lines).
std::string requestTextCharacters();

}  // namespace gongkai
