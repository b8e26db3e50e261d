// Debian's Hunspell (libhunspell-dev) through pkg-config: its C API takes and returns UTF-8
// for the UTF-8 dictionaries Debian ships (hunspell-en-us, hunspell-en-gb: SET UTF-8).
#include <hunspell/hunspell.h>

// memfd_create(2) (glibc 2.27), declared here because Swift's Glibc module leaves it out
// (it sits behind _GNU_SOURCE): the spelling pack's edited affix file is handed to Hunspell
// as a file that lives in memory, so that no run, however it ends, leaves one behind.
extern int memfd_create(const char *name, unsigned int flags);
