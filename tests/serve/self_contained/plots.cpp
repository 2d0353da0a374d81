// plots.hpp compiles included first and alone.
#include "harness/plots.hpp"
