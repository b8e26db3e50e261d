// Vector scans over UTF-16 text. Swift's SIMD comparisons compile to a loop per lane, and
// an early-exit loop is never vectorized by the compiler, so the vectors are written out:
// sixteen units per AVX2 compare where the processor has it (asked once, at load), else
// eight per SSE2 compare, with a plain loop for the tail and for other machines.
#include "unitscan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define MT_AVX2 1
#include <cpuid.h>
#include <immintrin.h>

// Set before main by a constructor, so never written while a worker reads it.
static int has_avx2 = 0;

// AVX2 needs the processor's flag and the system's saving of the 256-bit registers.
__attribute__((constructor)) static void detect_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX)) return;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return;
    has_avx2 = (b & bit_AVX2) != 0;
}

// Each returns where it stopped: at a hit, or where fewer than sixteen units are left for
// the narrower loops to finish.
__attribute__((target("avx2")))
static ptrdiff_t first_of6_avx2(const uint16_t *s, ptrdiff_t i, ptrdiff_t to,
                                uint16_t a, uint16_t b, uint16_t c, uint16_t d, uint16_t e, uint16_t f, int *found) {
    const __m256i va = _mm256_set1_epi16((short)a), vb = _mm256_set1_epi16((short)b), vc = _mm256_set1_epi16((short)c);
    const __m256i vd = _mm256_set1_epi16((short)d), ve = _mm256_set1_epi16((short)e), vf = _mm256_set1_epi16((short)f);
    for (; i + 16 <= to; i += 16) {
        const __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        __m256i m = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi16(v, va), _mm256_cmpeq_epi16(v, vb)),
                                    _mm256_or_si256(_mm256_cmpeq_epi16(v, vc), _mm256_cmpeq_epi16(v, vd)));
        m = _mm256_or_si256(m, _mm256_or_si256(_mm256_cmpeq_epi16(v, ve), _mm256_cmpeq_epi16(v, vf)));
        const unsigned mask = (unsigned)_mm256_movemask_epi8(m);
        if (mask) { *found = 1; return i + (__builtin_ctz(mask) >> 1); }
    }
    return i;
}

__attribute__((target("avx2")))
static ptrdiff_t first_outside_avx2(const uint16_t *s, ptrdiff_t i, ptrdiff_t to, uint16_t low, uint16_t high, int *found) {
    const __m256i vl = _mm256_set1_epi16((short)low), vh = _mm256_set1_epi16((short)high), zero = _mm256_setzero_si256();
    for (; i + 16 <= to; i += 16) {
        const __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        const __m256i below = _mm256_cmpeq_epi16(_mm256_subs_epu16(vl, v), zero);
        const __m256i above = _mm256_cmpeq_epi16(_mm256_subs_epu16(v, vh), zero);
        const unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_and_si256(below, above)) ^ 0xFFFFFFFFu;
        if (mask) { *found = 1; return i + (__builtin_ctz(mask) >> 1); }
    }
    return i;
}
#endif

