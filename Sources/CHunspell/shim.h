// Debian's Hunspell (libhunspell-dev) through pkg-config: its C API takes and returns UTF-8
// for the UTF-8 dictionaries Debian ships (hunspell-en-us, hunspell-en-gb: SET UTF-8).
#include <hunspell/hunspell.h>
