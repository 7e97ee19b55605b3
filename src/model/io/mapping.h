/*
 * Column-mapping profiles: how the columns of a foreign file (the
 * Statistics Office's enterprise list, a consultant's survey sheet, the IAC
 * assessments) become sxsh's facilities or report lines.  A profile names,
 * for each source column by its header text, the field it fills (or skip);
 * for a quantity column the report line it makes (energy of a carrier,
 * output of a product, water, material), its unit and its cost column; for
 * a code column a value map ("Điện" → electricity, SIC "20" → sector 10);
 * and constants every row gets (the administrative unit, the status).
 * The JSON form is docs/mapping-profiles.md; profiles are stored in table
 * mapping_profile with a version, so two saves of one profile conflict
 * instead of overwriting each other.
 *
 * An import through a profile reads the file (CSV through csvio_scan, with
 * its encoding and separator detection; .xlsx/.xls/.ods through
 * sheetread.h), turns each source row into canonical rows and hands them to
 * csvio_rows_*: the same validation and the same all-or-nothing writing as
 * sxsh's own CSV import.  Each problem is reported as "FILE:LINE: column:
 * reason" (a CSV file, column = the source header) or "Sheet!D7: reason"
 * (a workbook).  A profile whose bad_rows is "leave_out" (for data sets
 * where some rows cannot fit, such as the IAC file) still reports every
 * bad row, and then imports the others, all or nothing: imported + left
 * out = rows read.
 */
#ifndef SXSH_MODEL_MAPPING_H
#define SXSH_MODEL_MAPPING_H

#include <stdint.h>
#include <stdio.h>

#include "model/io/csvio.h"
#include "model/msg.h"
#include "model/status.h"

struct db;
struct principal;

/* What a source column does. */
enum mapping_role {
	MAPR_SKIP,  /* nothing: "Bỏ qua" */
	MAPR_FIELD, /* fills one column of the canonical format (csvio_col_name) */
	MAPR_LINE,  /* reports: its value is the quantity of one report line */
};

/* Report line kinds, as the reports format's "line" column names them. */
enum mapping_line { MAPL_OUTPUT, MAPL_ENERGY, MAPL_WATER, MAPL_MATERIAL, MAPL__MAX };

/* One pair of a value map; to NULL: a value deliberately not imported (counted). */
struct mapping_pair {
	char *from, *to;
};

struct mapping_vmap {
	int prefix; /* 1: a key matches a value it begins ("20" matches "2011"), the longest wins */
	int range;  /* 1: keys are number ranges "LO..HI" (either end may be left out) */
	int n;
	struct mapping_pair *p;
};

/* A line's item or unit: the constant value, or the value of column from through map. */
struct mapping_attr {
	char *value;
	char *from;
	struct mapping_vmap map;
};

struct mapping_col {
	char *header; /* the source column's header text */
	enum mapping_role role;
	int field;		  /* MAPR_FIELD: the canonical column */
	struct mapping_vmap map;  /* MAPR_FIELD: the value map (n = 0: values as they are) */
	enum mapping_line line;	  /* MAPR_LINE */
	struct mapping_attr item; /* carrier, product, water source or material name */
	struct mapping_attr unit; /* the unit the values are in */
	char *cost_from;	  /* the header of the column holding the line's cost, or NULL */
	char *currency;		  /* the cost's currency ("VND", "USD"); NULL: VND */
	char *note;		  /* why, where from (a table's source); kept, not used */
};

struct mapping_const {
	int field; /* the canonical column */
	char *value;
};

struct mapping_profile {
	char *name;
	enum csvio_kind target;
	char *description;
	char decimal;  /* how the file writes numbers: '.' (1234.5) or ',' (1.234,5) */
	int leave_out; /* bad_rows "leave_out": bad rows are reported and left out */
	char *sheet;   /* a workbook's sheet to read; NULL: the first */
	/*
	 * Facilities: how a row without a facility code gets one (JSON "code").
	 * MAPG_TAX_OR_SEQ: "MST-" and the row's tax code, or, without one, the
	 * next number after code_prefix; MAPG_SEQ: always the number.
	 */
	enum mapping_codegen { MAPG_NONE, MAPG_TAX_OR_SEQ, MAPG_SEQ } code_gen;
	char *code_prefix; /* the numbers' prefix ("TK-"): 1 to 20 bytes */
	int match_tax;	   /* 1: a row whose tax code a stored facility has updates it */
	int ncols, nconsts;
	struct mapping_col *cols;
	struct mapping_const *consts;
	/* as stored (0 / NULL for a profile not read from the database) */
	int64_t version, created_at, updated_at;
	char *created_by, *updated_by;
};

void mapping_free(struct mapping_profile *p);

