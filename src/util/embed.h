/*
 * Files embedded in the binary at build time (tools/embed.c): migrations,
 * reference data, templates and static assets, addressed by their path in
 * the source tree ("migrations/sqlite/0001_init.sql").
 */
#ifndef SXSH_UTIL_EMBED_H
#define SXSH_UTIL_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *name;
	const unsigned char *data; /* NUL-terminated; the NUL is not in len */
	size_t len;
};

extern const struct embed_file embed_files[];
extern const size_t embed_nfiles;

/* Returns the file named name, or NULL. */
const struct embed_file *embed_find(const char *name);

#endif
