/* LibreOffice conversions for tests (soffice.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "soffice.h"
#include "testutil.h"

char *
so_convert(const char *path, const char *ext, const char *outdir)
{
	/* "xls" needs its filter named; the others are LibreOffice's defaults. */
	const char *filter = strcmp(ext, "xls") == 0 ? "xls:\"MS Excel 97\"" : ext;
	mkdir(outdir, 0700);
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "soffice -env:UserInstallation=file:///tmp/lo-sxsh-%ld --headless "
		 "--convert-to %s --outdir '%s' '%s'",
		 (long)getpid(), filter, outdir, path);
	char *out = NULL, *err = NULL;
	int rc = tu_run(cmd, &out, &err);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	int stem = dot ? (int)(dot - base) : (int)strlen(base);
	char *res = NULL;
	if (asprintf(&res, "%s/%.*s.%s", outdir, stem, base, ext) < 0)
		fail_msg("out of memory");
	struct stat st;
	if (rc != 0 || stat(res, &st) != 0 || st.st_size == 0)
		fail_msg("soffice --convert-to %s %s failed (%d): %s %s", ext, path, rc,
			 out ? out : "", err ? err : "");
	free(out);
	free(err);
	return res;
}
