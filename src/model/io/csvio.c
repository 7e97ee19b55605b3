/*
 * CSV import and export (see csvio.h and docs/csv-formats.md).
 *
 * Import reads the file in chunks (UTF-16 and Windows-1258 converted to
 * UTF-8 through iconv and normalised to NFC line by line), decides the
 * separator from the header line and hands libcsv one physical line at a
 * time, so the line a record starts on is known exactly even when quoted
 * fields hold newlines: a line that begins with an even count of '"' seen
 * so far begins a record (strict RFC 4180 quoting makes the parity exact).
 * Each record is checked by its kind's row function against lookup tables
 * loaded once (struct smap: open addressing over strings in an arena) and
 * against the keys of the rows before it.  Rows are written inside one
 * transaction as they pass; the first error stops writing, the rest of the
 * file is still checked, and the transaction is rolled back at the end.
 *
 * Export runs one ordered query per kind and writes every value in the
 * shortest form that reads back to the same value; text goes through
 * csvio_put_field, which keeps a spreadsheet from reading it as a formula,
 * and import undoes that (one leading apostrophe of a text column).
 */
#include "model/io/csvio.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "db/db.h"
#include "model/reporting/plausible.h"
#include "model/validate.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/fmt.h"
#include "util/fold.h"

enum {
	MAX_FIELDS = 64,     /* fields kept per row; more is an error anyway */
	MAX_FIELD = 1 << 20, /* bytes in one field (libcsv's buffer is capped here) */
	MAX_ROW = 4 << 20,   /* bytes in one row */
	MAX_DIMS = 64,	     /* distinct unit dimensions (bits of a mask) */
	CHUNK = 64 * 1024,   /* bytes read at a time */
};

/* ---- string-keyed hash table ---------------------------------------- */

struct ent {
	const char *key; /* NULL: empty slot */
	uint64_t h;
	int64_t v;
	double d;
	void *p;
};

