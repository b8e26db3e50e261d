#ifndef MTLINT_UNITSCAN_H
#define MTLINT_UNITSCAN_H

#include <stddef.h>
#include <stdint.h>

/// The first index in [from, to) of `s` whose unit is one of a…f, or `to`.
ptrdiff_t mt_first_of6(const uint16_t *s, ptrdiff_t from, ptrdiff_t to,
                       uint16_t a, uint16_t b, uint16_t c, uint16_t d, uint16_t e, uint16_t f);

/// The first index in [from, to) of `s` whose unit is below `low` or above `high`, or `to`.
ptrdiff_t mt_first_outside(const uint16_t *s, ptrdiff_t from, ptrdiff_t to, uint16_t low, uint16_t high);

/// Copies the ASCII bytes at the start of `src` (at most `n`) to `dst` as UTF-16 units and
/// returns how many: it stops at the first byte of 0x80 or more.
size_t mt_widen_ascii(const uint8_t *src, size_t n, uint16_t *dst);

/// What may follow a unit in the regex prefilter's factors anchored on it: ASCII units as
/// bits (`low` for 0–63, `high` for 64–127), and one flag for every non-ASCII unit and the
/// end of the text; and what may stand just before it, the same way (`before_other` also
/// for the start of the text).
typedef struct {
    uint64_t low;
    uint64_t high;
    uint64_t before_low;
    uint64_t before_high;
    uint8_t other;
    uint8_t before_other;
} mt_follower;

/// Classes of ASCII units that no factor is anchored on (`mt_prefilter_next`'s `never`).
enum {
    MT_NEVER_LOWER = 1,   // a-z
    MT_NEVER_UPPER = 2,   // A-Z
    MT_NEVER_DIGIT = 4,   // 0-9
    MT_NEVER_SPACE = 8    // U+0020
};

/// The first index in [from, to) of `s` where an ASCII unit's follower set (`followers[u]`)
/// admits the unit after it and the unit before it (the one at `i - 1` of `s`, whatever
/// `from`), or, when `stop_at_non_ascii`, where a unit is not ASCII; `to` when there is none.
/// `never` (MT_NEVER_…) names classes whose units anchor nothing, which the scan then passes
/// over eight at a time. When a space anchors factors only before one unit, `space_before`
/// is that unit (else 0), and a space before any other unit is passed over the same way.
/// `rows` (16 bytes from `mt_prefilter_rows`) tells the sixteen-unit scan (AVX2) which ASCII
/// units anchor a factor, so that it passes over every other one; with NULL, or without AVX2,
/// the scan passes over the classes of `never` eight units at a time.
ptrdiff_t mt_prefilter_next(const uint16_t *s, ptrdiff_t from, ptrdiff_t to,
                            const mt_follower *followers, int stop_at_non_ascii, unsigned never,
                            uint16_t space_before, const uint8_t *rows);

/// The ASCII units that anchor a factor (a non-empty follower set; the space left out when
/// `space_before` stands for it), for `mt_prefilter_next`: `rows[u & 15]` has bit `u >> 4`.
void mt_prefilter_rows(const mt_follower *followers, uint16_t space_before, uint8_t rows[16]);

/// The two plain scans above, eight units at a time (or one by one) whatever the processor:
/// for tests to hold the wide scans to (the prefilter's scan is narrow given no `rows`).
ptrdiff_t mt_first_of6_narrow(const uint16_t *s, ptrdiff_t from, ptrdiff_t to,
                              uint16_t a, uint16_t b, uint16_t c, uint16_t d, uint16_t e, uint16_t f);
ptrdiff_t mt_first_outside_narrow(const uint16_t *s, ptrdiff_t from, ptrdiff_t to, uint16_t low, uint16_t high);

#endif
