#include "harness/workloads/kafka/checker.hpp"  // first and alone: the header includes what it uses