struct smap {
	struct ent *e;
	size_t cap, n; /* cap is 0 or a power of two */
};

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct ent *
smap_slot(const struct smap *m, const char *k, uint64_t h)
{
	size_t i = h & (m->cap - 1);
	while (m->e[i].key != NULL && (m->e[i].h != h || strcmp(m->e[i].key, k) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->e[i];
}

/* Returns the entry of k, or NULL. */
static struct ent *
smap_get(const struct smap *m, const char *k)
{
	if (m->cap == 0)
		return NULL;
	struct ent *e = smap_slot(m, k, hash_str(k));
	return e->key != NULL ? e : NULL;
}

/* Returns the entry of k, adding it (key copied into a) when absent. */
static struct ent *
smap_put(struct smap *m, struct arena *a, const char *k, int *isnew)
{
	uint64_t h = hash_str(k);
	if ((m->n + 1) * 2 > m->cap) {
		struct smap g = {xcalloc(m->cap ? m->cap * 2 : 64, sizeof(struct ent)),
				 m->cap ? m->cap * 2 : 64, m->n};
		for (size_t i = 0; i < m->cap; i++)
			if (m->e[i].key != NULL)
				*smap_slot(&g, m->e[i].key, m->e[i].h) = m->e[i];
		free(m->e);
		*m = g;
	}
	struct ent *e = smap_slot(m, k, h);
	*isnew = e->key == NULL;
	if (*isnew) {
		*e = (struct ent){.key = arena_strdup(a, k), .h = h};
		m->n++;
	}
	return e;
}

static void
smap_free(struct smap *m)
{
	free(m->e);
	*m = (struct smap){0};
}

/* ---- columns of each format ----------------------------------------- */

struct col {
	const char *name;
	struct val_label label;
};

enum fcol {
	FC_CODE,
	FC_TAX,
	FC_NAME,
	FC_SECTOR,
	FC_ADMIN,
	FC_ADDRESS,
	FC_LAT,
	FC_LON,
	FC_OWNERSHIP,
	FC_SIZE,
	FC_EMPLOYEES,
	FC_OPENED,
	FC_CLOSED,
	FC_STATUS,
	FC__MAX
};

static const struct col fac_cols[FC__MAX] = {
    [FC_CODE] = {"code", {"mã cơ sở", "facility code"}},
    [FC_TAX] = {"tax_code", {"mã số thuế", "tax code"}},
    [FC_NAME] = {"name", {"tên cơ sở", "facility name"}},
    [FC_SECTOR] = {"sector", {"mã ngành", "sector code"}},
    [FC_ADMIN] = {"admin_unit", {"đơn vị hành chính", "administrative unit code"}},
    [FC_ADDRESS] = {"address", {"địa chỉ", "address"}},
    [FC_LAT] = {"lat", {"vĩ độ", "latitude"}},
    [FC_LON] = {"lon", {"kinh độ", "longitude"}},
    [FC_OWNERSHIP] = {"ownership", {"loại hình sở hữu", "ownership"}},
    [FC_SIZE] = {"size", {"quy mô", "size"}},
    [FC_EMPLOYEES] = {"employees", {"số lao động", "employees"}},
    [FC_OPENED] = {"opened_year", {"năm bắt đầu hoạt động", "opening year"}},
    [FC_CLOSED] = {"closed_year", {"năm đóng cửa", "closing year"}},
    [FC_STATUS] = {"status", {"trạng thái", "status"}},
};

enum rcol {
	RC_FACILITY,
	RC_YEAR,
	RC_STATUS,
	RC_AWARE,
	RC_STAFF,
	RC_CPUNIT,
	RC_APPLIED,
	RC_LINE,
	RC_ITEM,
	RC_PRODUCT,
	RC_MONTH,
	RC_QTY,
	RC_UNIT,
	RC_COST,
	RC__MAX
};

static const struct col rep_cols[RC__MAX] = {
    [RC_FACILITY] = {"facility_code", {"mã cơ sở", "facility code"}},
    [RC_YEAR] = {"year", {"năm báo cáo", "report year"}},
    [RC_STATUS] = {"status", {"trạng thái báo cáo", "report status"}},
    [RC_AWARE] = {"cp_aware", {"nhận thức về SXSH", "CP awareness"}},
    [RC_STAFF] = {"cp_staff", {"cán bộ phụ trách SXSH", "CP staff"}},
    [RC_CPUNIT] = {"cp_unit", {"bộ phận SXSH", "CP unit"}},
    [RC_APPLIED] = {"cp_applied", {"áp dụng SXSH", "CP applied"}},
    [RC_LINE] = {"line", {"loại dòng", "line kind"}},
    [RC_ITEM] = {"item", {"hạng mục", "item"}},
    [RC_PRODUCT] = {"product", {"mã sản phẩm", "product code"}},
    [RC_MONTH] = {"month", {"tháng", "month"}},
    [RC_QTY] = {"quantity", {"số lượng", "quantity"}},
    [RC_UNIT] = {"unit", {"đơn vị tính", "unit"}},
    [RC_COST] = {"cost_vnd", {"chi phí (đồng)", "cost (VND)"}},
};

static const struct val_label lbl_carrier = {"mã năng lượng", "energy carrier code"};
static const struct val_label lbl_material = {"tên nguyên vật liệu", "material name"};

/* The widest format; column arrays are this long. */
#define NCOLS_MAX 14
_Static_assert(FC__MAX <= NCOLS_MAX && RC__MAX <= NCOLS_MAX, "NCOLS_MAX too small");

/* ---- import state --------------------------------------------------- */

/* Line kinds a report row can have (output, energy, water, material). */
#define NLINE_KINDS 4

struct rep {
	int64_t id;   /* report row written in this import; 0 before */
	int64_t dbid; /* report that existed before the import; 0 if none */
	long line;    /* where the report was first given */
	int status, cp[4];
	int bad;		 /* its first row was refused: later rows say nothing more */
	int nlines[NLINE_KINDS]; /* rows of each line kind (output: yearly rows only) */
};

struct imp;
struct kind_def {
	const char *name;
	const struct col *cols;
	int ncols;
	/*
	 * Each column's type (enum csvio_type): t text, i integer, r real.  A
	 * text cell loses one leading apostrophe on import and is guarded by
	 * one on export (csvio_put_field); numbers are written as they are.
	 */
	const char *types;
	int (*load)(struct imp *im);
	void (*row)(struct imp *im);
};

/* A carrier's yearly line and the sum of its monthly lines in one report. */
struct en_sum {
	long yline;	     /* the yearly line's record, 0 when none */
	double ybase, mbase; /* in the base unit of the carrier's dimension */
	double yunit_base;   /* the yearly line's unit, as a multiple of the base */
	int months;	     /* monthly lines seen */
	const char *carrier, *unit;
};

struct imp {
	struct db *db;
	const struct csvio_opts *o;
	const struct kind_def *k;
	const char *name;
	csvio_err_fn *err;
	void *ctx;
	struct csvio_stats st;
	struct arena a;

	/* the parser's current record */
	struct buf rowbuf;
	struct buf keybuf; /* the duplicate-line key being built */
	size_t off[MAX_FIELDS], len[MAX_FIELDS];
	int nf;
	long line;	     /* physical line the current record starts on */
	int have_head;	     /* header seen */
	int map[MAX_FIELDS]; /* file field -> column, from the header */
	int nhead;
	const char *v[NCOLS_MAX]; /* by column */
	int row_bad;
	int writing; /* 0 after the first error or in a dry run */
	int fatal;   /* stop looking at records (bad header, parse error) */
	int dberr;   /* a database failure: result -1 */
	int began;   /* the transaction is open */
	int refused; /* the caller found bad rows of its own: roll back */

	/* rows fed by another reader (csvio_rows_*): the name each column is reported by */
	const char *const *where;
	/* a scan (csvio_scan): every record goes to raw, the separator is decided by names */
	csvio_raw_fn *raw;
	void *raw_ctx;
	int raw_rc; /* what raw returned when it stopped the scan */
	const char *const *sep_names;
	int nsep_names;

	/* lookups */
	struct smap sectors, admin, units, products, carriers, fac, tax_db;
	struct smap file_codes, file_tax, reps, db_reps, line_keys;
	struct smap en_sums; /* (facility, year, carrier, product): struct en_sum */
	struct plaus *plaus; /* hard limits of report lines (reports only) */
	const char *dims[MAX_DIMS];
	int ndims;
	int m3_dim;
	double m3_base;
};

/* The name column c (-1: the row) is reported by. */
static const char *
col_where(const struct imp *im, int c)
{
	if (c < 0)
		return "row";
	if (im->where != NULL && im->where[c] != NULL)
		return im->where[c];
	return im->k->cols[c].name;
}

static void
emit(struct imp *im, long line, const char *column, const char *reason)
{
	im->st.errors++;
	im->writing = 0;
	if (im->err != NULL)
		im->err(im->ctx, im->name, line, column, reason);
}

/*
 * Reports a problem with column c (-1: the row) of the current row: the
 * message m in both languages (the importer's reports are read on the
 * command line and in logs).
 */
static void
rowmsg(struct imp *im, int c, const struct msg *m)
{
	char reason[2 * VAL_MSG_MAX];
	msg_format(m, im->o->msg_lang ? im->o->msg_lang - 1 : MSG_BOTH, reason, sizeof(reason));
	im->row_bad = 1;
	emit(im, im->line, col_where(im, c), reason);
}

/* rowmsg of message id, one without label or arguments. */
static void
rowid(struct imp *im, int c, enum msg_id id)
{
	struct msg m;
	msg_init(&m, id, NULL);
	rowmsg(im, c, &m);
}

/* A message of id with one integer argument (a line number, a limit), as typed. */
static void
rowid_n(struct imp *im, int c, enum msg_id id, int64_t n)
{
	struct msg m;
	msg_init(&m, id, NULL);
	msg_plain(&m, n);
	rowmsg(im, c, &m);
}

static void
dbfail(struct imp *im)
{
	char reason[2 * VAL_MSG_MAX];
	im->dberr = 1;
	im->row_bad = 1;
	msg_both(reason, sizeof(reason), MSG_IO_DB_ERROR, ": %s", db_errmsg(im->db));
	emit(im, im->line, "row", reason);
}

static int
dim_index(struct imp *im, const char *dim)
{
	for (int i = 0; i < im->ndims; i++)
		if (strcmp(im->dims[i], dim) == 0)
			return i;
	if (im->ndims == MAX_DIMS)
		return MAX_DIMS - 1;
	im->dims[im->ndims] = arena_strdup(&im->a, dim);
	return im->ndims++;
}

/* Loads the rows of a lookup statement: key column 0, int column 1 (if any). */
static int
load_map(struct imp *im, enum stmt id, struct smap *m, int intcol)
{
	struct db_stmt *st = db_stmt(im->db, id);
	int rc, isnew;
	while ((rc = db_step(st)) == DB_ROW) {
		struct ent *e = smap_put(m, &im->a, db_col_text(st, 0), &isnew);
		if (intcol > 0)
			e->v = db_col_int(st, intcol);
	}
	return rc == DB_DONE ? 0 : -1;
}

static int
load_facilities(struct imp *im)
{
	struct db_stmt *st = db_stmt(im->db, STMT_CSVIO_FACILITY_KEYS);
	int rc, isnew;
	while ((rc = db_step(st)) == DB_ROW) {
		struct ent *e = smap_put(&im->fac, &im->a, db_col_text(st, 0), &isnew);
		e->v = db_col_int(st, 1);
		if (db_col_text(st, 2)[0] != '\0') {
			struct ent *t = smap_put(&im->tax_db, &im->a, db_col_text(st, 2), &isnew);
			t->p = (void *)e->key; /* the facility code owning the tax code */
		}
	}
	return rc == DB_DONE ? 0 : -1;
}

static int
fac_load(struct imp *im)
{
	if (load_map(im, STMT_CSVIO_SECTORS, &im->sectors, 0) < 0 ||
	    load_map(im, STMT_CSVIO_ADMIN_UNITS, &im->admin, 1) < 0 || load_facilities(im) < 0)
		return -1;
	return 0;
}

static int
rep_load(struct imp *im)
{
	struct db_stmt *st;
	int rc, isnew;
	char key[64];

	st = db_stmt(im->db, STMT_CSVIO_UNITS);
	while ((rc = db_step(st)) == DB_ROW) {
		struct ent *e = smap_put(&im->units, &im->a, db_col_text(st, 0), &isnew);
		e->v = dim_index(im, db_col_text(st, 1));
		e->d = db_col_double(st, 2);
	}
	if (rc != DB_DONE)
		return -1;
	struct ent *m3 = smap_get(&im->units, "m3");
	im->m3_dim = m3 != NULL ? (int)m3->v : -1;
	im->m3_base = m3 != NULL ? m3->d : 1;

	st = db_stmt(im->db, STMT_CSVIO_PRODUCTS);
	while ((rc = db_step(st)) == DB_ROW) {
		struct ent *e = smap_put(&im->products, &im->a, db_col_text(st, 0), &isnew);
		struct ent *u = smap_get(&im->units, db_col_text(st, 1));
		e->v = u != NULL ? u->v : -1;
		e->p = arena_strdup(&im->a, db_col_text(st, 1));
	}
	if (rc != DB_DONE)
		return -1;

	/* A carrier allows a unit whose dimension is that of a factor's unit. */
	st = db_stmt(im->db, STMT_CSVIO_CARRIER_DIMS);
	while ((rc = db_step(st)) == DB_ROW) {
		struct ent *e = smap_put(&im->carriers, &im->a, db_col_text(st, 0), &isnew);
		if (!db_col_is_null(st, 1))
			e->v |= (int64_t)1 << dim_index(im, db_col_text(st, 1));
	}
	if (rc != DB_DONE)
		return -1;

	if (load_facilities(im) < 0 || plaus_load(im->db, &im->plaus) != ST_OK)
		return -1;
	st = db_stmt(im->db, STMT_CSVIO_REPORT_KEYS);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(key, sizeof(key), "%lld:%lld", (long long)db_col_int(st, 0),
			 (long long)db_col_int(st, 1));
		smap_put(&im->db_reps, &im->a, key, &isnew)->v = db_col_int(st, 2);
	}
	return rc == DB_DONE ? 0 : -1;
}

/* NULL for an empty field, so optional columns store SQL NULL. */
static const char *
opt(const char *s)
{
	return s[0] != '\0' ? s : NULL;
}

static void
missing(struct imp *im, int c)
{
	struct msg vm;
	val_missing(&im->k->cols[c].label, &vm);
	rowmsg(im, c, &vm);
}

/* Checks a non-empty text column against field f's limits; returns 0 when it is fine. */
static int
check_text(struct imp *im, int c, enum val_field f)
{
	struct msg vm;
	if (im->v[c][0] == '\0' || val_text(f, im->v[c], &im->k->cols[c].label, &vm) == 0)
		return 0;
	rowmsg(im, c, &vm);
	return -1;
}

/*
 * val_number of the text s.  A semicolon-separated file is one a
 * spreadsheet wrote under a Vietnamese locale, so its numbers are read by
 * parse_num_user's Vietnamese rule ("12,5" is 12.5, "12.500" is 12500,
 * "12.5" is refused); a comma-separated file keeps the '.' decimal mark.
 */
static int
number(struct imp *im, enum val_field f, const char *s, const struct val_label *l, double *out,
       struct msg *vm)
{
	double d, alt;
	char t[40];
	if (im->st.sep != ';')
		return val_number(f, s, l, out, vm);
	switch (parse_num_user(s, LANG_VI, &d, &alt)) {
	case NUM_OK:
	case NUM_TWO_WAYS: /* the file's separator settles which way */
		snprintf(t, sizeof(t), "%.15g", d);
		if (strtod(t, NULL) != d)
			snprintf(t, sizeof(t), "%.17g", d);
		return val_number(f, t, l, out, vm);
	case NUM_BAD:
		break;
	}
	if (val_number(f, s, l, out, vm) != 0)
		return -1;
	msg_init(vm, MSG_CSV_DECIMAL_COMMA, l);
	return -1;
}

/* ---- facilities ----------------------------------------------------- */

static void
fac_row(struct imp *im)
{
	const char **v = im->v;
	struct msg vm;
	int isnew, own = -1, size = -1, status = FSTATUS_ACTIVE, opened = 0, closed = 0;
	int64_t employees = 0;
	double lat = 0, lon = 0;
	int has_lat = 0, has_lon = 0, exists = 0;
	int64_t admin_id = 0;
	struct ent *e;

	if (v[FC_CODE][0] == '\0') {
		missing(im, FC_CODE);
	} else if (check_text(im, FC_CODE, VF_CODE) == 0) {
		e = smap_put(&im->file_codes, &im->a, v[FC_CODE], &isnew);
		if (!isnew) {
			msg_init(&vm, MSG_IMP_DUP_CODE, NULL);
			msg_plain(&vm, e->v);
			msg_str(&vm, v[FC_CODE]);
			rowmsg(im, FC_CODE, &vm);
		} else {
			e->v = im->line;
		}
		exists = smap_get(&im->fac, v[FC_CODE]) != NULL;
		if (isnew && exists && !im->o->update) {
			/* a page has no --update to name (model/io/mapping.c) */
			msg_init(&vm, im->o->msg_lang ? MSG_MAP_FAC_EXISTS : MSG_IMP_FAC_EXISTS,
				 NULL);
			msg_str(&vm, v[FC_CODE]);
			rowmsg(im, FC_CODE, &vm);
		}
	}

	if (val_ownership(v[FC_OWNERSHIP], &own, &vm) != VAL_OK) {
		rowmsg(im, FC_OWNERSHIP, &vm);
		own = -1;
	}

	if (v[FC_TAX][0] != '\0') {
		int rc = val_tax_code(v[FC_TAX], own == OWN_HOUSEHOLD, &vm);
		if (rc == VAL_NOT_ALLOWED && own < 0) {
			/* The ownership error already explains this row. */
		} else if (rc != VAL_OK) {
			rowmsg(im, FC_TAX, &vm);
		} else {
			e = smap_put(&im->file_tax, &im->a, v[FC_TAX], &isnew);
			struct ent *t = smap_get(&im->tax_db, v[FC_TAX]);
			if (!isnew) {
				msg_init(&vm, MSG_IMP_DUP_TAX, NULL);
				msg_plain(&vm, e->v);
				msg_str(&vm, v[FC_TAX]);
				rowmsg(im, FC_TAX, &vm);
			} else if (e->v = im->line, t != NULL && strcmp(t->p, v[FC_CODE]) != 0) {
				msg_init(&vm, MSG_IMP_TAX_OTHER, NULL);
				msg_code(&vm, t->p);
				msg_str(&vm, v[FC_TAX]);
				rowmsg(im, FC_TAX, &vm);
			}
		}
	}

	if (v[FC_NAME][0] == '\0')
		missing(im, FC_NAME);
	else
		check_text(im, FC_NAME, VF_NAME);
	check_text(im, FC_ADDRESS, VF_ADDRESS);

	if (v[FC_SECTOR][0] == '\0')
		missing(im, FC_SECTOR);
	else if (smap_get(&im->sectors, v[FC_SECTOR]) == NULL) {
		val_unknown_code(&fac_cols[FC_SECTOR].label, v[FC_SECTOR], &vm);
		rowmsg(im, FC_SECTOR, &vm);
	}

	if (v[FC_ADMIN][0] == '\0')
		missing(im, FC_ADMIN);
	else if ((e = smap_get(&im->admin, v[FC_ADMIN])) == NULL) {
		val_unknown_code(&fac_cols[FC_ADMIN].label, v[FC_ADMIN], &vm);
		rowmsg(im, FC_ADMIN, &vm);
	} else
		admin_id = e->v;

	if ((has_lat = v[FC_LAT][0] != '\0') &&
	    number(im, VF_LAT, v[FC_LAT], &fac_cols[FC_LAT].label, &lat, &vm) != 0)
		rowmsg(im, FC_LAT, &vm);
	if ((has_lon = v[FC_LON][0] != '\0') &&
	    number(im, VF_LON, v[FC_LON], &fac_cols[FC_LON].label, &lon, &vm) != 0)
		rowmsg(im, FC_LON, &vm);
	if (has_lat != has_lon)
		rowid(im, has_lat ? FC_LON : FC_LAT, MSG_IMP_LATLON);

	if (val_size(v[FC_SIZE], &size, &vm) != VAL_OK)
		rowmsg(im, FC_SIZE, &vm);
	if (v[FC_EMPLOYEES][0] != '\0' &&
	    val_integer(VF_EMPLOYEES, v[FC_EMPLOYEES], &fac_cols[FC_EMPLOYEES].label, &employees,
			&vm) != VAL_OK)
		rowmsg(im, FC_EMPLOYEES, &vm);

	int ok_open = v[FC_OPENED][0] != '\0' &&
		      val_year(v[FC_OPENED], &fac_cols[FC_OPENED].label, &opened, &vm) == 0;
	if (v[FC_OPENED][0] != '\0' && !ok_open)
		rowmsg(im, FC_OPENED, &vm);
	int ok_close = v[FC_CLOSED][0] != '\0' &&
		       val_year(v[FC_CLOSED], &fac_cols[FC_CLOSED].label, &closed, &vm) == 0;
	if (v[FC_CLOSED][0] != '\0' && !ok_close)
		rowmsg(im, FC_CLOSED, &vm);
	if (ok_open && ok_close && opened > closed) {
		msg_init(&vm, MSG_IMP_CLOSED_BEFORE_OPENED, NULL);
		msg_plain(&vm, closed);
		msg_plain(&vm, opened);
		rowmsg(im, FC_CLOSED, &vm);
	}

	if (v[FC_STATUS][0] != '\0' && val_fstatus(v[FC_STATUS], &status, &vm) != 0)
		rowmsg(im, FC_STATUS, &vm);
	else if (status == FSTATUS_CLOSED && v[FC_CLOSED][0] == '\0')
		rowid(im, FC_CLOSED, MSG_IMP_CLOSED_NEEDS_YEAR);

	if (im->row_bad || !im->writing)
		return;

	struct db_stmt *st =
	    db_stmt(im->db, exists ? STMT_CSVIO_FACILITY_UPDATE : STMT_CSVIO_FACILITY_INSERT);
	char *key = fold_key(v[FC_NAME]);
	db_bind_text(st, 1, v[FC_CODE]);
	db_bind_text(st, 2, opt(v[FC_TAX]));
	db_bind_text(st, 3, v[FC_NAME]);
	db_bind_text(st, 4, key);
	db_bind_text(st, 5, v[FC_SECTOR]);
	db_bind_int(st, 6, admin_id);
	db_bind_text(st, 7, opt(v[FC_ADDRESS]));
	db_bind_opt_double(st, 8, lat, !has_lat);
	db_bind_opt_double(st, 9, lon, !has_lon);
	db_bind_text(st, 10, names_ownership[own].code);
	db_bind_text(st, 11, names_size[size].code);
	if (v[FC_EMPLOYEES][0] != '\0')
		db_bind_int(st, 12, employees);
	if (ok_open)
		db_bind_int(st, 13, opened);
	if (ok_close)
		db_bind_int(st, 14, closed);
	db_bind_text(st, 15, val_fstatus_names[status]);
	free(key);
	if (db_run(st) != DB_OK) {
		dbfail(im);
		return;
	}
	if (exists)
		im->st.updated++;
	else
		im->st.inserted++;
}

/* ---- reports -------------------------------------------------------- */

enum line_kind { LK_OUTPUT, LK_ENERGY, LK_WATER, LK_MATERIAL, LK_NONE, LK__MAX };
_Static_assert(LK_NONE == NLINE_KINDS, "NLINE_KINDS is the number of line kinds");

static const char *const line_names[LK_NONE] = {
    [LK_OUTPUT] = "output",
    [LK_ENERGY] = "energy",
    [LK_WATER] = "water",
    [LK_MATERIAL] = "material",
};

/* Values of one checked report row, ready to bind. */
struct repline {
	int kind, month, has_month, has_cost, water;
	double qty, cost;
	const char *item, *product, *unit;
};

/*
 * An output line without a month is the year's total (report_output, in
 * the unit given); one with a month is that month's detail
 * (report_output_month), stored converted to the product's unit, the only
 * unit that table knows.  The unit was checked to share the product's
 * dimension.
 */
static int
write_output(struct imp *im, int64_t rid, const struct repline *l)
{
	struct db_stmt *st;
	if (l->has_month) {
		const struct ent *prod = smap_get(&im->products, l->product);
		const struct ent *pu = smap_get(&im->units, (const char *)prod->p);
		const struct ent *u = smap_get(&im->units, l->unit);
		st = db_stmt(im->db, STMT_REPORT_OUTPUT_MONTH_INSERT);
		db_bind_int(st, 1, rid);
		db_bind_text(st, 2, l->product);
		db_bind_int(st, 3, l->month);
		db_bind_double(st, 4, u == pu ? l->qty : l->qty * u->d / pu->d);
		return db_run(st);
	}
	st = db_stmt(im->db, STMT_REPORT_OUTPUT_INSERT);
	db_bind_int(st, 1, rid);
	db_bind_text(st, 2, l->product);
	db_bind_double(st, 3, l->qty);
	db_bind_text(st, 4, l->unit);
	return db_run(st);
}

static int
write_energy(struct imp *im, int64_t rid, const struct repline *l)
{
	struct db_stmt *st = db_stmt(im->db, STMT_REPORT_ENERGY_INSERT);
	db_bind_int(st, 1, rid);
	db_bind_text(st, 2, l->item);
	if (l->has_month)
		db_bind_int(st, 3, l->month);
	db_bind_text(st, 4, opt(l->product));
	db_bind_double(st, 5, l->qty);
	db_bind_text(st, 6, l->unit);
	db_bind_opt_double(st, 7, l->cost, !l->has_cost);
	return db_run(st);
}

static int
write_water(struct imp *im, int64_t rid, const struct repline *l)
{
	struct db_stmt *st = db_stmt(im->db, STMT_REPORT_WATER_INSERT);
	struct ent *u = smap_get(&im->units, l->unit);
	db_bind_int(st, 1, rid);
	db_bind_text(st, 2, val_water_names[l->water]);
	db_bind_double(st, 3, l->qty * u->d / im->m3_base); /* stored in m3 */
	db_bind_opt_double(st, 4, l->cost, !l->has_cost);
	return db_run(st);
}

static int
write_material(struct imp *im, int64_t rid, const struct repline *l)
{
	struct db_stmt *st = db_stmt(im->db, STMT_REPORT_MATERIAL_INSERT);
	db_bind_int(st, 1, rid);
	db_bind_text(st, 2, l->item);
	db_bind_double(st, 3, l->qty);
	db_bind_text(st, 4, l->unit);
	db_bind_opt_double(st, 5, l->cost, !l->has_cost);
	return db_run(st);
}

/*
 * What each line kind needs in the columns after "line": 'R' required,
 * 'O' optional, '-' must be empty; and how a checked line is written.
 */
static const struct line_rule {
	char item, product, month, qty, unit, cost;
	int (*write)(struct imp *im, int64_t rid, const struct repline *l);
} line_rules[LK__MAX] = {
    [LK_OUTPUT] = {'-', 'R', 'O', 'R', 'R', '-', write_output},
    [LK_ENERGY] = {'R', 'O', 'O', 'R', 'R', 'O', write_energy},
    [LK_WATER] = {'R', '-', '-', 'R', 'R', 'O', write_water},
    [LK_MATERIAL] = {'R', '-', '-', 'R', 'R', 'O', write_material},
    [LK_NONE] = {'-', '-', '-', '-', '-', '-', NULL},
};

/* Checks column c against rule r; returns 1 when it holds a value to check. */
static int
presence(struct imp *im, int c, char r, const char *kind)
{
	const char *s = im->v[c];
	if (r == 'R' && s[0] == '\0') {
		missing(im, c);
		return 0;
	}
	struct msg m;
	if (r == '-' && s[0] != '\0' && kind[0] == '\0') {
		msg_init(&m, MSG_IMP_EMPTY_WITHOUT_LINE, &im->k->cols[c].label);
		rowmsg(im, c, &m);
		return 0;
	}
	if (r == '-' && s[0] != '\0') {
		msg_init(&m, MSG_IMP_EMPTY_FOR_LINE, &im->k->cols[c].label);
		msg_code(&m, kind);
		rowmsg(im, c, &m);
		return 0;
	}
	return s[0] != '\0';
}

static const char *
dims_list(struct imp *im, int64_t mask, char *out, size_t n)
{
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < im->ndims && o < n; i++)
		if (mask & ((int64_t)1 << i)) {
			int w = snprintf(out + o, n - o, "%s%s", o ? ", " : "", im->dims[i]);
			if (w < 0)
				break;
			o += (size_t)w;
		}
	return o ? out : "—";
}