/* "output", "energy", "water", "material"; static. */
const char *mapping_line_name(enum mapping_line l);

/*
 * Reads a profile from its JSON text (docs/mapping-profiles.md).  Returns
 * a new profile (mapping_free) or NULL with a bilingual reason naming the
 * key at fault in err (size errsz).  Checks the structure only; the codes
 * a profile maps to are checked against the reference data by the import.
 */
struct mapping_profile *mapping_from_json(const char *text, char *err, size_t errsz);
/* The JSON text of p (malloc'd, ends with a newline): from_json(to_json(p)) is p. */
char *mapping_to_json(const struct mapping_profile *p);

/* ---- stored profiles ---- */

/* One row of the list. */
struct mapping_info {
	char name[128];
	enum csvio_kind target;
	int64_t version, updated_at;
	char updated_by[128];
};

/* Every stored profile by name into *out (malloc'd, *n rows).  ST_OK or ST_ERR. */
enum status mapping_list(struct db *db, struct mapping_info **out, int *n);
/* The stored profile name into *out (mapping_free).  ST_OK, ST_NOTFOUND or ST_ERR. */
enum status mapping_get(struct db *db, const char *name, struct mapping_profile **out);
/*
 * Stores p under p->name.  expect_version 0: a new profile (ST_EXISTS when
 * the name is taken); > 0: replaces the stored one only if it is still at
 * that version (ST_CONFLICT when someone saved it since; ST_NOTFOUND when
 * it is gone); -1: replaces whatever is stored (the command line's
 * --replace).  who NULL is the command line.  Audited.  Runs its own
 * transaction.  ST_OK and the new version in *version (may be NULL).
 */
enum status mapping_save(struct db *db, const struct principal *who, int64_t now,
			 const struct mapping_profile *p, int64_t expect_version, int64_t *version);
/* Deletes the stored profile name (audited).  ST_OK, ST_NOTFOUND or ST_ERR. */
enum status mapping_delete(struct db *db, const struct principal *who, int64_t now,
			   const char *name);

/* ---- import ---- */

/*
 * An error sink: where ("FILE:LINE: column" or "Sheet!D7") and a bilingual
 * reason; both valid only during the call.
 */
typedef void mapping_err_fn(void *ctx, const char *where, const char *reason);
/* Sink printing "WHERE: reason\n" to the FILE * ctx. */
void mapping_err_print(void *ctx, const char *where, const char *reason);

/* What an import through a profile did (or would do). */
struct mapping_stats {
	long rows;	      /* source rows read (blank rows not counted) */
	long bad_rows;	      /* source rows reported bad */
	long imported;	      /* source rows written (0 in a dry run or when nothing was written) */
	long converted;	      /* quantities converted into another unit through a heating value */
	long values_left_out; /* values the profile maps to "not imported" */
	long costs_left_out;  /* costs not in VND, left out */
	struct csvio_stats cs; /* the canonical rows' import */
};

struct mapping_opts {
	int dry_run;
	int update;   /* facilities: existing codes are updated */
	int replace;  /* reports: existing reports have their lines replaced */
	int msg_lang; /* reasons: 0 in both languages; LANG_VI + 1 or LANG_EN + 1 (a page) */
	/*
	 * The district unit (admin_unit id) a district user imports for, 0
	 * for none: every facility must be of that unit or one directly under
	 * it, as the district sees them (model/accounts/scope.h); a row outside
	 * is an error naming the column.
	 */
	int64_t unit_scope;
};

/*
 * Imports the file at path (name: as messages show it; the format from
 * the name's extension: .csv, else .xlsx/.xls/.ods) through p into
 * p->target.  Returns 0 when written (or, in a dry run, when it would be),
 * 1 when a problem was reported and nothing was written, -1 when reading or
 * the database failed.  With p->leave_out, bad rows are reported and left
 * out and the rest is written: 0 then, with st->bad_rows > 0.  st may be
 * NULL.  Assumes the reference data is loaded; no transaction may be open.
 */
int mapping_import_path(struct db *db, const struct mapping_profile *p, const char *path,
			const char *name, const struct mapping_opts *o, mapping_err_fn *err,
			void *ctx, struct mapping_stats *st);

/*
 * The preview: each source row the import would write (at most max rows)
 * is given to fn as the canonical rows it becomes (v: csvio_ncols values,
 * NULL for empty; report rows: one per line), with bad: 1 when the row was
 * reported (the reasons went to err before).  Nothing is written; of o
 * (may be NULL) only msg_lang and unit_scope count.
 */
typedef void mapping_preview_fn(void *ctx, long line, const char *const *v, int bad);
int mapping_preview(struct db *db, const struct mapping_profile *p, const char *path,
		    const char *name, int max, const struct mapping_opts *o, mapping_preview_fn *fn,
		    mapping_err_fn *err, void *ctx, struct mapping_stats *st);

