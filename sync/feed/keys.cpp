#include "feed/keys.h"