/* Checks the report-level columns; returns the report entry or NULL. */
static struct rep *
rep_level(struct imp *im, int64_t fid, int year, int ok)
{
	static const int cpcol[4] = {RC_AWARE, RC_STAFF, RC_CPUNIT, RC_APPLIED};
	struct msg vm;
	char key[64];
	int status = RSTATUS_DRAFT, cp[4], isnew;

	if (im->v[RC_STATUS][0] != '\0' && val_rstatus(im->v[RC_STATUS], &status, &vm))
		ok = 0, rowmsg(im, RC_STATUS, &vm);
	for (int i = 0; i < 4; i++) {
		cp[i] = -1;
		if (im->v[cpcol[i]][0] != '\0' &&
		    val_bool01(im->v[cpcol[i]], &rep_cols[cpcol[i]].label, &cp[i], &vm))
			ok = 0, rowmsg(im, cpcol[i], &vm);
	}
	if (!ok)
		return NULL;

	snprintf(key, sizeof(key), "%lld:%d", (long long)fid, year);
	struct ent *e = smap_put(&im->reps, &im->a, key, &isnew);
	struct rep *r = e->p;
	if (isnew) {
		r = e->p = arena_alloc(&im->a, sizeof(*r));
		*r = (struct rep){.line = im->line, .status = status};
		memcpy(r->cp, cp, sizeof(cp));
		struct ent *d = smap_get(&im->db_reps, key);
		r->dbid = d != NULL ? d->v : 0;
		if (d != NULL && !im->o->replace) {
			r->bad = 1;
			rowid_n(im, RC_YEAR,
				im->o->msg_lang ? MSG_MAP_REPORT_EXISTS : MSG_IMP_REPORT_EXISTS,
				year);
		}
		return r;
	}
	if (r->bad) {
		im->row_bad = 1;
		return NULL;
	}
	if (status != r->status) {
		msg_init(&vm, MSG_IMP_DIFFERS, NULL);
		msg_plain(&vm, r->line);
		msg_code(&vm, names_rstatus_code(r->status));
		msg_code(&vm, names_rstatus_code(status));
		rowmsg(im, RC_STATUS, &vm);
	}
	for (int i = 0; i < 4; i++) {
		if (cp[i] == r->cp[i])
			continue;
		const char *was = r->cp[i] < 0 ? "" : r->cp[i] ? "1" : "0";
		const char *now = cp[i] < 0 ? "" : cp[i] ? "1" : "0";
		msg_init(&vm, MSG_IMP_DIFFERS, NULL);
		msg_plain(&vm, r->line);
		msg_code(&vm, was);
		msg_code(&vm, now);
		rowmsg(im, cpcol[i], &vm);
	}
	return r;
}

