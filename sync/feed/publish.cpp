#include "feed/publish.h"
