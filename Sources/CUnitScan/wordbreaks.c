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

static inline uint64_t hash_add(uint64_t h, uint16_t u) { return (h ^ (uint64_t)u) * 0x00000100000001B3ULL; }

// UnitHash.finish: MurmurHash3's finalizer, never 0.
static inline uint64_t hash_finish(uint64_t x) {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDULL;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ULL;
    x ^= x >> 33;
    return x | 1;
}

static inline uint16_t lower(uint16_t u) { return (u >= 0x41 && u <= 0x5A) ? (u | 0x20) : u; }
static inline int is_ascii_letter(uint16_t u) { return u < 0x80 && (uint16_t)((u | 0x20) - 0x61) < 26; }

static inline uint8_t entry(uint16_t u, const uint8_t *table, uint16_t direct_limit, const uint16_t *extras, ptrdiff_t extra_count) {
    if (u < direct_limit) return table[u];
    for (ptrdiff_t e = 0; e < extra_count; e++) {
        if (extras[e] == u) return table[direct_limit + e];
    }
    return UNSUPPORTED;
}

ptrdiff_t mt_word_segments(const uint16_t *text, ptrdiff_t from, ptrdiff_t to,
                           const uint8_t *table, uint16_t direct_limit,
                           const uint16_t *extras, ptrdiff_t extra_count,
                           mt_segment *out, ptrdiff_t cap, ptrdiff_t *next, int *unknown) {
#define ENTRY(k) entry(text[k], table, direct_limit, extras, extra_count)
#define CLS(k) (ENTRY(k) & CLASS_MASK)
    ptrdiff_t i = from, written = 0;
    *unknown = 0;
    while (i < to && written < cap) {
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
            uint64_t h = hash_add(0xCBF29CE484222325ULL, lower(text[i]));
            for (;;) {
                ptrdiff_t k = i + 1;
                if (k >= to) { i = k; break; }
                // Inside a word of ASCII letters, which is most of any text: a tight loop, the
                // classes being known ("@", a letter to ICU 72, is left to the table).
                if (c == LETTER && is_ascii_letter(text[k])) {
                    do { h = hash_add(h, text[k] | 0x20); k += 1; } while (k < to && is_ascii_letter(text[k]));
                    previous = LETTER;
                    i = k - 1;
                    continue;
                }
                const int nx = CLS(k);
                if (nx == LETTER || nx == NUMERIC || nx == EXTEND_NUM_LET) {
                    previous = c;
                    c = nx;
                    ascii = ascii && text[k] < 0x80;
                    h = hash_add(h, lower(text[k]));
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
                        h = hash_add(hash_add(h, text[k]), lower(text[k + 1]));
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
            hash = ascii ? hash_finish(h) : 0;
            space = 0;
            break;
        }
        default:
            // One unit: a line feed is a line break; any other is white space or not by itself.
            breaks = text[i] == 0x0A;
            i += 1;
            break;
        }
        mt_segment *s = &out[written++];
        s->start = start;
        s->end = i;
        s->foldedHash = hash;
        s->breakCount = breaks;
        s->kindValue = kind;
        s->isSpaceValue = space;
        // A word, one space and the next word is most of prose: the space is written here,
        // the same segment the space case would make, so that the next turn starts on the
        // word without a hard-to-predict jump through the switch.
        if (kind != KIND_OTHER && written < cap && i + 1 < to && text[i] == 0x20 && is_ascii_letter(text[i + 1])) {
            mt_segment *g = &out[written++];
            g->start = i;
            g->end = i + 1;
            g->foldedHash = 0;
            g->breakCount = 0;
            g->kindValue = KIND_OTHER;
            g->isSpaceValue = 1;
            i += 1;
        }
    }
    *next = i;
    return written;
#undef CLS
#undef ENTRY
}