/* Adds energy line l of (fid, year), its unit base unit_base, to its carrier's sums. */
static void
en_sum_add(struct imp *im, int64_t fid, int year, const struct repline *l, double unit_base)
{
	int isnew;
	buf_reset(&im->keybuf);
	buf_printf(&im->keybuf, "%lld:%d\x1f%s\x1f%s", (long long)fid, year, l->item, l->product);
	struct ent *e = smap_put(&im->en_sums, &im->a, buf_str(&im->keybuf), &isnew);
	if (isnew) {
		e->p = arena_alloc(&im->a, sizeof(struct en_sum));
		memset(e->p, 0, sizeof(struct en_sum));
	}
	struct en_sum *sum = e->p;
	if (l->has_month) {
		sum->mbase += l->qty * unit_base;
		sum->months++;
	} else {
		sum->yline = im->line;
		sum->ybase = l->qty * unit_base;
		sum->yunit_base = unit_base;
		sum->carrier = arena_strdup(&im->a, l->item);
		sum->unit = arena_strdup(&im->a, l->unit);
	}
}

static int
en_sum_cmp(const void *a, const void *b)
{
	long x = (*(const struct en_sum *const *)a)->yline;
	long y = (*(const struct en_sum *const *)b)->yline;
	return (x > y) - (x < y);
}

/*
 * Monthly lines are the detail of the yearly figure (docs/analytics.md):
 * each carrier whose monthly lines do not add up to its yearly line (to
 * 10^-9 of it) is an error on the yearly line, in file order.
 */
static void
months_check(struct imp *im)
{
	size_t n = 0;
	struct en_sum **bad = xcalloc(im->en_sums.n + 1, sizeof(*bad));
	for (size_t i = 0; i < im->en_sums.cap; i++) {
		const struct ent *e = &im->en_sums.e[i];
		if (e->key == NULL)
			continue;
		struct en_sum *sum = e->p;
		if (sum->yline == 0 || sum->months == 0 ||
		    fabs(sum->mbase - sum->ybase) <=
			1e-9 * fmax(fabs(sum->mbase), fabs(sum->ybase)))
			continue;
		bad[n++] = sum;
	}
	if (n > 1)
		qsort(bad, n, sizeof(*bad), en_sum_cmp);
	for (size_t i = 0; i < n; i++) {
		struct msg m;
		char reason[2 * VAL_MSG_MAX];
		msg_init(&m, MSG_IMP_ENERGY_MONTHS, NULL);
		msg_code(&m, bad[i]->carrier);
		msg_real(&m, bad[i]->mbase / bad[i]->yunit_base, -1);
		msg_real(&m, bad[i]->ybase / bad[i]->yunit_base, -1);
		msg_code(&m, bad[i]->unit);
		msg_format(&m, MSG_BOTH, reason, sizeof(reason));
		emit(im, bad[i]->yline, col_where(im, RC_QTY), reason);
	}
	free(bad);
}

