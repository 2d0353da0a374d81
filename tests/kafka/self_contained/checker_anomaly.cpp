#include "harness/workloads/kafka/checker_anomaly.hpp"  // first and alone: the header includes what it uses
