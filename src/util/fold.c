/*
 * Diacritic- and case-insensitive search keys through utf8proc (see fold.h).
 * utf8proc decomposes and strips combining marks; Vietnamese đ/Đ has no
 * decomposition, so it is mapped to d by hand.
 */
#include "util/fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/alloc.h"
#include "util/buf.h"

int
utf8_width(const char *s)
{
	int w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

int
utf8_valid(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)len;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
		if (n < 0 || cp < 0)
			return 0;
		p += n;
		left -= n;
	}
	return 1;
}

char *
fold_key(const char *s)
{
	struct buf out;
	buf_init(&out, strlen(s) * 4 + 16);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
	int space = 1; /* suppress leading space */
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
		if (n < 0) {
			p++;
			left--;
			continue;
		}
		p += n;
		left -= n;
		if (cp == 0x0110 || cp == 0x0111) /* Đ đ */
			cp = 'd';
		const utf8proc_property_t *prop = utf8proc_get_property(cp);
		if (prop->category == UTF8PROC_CATEGORY_ZS || cp == '\t' || cp == '\n' ||
		    cp == '\r') {
			if (!space)
				buf_putc(&out, ' ');
			space = 1;
			continue;
		}
		utf8proc_int32_t dec[8];
		int lastbound = 0;
		utf8proc_ssize_t m = utf8proc_decompose_char(
		    cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
		    &lastbound);
		if (m < 0 || m > 8)
			continue;
		for (utf8proc_ssize_t i = 0; i < m; i++) {
			utf8proc_uint8_t enc[4];
			utf8proc_int32_t c = dec[i];
			if (c == 0x0111)
				c = 'd';
			utf8proc_ssize_t k = utf8proc_encode_char(c, enc);
			buf_append(&out, enc, (size_t)k);
		}
		if (m > 0) /* a lone combining mark folds to nothing: no word yet */
			space = 0;
	}
	if (out.len > 0 && out.data[out.len - 1] == ' ')
		out.data[--out.len] = '\0';
	return buf_detach(&out, NULL);
}

char *
fold_place_key(const char *s)
{
	/* folded, longest first so that "thi xa" is tried before "xa"; then the usual short forms
	 */
	static const char *const kinds[] = {
	    "thanh pho ", "thi tran ", "thi xa ", "huyen ", "phuong ", "quan ", "tinh ", "xa ",
	    "tp. ",	  "tp ",       "tx. ",	  "tx ",    "tt. ",    "tt ",	"h. "};
	char *k = fold_key(s);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t n = strlen(kinds[i]);
		if (strncmp(k, kinds[i], n) == 0 && k[n] != '\0') {
			memmove(k, k + n, strlen(k + n) + 1);
			break;
		}
	}
	return k;
}
