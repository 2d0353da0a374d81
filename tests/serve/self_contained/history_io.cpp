// history_io.hpp compiles included first and alone.
#include "harness/history_io.hpp"
