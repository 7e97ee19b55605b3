/*
 * Search keys for Vietnamese text: fold case and strip diacritics, so that
 * "sach hon" matches "Sạch Hơn" and "d" matches "đ".  Keys are stored beside
 * the names they come from and compared with plain substring search.
 */
#ifndef SXSH_UTIL_FOLD_H
#define SXSH_UTIL_FOLD_H

#include <stddef.h>

/*
 * Returns a newly allocated folded key of the UTF-8 string s (the caller
 * frees it), with runs of white space collapsed to one space and trimmed.
 * Invalid UTF-8 is folded byte by byte as Latin-1 would not be: bytes that do
 * not decode are dropped.
 */
char *fold_key(const char *s);

/*
 * fold_key of the name of an administrative unit without the word of its
 * kind in front ("Huyện", "Thành phố", "Thị xã", "Quận", "Xã", "Phường",
 * "Thị trấn", "Tỉnh", and the short forms "TP", "TX", "TT", "H." with or
 * without a dot): "Thành phố Rạch Giá", "TP. Rạch Giá" and "rach gia" give
 * "rach gia".  A name that is only a kind word is kept.  The caller frees.
 */
char *fold_place_key(const char *s);

/*
 * The width of UTF-8 text in characters (code points, not bytes): what a
 * terminal shows for composed Vietnamese text, and a column width for Excel.
 */
int utf8_width(const char *s);

/* Returns 1 when s is valid UTF-8, else 0. */
int utf8_valid(const char *s, size_t len);

#endif
