// analyze.hpp compiles included first and alone.
#include "harness/analyze.hpp"
