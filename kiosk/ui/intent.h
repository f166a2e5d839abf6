// What a tap asks for. Screens record intents while drawing; the app loop
// carries them out between frames (navigation, data requests), so drawing
// code never touches the database.
#pragma once

#include <string>

namespace gongkai::ui {

struct Intent {
    enum class Kind { None, OpenDomain, OpenDocument, Back, Home, ScrollTo };
    Kind kind = Kind::None;
    std::string id;   // domain or document id
    float value = 0;  // ScrollTo: page y

    static Intent make(Kind kind, std::string id = {}, float value = 0) {
        return Intent{kind, std::move(id), value};
    }
};

}  // namespace gongkai::ui
