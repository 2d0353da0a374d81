#include "harness/workloads/kafka/client.hpp"  // first and alone: the header includes what it uses
