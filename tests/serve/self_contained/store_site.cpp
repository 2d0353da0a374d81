// store_site.hpp compiles included first and alone.
#include "harness/store_site.hpp"