static void
rep_row(struct imp *im)
{
	const char **v = im->v;
	struct msg vm;
	int64_t fid = 0, year64 = 0;
	int ok_key = 1, lk = LK_NONE, qok = 0, mok = 1;
	struct repline l = {.item = v[RC_ITEM], .product = v[RC_PRODUCT], .unit = v[RC_UNIT]};
	struct ent *e, *prod = NULL, *unit = NULL, *carrier = NULL;

	if (v[RC_FACILITY][0] == '\0') {
		missing(im, RC_FACILITY);
		ok_key = 0;
	} else if ((e = smap_get(&im->fac, v[RC_FACILITY])) == NULL) {
		val_unknown_code(&rep_cols[RC_FACILITY].label, v[RC_FACILITY], &vm);
		rowmsg(im, RC_FACILITY, &vm);
		ok_key = 0;
	} else
		fid = e->v;
	if (val_integer(VF_REPORT_YEAR, v[RC_YEAR], &rep_cols[RC_YEAR].label, &year64, &vm) !=
	    VAL_OK) {
		rowmsg(im, RC_YEAR, &vm);
		ok_key = 0;
	}
	struct rep *r = rep_level(im, fid, (int)year64, ok_key);

	if (v[RC_LINE][0] != '\0' &&
	    val_enum(v[RC_LINE], line_names, LK_NONE, &rep_cols[RC_LINE].label, &lk, &vm)) {
		rowmsg(im, RC_LINE, &vm);
		return; /* the other columns cannot be judged without the kind */
	}
	l.kind = lk;
	const struct line_rule *rule = &line_rules[lk];
	const char *kn = lk == LK_NONE ? "" : line_names[lk];

	if (presence(im, RC_ITEM, rule->item, kn)) {
		if (lk == LK_ENERGY && (carrier = smap_get(&im->carriers, l.item)) == NULL) {
			val_unknown_code(&lbl_carrier, l.item, &vm);
			rowmsg(im, RC_ITEM, &vm);
		} else if (lk == LK_WATER && val_water(l.item, &l.water, &vm) != VAL_OK)
			rowmsg(im, RC_ITEM, &vm);
		else if (lk == LK_MATERIAL &&
			 val_text(VF_MATERIAL, l.item, &lbl_material, &vm) != VAL_OK)
			rowmsg(im, RC_ITEM, &vm);
	}
	if (presence(im, RC_PRODUCT, rule->product, kn) &&
	    (prod = smap_get(&im->products, l.product)) == NULL) {
		val_unknown_code(&rep_cols[RC_PRODUCT].label, l.product, &vm);
		rowmsg(im, RC_PRODUCT, &vm);
	}
	if (presence(im, RC_MONTH, rule->month, kn)) {
		if (val_month(v[RC_MONTH], &rep_cols[RC_MONTH].label, &l.month, &vm)) {
			rowmsg(im, RC_MONTH, &vm);
			mok = 0;
		}
		l.has_month = 1;
	}
	if (presence(im, RC_QTY, rule->qty, kn)) {
		if (number(im, VF_QUANTITY, v[RC_QTY], &rep_cols[RC_QTY].label, &l.qty, &vm))
			rowmsg(im, RC_QTY, &vm);
		else
			qok = 1;
	}
	if (presence(im, RC_UNIT, rule->unit, kn) &&
	    (unit = smap_get(&im->units, l.unit)) == NULL) {
		val_unknown_code(&rep_cols[RC_UNIT].label, l.unit, &vm);
		rowmsg(im, RC_UNIT, &vm);
	}
	if (presence(im, RC_COST, rule->cost, kn)) {
		if (number(im, VF_COST, v[RC_COST], &rep_cols[RC_COST].label, &l.cost, &vm))
			rowmsg(im, RC_COST, &vm);
		l.has_cost = 1;
	}

	/* The unit must convert to what the line is measured in. */
	int uok = unit != NULL;
	if (unit != NULL && lk == LK_OUTPUT && prod != NULL && prod->v != unit->v) {
		msg_init(&vm, MSG_IMP_UNIT_PRODUCT, NULL);
		msg_code(&vm, prod->p);
		msg_str(&vm, l.unit);
		rowmsg(im, RC_UNIT, &vm);
		uok = 0;
	}
	if (unit != NULL && lk == LK_ENERGY && carrier != NULL &&
	    !(carrier->v & ((int64_t)1 << unit->v))) {
		char dl[MSG_ARG_MAX];
		msg_init(&vm, MSG_IMP_UNIT_CARRIER, NULL);
		msg_str(&vm, l.item);
		msg_str(&vm, l.unit);
		msg_code(&vm, dims_list(im, carrier->v, dl, sizeof(dl)));
		rowmsg(im, RC_UNIT, &vm);
		uok = 0;
	}
	if (unit != NULL && lk == LK_WATER && unit->v != im->m3_dim) {
		msg_init(&vm, MSG_IMP_WATER_UNIT, NULL);
		msg_str(&vm, l.unit);
		rowmsg(im, RC_UNIT, &vm);
		uok = 0;
	}

	/*
	 * Above the hard plausibility limit of its item and unit (a twelfth
	 * of it for a monthly line): refused, as the form and the API refuse
	 * it (model/reporting/plausible.h).
	 */
	static const enum plaus_line plines[LK_NONE] = {
	    [LK_OUTPUT] = PLAUS_OUTPUT,
	    [LK_ENERGY] = PLAUS_ENERGY,
	    [LK_WATER] = PLAUS_WATER,
	    [LK_MATERIAL] = PLAUS_MATERIAL,
	};
	const char *pitem = lk == LK_OUTPUT ? l.product : l.item;
	if (lk != LK_NONE && qok && uok && mok && pitem[0] != '\0' &&
	    !(lk == LK_OUTPUT && prod == NULL) && !(lk == LK_ENERGY && carrier == NULL) &&
	    plaus_hard_check(im->plaus, plines[lk], pitem, l.qty, l.unit, l.has_month ? l.month : 0,
			     &rep_cols[RC_QTY].label, &vm))
		rowmsg(im, RC_QTY, &vm);

	/*
	 * No more lines of a kind than the form and the API take (VF_LINES),
	 * said once per report and kind.  Monthly output rows are detail the
	 * form does not edit and are not counted.
	 */
	if (r != NULL && lk != LK_NONE && !(lk == LK_OUTPUT && v[RC_MONTH][0] != '\0') &&
	    ++r->nlines[lk] == (int)val_limits[VF_LINES].hi + 1) {
		msg_init(&vm, MSG_IMP_TOO_MANY_LINES, NULL);
		msg_plain(&vm, (int64_t)val_limits[VF_LINES].hi);
		msg_code(&vm, kn);
		rowmsg(im, RC_LINE, &vm);
	}

	/* One line per (facility, year, line, item, product, month). */
	if (ok_key) {
		int isnew;
		buf_reset(&im->keybuf);
		buf_printf(&im->keybuf, "%lld:%lld\x1f%s\x1f%s\x1f%s\x1f%d", (long long)fid,
			   (long long)year64, kn, l.item, l.product, l.has_month ? l.month : 0);
		e = smap_put(&im->line_keys, &im->a, buf_str(&im->keybuf), &isnew);
		if (!isnew)
			rowid_n(im, RC_LINE, MSG_IMP_DUP_LINE, e->v);
		else
			e->v = im->line;
	}

	if (lk == LK_ENERGY && ok_key && !im->row_bad && unit != NULL && carrier != NULL)
		en_sum_add(im, fid, (int)year64, &l, unit->d);

	if (im->row_bad || !im->writing || r == NULL)
		return;
	if (r->id == 0) {
		static const enum stmt clear[] = {
		    STMT_REPORT_OUTPUT_CLEAR, STMT_REPORT_OUTPUT_MONTH_CLEAR,
		    STMT_REPORT_ENERGY_CLEAR, STMT_REPORT_WATER_CLEAR, STMT_REPORT_MATERIAL_CLEAR};
		struct db_stmt *st =
		    db_stmt(im->db, r->dbid ? STMT_CSVIO_REPORT_UPDATE : STMT_CSVIO_REPORT_INSERT);
		int p = 1;
		if (r->dbid)
			db_bind_int(st, p++, r->dbid);
		else {
			db_bind_int(st, p++, fid);
			db_bind_int(st, p++, year64);
		}
		db_bind_text(st, p++, names_rstatus_code(r->status));
		for (int i = 0; i < 4; i++, p++)
			if (r->cp[i] >= 0)
				db_bind_int(st, p, r->cp[i]);
		if (db_run(st) != DB_OK)
			goto fail;
		r->id = r->dbid ? r->dbid : db_last_id(im->db);
		for (size_t i = 0; r->dbid && i < sizeof(clear) / sizeof(clear[0]); i++) {
			st = db_stmt(im->db, clear[i]);
			db_bind_int(st, 1, r->id);
			if (db_run(st) != DB_OK)
				goto fail;
		}
		if (r->dbid)
			im->st.updated++;
		else
			im->st.inserted++;
	}
	if (rule->write != NULL) {
		if (rule->write(im, r->id, &l) != DB_OK)
			goto fail;
		im->st.lines++;
	}
	return;
fail:
	dbfail(im);
}

static const struct kind_def kinds[CSVIO__MAX] = {
    [CSVIO_FACILITIES] = {"facilities", fac_cols, FC__MAX, "ttttttrrttiiit", fac_load, fac_row},
    [CSVIO_REPORTS] = {"reports", rep_cols, RC__MAX, "titiiiitttirtr", rep_load, rep_row},
};

int
csvio_kind_parse(const char *s)
{
	for (int i = 0; i < CSVIO__MAX; i++)
		if (strcmp(s, kinds[i].name) == 0)
			return i;
	return -1;
}

const char *
csvio_kind_name(enum csvio_kind kind)
{
	return kinds[kind].name;
}

/* ---- records -------------------------------------------------------- */

static const char *
field(struct imp *im, int i)
{
	return im->rowbuf.data + im->off[i];
}

/*
 * A header cell holding a semicolon or a tab: the file is separated by
 * that, not by the separator chosen (a tab-separated file, or a header
 * that mixes ',' and ';' and splits better by ','), as no column name
 * holds either.  Reports it and returns 1.
 */
static int
header_separator(struct imp *im)
{
	static const struct {
		char c;
		enum msg_id msg;
	} seps[] = {
	    {';', MSG_IMP_SEMICOLONS},
	    {'\t', MSG_IMP_TABS},
	};
	char m[1024];
	for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++)
		for (int i = 0; i < im->nf && i < MAX_FIELDS; i++)
			if (strchr(field(im, i), seps[k].c) != NULL) {
				im->fatal = 1;
				emit(im, im->line, "header",
				     msg_both(m, sizeof(m), seps[k].msg, NULL));
				return 1;
			}
	return 0;
}

/*
 * A UTF-16 file without a byte-order mark (one with a mark is decoded),
 * told by NUL bytes (at least one byte in eight of the first
 * chunk; the ASCII half of each character), in odd places for
 * little-endian, even for big-endian.  Reports it and returns 1.
 */
static int
utf16_refused(struct imp *im, const unsigned char *s, size_t n)
{
	size_t nul[2] = {0, 0};
	int le;
	for (size_t i = 0; i < n; i++)
		nul[i & 1] += s[i] == '\0';
	if ((nul[0] + nul[1]) * 8 < n || nul[0] + nul[1] == 0)
		return 0;
	le = nul[1] >= nul[0];
	char m[1024];
	im->fatal = 1;
	emit(im, 0, "file", msg_both(m, sizeof(m), le ? MSG_IMP_UTF16LE : MSG_IMP_UTF16BE, NULL));
	return 1;
}