/* ---- first guesses, for the page (model/io/mapping_guess.c) ---- */

struct mapping_codes;

/* What a column's header suggests it is. */
struct mapping_guess {
	enum mapping_role role;
	const char *field;	 /* MAPR_FIELD: the canonical column's name; static */
	enum mapping_line line;	 /* MAPR_LINE */
	const char *item, *unit; /* MAPR_LINE: codes of the lists in codes; unit may be NULL */
};

/*
 * Guesses the use of a column of target k from its header, ignoring case
 * and diacritics: the usual Vietnamese headers ("Tên doanh nghiệp" → name,
 * "Địa bàn" → admin_unit, "Mã số thuế" → tax_code…); for reports a
 * carrier's name is its energy line, with the unit in brackets ("Điện
 * (kWh)").  Returns 1 and *g, or 0 when nothing fits.  g's strings live as
 * long as codes (may be NULL for facilities).
 */
int mapping_guess_header(const struct mapping_codes *codes, enum csvio_kind k, const char *header,
			 struct mapping_guess *g);

/*
 * The code of field (a canonical column's name) that a file's value stands
 * for, ignoring case and diacritics: an administrative unit by its code or
 * name without its kind word ("Rạch Giá" → rach-gia, the one unit so
 * named); a sector by VSIC code (or a longer code under one) or name;
 * ownership by label or the Statistics Office's words ("Công ty TNHH" →
 * private, "Hộ cá thể" → household, "có vốn đầu tư nước ngoài" → fdi);
 * size, status, yes/no by label.  NULL when none (or several) fit.  The
 * string lives as long as codes or is static.
 */
const char *mapping_guess_value(const struct mapping_codes *codes, enum csvio_kind k,
				const char *field, const char *value);

/* ---- a file's columns, for the page ---- */

#define MAPPING_SAMPLES	 5  /* sample values kept per column */
#define MAPPING_DISTINCT 30 /* distinct values kept per column (more: not a code column) */

struct mapping_srccol {
	char *header;
	int nsamples, ndistinct, distinct_over; /* distinct_over: more than MAPPING_DISTINCT */
	char *samples[MAPPING_SAMPLES];
	char *distinct[MAPPING_DISTINCT];
	int numeric; /* every non-empty value reads as a number */
};

struct mapping_source {
	int ncols;
	long rows;
	struct mapping_srccol *cols;
	const char *encoding; /* CSV: as read; static */
	char sep;
};

/*
 * Reads the header and every row of the file at path (sheet: a workbook's
 * sheet, NULL the first) into *out: each column's header, first samples
 * and distinct values.  Returns 0, or -1 with the reason through err (in
 * msg_lang: as mapping_opts.msg_lang).
 */
int mapping_source_read(const char *path, const char *name, const char *sheet, int msg_lang,
			struct mapping_source *out, mapping_err_fn *err, void *ctx);
void mapping_source_free(struct mapping_source *s);

/* ---- the page's uploaded files and pickers ---- */

#define MAPPING_UPLOAD_TTL (2 * 3600) /* seconds an uploaded file is kept */
#define MAPPING_TOKEN_LEN  43	      /* characters of an upload's token */

/*
 * Keeps the uploaded file (filename as sent, data of len bytes) for who
 * for MAPPING_UPLOAD_TTL seconds, deleting every expired one, and writes
 * its unguessable token (only its hash is stored) into token.  ST_OK or
 * ST_ERR.
 */
enum status mapping_upload_put(struct db *db, const struct principal *who, int64_t now,
			       const char *filename, const void *data, size_t len,
			       char token[MAPPING_TOKEN_LEN + 1]);
/*
 * Writes who's uploaded file of token, when it has not expired, to a new
 * temporary file whose name ends as the upload's (".csv", ".xlsx") and
 * returns its path in path (size n; the caller unlinks it) and the name it
 * was uploaded as in filename (size fn).  ST_OK, ST_NOTFOUND (unknown,
 * expired, or another account's) or ST_ERR.
 */
enum status mapping_upload_get(struct db *db, const struct principal *who, int64_t now,
			       const char *token, char *path, size_t n, char *filename, size_t fn);

/* The codes a page offers for a field or a line, with their names. */
struct mapping_code {
	char *code, *name_vi, *name_en;
};
struct mapping_codes {
	struct mapping_code *sector, *admin, *carrier, *product, *unit;
	int nsector, nadmin, ncarrier, nproduct, nunit;
};
/* Loads every list, by code.  ST_OK (free with mapping_codes_free) or ST_ERR. */
enum status mapping_codes_load(struct db *db, struct mapping_codes *out);
void mapping_codes_free(struct mapping_codes *c);

#endif
