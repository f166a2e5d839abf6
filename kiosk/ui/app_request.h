// The app loop's side of disclosure requests: sets up the RequestMaker from
// the options and the config, and carries out the request intents (start,
// choose, next, back, make, done) on AppState. Making the slip writes the
// outbox (one fsync) between frames, before the slip is drawn.
// UI thread only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ui/app_state.h"
#include "ui/kiosk_config.h"
#include "ui/options.h"
#include "ui/request_maker.h"

namespace gongkai::ui {

class RequestDesk {
public:
    // No key or id configured: requests are unavailable (not an error).
    // A configured key that cannot be read, or an outbox that cannot be
    // opened, is reported on stderr and leaves them unavailable.
    RequestDesk(const Options& options, const KioskConfig& config, const std::string& dbPath, AppState& s);

    // True when the intent was a request intent (handled here).
    bool handle(const Intent& i);

private:
    void start(const Intent& i);
    void make();
    AppState& m_s;
    std::unique_ptr<RequestMaker> m_maker;
};

// The staff desk mode (desk.h): the desk screen as the only route, and the
// kiosk keys from the mirror and the --trust files. A key problem is shown
// on the desk (and printed), never ignored.
void setUpStaffDesk(const std::vector<std::string>& trust, const std::string& dbPath, AppState& s);

// The request part of the script's state dump: available, step (1..5), the
// draft's fields, the slip text and the characters left.
nlohmann::json requestDumpJson(const AppState& s);

}  // namespace gongkai::ui
