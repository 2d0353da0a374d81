#include "harness/workloads/kafka/checker_order.hpp"  // first and alone: the header includes what it uses
