/* Header-only: see include/cprefetch.h. SwiftPM wants one source file per C target. */
#include "cprefetch.h"
