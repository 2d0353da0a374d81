// Fly.io challenge 1: ./maelstrom test -w echo --bin echo --node-count 1 --time-limit 10
#include "challenges/echo.hpp"
#include "maelstrom/run.hpp"

int main() { return glomers::run<glomers::echo_server>(); }
