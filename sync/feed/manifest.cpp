#include "feed/manifest.h"
