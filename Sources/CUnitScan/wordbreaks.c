// The fast word segmenter's loop (see FastWordBreaks.swift, which documents the rules and
// holds the tables). In Swift the loop cost more than the rest of the tokenizer: bounds
// checks, a closure call and an array append per segment. Here it writes segments into the
// caller's buffer, resumable at any segment's start.
//
// A segment is white space when every unit of it is; ICU's rules give CR LF, a run of
// spaces, and single units otherwise, and a word (the only segments that may mix classes)
// is never white space.
#include "wordbreaks.h"

enum {
    UNSUPPORTED = 0, OTHER, CR, LF, NEWLINE, LETTER, NUMERIC, MID_NUM_LET, MID_NUM, EXTEND_NUM_LET, SPACE
};
enum { KIND_OTHER = 0, KIND_NUMBER = 1, KIND_LETTERS = 2 };
#define WHITE 0x80
#define CLASS_MASK 0x7F

// UnitHash (ICUText/UnitHash.swift, which defines it): units four to a 64-bit block, the
// first in the low bits, the last block padded with zeros; each block mixed into the state
// by `unit_hash_step`; the unit count added and MurmurHash3's finalizer at the end.
static inline uint64_t unit_hash_step(uint64_t h, uint64_t block) {
    const uint64_t x = (h ^ block) * 0x9E3779B97F4A7C15ULL;
    return (x << 31) | (x >> 33);
}

// UnitHash.finish: MurmurHash3's finalizer, never 0.
static inline uint64_t hash_finish(uint64_t x) {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDULL;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ULL;
    x ^= x >> 33;
    return x | 1;
}

typedef struct {
    uint64_t state;
    uint64_t block;
    uint32_t count;
} unit_hash;

static const unit_hash unit_hash_start = { 0xCBF29CE484222325ULL, 0, 0 };

static inline void unit_hash_add(unit_hash *h, uint16_t u) {
    h->block |= (uint64_t)u << (16 * (h->count & 3));
    h->count += 1;
    if ((h->count & 3) == 0) {
        h->state = unit_hash_step(h->state, h->block);
        h->block = 0;
    }
}

static inline uint64_t unit_hash_finish(unit_hash h) {
    if (h.count & 3) h.state = unit_hash_step(h.state, h.block);
    return hash_finish(h.state + h.count);
}

static inline int is_ascii_letter(uint16_t u) { return u < 0x80 && (uint16_t)((u | 0x20) - 0x61) < 26; }

// The ASCII letters that start the 8 units at `p` (0–8), hashed lower-cased into `h`, whose
// count must be a multiple of 4. Eight units at a time, because the end of a word is where
// a unit-by-unit loop mispredicts its branch, once a word.
#if defined(__SSE2__)
#include <emmintrin.h>
static const uint16_t prefix_masks[9][8] __attribute__((aligned(16))) = {
    {0}, {0xFFFF}, {0xFFFF, 0xFFFF}, {0xFFFF, 0xFFFF, 0xFFFF}, {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF},
    {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF}, {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF},
    {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF},
    {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF}};

static inline int letters8(const uint16_t *p, unit_hash *h) {
    const __m128i v = _mm_loadu_si128((const __m128i *)p);
    const __m128i lower = _mm_or_si128(v, _mm_set1_epi16(0x20));
    // (u | 0x20) - 'a' below 26, unsigned: SSE2 compares 16-bit lanes only as signed, so
    // both sides are shifted by 0x8000.
    const __m128i offset = _mm_xor_si128(_mm_sub_epi16(lower, _mm_set1_epi16(0x61)), _mm_set1_epi16((short)0x8000));
    const __m128i letter = _mm_cmplt_epi16(offset, _mm_set1_epi16((short)(0x8000 + 26)));
    const unsigned bits = (unsigned)_mm_movemask_epi8(letter);
    const int run = __builtin_ctz(~bits) >> 1;
    const __m128i word = _mm_and_si128(lower, _mm_load_si128((const __m128i *)prefix_masks[run]));
    const uint64_t first = (uint64_t)_mm_cvtsi128_si64(word);
    const uint64_t second = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(word, word));
    const uint64_t afterFirst = unit_hash_step(h->state, first);
    if (run == 8) {
        h->state = unit_hash_step(afterFirst, second);
        h->block = 0;
    } else {
        h->state = run >= 4 ? afterFirst : h->state;
        h->block = run >= 4 ? second : first;
    }
    h->count += (uint32_t)run;
    return run;
}
#else
static inline int letters8(const uint16_t *p, unit_hash *h) {
    int run = 0;
    while (run < 8 && is_ascii_letter(p[run])) {
        unit_hash_add(h, p[run] | 0x20);
        run += 1;
    }
    return run;
}
#endif

