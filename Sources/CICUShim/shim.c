#include "cicu_shim.h"

#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/ubrk.h>
#include <unicode/uregex.h>
#include <unicode/utrans.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#define ST(p) ((UErrorCode *)(void *)(p))

// UErrorCode is an int-sized enum; the casts below rely on it, as ICU's own C API users do.
_Static_assert(sizeof(UErrorCode) == sizeof(int32_t), "UErrorCode is not 32-bit");

const char *cicu_error_name(int32_t status) { return u_errorName((UErrorCode)status); }
int32_t cicu_status_buffer_overflow(void) { return U_BUFFER_OVERFLOW_ERROR; }
int32_t cicu_status_regex_time_out(void) { return U_REGEX_TIME_OUT; }

const void *cicu_nfc(int32_t *status) { return unorm2_getNFCInstance(ST(status)); }
int32_t cicu_span_quick_check_yes(const void *nfc, const uint16_t *s, int32_t length, int32_t *status) {
    return unorm2_spanQuickCheckYes((const UNormalizer2 *)nfc, (const UChar *)s, length, ST(status));
}
int32_t cicu_normalize(const void *nfc, const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity, int32_t *status) {
    return unorm2_normalize((const UNormalizer2 *)nfc, (const UChar *)src, length, (UChar *)dest, capacity, ST(status));
}
int cicu_has_boundary_before(const void *nfc, uint32_t c) {
    return unorm2_hasBoundaryBefore((const UNormalizer2 *)nfc, (UChar32)c);
}

cicu_breaker *cicu_break_open(int32_t kind, const char *locale, int32_t *status) {
    return (cicu_breaker *)ubrk_open((UBreakIteratorType)kind, locale, NULL, 0, ST(status));
}
void cicu_break_close(cicu_breaker *bi) { ubrk_close((UBreakIterator *)bi); }
void cicu_break_set_text(cicu_breaker *bi, const uint16_t *text, int32_t length, int32_t *status) {
    ubrk_setText((UBreakIterator *)bi, (const UChar *)text, length, ST(status));
}
int32_t cicu_break_first(cicu_breaker *bi) { return ubrk_first((UBreakIterator *)bi); }
int32_t cicu_break_next(cicu_breaker *bi) { return ubrk_next((UBreakIterator *)bi); }
int32_t cicu_break_following(cicu_breaker *bi, int32_t offset) { return ubrk_following((UBreakIterator *)bi, offset); }
int32_t cicu_break_preceding(cicu_breaker *bi, int32_t offset) { return ubrk_preceding((UBreakIterator *)bi, offset); }
int cicu_break_is_boundary(cicu_breaker *bi, int32_t offset) { return ubrk_isBoundary((UBreakIterator *)bi, offset); }
int32_t cicu_break_rule_status(cicu_breaker *bi) { return ubrk_getRuleStatus((UBreakIterator *)bi); }

int32_t cicu_fold_case(uint16_t *dest, int32_t capacity, const uint16_t *src, int32_t length, int32_t *status) {
    return u_strFoldCase((UChar *)dest, capacity, (const UChar *)src, length, U_FOLD_CASE_DEFAULT, ST(status));
}
int32_t cicu_to_upper(uint16_t *dest, int32_t capacity, const uint16_t *src, int32_t length, int32_t *status) {
    return u_strToUpper((UChar *)dest, capacity, (const UChar *)src, length, "", ST(status));
}

int cicu_is_upper(uint32_t c) { return u_isupper((UChar32)c); }
int cicu_is_lower(uint32_t c) { return u_islower((UChar32)c); }
int cicu_is_alphabetic(uint32_t c) { return u_hasBinaryProperty((UChar32)c, UCHAR_ALPHABETIC); }
int cicu_is_white_space(uint32_t c) { return u_isUWhiteSpace((UChar32)c); }
int cicu_grapheme_break_is_other(uint32_t c) {
    return u_getIntPropertyValue((UChar32)c, UCHAR_GRAPHEME_CLUSTER_BREAK) == U_GCB_OTHER;
}
int cicu_is_wide(uint32_t c) {
    int32_t eaw = u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH);
    return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH || u_hasBinaryProperty((UChar32)c, UCHAR_EMOJI_PRESENTATION);
}

