// The app loop's system behaviours, kept out of app.cpp: display mode
// (standard / 长辈模式) and language, the glyph atlas (first atlas, then the
// full one built off the UI thread and swapped in, again when the mirror's
// characters change), idle reset and the attract screen, data freshness and
// new mirror versions, the out-of-service screen's details, staff mode.
//
// The App calls it at fixed points of each frame (see the member comments).
// It owns no data of its own beyond bookkeeping: state the screens read is
// in AppState. UI thread only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/font_texture.h"
#include "ui/app_state.h"
#include "ui/data_worker.h"
#include "ui/kiosk_config.h"
#include "ui/options.h"

namespace gongkai::ui {

// gongkai-kiosk --hash-pin: reads a staff PIN (4-12 digits) on stdin and
// prints the config line `staff_pin_hash = "..."`. Exit status 0, or 2 for
// a PIN that is not 4-12 digits.
int runHashPin();

class SystemBehaviour {
public:
    // After the strings and theme are loaded into `s`; before the window.
    SystemBehaviour(const Options& o, const KioskConfig& c, AppState& s, FontSet& fonts);

    // After the worker exists: starts polling.
    void attach(DataWorker& worker);
    // The small first atlas's request (UI strings, the first screen's text,
    // the commonest characters) from the first Home result (`home` may be a
    // failure: then UI strings only). Const and reading only the strings,
    // popular searches and theme, so a start-up thread may call it while the
    // UI thread creates the window and touches none of those.
    FontRequest firstFontRequest(const DataResult* home) const;
    // Before the first frame, with the window's GL context: uploads the first
    // atlas (built by whoever called firstFontRequest) and starts the full
    // one in the background. `chars`: the mirror's characters, most used first.
    void installFirstAtlas(BuiltAtlas first, const std::vector<char32_t>& chars);

    // Each frame after input and data results, before drawing. `pressed`:
    // the pointer is down. Handles atlas swaps, idle, the staff gesture.
    void beforeFrame(double now, bool pressed);
    // A Home, Poll or Latest result (the App handles the rest of Home).
    void onResult(const DataResult& r);
    // A system intent (ToggleElder, ToggleLanguage, Staff*); false if not ours.
    bool handle(const Intent& i);

    // The staff PIN's hash (app_setup.h finds it); empty: staff mode cannot open.
    void setStaffPinHash(std::string hash) { m_staffPinHash = std::move(hash); }

    bool quitRequested() const { return m_quit; }
    // Seconds the loop may sleep before the next idle change.
    double secondsToNextChange(double now) const;
    // True when the App must redraw soon (an atlas build finishing, a countdown).
    bool busy() const;
    // Extra fields for the script's state dump.
    nlohmann::json dumpJson() const;
    // Releases GL objects; before the window is destroyed.
    void releaseGl() { m_texture.reset(); }

private:
    FontRequest fontRequest(const std::vector<char32_t>& chars, const std::vector<DomainSummary>& domains,
                            const std::string& siteName) const;
    std::optional<FontRequest> m_fullAtlas;  // started by the second beforeFrame
    long m_framesBegun = 0;
    void installAtlas(BuiltAtlas b);
    void applyMode();
    void relayout();
    void requestHome(bool characters);
    void onHome(const DataResult& r);
    void updateIdle(double now, bool pressed);
    void tryPin();

    Options m_options;
    KioskConfig m_config;
    AppState& m_s;
    FontSet& m_fonts;
    Theme m_baseTheme;
    float m_lineBoxPerEm = 1;  // the font's line box in em (fonts.h)
    IdleSettings m_idle;
    double m_maxAgeSeconds = 30 * 86400.0;
    std::string m_dbPath;
    DataWorker* m_worker = nullptr;
    std::unique_ptr<platform::FontTexture> m_texture;
    std::vector<char32_t> m_atlasChars;  // what the full atlas was built for
    SyncState m_mirrorSync;
    SyncStatus m_syncStatus;
    std::string m_digest;
    std::string m_staffPinHash;
    bool m_quit = false, m_swallow = false, m_wasOut = false;
};

}  // namespace gongkai::ui
