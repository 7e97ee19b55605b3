/*
 * GET /audit (province staff and admins): the audit log, newest first, 100
 * rows a page, in words: each action by its name ("Chấp nhận báo cáo" for
 * report.accept, model/names.h names_action), the object by its kind's
 * name and key, the time as dd/mm/yyyy HH:MM in Vietnam's time zone, and
 * the before and after documents, so a change can be read back: a flat
 * JSON object is shown as a list of fields by their labels (audit_keys)
 * with coded values by name (role, status, ownership, size); anything else
 * (nested lines of a report) as its JSON text.
 *
 * Filters: the kind of object and the action are <select>s of names (their
 * codes are the option values: entity, action, the latter matched as a
 * prefix by the model); the user is typed as an email, or as part of an
 * email or name that names one account (user_pick), with suggestions from
 * GET /pick/users where scripts run (static/js/picker.js); the dates from and to are typed
 * dd/mm/yyyy (ISO yyyy-mm-dd is taken too, for old links) and compared by UTC day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/accounts/user.h"
#include "model/audit.h"
#include "model/names.h"
#include "model/reporting/choices.h"
#include "render/html.h"
#include "render/json.h"
#include "util/fmt.h"
#include "web/wfpage.h"

#define AUDIT_PAGE 100

/* The filters: query parameter, label, and kind. */
enum audit_kind { AUDIT_ENTITY, AUDIT_USER, AUDIT_ACTION, AUDIT_DATE };
static const struct {
	const char *name, *vi, *en;
	enum audit_kind kind;
} audit_filters[] = {
    {"entity", "Đối tượng", "Object", AUDIT_ENTITY},
    {"user", "Người dùng (email hoặc tên)", "User (email or name)", AUDIT_USER},
    {"action", "Thao tác", "Action", AUDIT_ACTION},
    {"from", "Từ ngày", "From", AUDIT_DATE},
    {"to", "Đến ngày", "To", AUDIT_DATE},
};
#define AUDIT_NFILTERS (sizeof(audit_filters) / sizeof(audit_filters[0]))

/*
 * A date typed dd/mm/yyyy (or d/m/yyyy, or ISO yyyy-mm-dd), a day in
 * Vietnam's time, as the stored UTC time (arena) in *at where that day
 * begins, or with end set where the next one begins (the filter's "to" is
 * the whole day): 02/01/2026 begins at "2026-01-01 17:00:00" UTC.  -1 when
 * it is no date of the calendar.
 */
