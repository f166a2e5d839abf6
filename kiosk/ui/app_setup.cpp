#include "ui/app_setup.h"

#include <cstdio>

#include "core/staff_pin.h"
#include "feed/keys.h"

namespace gongkai::ui {

namespace {

void describeKey(const Options& o, const KioskConfig& c, SetupState& st) {
    st.kioskId = !o.kioskId.empty() ? o.kioskId : c.kioskId;
    std::string keyPath = !o.kioskKey.empty() ? o.kioskKey : c.kioskKey;
    if (keyPath.empty()) {
        st.keyProblem = "[kiosk] key";
        return;
    }
    auto key = feed::readSecretKey(keyPath);
    if (!key) {
        st.keyProblem = key.error().message;
        return;
    }
    auto pub = key->publicKey();
    st.keyId = pub.id();
    st.publicKey = pub.base64();
    if (auto qr = makeQr("gongkai-kiosk " + (st.kioskId.empty() ? "-" : st.kioskId) + " " + st.publicKey); qr)
        st.qr = std::move(qr.value());
}

}  // namespace

std::string stateDirFor(const Options& o, const KioskConfig& c) {
    return !o.stateDir.empty() ? o.stateDir : !c.stateDir.empty() ? c.stateDir : kDefaultStateDir;
}

FirstBoot::FirstBoot(const Options& o, const KioskConfig& c, bool configBroken, AppState& s,
                     std::function<void(const std::string&)> usePin)
    : m_s(s), m_usePin(std::move(usePin)), m_pinPath(staffPinPath(stateDirFor(o, c))) {
    if (!c.staffPinHash.empty()) {
        m_configPin = true;
        m_usePin(c.staffPinHash);
        return;
    }
    (void)m_pinFile.changed();  // the file as it is now: refreshPin looks for changes from here
    if (lookForPin() || o.configPath.empty() || o.desk || configBroken) return;  // build tree, desk: no setup
    SetupState& st = m_s.setup;
    st.needed = true;
    st.pinPath = m_pinPath;
    describeKey(o, c, st);
    m_s.routes = {Route{ScreenId::Setup, ""}};
}

bool FirstBoot::lookForPin() {
    auto hash = readStaffPinFile(m_pinPath);
    if (!hash) {
        if (hash.error().message != m_lastError)  // once, not every few seconds
            std::fprintf(stderr, "gongkai-kiosk: staff PIN: %s\n", hash.error().message.c_str());
        m_lastError = hash.error().message;
        return false;
    }
    if (hash->empty()) return false;
    m_pinInUse = hash.value();
    m_usePin(hash.value());
    return true;
}

void FirstBoot::poll(double now) {
    if (!m_s.setup.needed || now - m_lastCheck < kRecheckSeconds) return;
    m_lastCheck = now;
    if (!lookForPin()) return;
    m_s.setup.needed = false;
    m_s.routes = {Route{}};
    std::fprintf(stderr, "gongkai-kiosk: staff PIN set (%s): setup done\n", m_pinPath.c_str());
}

void FirstBoot::refreshPin() {
    if (m_configPin) return;
    auto hash = m_pinFile.changed();
    if (!hash) {
        std::fprintf(stderr, "gongkai-kiosk: staff PIN: %s (keeping the PIN in use)\n", hash.error().message.c_str());
        return;
    }
    if (!hash.value()) return;
    if (hash.value()->empty()) {
        std::fprintf(stderr, "gongkai-kiosk: staff PIN: %s was removed (keeping the PIN in use)\n", m_pinPath.c_str());
        return;
    }
    if (*hash.value() == m_pinInUse) return;
    m_pinInUse = *hash.value();
    m_usePin(m_pinInUse);
    std::fprintf(stderr, "gongkai-kiosk: staff PIN changed (%s): using the new one\n", m_pinPath.c_str());
}

nlohmann::json setupDumpJson(const AppState& s) {
    const SetupState& st = s.setup;
    return {{"needed", st.needed}, {"kiosk_id", st.kioskId}, {"key_id", st.keyId}, {"key_problem", st.keyProblem}};
}

}  // namespace gongkai::ui
