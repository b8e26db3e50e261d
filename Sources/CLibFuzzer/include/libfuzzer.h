#ifndef MTLINT_LIBFUZZER_H
#define MTLINT_LIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt), called from a program's own `main`: it parses libFuzzer's
/// flags in `argv` and calls `callback` with every input. Linked only into fuzzing builds.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