static void
header(struct imp *im)
{
	const struct kind_def *k = im->k;
	int seen[NCOLS_MAX] = {0};
	struct buf miss, unknown, dup, msg;
	buf_init(&miss, 4096);
	buf_init(&unknown, 4096);
	buf_init(&dup, 4096);
	buf_init(&msg, 16384);
	im->have_head = 1;
	im->nhead = im->nf;
	if (header_separator(im))
		goto out;
	for (int i = 0; i < im->nf && i < MAX_FIELDS; i++) {
		char ex[80];
		im->map[i] = -1;
		for (int c = 0; c < k->ncols; c++)
			if (strcmp(field(im, i), k->cols[c].name) == 0)
				im->map[i] = c;
		val_excerpt(ex, sizeof(ex), field(im, i));
		if (im->map[i] < 0) /* an empty name must still be reported: quote it */
			buf_printf(&unknown, "%s%s", unknown.len ? ", " : "", ex[0] ? ex : "\"\"");
		else if (seen[im->map[i]]++)
			buf_printf(&dup, "%s%s", dup.len ? ", " : "", ex);
	}
	for (int c = 0; c < k->ncols; c++)
		if (!seen[c])
			buf_printf(&miss, "%s%s", miss.len ? ", " : "", k->cols[c].name);
	/*
	 * Each list follows its message as it is: column names are neither
	 * Vietnamese nor English, and a list can be longer than an argument.
	 */
	char m[256];
	if (im->nf > MAX_FIELDS) {
		struct msg n;
		msg_init(&n, MSG_IMP_NCOLUMNS, NULL);
		msg_plain(&n, im->nf);
		buf_printf(&unknown, "%s(%s)", unknown.len ? ", " : "",
			   msg_format(&n, MSG_BOTH, m, sizeof(m)));
	}
	if (miss.len)
		buf_printf(&msg, "%s: %s", msg_both(m, sizeof(m), MSG_IMP_MISSING_COLUMNS, NULL),
			   buf_str(&miss));
	if (unknown.len)
		buf_printf(&msg, "%s%s: %s", msg.len ? "; " : "",
			   msg_both(m, sizeof(m), MSG_IMP_UNKNOWN_COLUMNS, NULL),
			   buf_str(&unknown));
	if (dup.len)
		buf_printf(&msg, "%s%s: %s", msg.len ? "; " : "",
			   msg_both(m, sizeof(m), MSG_IMP_REPEATED_COLUMNS, NULL), buf_str(&dup));
	if (msg.len) {
		im->fatal = 1;
		emit(im, im->line, "header", buf_str(&msg));
	}
out:
	buf_free(&miss);
	buf_free(&unknown);
	buf_free(&dup);
	buf_free(&msg);
}

/*
 * A record of a scan: the header and every row that is not blank go to
 * the raw sink as they are (no apostrophe dropped: the reader decides).
 */
static void
raw_record(struct imp *im)
{
	const char *fields[MAX_FIELDS];
	int blank = 1, n = im->nf < MAX_FIELDS ? im->nf : MAX_FIELDS;
	for (int i = 0; i < n; i++) {
		fields[i] = field(im, i);
		if (im->len[i] != 0)
			blank = 0;
		if (strlen(fields[i]) != im->len[i] || !utf8_valid(fields[i], im->len[i])) {
			rowid(im, -1, MSG_IMP_NOT_UTF8);
			return;
		}
	}
	if (blank && im->have_head)
		return;
	if (im->nf > MAX_FIELDS) {
		struct msg m;
		msg_init(&m, MSG_IMP_NCOLUMNS, NULL);
		msg_plain(&m, im->nf);
		rowmsg(im, -1, &m);
		im->fatal = 1;
		return;
	}
	if (im->have_head)
		im->st.rows++;
	im->have_head = 1;
	if ((im->raw_rc = im->raw(im->raw_ctx, im->line, fields, n)) != 0)
		im->fatal = 1;
}

static void
record(struct imp *im)
{
	int blank = 1;
	im->row_bad = 0;
	if (im->rowbuf.overflow) {
		rowid_n(im, -1, MSG_IMP_ROW_TOO_LONG, MAX_ROW);
		return;
	}
	if (im->raw != NULL) {
		raw_record(im);
		return;
	}
	if (!im->have_head) {
		header(im);
		return;
	}
	for (int i = 0; i < im->nf && i < MAX_FIELDS; i++)
		if (im->len[i] != 0)
			blank = 0;
	if (blank)
		return; /* a row of empty cells, as spreadsheets leave */
	im->st.rows++;
	if (im->nf != im->nhead) {
		struct msg m;
		msg_init(&m, MSG_IMP_FIELD_COUNT, NULL);
		msg_plain(&m, im->nf);
		msg_plain(&m, im->nhead);
		rowmsg(im, -1, &m);
		return;
	}
	for (int i = 0; i < im->nf; i++) {
		const char *s = field(im, i);
		if (strlen(s) != im->len[i] || !utf8_valid(s, im->len[i]))
			rowid(im, im->map[i], MSG_IMP_NOT_UTF8);
		/* The apostrophe export puts before a text cell a spreadsheet
		 * could run as a formula (csvio_put_field): exactly one goes. */
		if (s[0] == '\'' && im->k->types[im->map[i]] == CSVIO_TEXT)
			s++;
		im->v[im->map[i]] = s;
	}
	if (!im->row_bad)
		im->k->row(im);
}

static void
cb_field(void *s, size_t len, void *data)
{
	struct imp *im = data;
	if (im->nf < MAX_FIELDS) {
		im->off[im->nf] = im->rowbuf.len;
		im->len[im->nf] = len;
		if (buf_append(&im->rowbuf, s, len) == 0)
			buf_putc(&im->rowbuf, '\0');
	}
	im->nf++;
}

static void
cb_row(int c, void *data)
{
	struct imp *im = data;
	(void)c;
	if (!im->fatal && !im->dberr)
		record(im);
	im->nf = 0;
	buf_reset(&im->rowbuf);
	im->rowbuf.overflow = 0;
}

/* libcsv grows its field buffer with this: refusing keeps a field bounded. */
static void *
capped_realloc(void *p, size_t n)
{
	return n > MAX_FIELD ? NULL : realloc(p, n);
}

static void
parse_error(struct imp *im, long line, int rc, int at_eof)
{
	im->fatal = 1;
	im->line = line;
	if (rc == CSV_ENOMEM || rc == CSV_ETOOBIG)
		rowid_n(im, -1, MSG_IMP_FIELD_TOO_LONG, MAX_FIELD);
	else if (at_eof)
		rowid(im, -1, MSG_IMP_UNTERMINATED);
	else
		rowid(im, -1, MSG_IMP_BAD_QUOTING);
}

/*
 * The separator, from the header line (decoded, so UTF-8): ',' unless the
 * line holds a ';' and splitting it by ';' gives more of kind's column names
 * than splitting it by ','; with both in the line and as many names either
 * way, 0 (undecidable).  A cell is compared without surrounding spaces,
 * quotes and a final CR.
 */
static char
header_sep(const struct imp *im, const char *s, size_t n)
{
	const struct kind_def *k = im->k;
	int nnames = im->sep_names != NULL ? im->nsep_names : k->ncols;
	if (im->raw != NULL && (im->sep_names == NULL || nnames == 0)) {
		/* a file nobody described yet: the separator that splits its header more */
		size_t semi = 0, comma = 0;
		int q = 0;
		for (size_t i = 0; i < n && s[i] != '\n'; i++) {
			q ^= s[i] == '"';
			semi += !q && s[i] == ';';
			comma += !q && s[i] == ',';
		}
		return semi > comma ? ';' : ',';
	}
	int names[2] = {0, 0};
	const char seps[2] = {',', ';'};
	if (memchr(s, ';', n) == NULL)
		return ',';
	for (int t = 0; t < 2; t++) {
		size_t i = 0;
		while (i <= n) {
			size_t j = i;
			while (j < n && s[j] != seps[t] && s[j] != '\n')
				j++;
			size_t b = i, e = j;
			while (b < e && (s[b] == ' ' || s[b] == '"'))
				b++;
			while (e > b && (s[e - 1] == ' ' || s[e - 1] == '"' || s[e - 1] == '\r'))
				e--;
			for (int c = 0; c < nnames; c++) {
				const char *nm =
				    im->sep_names != NULL ? im->sep_names[c] : k->cols[c].name;
				if (strlen(nm) == e - b && memcmp(nm, s + b, e - b) == 0)
					names[t]++;
			}
			if (j >= n || s[j] == '\n')
				break;
			i = j + 1;
		}
	}
	if (memchr(s, ',', n) == NULL || names[1] > names[0])
		return ';';
	return names[0] > names[1] ? ',' : 0;
}

/* The libcsv parser and where it is in the file. */
struct feed {
	struct csv_parser p;
	long line;
	int odd, at_start;
	struct buf head; /* the header line until it is complete */
	int sep_known;
};

/* Hands libcsv the UTF-8 text s, one physical line at a time. */
static void
feed_lines(struct imp *im, struct feed *f, const unsigned char *s0, size_t n)
{
	size_t off = 0;
	while (off < n && !im->fatal && !im->dberr) {
		const unsigned char *s = s0 + off, *nl = memchr(s, '\n', n - off);
		size_t len = nl != NULL ? (size_t)(nl - s) + 1 : n - off;
		if (f->at_start && !f->odd)
			im->line = f->line;
		for (const unsigned char *q = s; (q = memchr(q, '"', (size_t)(s + len - q))); q++)
			f->odd ^= 1;
		if (csv_parse(&f->p, s, len, cb_field, cb_row, im) != len) {
			parse_error(im, f->line, csv_error(&f->p), 0);
			break;
		}
		f->at_start = nl != NULL;
		f->line += nl != NULL;
		off += len;
	}
}

/*
 * Decides the separator once the header line is complete (or at the end of
 * the file, eof), then feeds what was held back; before that, holds s back.
 */
