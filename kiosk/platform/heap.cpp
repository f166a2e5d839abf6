#include "platform/heap.h"

#include <malloc.h>

namespace gongkai::platform {

void returnLargeBlocksToSystem() {
    // Setting the threshold explicitly also turns off glibc's dynamic raising of it.
    mallopt(M_MMAP_THRESHOLD, 512 * 1024);
}

}  // namespace gongkai::platform
