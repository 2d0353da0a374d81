// serve.hpp compiles included first and alone.
#include "harness/serve.hpp"
