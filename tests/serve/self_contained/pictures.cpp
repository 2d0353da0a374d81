// pictures.hpp compiles included first and alone.
#include "harness/pictures.hpp"