static int
audit_date(struct http_request *req, const char *v, int end, const char **at)
{
	int d, m, y, n = 0;
	const char *text = v;
	if (sscanf(v, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && v[n] == '\0' && y >= 1000)
		text = arena_printf(&req->arena, "%04d-%02d-%02d", y, m, d);
	if (parse_date(text, &y, &m, &d) < 0)
		return -1;
	time_t t = (time_t)((audit_days(y, m, d) + (end ? 1 : 0)) * 86400 - 7 * 3600);
	struct tm tm;
	gmtime_r(&t, &tm);
	*at = arena_printf(&req->arena, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900,
			   tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return 0;
}

/*
 * Reads the filters of the query into f; on a malformed date returns -1
 * with the index of its filter in *bad.
 */
static int
audit_filter_read(struct http_request *req, struct audit_filter *f, size_t *bad)
{
	const char **field[] = {&f->entity, &f->actor, &f->action, &f->from, &f->to};
	for (size_t i = 0; i < AUDIT_NFILTERS; i++) {
		const char *v = http_param(req, audit_filters[i].name);
		*field[i] = v;
		if (v != NULL && v[0] != '\0' && audit_filters[i].kind == AUDIT_DATE &&
		    audit_date(req, v, field[i] == &f->to, field[i]) < 0) {
			*bad = i;
			return -1;
		}
	}
	/* A user typed by part of the email or name is the one account it names. */
	if (f->actor != NULL && f->actor[0] != '\0' && strchr(f->actor, '@') == NULL) {
		struct user_pick found[USER_PICK_MAX];
		int n = 0;
		if (user_pick(http_request_db(req), f->actor, found, &n) == ST_OK && n == 1)
			f->actor = arena_strdup(&req->arena, found[0].email);
	}
	return 0;
}

/* The name of code in t (n entries) in the page's language; the code itself when unknown. */
static const char *
audit_name(struct http_request *req, const struct name *t, int n, const char *code)
{
	const struct name *nm = names_find(t, n, code);
	return nm == NULL ? code : HTTP_T(req, nm->name_vi, nm->name_en);
}

/* A stored time "YYYY-MM-DD HH:MM:SS" (UTC) as dd/mm/yyyy HH:MM in Vietnam's time. */
static const char *
audit_when(struct http_request *req, const char *at)
{
	int64_t t = audit_at_unix(at);
	return t != 0 ? web_datetime_unix(req, t) : at;
}

/* The kinds of document an attachment belongs to. */
static const struct name audit_doc_kinds[] = {
    {"report", "Báo cáo", "Report"},
    {"registration", "Đăng ký", "Registration"},
};

/* The labels of the fields audit documents hold, and the codes their values may be. */
static const struct {
	const char *key, *vi, *en;
	const struct name *codes; /* the value's names; NULL: shown as it is */
	int ncodes;
} audit_keys[] = {
    {"email", "Email", "Email", NULL, 0},
    {"name", "Tên", "Name", NULL, 0},
    {"role", "Vai trò", "Role", names_role, ROLE__MAX},
    {"unit", "Đơn vị hành chính", "Administrative unit", NULL, 0},
    {"facility_id", "Cơ sở (mã số)", "Facility (id)", NULL, 0},
    {"id", "Mã số", "Id", NULL, 0},
    {"status", "Trạng thái", "Status", NULL, 0},
    {"sessions_ended", "Phiên đăng nhập đã kết thúc", "Sessions ended", NULL, 0},
    {"tokens_revoked", "Khóa API đã thu hồi", "API keys revoked", NULL, 0},
    {"tax_code", "Mã số thuế", "Tax code", NULL, 0},
    {"sector_code", "Ngành", "Sector", NULL, 0},
    {"address", "Địa chỉ", "Address", NULL, 0},
    {"lat", "Vĩ độ", "Latitude", NULL, 0},
    {"lon", "Kinh độ", "Longitude", NULL, 0},
    {"ownership", "Loại hình sở hữu", "Ownership", names_ownership, OWN__MAX},
    {"size", "Quy mô", "Size", names_size, SIZE__MAX},
    {"employees", "Số lao động", "Employees", NULL, 0},
    {"opened_year", "Năm hoạt động", "Opened", NULL, 0},
    {"closed_year", "Năm ngừng", "Closed", NULL, 0},
    {"year", "Năm", "Year", NULL, 0},
    {"note", "Ghi chú", "Note", NULL, 0},
    {"version", "Phiên bản", "Version", NULL, 0},
    {"addr", "Địa chỉ IP", "IP address", NULL, 0},
    {"state", "Trạng thái", "Status", names_state, WF_STATE__MAX},
    {"review_note", "Ghi chú của người xem xét", "Reviewer's note", NULL, 0},
    {"cp_aware", "Biết về SXSH", "Aware of CP", NULL, 0},
    {"cp_staff", "Có cán bộ phụ trách SXSH", "CP staff", NULL, 0},
    {"cp_unit", "Có bộ phận SXSH", "CP unit", NULL, 0},
    {"cp_applied", "Đã áp dụng SXSH", "CP applied", NULL, 0},
    {"output", "Sản lượng", "Output", NULL, 0},
    {"energy", "Năng lượng", "Energy", NULL, 0},
    {"water", "Nước", "Water", NULL, 0},
    {"material", "Nguyên vật liệu", "Materials", NULL, 0},
    {"explanations", "Giải thích cảnh báo", "Explanations of warnings", NULL, 0},
    {"code", "Mã cơ sở", "Facility code", NULL, 0},
    {"user_id", "Tài khoản (mã số)", "Account (id)", NULL, 0},
    {"admin_unit_id", "Đơn vị hành chính (mã số)", "Administrative unit (id)", NULL, 0},
    {"from", "Từ năm", "From year", NULL, 0},
    {"report_due", "Hạn nộp báo cáo", "Report deadline", NULL, 0},
    {"registration_due", "Hạn nộp đăng ký", "Registration deadline", NULL, 0},
    {"doc_id", "Hồ sơ (mã số)", "Document (id)", NULL, 0},
    {"doc_kind", "Loại hồ sơ", "Kind of document", audit_doc_kinds, 2},
    {"filename", "Tên tệp", "File name", NULL, 0},
    {"mime", "Loại tệp", "File type", NULL, 0},
};

/* An account's or a document's status by name; NULL when s is neither. */
static const char *
audit_status(struct http_request *req, const char *s)
{
	if (strcmp(s, "active") == 0)
		return HTTP_T(req, "Hoạt động", "Active");
	if (strcmp(s, "disabled") == 0)
		return HTTP_T(req, "Đã khóa", "Disabled");
	const struct name *nm = names_find(names_state, WF_STATE__MAX, s);
	return nm == NULL ? NULL : HTTP_T(req, nm->name_vi, nm->name_en);
}

/* One value of a flat document as a person reads it (arena). */
static const char *
audit_value(struct http_request *req, const char *key, json_t *v, int k)
{
	if (json_is_null(v))
		return "—";
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (k >= 0 && audit_keys[k].codes != NULL) {
			const struct name *nm =
			    names_find(audit_keys[k].codes, audit_keys[k].ncodes, s);
			if (nm != NULL)
				return HTTP_T(req, nm->name_vi, nm->name_en);
		}
		const char *st = strcmp(key, "status") == 0 ? audit_status(req, s) : NULL;
		return st != NULL ? st : s;
	}
	if (json_is_integer(v))
		return arena_printf(&req->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_true(v))
		return HTTP_T(req, "có", "yes");
	if (json_is_false(v))
		return HTTP_T(req, "không", "no");
	char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	const char *out = arena_strdup(&req->arena, text != NULL ? text : "");
	free(text);
	return out;
}

/* A code of a report line by name: product, carrier or unit (choices), else itself. */
static const char *
audit_code_name(struct http_request *req, const struct choices *ch, const char *key,
		const char *code)
{
	const struct choice *c = NULL;
	if (ch != NULL && strcmp(key, "product") == 0)
		c = choice_find(ch->product, ch->nproduct, code);
	else if (ch != NULL && strcmp(key, "carrier") == 0)
		c = choice_find(ch->carrier, ch->ncarrier, code);
	else if (ch != NULL && strcmp(key, "unit") == 0)
		c = choice_find(ch->unit, ch->nunit, code);
	if (c != NULL)
		return HTTP_T(req, c->name_vi, c->name_en);
	if (strcmp(key, "source") == 0) {
		const struct name *nm = names_find(names_water, NAMES_WATER_N, code);
		if (nm != NULL)
			return HTTP_T(req, nm->name_vi, nm->name_en);
	}
	return code;
}

/*
 * One line of a report as a person reads it (arena): "Điện 11.865
 * kilôoát giờ, tháng 1, 28.941.000 đồng"; an explanation as its text.
 */
static const char *
audit_line(struct http_request *req, const struct choices *ch, json_t *line)
{
	if (!json_is_object(line))
		return "";
	struct buf t;
	buf_init(&t, 1024);
	const char *what = NULL, *unit = "";
	json_t *v;
	if ((v = json_object_get(line, "product")) != NULL && json_string_length(v) > 0 &&
	    json_object_get(line, "carrier") == NULL)
		what = audit_code_name(req, ch, "product", json_string_value(v));
	if ((v = json_object_get(line, "carrier")) != NULL)
		what = audit_code_name(req, ch, "carrier", json_string_value(v));
	if ((v = json_object_get(line, "source")) != NULL)
		what = audit_code_name(req, ch, "source", json_string_value(v)), unit = " m³";
	if ((v = json_object_get(line, "name")) != NULL)
		what = json_string_value(v);
	if ((v = json_object_get(line, "explanation")) != NULL)
		what = json_string_value(v);
	buf_puts(&t, what != NULL ? what : "");
	json_t *q = json_object_get(line, "quantity");
	if (q == NULL)
		q = json_object_get(line, "quantity_m3");
	if (json_is_number(q)) {
		char num[64];
		buf_printf(&t, " %s",
			   fmt_qty(num, sizeof(num), json_number_value(q), FMT_QTY, req->lang));
		if ((v = json_object_get(line, "unit")) != NULL)
			buf_printf(&t, " %s",
				   audit_code_name(req, ch, "unit", json_string_value(v)));
		else
			buf_puts(&t, unit);
	}
	if ((v = json_object_get(line, "month")) != NULL && json_is_integer(v))
		buf_printf(&t, HTTP_T(req, ", tháng %lld", ", month %lld"),
			   (long long)json_integer_value(v));
	if ((v = json_object_get(line, "product")) != NULL && json_string_length(v) > 0 &&
	    json_object_get(line, "carrier") != NULL)
		buf_printf(&t, HTTP_T(req, ", cho %s", ", for %s"),
			   audit_code_name(req, ch, "product", json_string_value(v)));
	if ((v = json_object_get(line, "cost_vnd")) != NULL && json_is_number(v)) {
		char num[64];
		buf_printf(&t, HTTP_T(req, ", %s đồng", ", %s dong"),
			   fmt_qty(num, sizeof(num), json_number_value(v), FMT_QTY, req->lang));
	}
	const char *out = arena_strdup(&req->arena, buf_str(&t));
	buf_free(&t);
	return out;
}

/*
 * Appends the cell of one audit document: an object as a list of its
 * fields by label, the lines of a report each in words (codes named
 * through ch, which may be NULL); anything else (or a document that does
 * not parse) as its JSON text; "—" when there is none.
 */
static void
audit_doc(struct http_request *req, struct buf *b, const char *doc, const struct choices *ch)
{
	html_open(b, "td", "class", "change", NULL);
	json_t *o = doc != NULL && doc[0] != '\0' ? json_loads(doc, 0, NULL) : NULL;
	const char *key;
	json_t *v;
	if (doc == NULL || doc[0] == '\0') {
		html_text(b, "—");
	} else if (!json_is_object(o)) {
		html_open(b, "code", "class", "json", NULL);
		html_text(b, doc);
		html_close(b, "code");
	} else {
		html_open(b, "dl", NULL);
		json_object_foreach(o, key, v)
		{
			int k = -1;
			for (size_t i = 0; i < sizeof(audit_keys) / sizeof(audit_keys[0]); i++)
				if (strcmp(audit_keys[i].key, key) == 0)
					k = (int)i;
			html_elem(b, "dt",
				  k >= 0 ? HTTP_T(req, audit_keys[k].vi, audit_keys[k].en) : key);
			if (json_is_array(v)) {
				html_open(b, "dd", NULL);
				if (json_array_size(v) == 0)
					html_text(b, "—");
				size_t i;
				json_t *line;
				json_array_foreach(v, i, line)
				{
					if (i > 0)
						html_open(b, "br", NULL);
					html_text(b, audit_line(req, ch, line));
				}
				html_close(b, "dd");
			} else if (k >= 0 && strncmp(key, "cp_", 3) == 0 && json_is_integer(v)) {
				html_elem(b, "dd",
					  json_integer_value(v) ? HTTP_T(req, "Có", "Yes")
								: HTTP_T(req, "Không", "No"));
			} else {
				html_elem(b, "dd", audit_value(req, key, v, k));
			}
		}
		html_close(b, "dl");
	}
	json_decref(o);
	html_close(b, "td");
}

/* Where audit_row appends. */
struct audit_row_ctx {
	struct http_request *req;
	struct buf *b;
	const struct choices *ch; /* names of the codes in report lines */
};

/* Appends one row of the log's table (audit_each's callback). */
static void
audit_row(void *ctx, const struct audit_entry *e)
{
	struct audit_row_ctx *c = ctx;
	struct http_request *req = c->req;
	struct buf *b = c->b;
	html_open(b, "tr", NULL);
	html_elem(b, "td", audit_when(req, e->at));
	html_elem(b, "td", e->actor[0] != '\0' ? e->actor : "—");
	html_elem(b, "td", audit_name(req, names_action, names_action_n, e->action));
	html_elem(b, "td",
		  arena_printf(&req->arena, "%s %s",
			       audit_name(req, names_entity, names_entity_n, e->entity),
			       e->entity_id ? e->entity_id : ""));
	audit_doc(req, b, e->before_json, c->ch);
	audit_doc(req, b, e->after_json, c->ch);
	html_close(b, "tr");
}

/* A <select> of the names in t (n entries) with "all" first; value selected. */
static void
audit_select(struct http_request *req, struct buf *b, const char *param, const struct name *t,
	     int n, const char *value)
{
	html_open(b, "select", "name", param, NULL);
	html_open(b, "option", "value", "", NULL);
	html_text(b, HTTP_T(req, "— Tất cả —", "— All —"));
	html_close(b, "option");
	for (int i = 0; i < n; i++) {
		if (value != NULL && strcmp(value, t[i].code) == 0)
			html_open(b, "option", "value", t[i].code, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", t[i].code, NULL);
		html_text(b, HTTP_T(req, t[i].name_vi, t[i].name_en));
		html_close(b, "option");
	}
	html_close(b, "select");
}

static void
audit_form(struct http_request *req, struct buf *b)
{
	html_open(b, "form", "class", "filters audit-filters", "method", "get", "action", "/audit",
		  "role", "search", NULL);
	if (req->lang == LANG_EN)
		html_open(b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	for (size_t i = 0; i < AUDIT_NFILTERS; i++) {
		const char *v = http_param(req, audit_filters[i].name);
		const char *label = HTTP_T(req, audit_filters[i].vi, audit_filters[i].en);
		switch (audit_filters[i].kind) {
		case AUDIT_ENTITY:
		case AUDIT_ACTION:
			html_open(b, "label", NULL);
			html_text(b, label);
			if (audit_filters[i].kind == AUDIT_ENTITY)
				audit_select(req, b, "entity", names_entity, names_entity_n, v);
			else
				audit_select(req, b, "action", names_action, names_action_n, v);
			html_close(b, "label");
			break;
		case AUDIT_USER:
			html_open(b, "div", "class", "picker", "data-pick",
				  web_url(req, "/pick/users", NULL, 0), NULL);
			html_open(b, "label", NULL);
			html_text(b, label);
			html_open(b, "input", "type", "text", "name", "user", "autocomplete", "off",
				  "value", v ? v : "", NULL);
			html_close(b, "label");
			html_close(b, "div");
			break;
		case AUDIT_DATE:
			html_open(b, "label", NULL);
			html_textf(b, "%s (%s)", label,
				   HTTP_T(req, "ngày/tháng/năm", "day/month/year"));
			html_open(b, "input", "type", "text", "name", audit_filters[i].name,
				  "inputmode", "numeric", "placeholder", "31/12/2025", "value",
				  v ? v : "", NULL);
			html_close(b, "label");
			break;
		}
	}
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Lọc", "Filter"));
	html_close(b, "button");
	html_close(b, "form");
}

int
web_audit(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int64_t page = 1;
	const char *pg = http_param(req, "page");
	if (pg != NULL && pg[0] != '\0' &&
	    (parse_int64(pg, &page) < 0 || page < 1 || page > 1000000)) {
		web_error(req, resp, 400, "Trang không hợp lệ.", "Invalid page.");
		return 0;
	}
	struct audit_filter filter;
	size_t bad;
	if (audit_filter_read(req, &filter, &bad) < 0) {
		struct val_label field = {audit_filters[bad].vi, audit_filters[bad].en};
		struct msg m;
		char vi[256], en[256];
		msg_init(&m, MSG_ADMIN_DATE, &field);
		web_error(req, resp, 400, msg_format(&m, LANG_VI, vi, sizeof(vi)),
			  msg_format(&m, LANG_EN, en, sizeof(en)));
		return 0;
	}
	int64_t total;
	audit_count(db, &filter, &total); /* 0 when it fails: the list below reports */

	const char *title = HTTP_T(req, "Nhật ký thay đổi", "Audit log");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	audit_form(req, &b);
	html_open(&b, "p", "class", "total", NULL);
	html_textf(&b, "%s: %s", HTTP_T(req, "Số dòng", "Entries"), web_int(req, (long)total));
	html_close(&b, "p");

	web_scroll_open(&b, HTTP_T(req, "Nhật ký thay đổi", "Audit log"));
	html_open(&b, "table", "class", "list audit", NULL);
	html_open(&b, "thead", NULL);
	html_open(&b, "tr", NULL);
	static const char *const th[][2] = {{"Thời điểm", "When"},  {"Ai", "Who"},
					    {"Thao tác", "Action"}, {"Đối tượng", "Object"},
					    {"Trước", "Before"},    {"Sau", "After"}};
	for (size_t i = 0; i < sizeof(th) / sizeof(th[0]); i++)
		html_elem(&b, "th", HTTP_T(req, th[i][0], th[i][1]));
	html_close(&b, "tr");
	html_close(&b, "thead");
	html_open(&b, "tbody", NULL);
	struct choices *ch = NULL;
	if (choices_load(db, &ch) != 0) {
		buf_free(&b);
		return -1;
	}
	struct audit_row_ctx row_ctx = {req, &b, ch};
	int rc = audit_each(db, &filter, AUDIT_PAGE, (page - 1) * AUDIT_PAGE, audit_row, &row_ctx);
	choices_free(ch);
	html_close(&b, "tbody");
	html_close(&b, "table");
	html_close(&b, "div");
	if (rc < 0) {
		buf_free(&b);
		return -1;
	}
	if (page * AUDIT_PAGE < total) {
		struct http_param p[AUDIT_NFILTERS + 1];
		int n = 0;
		for (size_t i = 0; i < AUDIT_NFILTERS; i++)
			p[n++] = (struct http_param){audit_filters[i].name,
						     http_param(req, audit_filters[i].name)};
		p[n++] = (struct http_param){
		    "page", arena_printf(&req->arena, "%lld", (long long)page + 1)};
		html_open(&b, "p", NULL);
		html_open(&b, "a", "href", web_url(req, "/audit", p, n), "rel", "next", NULL);
		html_text(&b, HTTP_T(req, "Trang sau", "Next page"));
		html_close(&b, "a");
		html_close(&b, "p");
	}
	rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}
