/*
 * The mapping page's first guesses (see mapping.h): the field of a column
 * from its header, and the sxsh code each distinct value of a code column
 * stands for.  Everything is compared as fold_key gives it (case and
 * diacritics ignored); a guess is only a preselection the user can change,
 * and a value this file cannot place is left for the user to choose.
 */
#include <stdlib.h>
#include <string.h>

#include "model/io/mapping.h"
#include "model/names.h"
#include "util/alloc.h"
#include "util/fold.h"

/* Headers as offices write them, folded, with the field they fill. */
static const struct {
	int kind; /* enum csvio_kind */
	const char *field;
	const char *const heads[10];
} head_table[] = {
    {CSVIO_FACILITIES, "code", {"ma co so", "ma cs", "facility code"}},
    {CSVIO_FACILITIES,
     "tax_code",
     {"ma so thue", "mst", "ma so doanh nghiep", "ma so dn", "tax code"}},
    {CSVIO_FACILITIES,
     "name",
     {"ten doanh nghiep", "ten co so", "ten don vi", "ten cong ty", "ten dn", "ten",
      "facility name"}},
    {CSVIO_FACILITIES,
     "admin_unit",
     {"dia ban", "huyen", "dia chi hanh chinh", "don vi hanh chinh", "quan/huyen",
      "huyen/thanh pho", "huyen, thi xa, thanh pho", "huyen/thi xa/thanh pho"}},
    {CSVIO_FACILITIES, "address", {"dia chi", "dia chi tru so", "dia chi co so"}},
    {CSVIO_FACILITIES,
     "sector",
     {"ma nganh", "nganh nghe", "vsic", "ma vsic", "nganh", "nganh kinh te", "ma nganh vsic",
      "nganh nghe kinh doanh chinh", "ma nganh kinh te"}},
    {CSVIO_FACILITIES,
     "ownership",
     {"loai hinh", "loai hinh doanh nghiep", "loai hinh so huu", "thanh phan kinh te",
      "loai hinh dn"}},
    {CSVIO_FACILITIES, "size", {"quy mo", "quy mo doanh nghiep"}},
    {CSVIO_FACILITIES,
     "employees",
     {"so lao dong", "lao dong", "tong so lao dong", "so lao dong (nguoi)", "so nguoi lao dong"}},
    {CSVIO_FACILITIES, "lat", {"vi do"}},
    {CSVIO_FACILITIES, "lon", {"kinh do"}},
    {CSVIO_FACILITIES, "opened_year", {"nam thanh lap", "nam bat dau hoat dong"}},
    {CSVIO_FACILITIES, "status", {"trang thai", "tinh trang hoat dong"}},
    {CSVIO_REPORTS, "facility_code", {"ma co so", "ma cs", "facility code"}},
    {CSVIO_REPORTS, "year", {"nam", "nam bao cao"}},
};

/* Whether folded header h is key, or key followed by a bracketed note "(người)". */
static int
head_is(const char *h, const char *key)
{
	size_t n = strlen(key);
	return strncmp(h, key, n) == 0 && (h[n] == '\0' || (h[n] == ' ' && h[n + 1] == '('));
}

/* The text inside the last brackets of folded h ("kwh" of "dien (kwh)"); NULL when none. */
static char *
bracketed(const char *h)
{
	const char *o = strrchr(h, '('), *c = o != NULL ? strchr(o, ')') : NULL;
	if (c == NULL || c == o + 1)
		return NULL;
	return xstrndup(o + 1, (size_t)(c - o - 1));
}

int
mapping_guess_header(const struct mapping_codes *codes, enum csvio_kind k, const char *header,
		     struct mapping_guess *g)
{
	char *h = fold_key(header);
	int hit = 0;
	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < sizeof(head_table) / sizeof(head_table[0]) && !hit; i++) {
		if (head_table[i].kind != (int)k)
			continue;
		for (int j = 0; j < 10 && head_table[i].heads[j] != NULL && !hit; j++)
			if (head_is(h, head_table[i].heads[j])) {
				g->role = MAPR_FIELD;
				g->field = head_table[i].field;
				hit = 1;
			}
	}
	/* reports: a carrier's name ("Điện (kWh)", "Than cám (tấn)") is its energy line */
	for (int c = 0; !hit && k == CSVIO_REPORTS && codes != NULL && c < codes->ncarrier; c++) {
		char *n = fold_key(codes->carrier[c].name_vi);
		if (head_is(h, n)) {
			g->role = MAPR_LINE;
			g->line = MAPL_ENERGY;
			g->item = codes->carrier[c].code;
			hit = 1;
		}
		free(n);
	}
	if (hit && g->role == MAPR_LINE) {
		char *u = bracketed(h);
		for (int i = 0; u != NULL && i < codes->nunit && g->unit == NULL; i++) {
			char *a = fold_key(codes->unit[i].code),
			     *b = fold_key(codes->unit[i].name_vi);
			if (strcmp(u, a) == 0 || strcmp(u, b) == 0)
				g->unit = codes->unit[i].code;
			free(a);
			free(b);
		}
		free(u);
	}
	free(h);
	return hit;
}

