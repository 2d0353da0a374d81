// timeline.hpp compiles included first and alone.
#include "harness/timeline.hpp"
