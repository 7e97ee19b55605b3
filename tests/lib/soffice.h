/*
 * LibreOffice headless conversions for the workbook tests: a file written
 * by one program and saved again by another must read back the same.
 */
#ifndef SXSH_TEST_SOFFICE_H
#define SXSH_TEST_SOFFICE_H

/*
 * Converts the workbook at path to format ext ("xlsx", "ods" or "xls") with
 * `soffice --headless --convert-to`, into the folder outdir (which must not
 * be path's folder when ext is path's own format), under a profile of this
 * process's own.  Returns the path of the new file (malloc'd; the caller
 * frees it); fails the test when soffice fails or writes nothing.
 */
char *so_convert(const char *path, const char *ext, const char *outdir);

#endif
