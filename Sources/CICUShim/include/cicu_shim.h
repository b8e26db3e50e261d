// The ICU functions mtlint uses, under stable names and with plain C types only.
//
// ICU renames every function with a version suffix through macros that Swift cannot import,
// and Foundation on Linux carries a private ICU whose C types (enum UErrorCode, ...) clash
// with the system's wherever both are visible. This header therefore never includes an ICU
// header: only shim.c does, and Swift sees int32_t, uint16_t and opaque pointers.
#ifndef CICU_SHIM_H
#define CICU_SHIM_H

#include <stdint.h>

typedef struct cicu_breaker cicu_breaker;
typedef struct cicu_regex cicu_regex;
typedef struct cicu_translit cicu_translit;
typedef struct cicu_spoof cicu_spoof;

const char *cicu_error_name(int32_t status);
int32_t cicu_status_buffer_overflow(void);
int32_t cicu_status_regex_time_out(void);

// Normalization (NFC)
const void *cicu_nfc(int32_t *status);
int32_t cicu_span_quick_check_yes(const void *nfc, const uint16_t *s, int32_t length, int32_t *status);
int32_t cicu_normalize(const void *nfc, const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity, int32_t *status);
int cicu_has_boundary_before(const void *nfc, uint32_t c);

// Break iteration; kind: 0 grapheme, 1 word, 3 sentence. Boundaries are -1 when done.
cicu_breaker *cicu_break_open(int32_t kind, const char *locale, int32_t *status);
void cicu_break_close(cicu_breaker *bi);
void cicu_break_set_text(cicu_breaker *bi, const uint16_t *text, int32_t length, int32_t *status);
int32_t cicu_break_first(cicu_breaker *bi);
int32_t cicu_break_next(cicu_breaker *bi);
int32_t cicu_break_following(cicu_breaker *bi, int32_t offset);
int32_t cicu_break_preceding(cicu_breaker *bi, int32_t offset);
int cicu_break_is_boundary(cicu_breaker *bi, int32_t offset);
int32_t cicu_break_rule_status(cicu_breaker *bi);

// Case mapping
int32_t cicu_fold_case(uint16_t *dest, int32_t capacity, const uint16_t *src, int32_t length, int32_t *status);
int32_t cicu_to_upper(uint16_t *dest, int32_t capacity, const uint16_t *src, int32_t length, int32_t *status);

// Character properties
int cicu_is_upper(uint32_t c);
int cicu_is_lower(uint32_t c);
int cicu_is_alphabetic(uint32_t c);
int cicu_is_white_space(uint32_t c);
/// Whether the scalar's Grapheme_Cluster_Break is Other.
int cicu_grapheme_break_is_other(uint32_t c);
/// East Asian Wide or Fullwidth, or an emoji with emoji presentation.
int cicu_is_wide(uint32_t c);

// Scripts: the UScriptCode of a code point (0 Common, 1 Inherited, 25 Latin, ...) and its name.
int32_t cicu_script(uint32_t c);
const char *cicu_script_name(int32_t script);

// Spoof checking: whether two strings are confusable (look alike).
cicu_spoof *cicu_spoof_open(int32_t *status);
void cicu_spoof_close(cicu_spoof *sc);
int cicu_spoof_are_confusable(const cicu_spoof *sc, const uint16_t *a, int32_t alen, const uint16_t *b, int32_t blen, int32_t *status);

// Regular expressions
cicu_regex *cicu_regex_open(const uint16_t *pattern, int32_t length, int case_insensitive, int multiline,
                            int32_t *error_line, int32_t *error_offset, int32_t *status);
cicu_regex *cicu_regex_clone(const cicu_regex *re, int32_t *status);
void cicu_regex_close(cicu_regex *re);
void cicu_regex_set_text(cicu_regex *re, const uint16_t *text, int32_t length, int32_t *status);
int cicu_regex_find_next(cicu_regex *re, int32_t *status);
int32_t cicu_regex_start(cicu_regex *re, int32_t group, int32_t *status);
int32_t cicu_regex_end(cicu_regex *re, int32_t group, int32_t *status);
int32_t cicu_regex_group_count(cicu_regex *re, int32_t *status);
void cicu_regex_set_time_limit(cicu_regex *re, int32_t limit, int32_t *status);
/// Matches only within [start, limit), with lookarounds and anchors that see the whole text
/// (transparent, non-anchoring bounds), until the next text is set.
void cicu_regex_set_region(cicu_regex *re, int32_t start, int32_t limit, int32_t *status);

// Transliteration (e.g. "Any-Latin; Latin-ASCII"); in place, growing up to capacity.
cicu_translit *cicu_translit_open(const uint16_t *id, int32_t id_length, int32_t *status);
void cicu_translit_close(cicu_translit *t);
/// Transliterates text[0..<*length] in place; *length becomes the new length. Returns 0 on
/// success, or the capacity needed when it is too small.
int32_t cicu_translit_apply(cicu_translit *t, uint16_t *text, int32_t *length, int32_t capacity, int32_t *status);

#endif
