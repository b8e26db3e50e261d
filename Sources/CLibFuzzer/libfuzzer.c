// Declarations only (include/libfuzzer.h): libFuzzer itself comes from the toolchain's
// compiler-rt when scripts/fuzz links mtlint-fuzz with -sanitize=fuzzer.
#include "libfuzzer.h"
