// The main of compile-only tests: compiling is the test.
int main() { return 0; }
