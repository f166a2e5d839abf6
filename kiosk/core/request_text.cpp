// [1] the string table  [2] values (time, choices, sanitising)
// [3] describeRequest   [4] the terminal renderer
#include "core/request_text.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <string_view>

namespace gongkai {

// [1] every string shown, Chinese and English, in one table.
namespace {

enum class T {
    RequestId,
    Agency,
    Title,
    DocNo,
    CatalogItem,
    Description,
    Form,
    Delivery,
    CreatedAt,
    Kiosk,
    Verification,
    Paper,
    Electronic,
    AtCounter,
    ByPost,
    ByEmail,
    Verified,
    UnknownKiosk,
    BadSignature,
    BannerUnknown,
    BannerBad,
    Duplicate,
    NoTitle,
    NoDescription,
    TimeZone,
    Count
};

struct Phrase {
    std::string_view zh, en;
};

constexpr std::array<Phrase, static_cast<std::size_t>(T::Count)> kPhrases = {{
    {"申请编号", "Request id"},
    {"受理机关", "Agency"},
    {"所需信息", "Information wanted"},
    {"文号", "Document number"},
    {"目录事项", "Catalogue item"},
    {"描述", "Description"},
    {"获取形式", "Form"},
    {"获取方式", "Delivery"},
    {"申请时间", "Requested at"},
    {"终端", "Kiosk"},
    {"核验", "Verification"},
    {"纸质", "paper"},
    {"电子", "electronic"},
    {"窗口领取", "collect at the counter"},
    {"邮寄", "by post"},
    {"电子邮件", "by email"},
    {"已核验", "verified"},
    {"未登记的终端", "unregistered kiosk"},
    {"签名无效——可能被篡改", "signature invalid - may have been tampered with"},
    {"！！！ 未登记的终端——无法核验，请勿受理 ！！！",
     "!!! UNREGISTERED KIOSK - CANNOT BE VERIFIED, DO NOT ACCEPT !!!"},
    {"！！！ 签名无效——可能被篡改，请勿受理 ！！！",
     "!!! SIGNATURE INVALID - MAY HAVE BEEN TAMPERED WITH, DO NOT ACCEPT !!!"},
    {"※ 重复扫描：此申请编号已扫描过，不是新的申请",
     "* DUPLICATE SCAN: this request id was scanned before; not a new request"},
    {"（未填标题，见描述）", "(no title; see the description)"},
    {"（无）", "(none)"},
    {"（北京时间）", " (UTC+8)"},
}};

}  // namespace

std::string requestTextCharacters() {
    std::string out;
    for (const Phrase& p : kPhrases) out.append(p.zh).append(p.en);
    return out;
}

namespace {

std::string say(T t, TextLanguage lang) {
    const Phrase& p = kPhrases[static_cast<std::size_t>(t)];
    return std::string(lang == TextLanguage::Chinese ? p.zh : p.en);
}

// [2] values
std::string formText(const std::string& form, TextLanguage lang) {
    if (form == "paper") return say(T::Paper, lang);
    if (form == "electronic") return say(T::Electronic, lang);
    return form;
}

std::string deliveryText(const std::string& delivery, TextLanguage lang) {
    if (delivery == "counter") return say(T::AtCounter, lang);
    if (delivery == "post") return say(T::ByPost, lang);
    if (delivery == "email") return say(T::ByEmail, lang);
    return delivery;
}

// One UTF-8 sequence's code point at s[i] (length in `len`); U+FFFD and
// length 1 for a stray byte (decodeSlip already refuses invalid UTF-8).
char32_t codePointAt(std::string_view s, std::size_t i, std::size_t& len) {
    auto b = static_cast<unsigned char>(s[i]);
    len = b < 0x80 ? 1 : b >> 5 == 6 ? 2 : b >> 4 == 14 ? 3 : b >> 3 == 30 ? 4 : 1;
    if (len == 1 || i + len > s.size()) {
        len = 1;
        return b < 0x80 ? b : 0xFFFD;
    }
    char32_t cp = b & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return cp;
}

bool unsafeToPrint(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0xFFFD;
}

// Whitespace controls become spaces, other controls and bidi overrides '?'.
std::string printable(std::string_view s) {
    std::string out;
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
        char32_t cp = codePointAt(s, i, len);
        if (!unsafeToPrint(cp))
            out.append(s.substr(i, len));
        else
            out += (cp == '\n' || cp == '\r' || cp == '\t') ? ' ' : '?';
    }
    return out;
}

std::size_t displayWidth(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0, len = 0; i < s.size(); i += len) width += codePointAt(s, i, len) < 0x80 ? 1 : 2;
    return width;
}

}  // namespace

