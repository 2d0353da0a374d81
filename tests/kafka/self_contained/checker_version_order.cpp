#include "harness/workloads/kafka/checker_version_order.hpp"  // first and alone: the header includes what it uses
