/* Header-only: see include/csupport.h. SwiftPM wants one source file per C target. */
#include "csupport.h"
