// Carries Debian's ICU (libicu-dev) into the build: pkg-config's flags and the link line.
// Swift never imports this module; CICUShim wraps the functions with plain C types.
#include <unicode/utypes.h>
