// An empty program: linking it with one layer's whole archive proves the layer needs no symbol
// from a layer it does not link (CMakeLists.txt, "Each layer linked whole").
int main() { return 0; }
