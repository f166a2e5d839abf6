#include "ui/idle.h"

#include <algorithm>
#include <cmath>

namespace gongkai::ui {

IdleEvent updateIdle(IdleState& st, const IdleSettings& cfg, double now, bool touched, bool dirty) {
    if (touched) {
        IdlePhase was = st.phase;
        st.lastInput = now;
        st.phase = IdlePhase::Active;
        st.resetDone = false;
        if (was == IdlePhase::Countdown) return IdleEvent::Continued;
        if (was == IdlePhase::Attract) return IdleEvent::AttractLeft;
        return IdleEvent::None;
    }
    double idle = now - st.lastInput;
    if (st.phase == IdlePhase::Countdown && now >= st.countdownEnds) {
        st.phase = IdlePhase::Active;
        st.resetDone = true;
        ++st.resets;
        return IdleEvent::Reset;
    }
    if (st.phase == IdlePhase::Active && !st.resetDone && dirty && idle >= cfg.resetSeconds) {
        st.phase = IdlePhase::Countdown;
        st.countdownEnds = now + cfg.countdownSeconds;
        return IdleEvent::CountdownStarted;
    }
    if (st.phase == IdlePhase::Active && !dirty && idle >= cfg.attractSeconds) {
        st.phase = IdlePhase::Attract;
        return IdleEvent::AttractStarted;
    }
    return IdleEvent::None;
}

double secondsToNextIdleChange(const IdleState& st, const IdleSettings& cfg, double now, bool dirty) {
    double next = 1e9;
    double idle = now - st.lastInput;
    if (st.phase == IdlePhase::Countdown) {
        double tick = st.countdownEnds - now;
        next = tick - std::floor(tick);  // redraw as the shown second changes
        if (next < 0.05) next = std::min(1.0, tick);
    } else if (st.phase == IdlePhase::Active) {
        if (dirty && !st.resetDone) next = cfg.resetSeconds - idle;
        else if (!dirty) next = cfg.attractSeconds - idle;
    }
    return std::max(0.05, next);
}

int countdownLeft(const IdleState& st, double now) {
    return std::max(0, static_cast<int>(std::ceil(st.countdownEnds - now)));
}

}  // namespace gongkai::ui