/*
 * Ownership as the Statistics Office's lists write it ("Loại hình
 * doanh nghiệp"), folded, tried in order: the first whose words the value
 * contains wins, so "Công ty TNHH 100% vốn nước ngoài" is FDI before it is
 * a limited company, and "ngoài nhà nước" is private before "nhà nước" is
 * state.  docs/mapping-profiles.md states the assumptions.
 */
static const struct {
	const char *words, *code;
} own_table[] = {
    {"nuoc ngoai", "fdi"},
    {"fdi", "fdi"},
    {"lien doanh", "fdi"},
    {"ngoai nha nuoc", "private"},
    {"ngoai quoc doanh", "private"},
    {"nha nuoc", "state"},
    {"dnnn", "state"},
    {"quoc doanh", "state"},
    {"hop tac xa", "cooperative"},
    {"htx", "cooperative"},
    {"to hop tac", "cooperative"},
    {"ho kinh doanh", "household"},
    {"ho ca the", "household"},
    {"ca the", "household"},
    {"ho gia dinh", "household"},
    {"tnhh", "private"},
    {"trach nhiem huu han", "private"},
    {"co phan", "private"},
    {"ctcp", "private"},
    {"tu nhan", "private"},
    {"dntn", "private"},
    {"hop danh", "private"},
};

/* Whether folded s contains the words w (bounded by spaces or the ends). */
static int
has_words(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(s, w); p != NULL; p = strstr(p + 1, w))
		if ((p == s || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* The entry of a fixed list whose code or label folded is f, or NULL. */
static const char *
fixed_find(const struct name *t, int n, const char *f)
{
	const char *hit = NULL;
	for (int i = 0; i < n && hit == NULL; i++) {
		char *a = fold_key(t[i].code), *b = fold_key(t[i].name_vi),
		     *c = fold_key(t[i].name_en);
		if (strcmp(f, a) == 0 || strcmp(f, b) == 0 || strcmp(f, c) == 0)
			hit = t[i].code;
		free(a);
		free(b);
		free(c);
	}
	return hit;
}

/* The one code of list whose code or name (key(name) with key) is f; NULL: none or several. */
static const char *
list_find(const struct mapping_code *l, int n, const char *f, char *(*key)(const char *))
{
	const char *hit = NULL;
	int nhit = 0;
	for (int i = 0; i < n; i++) {
		char *a = fold_key(l[i].code), *b = key(l[i].name_vi), *c = key(l[i].name_en);
		if (strcmp(f, a) == 0) { /* the code itself wins over any name */
			free(a);
			free(b);
			free(c);
			return l[i].code;
		}
		if (strcmp(f, b) == 0 || strcmp(f, c) == 0) {
			hit = l[i].code;
			nhit++;
		}
		free(a);
		free(b);
		free(c);
	}
	return nhit == 1 ? hit : NULL;
}

const char *
mapping_guess_value(const struct mapping_codes *codes, enum csvio_kind k, const char *field,
		    const char *value)
{
	const char *hit = NULL;
	char *f = fold_key(value);
	if (f[0] == '\0') {
		free(f);
		return NULL;
	}
	if (strcmp(field, "admin_unit") == 0) {
		char *pf = fold_place_key(value);
		hit = list_find(codes->admin, codes->nadmin, pf, fold_place_key);
		free(pf);
	} else if (strcmp(field, "sector") == 0) {
		/* a VSIC code, or a longer code under one sxsh knows ("10201" → 1020), or a name */
		hit = list_find(codes->sector, codes->nsector, f, fold_key);
		size_t best = 0;
		const char *longest = NULL;
		for (int i = 0; hit == NULL && i < codes->nsector; i++) {
			const char *c = codes->sector[i].code;
			size_t n = strlen(c);
			if (n > best && strncmp(value, c, n) == 0 && value[0] >= '0' &&
			    value[0] <= '9') {
				best = n;
				longest = c;
			}
		}
		if (hit == NULL)
			hit = longest;
	} else if (strcmp(field, "ownership") == 0) {
		hit = fixed_find(names_ownership, OWN__MAX, f);
		for (size_t i = 0; hit == NULL && i < sizeof(own_table) / sizeof(own_table[0]); i++)
			if (has_words(f, own_table[i].words))
				hit = own_table[i].code;
	} else if (strcmp(field, "size") == 0) {
		/* "Doanh nghiệp nhỏ", "Quy mô vừa": the label after those words */
		const char *s = f;
		if (strncmp(s, "doanh nghiep ", 13) == 0)
			s += 13;
		if (strncmp(s, "quy mo ", 7) == 0)
			s += 7;
		hit = fixed_find(names_size, SIZE__MAX, s);
	} else if (strcmp(field, "status") == 0 && k == CSVIO_FACILITIES) {
		static const struct name fs[] = {
		    {"active", "Đang hoạt động", "Active"},
		    {"closed", "Đã đóng cửa", "Closed"},
		    {"active", "Hoạt động", "Operating"},
		    {"closed", "Ngừng hoạt động", "Ceased"},
		};
		hit = fixed_find(fs, 4, f);
	} else if (strncmp(field, "cp_", 3) == 0) {
		static const struct name yn[] = {
		    {"1", "Có", "Yes"}, {"0", "Không", "No"}, {"1", "x", "y"}, {"0", "-", "n"}};
		hit = fixed_find(yn, 4, f);
	}
	free(f);
	return hit;
}