static inline uint16_t lower(uint16_t u) { return (u >= 0x41 && u <= 0x5A) ? (u | 0x20) : u; }
static inline uint8_t entry(uint16_t u, const uint8_t *table, uint16_t direct_limit, const uint16_t *extras, ptrdiff_t extra_count) {
    if (u < direct_limit) return table[u];
    for (ptrdiff_t e = 0; e < extra_count; e++) {
        if (extras[e] == u) return table[direct_limit + e];
    }
    return UNSUPPORTED;
}

static inline void put(mt_segment *s, ptrdiff_t start, ptrdiff_t end, uint64_t hash, uint32_t breaks, uint8_t kind, uint8_t space,
                       uint8_t initial) {
    s->start = start;
    s->end = end;
    s->foldedHash = hash;
    s->breakCount = breaks;
    s->kindValue = kind;
    s->isSpaceValue = space;
    s->initialValue = initial;
}

// A word of letters written, hashed `hash` (0 beyond ASCII): whether it may repeat the last.
static inline void note_word(mt_repeat_state *r, uint64_t hash) {
    if (r->after_word && r->breaks <= 1 && (hash == r->last_hash || hash == 0 || r->last_hash == 0)) r->may_repeat = 1;
    r->last_hash = hash;
    r->after_word = 1;
    r->breaks = 0;
}

