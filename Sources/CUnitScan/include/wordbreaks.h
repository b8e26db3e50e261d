#ifndef MTLINT_WORDBREAKS_H
#define MTLINT_WORDBREAKS_H

#include <stddef.h>
#include <stdint.h>

/// One word-break segment. Swift's `WordSegment` (ICUText) is this struct, with properties
/// of Swift types over its fields.
typedef struct {
    ptrdiff_t start;
    ptrdiff_t end;
    /// `UnitHash` of the lower-cased text of an ASCII word or number (or "_"), or of one
    /// ASCII character that is not white space (punctuation), else 0.
    uint64_t foldedHash;
    /// Line breaks in a segment of white space (a CR LF pair counts once).
    uint32_t breakCount;
    /// `SegmentKind`'s raw value: 0 other, 1 number, 2 letters, 3 ideographs.
    uint8_t kindValue;
    /// 1 when the segment is white space only.
    uint8_t isSpaceValue;
    /// For a word of letters, what its first unit is: `MT_INITIAL_ASCII_UPPER` (A–Z),
    /// `MT_INITIAL_NON_ASCII`, else 0 (also for every other segment). A pass that looks for
    /// capitalised words reads this byte instead of the text.
    uint8_t initialValue;
} mt_segment;

enum { MT_INITIAL_ASCII_UPPER = 1, MT_INITIAL_NON_ASCII = 2 };

/// `initialValue` of a word of letters that starts with `u`.
static inline uint8_t mt_initial_of(uint16_t u) {
    return u >= 0x80 ? MT_INITIAL_NON_ASCII : (uint16_t)(u - 0x41) < 26 ? MT_INITIAL_ASCII_UPPER : 0;
}

/// Whether a word of letters may follow itself ("the the"), worked out on the way for the
/// segments written so far: the next word of letters after white space with at most one
/// line break has the same hash, or either has none (beyond ASCII). Zeroed for a new text;
/// carried from one call to the next over the same one.
typedef struct {
    /// The hash of the last word of letters (0 for one beyond ASCII).
    uint64_t last_hash;
    /// Line breaks in the white space since it.
    uint32_t breaks;
    /// 1 while nothing but white space stands after it.
    uint8_t after_word;
    /// 1 once some word may follow itself.
    uint8_t may_repeat;
} mt_repeat_state;

/// The segments of [from, to) of `text`, written to `out` until `cap` of them are written.
/// `table[u]` for u < `direct_limit`, and `table[direct_limit + e]` for `extras[e]`, holds the
/// unit's `FastWordBreaks.Class` raw value in its low bits and 0x80 for White_Space.
/// Returns how many segments it wrote; `*next` is where the next segment starts (`to` when
/// all are done), and `*unknown` is set to 1 when it stopped at a unit it has no class for.
/// `repeat` follows the segments written.
ptrdiff_t mt_word_segments(const uint16_t *text, ptrdiff_t from, ptrdiff_t to,
                           const uint8_t *table, uint16_t direct_limit,
                           const uint16_t *extras, ptrdiff_t extra_count,
                           mt_segment *out, ptrdiff_t cap, ptrdiff_t *next, int *unknown,
                           mt_repeat_state *repeat);

#endif
