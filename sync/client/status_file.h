// sync-status.json, the kiosk's view of the last attempt (its format is
// documented in kiosk/ui/sync_status.h, the reader). Written after every
// attempt to a temporary file and renamed, so the kiosk never reads half a
// file. The last success is carried over from the previous file.
#pragma once

#include <string>

#include "core/result.h"

namespace gongkai::sync {

Status writeStatusFile(const std::string& path, const std::string& attemptAt, bool success,
                       const std::string& error);

}  // namespace gongkai::sync
