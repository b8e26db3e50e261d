// Vector scans over UTF-16 text. Swift's SIMD comparisons compile to a loop per lane, and
// an early-exit loop is never vectorized by the compiler, so the vectors are written out:
// eight units per SSE2 compare, with a plain loop for the tail and for other machines.
#include "unitscan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

ptrdiff_t mt_first_of6(const uint16_t *s, ptrdiff_t from, ptrdiff_t to,
                       uint16_t a, uint16_t b, uint16_t c, uint16_t d, uint16_t e, uint16_t f) {
    ptrdiff_t i = from;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi16((short)a), vb = _mm_set1_epi16((short)b), vc = _mm_set1_epi16((short)c);
    const __m128i vd = _mm_set1_epi16((short)d), ve = _mm_set1_epi16((short)e), vf = _mm_set1_epi16((short)f);
    for (; i + 8 <= to; i += 8) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(v, va), _mm_cmpeq_epi16(v, vb)),
                                 _mm_or_si128(_mm_cmpeq_epi16(v, vc), _mm_cmpeq_epi16(v, vd)));
        m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi16(v, ve), _mm_cmpeq_epi16(v, vf)));
        int mask = _mm_movemask_epi8(m);
        if (mask) return i + (__builtin_ctz((unsigned)mask) >> 1);
    }
#endif
    for (; i < to; i++) {
        uint16_t u = s[i];
        if (u == a || u == b || u == c || u == d || u == e || u == f) return i;
    }
    return to;
}

ptrdiff_t mt_first_outside(const uint16_t *s, ptrdiff_t from, ptrdiff_t to, uint16_t low, uint16_t high) {
    ptrdiff_t i = from;
#if defined(__SSE2__)
    // Saturating: low - u is 0 exactly where u >= low, u - high exactly where u <= high.
    const __m128i vl = _mm_set1_epi16((short)low), vh = _mm_set1_epi16((short)high), zero = _mm_setzero_si128();
    for (; i + 8 <= to; i += 8) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i below = _mm_cmpeq_epi16(_mm_subs_epu16(vl, v), zero);   // all ones where u >= low
        __m128i above = _mm_cmpeq_epi16(_mm_subs_epu16(v, vh), zero);   // all ones where u <= high
        int mask = _mm_movemask_epi8(_mm_and_si128(below, above)) ^ 0xFFFF;
        if (mask) return i + (__builtin_ctz((unsigned)mask) >> 1);
    }
#endif
    for (; i < to; i++) {
        if (s[i] < low || s[i] > high) return i;
    }
    return to;
}

size_t mt_widen_ascii(const uint8_t *src, size_t n, uint16_t *dst) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(src + i));
        if (_mm_movemask_epi8(v)) break;   // a byte with its high bit set: finish one by one
        _mm_storeu_si128((__m128i *)(dst + i), _mm_unpacklo_epi8(v, zero));
        _mm_storeu_si128((__m128i *)(dst + i + 8), _mm_unpackhi_epi8(v, zero));
    }
#endif
    for (; i < n && src[i] < 0x80; i++) dst[i] = src[i];
    return i;
}

// Whether the follower set of the unit at `i` admits the one after it, or the unit is not
// ASCII and `stop` says so: without a branch, since which units anchor a factor follows no
// pattern a branch predictor could learn, and a mispredicted branch per unit cost more
// than all the arithmetic here.
static inline unsigned admitted(const uint16_t *s, ptrdiff_t i, ptrdiff_t to, const mt_follower *followers, unsigned stop) {
    const uint16_t u = s[i];
    const uint16_t next = i + 1 < to ? s[i + 1] : 0xFFFF;
    const mt_follower *f = &followers[u & 127];
    const uint64_t bits = next < 64 ? f->low : f->high;
    const unsigned ascii_next = (unsigned)((bits >> (next & 63)) & 1);
    const unsigned hit = next < 128 ? ascii_next : (f->other != 0);
    return u < 128 ? hit : stop;
}

#if defined(__SSE2__)
// All ones in the lanes whose unit is in [low, low + span].
static inline __m128i in_range(__m128i v, short low, short span) {
    return _mm_cmpeq_epi16(_mm_subs_epu16(_mm_sub_epi16(v, _mm_set1_epi16(low)), _mm_set1_epi16(span)), _mm_setzero_si128());
}
#endif

ptrdiff_t mt_prefilter_next(const uint16_t *s, ptrdiff_t from, ptrdiff_t to,
                            const mt_follower *followers, int stop_at_non_ascii, unsigned never,
                            uint16_t space_before) {
    const unsigned stop = stop_at_non_ascii != 0;
    ptrdiff_t i = from;
#if defined(__SSE2__)
    // Letters, digits and spaces are most of any prose; when no factor is anchored on them,
    // a vector test passes over them and only the other units (punctuation, line ends,
    // anything beyond ASCII) are tried one by one.
    if (never || space_before) {
        // Nine units readable: the space test looks at the unit after each of the eight.
        for (; i + 9 <= to; i += 8) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            __m128i plain = _mm_setzero_si128();
            if (space_before) {
                const __m128i next = _mm_loadu_si128((const __m128i *)(s + i + 1));
                plain = _mm_andnot_si128(_mm_cmpeq_epi16(next, _mm_set1_epi16((short)space_before)),
                                         _mm_cmpeq_epi16(v, _mm_set1_epi16(0x20)));
            }
            if (never & MT_NEVER_LOWER) plain = _mm_or_si128(plain, in_range(v, 0x61, 25));
            if (never & MT_NEVER_UPPER) plain = _mm_or_si128(plain, in_range(v, 0x41, 25));
            if (never & MT_NEVER_DIGIT) plain = _mm_or_si128(plain, in_range(v, 0x30, 9));
            if (never & MT_NEVER_SPACE) plain = _mm_or_si128(plain, _mm_cmpeq_epi16(v, _mm_set1_epi16(0x20)));
            unsigned others = (unsigned)_mm_movemask_epi8(plain) ^ 0xFFFFu;
            while (others) {
                const int k = __builtin_ctz(others) >> 1;
                if (admitted(s, i + k, to, followers, stop)) return i + k;
                others &= ~(3u << (2 * k));
            }
        }
    }
#endif
    // Sixteen units at a time, tested with one branch; hits are a few in a hundred units.
    for (; i + 16 <= to; i += 16) {
        unsigned mask = 0;
        for (int k = 0; k < 16; k++) mask |= admitted(s, i + k, to, followers, stop) << k;
        if (mask) return i + __builtin_ctz(mask);
    }
    for (; i < to; i++) {
        if (admitted(s, i, to, followers, stop)) return i;
    }
    return to;
}
