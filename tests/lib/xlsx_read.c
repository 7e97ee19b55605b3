/*
 * Workbook reading for the tests (see xlsx_read.h).
 */
#include "xlsx_read.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/xmlreader.h>
#include <zip.h>

char *
xr_part(const char *path, const char *name)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (z == NULL)
		fail_msg("%s: not a zip (%d)", path, zerr);
	zip_stat_t st;
	char *s = NULL;
	if (zip_stat(z, name, 0, &st) == 0) {
		zip_file_t *f = zip_fopen(z, name, 0);
		assert_non_null(f);
		s = malloc(st.size + 1);
		assert_int_equal(zip_fread(f, s, st.size), (zip_int64_t)st.size);
		s[st.size] = '\0';
		zip_fclose(f);
	}
	zip_close(z);
	return s;
}

int
xr_nth_text(const char *xml, const char *want, const char *attr, int idx, char *out, size_t n)
{
	xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
	int seen = -1, found = 0;
	out[0] = '\0';
	while (xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), want) != 0)
			continue;
		if (++seen != idx)
			continue;
		xmlChar *s = attr != NULL ? xmlTextReaderGetAttribute(r, (const xmlChar *)attr)
					  : xmlTextReaderReadString(r);
		if (s != NULL) {
			snprintf(out, n, "%s", (const char *)s);
			xmlFree(s);
		}
		found = 1;
		break;
	}
	xmlFreeTextReader(r);
	return found;
}

/* The sheet part of sheet number sheet; fails the test when absent. */
static char *
xr_sheet(const char *path, int sheet)
{
	char name[64];
	snprintf(name, sizeof(name), "xl/worksheets/sheet%d.xml", sheet);
	char *xml = xr_part(path, name);
	if (xml == NULL)
		fail_msg("%s: no %s", path, name);
	return xml;
}

int
xr_cell(const char *path, int sheet, const char *ref, char *type, char *val, size_t n)
{
	char *xml = xr_sheet(path, sheet);
	xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
	int found = 0;
	type[0] = val[0] = '\0';
	while (!found && xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "c") != 0)
			continue;
		xmlChar *at = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
		found = at != NULL && strcmp((const char *)at, ref) == 0;
		xmlFree(at);
		if (!found)
			continue;
		xmlChar *t = xmlTextReaderGetAttribute(r, (const xmlChar *)"t");
		snprintf(type, 16, "%s", t != NULL ? (const char *)t : "n");
		xmlFree(t);
		xmlChar *v = xmlTextReaderReadString(r);
		snprintf(val, n, "%s", v != NULL ? (const char *)v : "");
		xmlFree(v);
	}
	xmlFreeTextReader(r);
	free(xml);
	if (found && strcmp(type, "s") == 0) {
		char *ss = xr_part(path, "xl/sharedStrings.xml");
		assert_non_null(ss);
		assert_true(xr_nth_text(ss, "si", NULL, atoi(val), val, n));
		free(ss);
	}
	return found;
}

int
xr_rows(const char *path, int sheet)
{
	char *xml = xr_sheet(path, sheet);
	xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
	int rows = 0;
	while (xmlTextReaderRead(r) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "row") == 0)
			rows++;
	xmlFreeTextReader(r);
	free(xml);
	return rows;
}
