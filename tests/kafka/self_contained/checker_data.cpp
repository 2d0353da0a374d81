#include "harness/workloads/kafka/checker_data.hpp"  // first and alone: the header includes what it uses
