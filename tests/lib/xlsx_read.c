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

/* Attribute attr of the first element want with attribute key = val (key NULL: any). */
static int
xr_attr_where(const char *xml, const char *want, const char *key, const char *val, const char *attr,
	      char *out, size_t n)
{
	xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
	int found = 0;
	out[0] = '\0';
	while (!found && xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), want) != 0)
			continue;
		if (key != NULL) {
			xmlChar *k = xmlTextReaderGetAttribute(r, (const xmlChar *)key);
			int match = k != NULL && strcmp((const char *)k, val) == 0;
			xmlFree(k);
			if (!match)
				continue;
		}
		xmlChar *a = xmlTextReaderGetAttribute(r, (const xmlChar *)attr);
		if (a != NULL) {
			snprintf(out, n, "%s", (const char *)a);
			xmlFree(a);
			found = 1;
		}
		break;
	}
	xmlFreeTextReader(r);
	return found;
}

int
xr_numfmt(const char *path, int sheet, const char *ref, char *out, size_t n)
{
	/* The built-in formats ECMA-376 Part 1 §18.8.30 numbers without writing them. */
	static const struct {
		int id;
		const char *code;
	} builtin[] = {{0, "General"},	{1, "0"},  {2, "0.00"},	  {3, "#,##0"},
		       {4, "#,##0.00"}, {9, "0%"}, {10, "0.00%"}, {49, "@"}};
	char *xml = xr_sheet(path, sheet), style[32];
	int found = xr_attr_where(xml, "c", "r", ref, "s", style, sizeof(style));
	free(xml);
	out[0] = '\0';
	if (!found) {
		/* A cell without a style shows General; an absent cell is 0. */
		char t[16], v[512];
		if (!xr_cell(path, sheet, ref, t, v, sizeof(v)))
			return 0;
		snprintf(out, n, "General");
		return 1;
	}
	char *styles = xr_part(path, "xl/styles.xml");
	assert_non_null(styles);
	/* cellXfs' xf number style: the xf elements under cellStyleXfs come first. */
	char count[16];
	int skip = xr_attr_where(styles, "cellStyleXfs", NULL, NULL, "count", count, sizeof(count))
		       ? atoi(count)
		       : 0;
	char id[16];
	assert_true(xr_nth_text(styles, "xf", "numFmtId", skip + atoi(style), id, sizeof(id)));
	if (!xr_attr_where(styles, "numFmt", "numFmtId", id, "formatCode", out, n)) {
		for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
			if (builtin[i].id == atoi(id))
				snprintf(out, n, "%s", builtin[i].code);
		if (out[0] == '\0')
			snprintf(out, n, "builtin %s", id);
	}
	free(styles);
	return 1;
}

int
xr_sheet_attr(const char *path, int sheet, const char *want, const char *attr, char *out, size_t n)
{
	char *xml = xr_sheet(path, sheet);
	int found = xr_attr_where(xml, want, NULL, NULL, attr, out, n);
	free(xml);
	return found;
}

double
xr_col_width(const char *path, int sheet, int col)
{
	char *xml = xr_sheet(path, sheet);
	xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
	double w = -1;
	while (w < 0 && xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "col") != 0)
			continue;
		xmlChar *lo = xmlTextReaderGetAttribute(r, (const xmlChar *)"min");
		xmlChar *hi = xmlTextReaderGetAttribute(r, (const xmlChar *)"max");
		xmlChar *wd = xmlTextReaderGetAttribute(r, (const xmlChar *)"width");
		if (lo != NULL && hi != NULL && wd != NULL && atoi((const char *)lo) <= col &&
		    col <= atoi((const char *)hi))
			w = strtod((const char *)wd, NULL);
		xmlFree(lo);
		xmlFree(hi);
		xmlFree(wd);
	}
	xmlFreeTextReader(r);
	free(xml);
	return w;
}

int
xr_row_attr(const char *path, int sheet, int row, const char *attr, char *out, size_t n)
{
	char rs[16];
	snprintf(rs, sizeof(rs), "%d", row);
	char *xml = xr_sheet(path, sheet);
	int found = xr_attr_where(xml, "row", "r", rs, attr, out, n);
	free(xml);
	return found;
}
