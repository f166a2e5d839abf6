#include "net/source.h"
