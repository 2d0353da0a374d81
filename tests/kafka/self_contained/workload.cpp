#include "harness/workloads/kafka/workload.hpp"  // first and alone: the header includes what it uses