static inline ptrdiff_t first_of6(const uint16_t *s, ptrdiff_t from, ptrdiff_t to,
                                  uint16_t a, uint16_t b, uint16_t c, uint16_t d, uint16_t e, uint16_t f, int wide) {
    ptrdiff_t i = from;
#if defined(MT_AVX2)
    if (wide) {
        int found = 0;
        i = first_of6_avx2(s, i, to, a, b, c, d, e, f, &found);
        if (found) return i;
    }
#endif
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

static inline ptrdiff_t first_outside(const uint16_t *s, ptrdiff_t from, ptrdiff_t to, uint16_t low, uint16_t high, int wide) {
    ptrdiff_t i = from;
#if defined(MT_AVX2)
    if (wide) {
        int found = 0;
        i = first_outside_avx2(s, i, to, low, high, &found);
        if (found) return i;
    }
#endif
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

// Whether the follower set of the unit at `i` admits the ones after and before it, or the
// unit is not ASCII and `stop` says so: without a branch, since which units anchor a factor
// follows no pattern a branch predictor could learn, and a mispredicted branch per unit cost
// more than all the arithmetic here. The unit before tells most of all where a factor ends
// in its anchor ("[\t ][,.]" anchored on the comma, which follows a letter nearly always).
static inline unsigned admitted(const uint16_t *s, ptrdiff_t i, ptrdiff_t to, const mt_follower *followers, unsigned stop) {
    const uint16_t u = s[i];
    const uint16_t next = i + 1 < to ? s[i + 1] : 0xFFFF;
    const uint16_t prev = i > 0 ? s[i - 1] : 0xFFFF;
    const mt_follower *f = &followers[u & 127];
    const uint64_t bits = next < 64 ? f->low : f->high;
    const unsigned ascii_next = (unsigned)((bits >> (next & 63)) & 1);
    const unsigned after = next < 128 ? ascii_next : (f->other != 0);
    const uint64_t before_bits = prev < 64 ? f->before_low : f->before_high;
    const unsigned ascii_prev = (unsigned)((before_bits >> (prev & 63)) & 1);
    const unsigned before = prev < 128 ? ascii_prev : (f->before_other != 0);
    return u < 128 ? (after & before) : stop;
}

#if defined(__SSE2__)
// All ones in the lanes whose unit is in [low, low + span].
static inline __m128i in_range(__m128i v, short low, short span) {
    return _mm_cmpeq_epi16(_mm_subs_epu16(_mm_sub_epi16(v, _mm_set1_epi16(low)), _mm_set1_epi16(span)), _mm_setzero_si128());
}
#endif

#if defined(MT_AVX2)
// The lanes whose unit is ASCII and in the set `rows` describes (see `mt_prefilter_rows`):
// the row of its low nibble, a byte, has the bit of its high nibble.
__attribute__((target("avx2")))
static inline __m256i in_rows_avx2(__m256i v, __m256i rows) {
    const __m256i nibble = _mm256_set1_epi16(0x0F), zero = _mm256_setzero_si256();
    const __m256i bits = _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0,
                                          1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i row = _mm256_shuffle_epi8(rows, _mm256_and_si256(v, nibble));
    const __m256i bit = _mm256_shuffle_epi8(bits, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
    // The shuffles read the high byte of each lane too: only the low byte's result counts.
    const __m256i hit = _mm256_and_si256(_mm256_and_si256(row, bit), _mm256_set1_epi16(0x00FF));
    const __m256i ascii = _mm256_cmpeq_epi16(_mm256_and_si256(v, _mm256_set1_epi16((short)0xFF80)), zero);
    return _mm256_andnot_si256(_mm256_cmpeq_epi16(hit, zero), ascii);
}

// `mt_prefilter_next`'s pass over plain units, sixteen at a time: a unit is tried only when
// it anchors a factor (`rows`), is a space before `space_before`, or is beyond ASCII when
// `stop` says so.
__attribute__((target("avx2")))
static ptrdiff_t prefilter_avx2(const uint16_t *s, ptrdiff_t i, ptrdiff_t to, const mt_follower *followers, unsigned stop,
                                uint16_t space_before, const uint8_t *rows, int *found) {
    const __m256i table = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)rows));
    for (; i + 17 <= to; i += 16) {
        const __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        __m256i tried = in_rows_avx2(v, table);
        if (space_before) {
            const __m256i next = _mm256_loadu_si256((const __m256i *)(s + i + 1));
            tried = _mm256_or_si256(tried, _mm256_and_si256(_mm256_cmpeq_epi16(next, _mm256_set1_epi16((short)space_before)),
                                                            _mm256_cmpeq_epi16(v, _mm256_set1_epi16(0x20))));
        }
        if (stop) {
            const __m256i ascii = _mm256_cmpeq_epi16(_mm256_and_si256(v, _mm256_set1_epi16((short)0xFF80)), _mm256_setzero_si256());
            tried = _mm256_or_si256(tried, _mm256_xor_si256(ascii, _mm256_set1_epi16(-1)));
        }
        unsigned others = (unsigned)_mm256_movemask_epi8(tried);
        while (others) {
            const int k = __builtin_ctz(others) >> 1;
            if (admitted(s, i + k, to, followers, stop)) { *found = 1; return i + k; }
            others &= ~(3u << (2 * k));
        }
    }
    return i;
}
#endif

ptrdiff_t mt_prefilter_next(const uint16_t *s, ptrdiff_t from, ptrdiff_t to,
                            const mt_follower *followers, int stop_at_non_ascii, unsigned never,
                            uint16_t space_before, const uint8_t *rows) {
    const unsigned stop = stop_at_non_ascii != 0;
    ptrdiff_t i = from;
#if defined(MT_AVX2)
    if (has_avx2 && rows) {
        int found = 0;
        i = prefilter_avx2(s, i, to, followers, stop, space_before, rows, &found);
        if (found) return i;
    }
#else
    (void)rows;
#endif
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

#if !defined(MT_AVX2)
static const int has_avx2 = 0;
#endif

ptrdiff_t mt_first_of6(const uint16_t *s, ptrdiff_t from, ptrdiff_t to,
                       uint16_t a, uint16_t b, uint16_t c, uint16_t d, uint16_t e, uint16_t f) {
    return first_of6(s, from, to, a, b, c, d, e, f, has_avx2);
}

ptrdiff_t mt_first_outside(const uint16_t *s, ptrdiff_t from, ptrdiff_t to, uint16_t low, uint16_t high) {
    return first_outside(s, from, to, low, high, has_avx2);
}

void mt_prefilter_rows(const mt_follower *followers, uint16_t space_before, uint8_t rows[16]) {
    for (int k = 0; k < 16; k++) rows[k] = 0;
    for (unsigned u = 0; u < 128; u++) {
        const mt_follower *f = &followers[u];
        if (!(f->low | f->high | f->other)) continue;
        if (u == 0x20 && space_before) continue;
        rows[u & 15] |= (uint8_t)(1u << (u >> 4));
    }
}

ptrdiff_t mt_first_of6_narrow(const uint16_t *s, ptrdiff_t from, ptrdiff_t to,
                              uint16_t a, uint16_t b, uint16_t c, uint16_t d, uint16_t e, uint16_t f) {
    return first_of6(s, from, to, a, b, c, d, e, f, 0);
}

ptrdiff_t mt_first_outside_narrow(const uint16_t *s, ptrdiff_t from, ptrdiff_t to, uint16_t low, uint16_t high) {
    return first_outside(s, from, to, low, high, 0);
}