ptrdiff_t mt_word_segments(const uint16_t *text, ptrdiff_t from, ptrdiff_t to,
                           const uint8_t *table, uint16_t direct_limit,
                           const uint16_t *extras, ptrdiff_t extra_count,
                           mt_segment *out, ptrdiff_t cap, ptrdiff_t *next, int *unknown,
                           mt_repeat_state *repeat) {
#define ENTRY(k) entry(text[k], table, direct_limit, extras, extra_count)
#define CLS(k) (ENTRY(k) & CLASS_MASK)
    ptrdiff_t i = from, written = 0;
    *unknown = 0;
    while (i < to && written < cap) {
        // Most segments of prose: a word of ASCII letters that the next unit ends, with no
        // look at the class table until then. Anything else (a word that goes on with a
        // digit, an apostrophe or an accent; one near the end of the range) is segmented
        // below, from its start.
        if (is_ascii_letter(text[i]) && i + 9 <= to) {
            unit_hash h = unit_hash_start;
            ptrdiff_t k = i;
            int run;
            do {
                run = letters8(text + k, &h);
                k += run;
            } while (run == 8 && k + 9 <= to);
            // k < to - 1 once a run is short of 8.
            const uint16_t u = text[k];
            int ends = 0;
            if (run < 8 && u == 0x20) {
                // A space, after most words.
                ends = 1;
            } else if (run < 8 && u < 0x80) {
                // A middle character joins letters ("can't", "e.g"), a comma or semicolon only
                // digits; every other ASCII character ends a word of letters.
                const int c = table[u] & CLASS_MASK;
                const uint16_t after = text[k + 1];
                ends = c == SPACE || c == OTHER || c == CR || c == LF || c == NEWLINE || c == MID_NUM
                    || (c == MID_NUM_LET && after < direct_limit && (table[after] & CLASS_MASK) != LETTER);
            }
            if (ends) {
                const uint64_t hash = unit_hash_finish(h);
                put(&out[written++], i, k, hash, 0, KIND_LETTERS, 0, mt_initial_of(text[i]));
                note_word(repeat, hash);
                i = k;
                // One space before the next word, as below.
                if (written < cap && u == 0x20 && is_ascii_letter(text[k + 1])) {
                    put(&out[written++], k, k + 1, 0, 0, KIND_OTHER, 1, 0);
                    i = k + 1;
                }
                continue;
            }
        }
        const ptrdiff_t start = i;
        const uint8_t e = ENTRY(i);
        const int first = e & CLASS_MASK;
        uint64_t hash = 0;
        uint8_t kind = KIND_OTHER, space = (e & WHITE) != 0;
        uint32_t breaks = 0;
        switch (first) {
        case UNSUPPORTED:
            *next = i;
            *unknown = 1;
            return written;
        case CR:
            // CR, or CR LF: one line break either way.
            i += (i + 1 < to && CLS(i + 1) == LF) ? 2 : 1;
            breaks = 1;
            break;
        case SPACE:
            i += 1;
            while (i < to) {
                const uint8_t f = ENTRY(i);
                if ((f & CLASS_MASK) != SPACE) break;
                space = space && (f & WHITE) != 0;
                i += 1;
            }
            break;
        case LETTER: case NUMERIC: case EXTEND_NUM_LET: {
            // `c`: the class of the word's last character so far; `previous`: that of the one
            // before it, or of the middle character that joined it (-1 for none).
            int c = first, previous = -1, ascii = text[i] < 0x80, stop = 0;
            unit_hash h = unit_hash_start;
            unit_hash_add(&h, lower(text[i]));
            for (;;) {
                ptrdiff_t k = i + 1;
                if (k >= to) { i = k; break; }
                // Inside a word of ASCII letters, which is most of any text: a tight loop, the
                // classes being known ("@", a letter to ICU 72, is left to the table).
                if (c == LETTER && is_ascii_letter(text[k])) {
                    do { unit_hash_add(&h, text[k] | 0x20); k += 1; } while (k < to && is_ascii_letter(text[k]));
                    previous = LETTER;
                    i = k - 1;
                    continue;
                }
                const int nx = CLS(k);
                if (nx == LETTER || nx == NUMERIC || nx == EXTEND_NUM_LET) {
                    previous = c;
                    c = nx;
                    ascii = ascii && text[k] < 0x80;
                    unit_hash_add(&h, lower(text[k]));
                    i = k;
                    continue;
                }
                if (nx == UNSUPPORTED) { stop = 1; break; }
                // A middle character joins two letters ("can't", "e.g") or two digits ("3,5");
                // ICU's letters-only middles, such as "·", are left to ICU (no class here).
                if (k + 1 < to) {
                    const int after = CLS(k + 1);
                    if (after == UNSUPPORTED) { stop = 1; break; }
                    if ((c == LETTER && after == LETTER && nx == MID_NUM_LET)
                        || (c == NUMERIC && after == NUMERIC && (nx == MID_NUM || nx == MID_NUM_LET))) {
                        previous = nx;
                        c = after;
                        ascii = ascii && text[k] < 0x80 && text[k + 1] < 0x80;
                        unit_hash_add(&h, text[k]);
                        unit_hash_add(&h, lower(text[k + 1]));
                        i = k + 1;
                        continue;
                    }
                }
                i = k;
                break;
            }
            if (stop) {
                // The whole segment is ICU's to make, from its start.
                *next = start;
                *unknown = 1;
                return written;
            }
            // ICU's kind is that of the rule that joined the last character: after a letter
            // or a joiner a joiner keeps "letters", after a digit "number"; a lone joiner
            // ("_") is no word, though it carries a hash like one.
            if (c == LETTER) kind = KIND_LETTERS;
            else if (c == NUMERIC) kind = KIND_NUMBER;
            else kind = previous == -1 ? KIND_OTHER : previous == NUMERIC ? KIND_NUMBER : KIND_LETTERS;
            hash = ascii ? unit_hash_finish(h) : 0;
            space = 0;
            break;
        }
        default:
            // One unit: a line feed is a line break; any other is white space or not by itself.
            // ASCII punctuation carries its hash like a word: the phrase pass asks for the hash
            // of every token that is not white space.
            breaks = text[i] == 0x0A;
            if (!space && text[i] < 0x80) {
                unit_hash h = unit_hash_start;
                unit_hash_add(&h, text[i]);
                hash = unit_hash_finish(h);
            }
            i += 1;
            break;
        }
        put(&out[written++], start, i, hash, breaks, kind, space, kind == KIND_LETTERS ? mt_initial_of(text[start]) : 0);
        if (space) {
            repeat->breaks += breaks;
        } else if (kind == KIND_LETTERS) {
            note_word(repeat, hash);
        } else {
            repeat->after_word = 0;
        }
        // A word, one space and the next word is most of prose: the space is written here,
        // the same segment the space case would make, so that the next turn starts on the
        // word without a hard-to-predict jump through the switch.
        if (kind != KIND_OTHER && written < cap && i + 1 < to && text[i] == 0x20 && is_ascii_letter(text[i + 1])) {
            put(&out[written++], i, i + 1, 0, 0, KIND_OTHER, 1, 0);
            i += 1;
        }
    }
    *next = i;
    return written;
#undef CLS
#undef ENTRY
}
