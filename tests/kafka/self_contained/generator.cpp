#include "harness/workloads/kafka/generator.hpp"  // first and alone: the header includes what it uses