cicu_regex *cicu_regex_open(const uint16_t *pattern, int32_t length, int case_insensitive, int multiline,
                            int32_t *error_line, int32_t *error_offset, int32_t *status) {
    UParseError pe;
    uint32_t flags = (case_insensitive ? UREGEX_CASE_INSENSITIVE : 0) | (multiline ? UREGEX_MULTILINE : 0);
    URegularExpression *re = uregex_open((const UChar *)pattern, length, flags, &pe, ST(status));
    *error_line = pe.line;
    *error_offset = pe.offset;
    return (cicu_regex *)re;
}
cicu_regex *cicu_regex_clone(const cicu_regex *re, int32_t *status) {
    return (cicu_regex *)uregex_clone((const URegularExpression *)re, ST(status));
}
void cicu_regex_close(cicu_regex *re) { uregex_close((URegularExpression *)re); }
void cicu_regex_set_text(cicu_regex *re, const uint16_t *text, int32_t length, int32_t *status) {
    uregex_setText((URegularExpression *)re, (const UChar *)text, length, ST(status));
}
int cicu_regex_find_next(cicu_regex *re, int32_t *status) { return uregex_findNext((URegularExpression *)re, ST(status)); }
int32_t cicu_regex_start(cicu_regex *re, int32_t group, int32_t *status) { return uregex_start((URegularExpression *)re, group, ST(status)); }
int32_t cicu_regex_end(cicu_regex *re, int32_t group, int32_t *status) { return uregex_end((URegularExpression *)re, group, ST(status)); }
int32_t cicu_regex_group_count(cicu_regex *re, int32_t *status) { return uregex_groupCount((URegularExpression *)re, ST(status)); }
void cicu_regex_set_time_limit(cicu_regex *re, int32_t limit, int32_t *status) {
    uregex_setTimeLimit((URegularExpression *)re, limit, ST(status));
}
void cicu_regex_set_region(cicu_regex *re, int32_t start, int32_t limit, int32_t *status) {
    URegularExpression *r = (URegularExpression *)re;
    uregex_setRegion(r, start, limit, ST(status));
    uregex_useTransparentBounds(r, 1, ST(status));
    uregex_useAnchoringBounds(r, 0, ST(status));
}

cicu_translit *cicu_translit_open(const uint16_t *id, int32_t id_length, int32_t *status) {
    UParseError pe;
    return (cicu_translit *)utrans_openU((const UChar *)id, id_length, UTRANS_FORWARD, NULL, 0, &pe, ST(status));
}
void cicu_translit_close(cicu_translit *t) { utrans_close((UTransliterator *)t); }
int32_t cicu_translit_apply(cicu_translit *t, uint16_t *text, int32_t *length, int32_t capacity, int32_t *status) {
    int32_t limit = *length;
    int32_t len = *length;
    utrans_transUChars((const UTransliterator *)t, (UChar *)text, &len, capacity, 0, &limit, ST(status));
    if (*status == U_BUFFER_OVERFLOW_ERROR) return len;
    *length = len;
    return 0;
}

int32_t cicu_script(uint32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)c, &status);
    return U_FAILURE(status) ? -1 : (int32_t)code;
}
const char *cicu_script_name(int32_t script) { return uscript_getName((UScriptCode)script); }

cicu_spoof *cicu_spoof_open(int32_t *status) {
    USpoofChecker *sc = uspoof_open(ST(status));
    if (U_SUCCESS(*ST(status))) uspoof_setChecks(sc, USPOOF_CONFUSABLE, ST(status));
    if (U_FAILURE(*ST(status)) && sc) { uspoof_close(sc); return NULL; }
    return (cicu_spoof *)sc;
}
void cicu_spoof_close(cicu_spoof *sc) { uspoof_close((USpoofChecker *)sc); }
int cicu_spoof_are_confusable(const cicu_spoof *sc, const uint16_t *a, int32_t alen, const uint16_t *b, int32_t blen, int32_t *status) {
    return uspoof_areConfusable((const USpoofChecker *)sc, (const UChar *)a, alen, (const UChar *)b, blen, ST(status));
}