std::string beijingTimeText(const std::string& utc, TextLanguage language) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char z = 0;
    if (utc.size() != 20 ||
        std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z')
        return utc;
    year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return utc;
    auto t = sys_days{ymd} + hours{h + 8} + minutes{mi} + seconds{s};
    auto days = floor<std::chrono::days>(t);
    year_month_day local{days};
    hh_mm_ss<seconds> clock{t - days};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", int(local.year()),
                  unsigned(local.month()), unsigned(local.day()), int(clock.hours().count()),
                  int(clock.minutes().count()), int(clock.seconds().count()));
    return buf + say(T::TimeZone, language);
}

std::string verificationText(SlipVerification v, TextLanguage language) {
    switch (v) {
        case SlipVerification::Verified:
            return say(T::Verified, language);
        case SlipVerification::UnknownKiosk:
            return say(T::UnknownKiosk, language);
        case SlipVerification::BadSignature:
            break;
    }
    return say(T::BadSignature, language);
}

// [3]
std::vector<RequestTextLine> describeRequest(const DecodedSlip& slip, bool duplicate, TextLanguage lang) {
    const DisclosureRequest& r = slip.request;
    const bool verified = slip.verification == SlipVerification::Verified;
    const Emphasis state = verified ? Emphasis::Good : Emphasis::Alarm;
    std::vector<RequestTextLine> lines;
    if (slip.verification == SlipVerification::BadSignature)
        lines.push_back({"", say(T::BannerBad, lang), state});
    if (slip.verification == SlipVerification::UnknownKiosk)
        lines.push_back({"", say(T::BannerUnknown, lang), state});
    if (duplicate) lines.push_back({"", say(T::Duplicate, lang), Emphasis::Warning});
    auto add = [&](T label, const std::string& value, Emphasis e = Emphasis::Normal) {
        lines.push_back({say(label, lang), printable(value), e});
    };
    add(T::RequestId, r.id);
    std::string agency = r.agencyName.empty() ? r.agencyId
                         : r.agencyId.empty() ? r.agencyName
                                              : r.agencyName + (lang == TextLanguage::Chinese ? "（" : " (") +
                                                    r.agencyId + (lang == TextLanguage::Chinese ? "）" : ")");
    add(T::Agency, agency);
    add(T::Title, r.title.empty() ? say(T::NoTitle, lang) : r.title);
    if (!r.docNo.empty()) add(T::DocNo, r.docNo);
    if (!r.catalogItemId.empty()) add(T::CatalogItem, r.catalogItemId);
    add(T::Description, r.description.empty() ? say(T::NoDescription, lang) : r.description);
    add(T::Form, formText(r.form, lang));
    add(T::Delivery, deliveryText(r.delivery, lang));
    add(T::CreatedAt, beijingTimeText(r.createdAt, lang));
    add(T::Kiosk, r.kioskId);
    add(T::Verification, verificationText(slip.verification, lang), state);
    return lines;
}

// [4]
std::string renderRequestText(const std::vector<RequestTextLine>& lines) {
    std::size_t width = 0;
    for (const auto& l : lines) width = std::max(width, displayWidth(l.label));
    std::string out;
    for (const auto& l : lines) {
        if (l.label.empty()) {
            out += l.value + "\n";
            continue;
        }
        out += l.label + std::string(width - displayWidth(l.label), ' ') + "  " + l.value + "\n";
    }
    return out;
}

}  // namespace gongkai
