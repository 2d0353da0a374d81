#include "harness/workloads/kafka/checker_writes.hpp"  // first and alone: the header includes what it uses