static void
feed(struct imp *im, struct feed *f, const unsigned char *s, size_t n, int eof)
{
	if (im->fatal || im->dberr)
		return;
	if (!f->sep_known) {
		const unsigned char *nl = memchr(s, '\n', n);
		size_t take = nl != NULL ? (size_t)(nl - s) + 1 : n;
		if (buf_append(&f->head, s, take) != 0) {
			im->line = 1;
			rowid_n(im, -1, MSG_IMP_ROW_TOO_LONG, MAX_ROW);
			im->fatal = 1;
			return;
		}
		if (nl == NULL && !eof)
			return;
		char sep = header_sep(im, f->head.data != NULL ? f->head.data : "", f->head.len);
		if (sep == 0) {
			char m[1024];
			im->fatal = 1;
			emit(im, 1, "header", msg_both(m, sizeof(m), MSG_CSV_SEP_UNDECIDED, NULL));
			return;
		}
		f->sep_known = 1;
		im->st.sep = sep;
		csv_set_delim(&f->p, (unsigned char)sep);
		feed_lines(im, f, (const unsigned char *)f->head.data, f->head.len);
		s += take;
		n -= take;
	}
	feed_lines(im, f, s, n);
}

/*
 * Text decoded to UTF-8 and normalised to NFC (Windows-1258 writes tone
 * marks as combining characters) one whole line at a time, so that a mark
 * is never cut from its letter.  A line longer than MAX_ROW is passed on
 * unnormalised in pieces (libcsv then refuses the row as too long).
 */
static void
feed_decoded(struct imp *im, struct feed *f, struct buf *dec, int eof)
{
	size_t upto = dec->len;
	if (!eof) {
		const char *nl = dec->len ? memrchr(dec->data, '\n', dec->len) : NULL;
		if (nl == NULL && dec->len < MAX_ROW)
			return;
		upto = nl != NULL ? (size_t)(nl - dec->data) + 1 : dec->len;
	}
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t m =
	    utf8proc_map((const utf8proc_uint8_t *)dec->data, (utf8proc_ssize_t)upto, &nfc,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m >= 0)
		feed(im, f, nfc, (size_t)m, eof && upto == dec->len);
	else
		feed(im, f, (const unsigned char *)dec->data, upto, eof && upto == dec->len);
	free(nfc);
	memmove(dec->data, dec->data + upto, dec->len - upto);
	dec->len -= upto;
}

/* The encoding of a file whose first chunk is s (n bytes), and the BOM's length. */
static const char *
detect(const unsigned char *s, size_t n, size_t *bom)
{
	*bom = 0;
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		*bom = 3;
		return "UTF-8";
	}
	if (n >= 2 && s[0] == 0xff && s[1] == 0xfe) {
		*bom = 2;
		return "UTF-16LE";
	}
	if (n >= 2 && s[0] == 0xfe && s[1] == 0xff) {
		*bom = 2;
		return "UTF-16BE";
	}
	/* A chunk may end inside a character: up to 3 bytes of a lead are allowed. */
	size_t end = n;
	for (size_t k = 0; k < 3 && end > 0 && (s[end - 1] & 0xc0) == 0x80; k++)
		end--;
	if (end > 0 && s[end - 1] >= 0xc0)
		end--;
	else
		end = n;
	return utf8_valid((const char *)s, end) ? "UTF-8" : "CP1258";
}

/* The encoding's name for people. */
static const char *
enc_label(const char *enc)
{
	if (strcmp(enc, "CP1258") == 0)
		return "Windows-1258";
	if (strcmp(enc, "UTF-16LE") == 0)
		return "UTF-16 LE";
	if (strcmp(enc, "UTF-16BE") == 0)
		return "UTF-16 BE";
	return "UTF-8";
}

static void
undecodable(struct imp *im, const char *enc)
{
	struct msg vm;
	char m[1024];
	msg_init(&vm, MSG_CSV_UNDECODABLE, NULL);
	msg_code(&vm, enc_label(enc));
	im->fatal = 1;
	emit(im, 0, "file", msg_format(&vm, MSG_BOTH, m, sizeof(m)));
}

/*
 * Feeds the file to libcsv one physical line at a time: UTF-8 as it is,
 * UTF-16 and Windows-1258 through iconv into UTF-8, chunk by chunk.
 */
static int
parse(struct imp *im, FILE *in)
{
	struct feed f = {.line = 1, .at_start = 1};
	unsigned char *chunk = xmalloc(CHUNK);
	char *out = NULL;
	struct buf dec;
	iconv_t cd = (iconv_t)-1;
	const char *enc = NULL;
	size_t n, carry = 0;
	int rc = 0;

	buf_init(&f.head, MAX_ROW);
	buf_init(&dec, 2 * MAX_ROW);
	if (csv_init(&f.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(chunk);
		return -1;
	}
	csv_set_realloc_func(&f.p, capped_realloc);
	while (!im->fatal && !im->dberr && (n = fread(chunk + carry, 1, CHUNK - carry, in)) > 0) {
		size_t off = 0;
		n += carry;
		carry = 0;
		if (enc == NULL) {
			enc = detect(chunk, n, &off);
			if (off == 0 && utf16_refused(im, chunk, n)) /* UTF-16 without a BOM */
				break;
			im->st.encoding = enc_label(enc);
			if (strcmp(enc, "UTF-8") != 0) {
				cd = iconv_open("UTF-8", enc);
				if (cd == (iconv_t)-1) {
					undecodable(im, enc);
					break;
				}
				out = xmalloc(4 * CHUNK);
			}
		}
		if (cd == (iconv_t)-1) {
			feed(im, &f, chunk + off, n - off, 0);
			continue;
		}
		char *ip = (char *)chunk + off;
		size_t il = n - off;
		while (il > 0 && !im->fatal) {
			char *op = out;
			size_t ol = 4 * CHUNK;
			size_t r = iconv(cd, &ip, &il, &op, &ol);
			if (buf_append(&dec, out, (size_t)(op - out)) != 0) {
				rowid_n(im, -1, MSG_IMP_ROW_TOO_LONG, MAX_ROW);
				im->fatal = 1;
				break;
			}
			if (r == (size_t)-1 && errno == EINVAL) { /* a character cut by the chunk */
				memmove(chunk, ip, il);
				carry = il;
				il = 0;
			} else if (r == (size_t)-1 && errno != E2BIG) {
				undecodable(im, enc);
			}
			feed_decoded(im, &f, &dec, 0);
		}
	}
	if (ferror(in)) {
		char m[128];
		emit(im, 0, "file", msg_both(m, sizeof(m), MSG_IMP_READ_ERROR, NULL));
		rc = -1;
	} else if (!im->fatal && !im->dberr && carry > 0) {
		undecodable(im, enc);
	} else if (!im->fatal && !im->dberr) {
		if (cd != (iconv_t)-1)
			feed_decoded(im, &f, &dec, 1);
		else
			feed(im, &f, (const unsigned char *)"", 0, 1);
		if (!im->fatal && !im->dberr && csv_fini(&f.p, cb_field, cb_row, im) != 0)
			parse_error(im, im->line, CSV_EPARSE, 1);
	}
	if (rc == 0 && !im->have_head && !im->fatal) {
		char m[128];
		emit(im, 1, "header", msg_both(m, sizeof(m), MSG_IMP_EMPTY_FILE, NULL));
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	csv_free(&f.p);
	buf_free(&f.head);
	buf_free(&dec);
	free(out);
	free(chunk);
	return rc;
}

/* An import's state with its lookups loaded and its transaction begun; NULL on failure. */
static struct imp *
imp_begin(struct db *db, enum csvio_kind kind, const char *name, const struct csvio_opts *o,
	  csvio_err_fn *err, void *ctx)
{
	static const struct csvio_opts none;
	struct imp *im = xcalloc(1, sizeof(*im));
	im->db = db;
	im->o = o != NULL ? o : &none;
	im->k = &kinds[kind];
	im->name = name;
	im->err = err;
	im->ctx = ctx;
	im->writing = !im->o->dry_run;
	arena_init(&im->a);
	buf_init(&im->rowbuf, MAX_ROW);
	buf_init(&im->keybuf, MAX_ROW);
	for (int i = 0; i < NCOLS_MAX; i++)
		im->v[i] = "";
	return im;
}

static void
imp_free(struct imp *im)
{
	struct smap *maps[] = {&im->sectors,  &im->admin, &im->units,	&im->products,
			       &im->carriers, &im->fac,	  &im->tax_db,	&im->file_codes,
			       &im->file_tax, &im->reps,  &im->db_reps, &im->line_keys,
			       &im->en_sums};
	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		smap_free(maps[i]);
	plaus_free(im->plaus);
	buf_free(&im->rowbuf);
	buf_free(&im->keybuf);
	arena_free(&im->a);
	free(im);
}

/* Begins the transaction and loads the lookups; -1 (reported) on failure. */
static int
imp_open(struct imp *im)
{
	if (db_begin(im->db) != DB_OK) {
		im->dberr = 1;
		emit(im, 0, "database", db_errmsg(im->db));
		return -1;
	}
	im->began = 1;
	if (im->k->load(im) < 0) {
		im->dberr = 1;
		emit(im, 0, "database", db_errmsg(im->db));
		return -1;
	}
	return 0;
}

/*
 * Ends an import: the checks that need every row, then commit when every
 * row was good (and not a dry run), else roll back.  Returns 0, 1 or -1 as
 * csvio_import, fills st and frees im.
 */
static int
imp_end(struct imp *im, struct csvio_stats *st)
{
	struct db *db = im->db;
	int rc = -1;
	if (im->dberr)
		goto out;
	if (im->k == &kinds[CSVIO_REPORTS] && !im->fatal)
		months_check(im);
	if (im->st.errors > 0 || im->refused) {
		rc = 1;
		goto out;
	}
	if (!im->o->dry_run) {
		if (db_run(db_stmt(db, STMT_GENERATION_BUMP)) != DB_OK || db_commit(db) != DB_OK) {
			emit(im, 0, "database", db_errmsg(db));
			goto out;
		}
		im->began = 0;
	}
	rc = 0;
out:
	if (im->began)
		db_rollback(db);
	if (st != NULL)
		*st = im->st;
	imp_free(im);
	return rc;
}

int
csvio_import(struct db *db, enum csvio_kind kind, FILE *in, const char *name,
	     const struct csvio_opts *o, csvio_err_fn *err, void *ctx, struct csvio_stats *st)
{
	struct imp *im = imp_begin(db, kind, name, o, err, ctx);
	if (imp_open(im) == 0 && parse(im, in) < 0)
		im->dberr = 1; /* a read error: -1, as a failed database */
	return imp_end(im, st);
}

struct csvio_rows {
	struct imp *im;
};

struct csvio_rows *
csvio_rows_begin(struct db *db, enum csvio_kind kind, const char *name, const struct csvio_opts *o,
		 csvio_err_fn *err, void *ctx)
{
	struct csvio_rows *r = xcalloc(1, sizeof(*r));
	r->im = imp_begin(db, kind, name, o, err, ctx);
	r->im->st.sep = ',';
	imp_open(r->im);
	return r;
}

int
csvio_rows_put(struct csvio_rows *r, long line, const char *const *v, const char *const *where)
{
	struct imp *im = r->im;
	if (im->dberr)
		return -1;
	long errors = im->st.errors;
	im->line = line;
	im->row_bad = 0;
	im->where = where;
	for (int c = 0; c < im->k->ncols; c++)
		im->v[c] = v[c] != NULL ? v[c] : "";
	im->st.rows++;
	im->k->row(im);
	im->where = NULL;
	for (int c = 0; c < NCOLS_MAX; c++)
		im->v[c] = "";
	if (im->dberr)
		return -1;
	return im->st.errors > errors;
}

int
csvio_rows_end(struct csvio_rows *r, const char *const *where, int refuse, struct csvio_stats *st)
{
	r->im->where = where;
	r->im->refused = refuse;
	int rc = imp_end(r->im, st);
	free(r);
	return rc;
}

int
csvio_scan(FILE *in, const char *name, const char *const *names, int nnames, csvio_raw_fn *fn,
	   void *fnctx, csvio_err_fn *err, void *ctx, struct csvio_stats *st)
{
	struct imp *im = imp_begin(NULL, CSVIO_FACILITIES, name, NULL, err, ctx);
	im->raw = fn;
	im->raw_ctx = fnctx;
	im->sep_names = names;
	im->nsep_names = names != NULL ? nnames : 0;
	int rc = parse(im, in);
	if (rc == 0 && im->raw_rc != 0)
		rc = im->raw_rc;
	else if (rc == 0 && im->st.errors > 0)
		rc = 1;
	if (st != NULL)
		*st = im->st;
	imp_free(im);
	return rc;
}

int
csvio_import_path(struct db *db, enum csvio_kind kind, const char *path, const struct csvio_opts *o,
		  csvio_err_fn *err, void *ctx, struct csvio_stats *st)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		char m[VAL_MSG_MAX];
		const char *why = strerror(errno);
		msg_both(m, sizeof(m), MSG_IO_CANNOT_OPEN, ": %s", why);
		if (err != NULL)
			err(ctx, path, 0, "file", m);
		if (st != NULL)
			*st = (struct csvio_stats){.errors = 1};
		return -1;
	}
	int rc = csvio_import(db, kind, f, path, o, err, ctx, st);
	fclose(f);
	return rc;
}

