// systemd's notify protocol (sd_notify(3)) without libsystemd: one datagram
// to the socket named by $NOTIFY_SOCKET ("READY=1", "WATCHDOG=1",
// "STATUS=…", "STOPPING=1"). Outside systemd (no $NOTIFY_SOCKET) every call
// is a no-op. Thread-safe (each call opens its own socket).
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace gongkai::sync {

bool notifySystemd(const std::string& state);

// Half of $WATCHDOG_USEC (the ping period systemd recommends), when the
// watchdog is enabled for this process ($WATCHDOG_PID unset or ours).
std::optional<std::chrono::microseconds> watchdogPeriod();

}  // namespace gongkai::sync
