#include "harness/workloads/kafka/checker_realtime.hpp"  // first and alone: the header includes what it uses