void
csvio_err_print(void *ctx, const char *name, long line, const char *column, const char *reason)
{
	fprintf(ctx, "%s:%ld: %s: %s\n", name, line, column, reason);
}

void
csvio_err_buf(void *ctx, const char *name, long line, const char *column, const char *reason)
{
	buf_printf(ctx, "%s:%ld: %s: %s\n", name, line, column, reason);
}

/* ---- export --------------------------------------------------------- */

/* The export query of each kind: its columns are the format's, typed as kinds[].types. */
static const enum stmt export_stmts[CSVIO__MAX] = {
    [CSVIO_FACILITIES] = STMT_CSVIO_FACILITY_EXPORT,
    [CSVIO_REPORTS] = STMT_CSVIO_REPORT_EXPORT,
};

/*
 * Whether text s gets the guarding apostrophe: Excel and LibreOffice read a
 * cell starting with = + - @ (or a tab or CR before one) as a formula
 * (OWASP "CSV injection"); a cell that starts with an apostrophe gets one
 * more so that import, which drops one, gives s back.
 */
static int
csv_guarded(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r'", s[0]) != NULL;
}

void
csvio_put_field(FILE *out, const char *s)
{
	size_t n = strlen(s);
	int guard = csv_guarded(s);
	char first = guard ? '\'' : s[0];
	int quote =
	    strpbrk(s, ",\"\r\n") != NULL ||
	    (n > 0 && (first == ' ' || first == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));
	if (quote)
		putc('"', out);
	if (guard)
		putc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	if (quote)
		putc('"', out);
}

int
csvio_ncols(enum csvio_kind kind)
{
	return kinds[kind].ncols;
}

const char *
csvio_col_name(enum csvio_kind kind, int c)
{
	return kinds[kind].cols[c].name;
}

const char *
csvio_col_label(enum csvio_kind kind, int c, int lang)
{
	const struct val_label *l = &kinds[kind].cols[c].label;
	return lang == LANG_EN ? l->en : l->vi;
}

enum csvio_type
csvio_col_type(enum csvio_kind kind, int c)
{
	return (enum csvio_type)kinds[kind].types[c];
}

/* Room for a %lld or %.17g number. */
enum { EXPORT_NUM_MAX = 32 };

int
csvio_export_rows(struct db *db, enum csvio_kind kind, int year, csvio_row_fn *fn, void *ctx,
		  char *err, size_t errsz)
{
	const struct kind_def *k = &kinds[kind];
	const char *types = k->types;
	const char *fields[NCOLS_MAX];
	char num[NCOLS_MAX][EXPORT_NUM_MAX];
	struct db_stmt *st = db_stmt(db, export_stmts[kind]);
	int rc;

	if (kind == CSVIO_REPORTS && year > 0)
		db_bind_int(st, 1, year);
	while ((rc = db_step(st)) == DB_ROW) {
		for (int c = 0; c < k->ncols; c++) {
			fields[c] = num[c];
			if (db_col_is_null(st, c))
				fields[c] = NULL;
			else if (types[c] == CSVIO_INT)
				snprintf(num[c], EXPORT_NUM_MAX, "%lld",
					 (long long)db_col_int(st, c));
			else if (types[c] == CSVIO_REAL)
				fmt_exact(num[c], EXPORT_NUM_MAX, db_col_double(st, c));
			else
				fields[c] = db_col_text(st, c);
		}
		if (fn(ctx, fields, k->ncols) < 0) {
			db_reset(st);
			return -1;
		}
	}
	if (rc != DB_DONE)
		goto dbfail;
	return 0;
dbfail:
	msg_both(err, errsz, MSG_IO_DB_ERROR, ": %s", db_errmsg(db));
	if (st != NULL)
		db_reset(st);
	return -1;
}

struct csv_sink {
	FILE *out;
	const char *types; /* the kind's column types */
};

/*
 * The CSV row sink (ctx: struct csv_sink): text through csvio_put_field,
 * numbers as they are ("-5" in a number column is a number, not a formula).
 */
static int
csv_row(void *ctx, const char *const *fields, int n)
{
	const struct csv_sink *k = ctx;
	for (int c = 0; c < n; c++) {
		if (c)
			putc(',', k->out);
		if (fields[c] == NULL)
			continue;
		if (k->types[c] == CSVIO_TEXT)
			csvio_put_field(k->out, fields[c]);
		else
			fputs(fields[c], k->out);
	}
	putc('\n', k->out);
	return 0;
}

int
csvio_export(struct db *db, enum csvio_kind kind, FILE *out, int year, char *err, size_t errsz)
{
	const struct kind_def *k = &kinds[kind];
	for (int c = 0; c < k->ncols; c++)
		fprintf(out, "%s%s", c ? "," : "", k->cols[c].name);
	putc('\n', out);
	struct csv_sink sink = {out, k->types};
	if (csvio_export_rows(db, kind, year, csv_row, &sink, err, errsz) < 0)
		return -1;
	if (fflush(out) != 0 || ferror(out)) {
		const char *why = strerror(errno);
		msg_both(err, errsz, MSG_IO_WRITE_ERROR, ": %s", why);
		return -1;
	}
	return 0;
}

int
csvio_export_path(struct db *db, enum csvio_kind kind, const char *path, int year, char *err,
		  size_t errsz)
{
	char tmp[PATH_MAX];
	int rc = -1;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)) {
		msg_both(err, errsz, MSG_IO_PATH_TOO_LONG, NULL);
		return -1;
	}
	FILE *f = fopen(tmp, "w");
	if (f == NULL) {
		const char *why = strerror(errno);
		msg_both(err, errsz, MSG_IO_CANNOT_CREATE, " %s: %s", tmp, why);
		return -1;
	}
	rc = csvio_export(db, kind, f, year, err, errsz);
	if (fclose(f) != 0 && rc == 0) {
		const char *why = strerror(errno);
		msg_both(err, errsz, MSG_IO_WRITE_ERROR, " %s: %s", tmp, why);
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		const char *why = strerror(errno);
		msg_both(err, errsz, MSG_IO_CANNOT_RENAME, " %s: %s", tmp, why);
		rc = -1;
	}
	if (rc != 0)
		unlink(tmp);
	return rc;
}
