/*
 * libFuzzer driver over the spreadsheet reader (model/io/sheetread.c).  The
 * first byte of the input picks the format (0 mod 3: .xlsx, 1: .ods, 2:
 * .xls); the rest is the file, written to a temporary file since the reader
 * takes a path.  Besides not crashing, the reader must keep its contract:
 * rows increasing within a sheet, cells sorted by column without repeats,
 * every address inside Excel's limits, a reason whenever it returns -1.
 * Built and run by scripts/fuzz.sh (seed corpus tests/fuzz/corpus/sheetread).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/io/sheetread.h"

struct seen {
	int sheet;
	long row;
};

static int
check_row(void *ctx, const struct sheetread_sheet *sh, long row, const struct sheetread_cell *cells,
	  int ncells)
{
	struct seen *s = ctx;
	if (sh->index < s->sheet || sh->name == NULL || ncells <= 0 || row < 1 || row > 1048576)
		abort();
	if (sh->index == s->sheet && row <= s->row)
		abort();
	s->sheet = sh->index;
	s->row = row;
	for (int i = 0; i < ncells; i++) {
		if (cells[i].col < 1 || cells[i].col > 16384 || cells[i].text == NULL)
			abort();
		if (i > 0 && cells[i].col <= cells[i - 1].col)
			abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	static const char *ext[3] = {"xlsx", "ods", "xls"};
	if (size < 1)
		return 0;
	int fmt = data[0] % 3;
	snprintf(path, sizeof path, "/tmp/fuzz_sheetread_%ld.%s", (long)getpid(), ext[fmt]);
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		abort();
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	struct seen s = {-1, 0};
	char err[256];
	int rc = sheetread_path(path, (enum sheetread_format)fmt, check_row, &s, err, sizeof err);
	if (rc == -1 && err[0] == '\0')
		abort();
	unlink(path);
	return 0;
}
