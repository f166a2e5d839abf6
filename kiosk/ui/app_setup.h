// The app loop's side of the first boot (setup_state.h): finds the staff PIN
// (the config's [kiosk] staff_pin_hash, else the state directory's
// staff-pin file), and while there is none on an installed kiosk, keeps the
// setup screen up and looks for the file every few seconds; when it appears
// the kiosk goes home and staff mode opens with that PIN.
// UI thread only.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/staff_pin.h"
#include "ui/app_state.h"
#include "ui/kiosk_config.h"
#include "ui/options.h"

namespace gongkai::ui {

class FirstBoot {
public:
    // `usePin` receives the PIN hash whenever one is found (at once, or later).
    // `configBroken`: the config file could not be read; the kiosk is out of
    // service for that reason, and no setup screen hides it.
    FirstBoot(const Options& options, const KioskConfig& config, bool configBroken, AppState& s,
              std::function<void(const std::string&)> usePin);
    // Looks for the staff-pin file again (every kRecheckSeconds while needed).
    void poll(double now);
    // Before a PIN is checked: when the staff-pin file changed since the last
    // look (`gongkai config set-pin` while the kiosk runs), `usePin` gets the
    // new hash. Nothing when the config's staff_pin_hash is set (it wins); a
    // damaged or removed file keeps the PIN in use (logged).
    void refreshPin();

    static constexpr double kRecheckSeconds = 2;

private:
    bool lookForPin();
    AppState& m_s;
    std::function<void(const std::string&)> m_usePin;
    std::string m_pinPath, m_lastError, m_pinInUse;
    StaffPinFile m_pinFile{m_pinPath};
    bool m_configPin = false;
    double m_lastCheck = -1e9;
};

// The state directory: --state-dir, else [kiosk] state_dir, else kDefaultStateDir.
std::string stateDirFor(const Options& options, const KioskConfig& config);

// The setup part of the state dump: needed, kiosk_id, key_id, key_problem.
nlohmann::json setupDumpJson(const AppState& s);

}  // namespace gongkai::ui
