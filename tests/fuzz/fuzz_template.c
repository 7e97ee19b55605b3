/*
 * libFuzzer driver over the template filler (html_template in
 * src/render/html.c) with fuzzed template text and values.  The input is
 * split at NUL bytes: the template, then the values of the placeholders
 * {{a}}, {{name}} and {{x}} (missing ones are empty).  Each value is
 * escaped with html_text first, as every page does.  Built and run by
 * scripts/fuzz.sh.
 *
 * Invariants: the output holds no more '<' than the template (so none came
 * from a value); a template without "{{" is copied unchanged with 0; the
 * output stays within its buffer's bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/html.h"
#include "util/alloc.h"
#include "util/buf.h"

#define OUT_MAX (256u * 1024)

static size_t
count_lt(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '<';
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"a", "name", "x"};
	enum { NV = sizeof(names) / sizeof(names[0]) };
	char *copy = xmalloc(size + 1), *parts[NV + 1];
	memcpy(copy, data, size);
	copy[size] = '\0';
	char *p = copy, *end = copy + size;
	for (size_t i = 0; i < NV + 1; i++) {
		parts[i] = p;
		if (p < end)
			p += strlen(p) + 1;
		if (p > end)
			p = end; /* the input ended in NUL: later values are empty */
	}

	struct buf vals[NV], out;
	struct html_var vars[NV];
	for (size_t i = 0; i < NV; i++) {
		buf_init(&vals[i], OUT_MAX);
		html_text(&vals[i], parts[i + 1]);
		if (strchr(buf_str(&vals[i]), '<') != NULL)
			abort();
		vars[i].name = names[i];
		vars[i].html = buf_str(&vals[i]);
	}
	buf_init(&out, OUT_MAX);
	int rc = html_template(&out, parts[0], vars, NV);
	const char *res = buf_str(&out);
	if (out.len > OUT_MAX || count_lt(res) > count_lt(parts[0]))
		abort();
	if (strstr(parts[0], "{{") == NULL && (rc != 0 || strcmp(res, parts[0]) != 0))
		abort();
	buf_free(&out);
	for (size_t i = 0; i < NV; i++)
		buf_free(&vals[i]);
	free(copy);
	return 0;
}
