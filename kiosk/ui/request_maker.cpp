#include "ui/request_maker.h"

#include "core/request_json.h"
#include "feed/keys.h"
#include "feed/manifest.h"

namespace gongkai::ui {

Result<std::unique_ptr<RequestMaker>> RequestMaker::open(const std::string& keyPath, const std::string& kioskId,
                                                         const std::string& outboxPath) {
    if (kioskId.empty()) return Error{"no kiosk id ([kiosk] id or --kiosk-id)"};
    auto key = feed::readSecretKey(keyPath);
    if (!key) return key.error();
    auto outbox = Outbox::open(outboxPath, Outbox::Mode::Create);
    if (!outbox) return outbox.error();
    std::string keyId = key->publicKey().id();
    return std::unique_ptr<RequestMaker>(
        new RequestMaker(key->bytes, std::move(keyId), kioskId, std::move(outbox.value())));
}

Result<MadeSlip> RequestMaker::make(DisclosureRequest draft, std::chrono::system_clock::time_point now) {
    draft.id = makeRequestId(now);
    draft.kioskId = m_kioskId;
    draft.createdAt = feed::formatUtc(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
    auto text = encodeSlip(draft, m_key);
    if (!text) return text.error();
    auto qr = makeSlipQr(text.value());
    if (!qr) return qr.error();
    OutboxEntry entry;
    entry.id = draft.id;
    entry.createdAt = draft.createdAt;
    entry.slip = text.value();
    entry.body = uploadBody(draft, entry.slip, UploadChannel::Kiosk);
    feed::SecretKey secret;
    secret.bytes = m_key;
    entry.signature = m_keyId + ":" + feed::signDetached(secret, entry.body);
    if (auto st = m_outbox.add(entry); !st) return st.error();  // durable before anyone sees the slip
    return MadeSlip{std::move(draft), std::move(text.value()), std::move(qr.value())};
}

}  // namespace gongkai::ui
