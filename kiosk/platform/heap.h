// How the kiosk's heap gives memory back to the system (glibc malloc).
//
// glibc's default raises its mmap threshold after a large block is freed, so
// later large blocks come from the heap or a thread's arena and stay resident
// when freed. The kiosk's large blocks are short-lived: the font file (20 MB)
// and the glyph atlas built on a worker thread, decoded images, search
// windows. Left to the default, a kiosk at rest kept ~65 MB of such freed
// memory (PSS 130 MB instead of 65 MB on the demo mirror, `gongkai bench ui`).
#pragma once

namespace gongkai::platform {

// Call once at start-up, before other threads exist. Blocks of 512 KiB and
// more are mapped on their own and unmapped when freed. Cannot fail (an
// unsupported setting is ignored).
void returnLargeBlocksToSystem();

}  // namespace gongkai::platform
