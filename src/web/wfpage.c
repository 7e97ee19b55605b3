/*
 * Helpers shared by the workflow pages (see wfpage.h).
 */
#include "web/wfpage.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/html.h"
#include "util/fmt.h"
#include "util/log.h"

const char *
wfp_text(struct http_request *req, const struct msg *m)
{
	char out[2 * VAL_MSG_MAX];
	return arena_strdup(&req->arena, msg_format(m, req->lang, out, sizeof(out)));
}

const char *
wfp_text_id(struct http_request *req, enum msg_id id)
{
	struct msg m;
	msg_init(&m, id, NULL);
	return wfp_text(req, &m);
}

void
wfp_redirect(struct http_response *resp, const char *location)
{
	resp->status = 303;
	http_response_header(resp, "Location", location);
	http_response_header(resp, "Cache-Control", "no-store");
}

static const struct {
	int rc, status;
} wfp_statuses[] = {
    {ST_NOTFOUND, 404}, {ST_FORBIDDEN, 403}, {ST_STATE, 409}, {ST_CONFLICT, 409},
    {ST_INVALID, 400},	{ST_EXISTS, 400},    {ST_FULL, 507},
};

int
wfp_fail(struct http_request *req, struct http_response *resp, int rc)
{
	for (size_t i = 0; i < sizeof(wfp_statuses) / sizeof(wfp_statuses[0]); i++) {
		if (wfp_statuses[i].rc != rc)
			continue;
		struct msg m;
		char vi[VAL_MSG_MAX], en[VAL_MSG_MAX];
		msg_init(&m, msg_status(rc), NULL);
		web_error(req, resp, wfp_statuses[i].status,
			  msg_format(&m, LANG_VI, vi, sizeof(vi)),
			  msg_format(&m, LANG_EN, en, sizeof(en)));
		return 0;
	}
	return -1;
}

int
wfp_form_open(struct http_request *req, struct http_response *resp, struct db *db, int64_t *fid,
	      int *year, struct facility_profile *fac)
{
	int64_t ids[2];
	if (!wfp_ids(req, ids, 2) || ids[1] < val_limits[VF_REPORT_YEAR].lo ||
	    ids[1] > val_limits[VF_REPORT_YEAR].hi)
		return wfp_fail(req, resp, ST_NOTFOUND);
	*fid = ids[0];
	*year = (int)ids[1];
	int rc = facility_profile_get(db, req->who, *fid, fac);
	return rc == ST_OK ? 1 : wfp_fail(req, resp, rc);
}

int
wfp_editable(struct http_request *req, const struct doc_kind *k, const struct doc_head *h)
{
	enum wf_state to;
	int note;
	if (h == NULL || h->id == 0)
		return wf_may_create(req->who);
	return doc_check(k, WF_EDIT, h->state, req->who, &to, &note) == ST_OK;
}

int
wfp_stored(struct http_request *req, struct http_response *resp, int rc, int submit,
	   const char **problem)
{
	switch (rc) {
	case ST_OK: {
		struct http_param done = {"done", submit ? "submitted" : "saved"};
		wfp_redirect(resp, web_url(req, req->path, &done, 1));
		return 0;
	}
	case ST_INVALID:
		resp->status = 400;
		return WFP_RENDER;
	case ST_CONFLICT:
	case ST_STATE:
	case ST_FULL: /* the form comes back with every typed value */
		resp->status = rc == ST_FULL ? 507 : 409;
		/* a stale version: the form shows both (web_draft_leave) */
		*problem =
		    wfp_text_id(req, rc == ST_CONFLICT ? MSG_DRAFT_CONFLICT : msg_status(rc));
		return WFP_RENDER;
	default:
		return wfp_fail(req, resp, rc);
	}
}

void
wfp_tag(struct buf *b, const char *tag, const char *const *attr, int n)
{
	buf_putc(b, '<');
	buf_puts(b, tag);
	for (int i = 0; i + 1 < n; i += 2) {
		if (attr[i + 1] == NULL)
			continue;
		buf_putc(b, ' ');
		buf_puts(b, attr[i]);
		buf_puts(b, "=\"");
		html_text(b, attr[i + 1]);
		buf_putc(b, '"');
	}
	buf_putc(b, '>');
}

const char *
wfp_field_id(struct http_request *req, const char *field)
{
	char *id = arena_printf(&req->arena, "f-%s", field);
	char *o = id + 2;
	for (const char *p = id + 2; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '_')
			*o++ = (char)c;
		else if (o > id + 2 && o[-1] != '-')
			*o++ = '-'; /* "[0]." and other marks: one '-' */
	}
	while (o > id + 2 && o[-1] == '-')
		o--;
	*o = '\0';
	return id;
}

const char *
wfp_error_id(struct http_request *req, const char *field)
{
	return arena_printf(&req->arena, "e-%s", wfp_field_id(req, field) + 2);
}

void
wfp_field_error(struct http_request *req, struct buf *b, const struct wf_errors *errs,
		const char *field)
{
	const struct msg *m = errs != NULL ? wf_errors_find(errs, field) : NULL;
	if (m == NULL)
		return;
	html_open(b, "span", "class", "field-error", "id", wfp_error_id(req, field), "data-field",
		  field, NULL);
	html_text(b, wfp_text(req, m));
	html_close(b, "span");
}

void
wfp_input(struct http_request *req, struct buf *b, const char *label, const char *name,
	  const char *value, const struct wf_errors *errs)
{
	wfp_input_num(req, b, label, name, value, errs, 0);
}

/* The input of wfp_input_num and wfp_cell_input: aria is its accessible name. */
static void
wfp_input_tag(struct http_request *req, struct buf *b, const char *aria, const char *name,
	      const char *value, const struct wf_errors *errs, int num)
{
	int bad = errs != NULL && wf_errors_find(errs, name) != NULL;
	const char *attr[] = {"type",
			      "text",
			      "name",
			      name,
			      "id",
			      wfp_field_id(req, name),
			      "value",
			      value ? value : "",
			      "aria-label",
			      aria,
			      "inputmode",
			      num ? "decimal" : NULL,
			      "data-num",
			      num ? "1" : NULL,
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "aria-describedby",
			      bad ? wfp_error_id(req, name) : NULL};
	wfp_tag(b, "input", attr, (int)(sizeof(attr) / sizeof(attr[0])));
	wfp_field_error(req, b, errs, name);
}

void
wfp_input_num(struct http_request *req, struct buf *b, const char *label, const char *name,
	      const char *value, const struct wf_errors *errs, int num)
{
	if (label != NULL) {
		html_open(b, "label", NULL);
		html_text(b, label);
	}
	wfp_input_tag(req, b, label ? label : name, name, value, errs, num);
	if (label != NULL)
		html_close(b, "label");
}

void
wfp_cell_input(struct http_request *req, struct buf *b, const char *aria, const char *name,
	       const char *value, const struct wf_errors *errs, int num)
{
	wfp_input_tag(req, b, aria, name, value, errs, num);
}

void
wfp_error_summary(struct http_request *req, struct buf *b, const struct wf_errors *errs)
{
	if (errs == NULL || errs->n == 0)
		return;
	html_open(b, "div", "class", "error-summary", "role", "alert", "id", "errors", NULL);
	html_elem(b, "p",
		  HTTP_T(req, "Có trường chưa hợp lệ; sửa từng trường dưới đây:",
			 "Some fields are not valid; correct each one below:"));
	html_open(b, "ul", NULL);
	for (int i = 0; i < errs->n; i++) {
		html_open(b, "li", NULL);
		html_open(b, "a", "href",
			  arena_printf(&req->arena, "#%s", wfp_field_id(req, errs->e[i].field)),
			  NULL);
		html_text(b, wfp_text(req, &errs->e[i].msg));
		html_close(b, "a");
		html_close(b, "li");
	}
	html_close(b, "ul");
	html_close(b, "div");
}

void
wfp_message(struct buf *b, int problem, const char *text)
{
	if (text == NULL)
		return;
	html_open(b, "p", "class", problem ? "problem" : "notice", "role",
		  problem ? "alert" : "status", NULL);
	html_text(b, text);
	html_close(b, "p");
}

void
wfp_warnings(struct http_request *req, struct buf *b, const char *intro,
	     const struct plaus_warning *w, int n)
{
	if (n <= 0)
		return;
	html_open(b, "div", "class", "warnings", "id", "warnings", "role", "status", NULL);
	html_elem(b, "p", intro);
	html_open(b, "ul", NULL);
	for (int i = 0; i < n; i++) {
		html_open(b, "li", "data-field", w[i].field, NULL);
		html_text(b, wfp_text(req, &w[i].m));
		html_close(b, "li");
	}
	html_close(b, "ul");
	html_close(b, "div");
}

void
wfp_explanations(struct http_request *req, struct buf *b, const struct report *r)
{
	if (r == NULL || r->nexpl == 0)
		return;
	html_open(b, "section", "class", "explanations", "id", "explanations", NULL);
	html_elem(b, "h2",
		  HTTP_T(req, "Cảnh báo và giải thích của cơ sở",
			 "Warnings and the facility's explanations"));
	html_open(b, "dl", NULL);
	for (int i = 0; i < r->nexpl; i++) {
		const struct report_explanation *e = &r->expl[i];
		html_elem(b, "dt", HTTP_T(req, e->warning_vi, e->warning_en));
		html_elem(b, "dd", e->text);
	}
	html_close(b, "dl");
	html_close(b, "section");
}

void
wfp_button(struct buf *b, const char *op, const char *label)
{
	html_open(b, "button", "type", "submit", "name", "op", "value", op, NULL);
	html_text(b, label);
	html_close(b, "button");
}

const char *
wfp_state_label(struct http_request *req, enum wf_state s)
{
	if ((int)s < 0 || s >= WF_STATE__MAX)
		return "?";
	return HTTP_T(req, names_state[s].name_vi, names_state[s].name_en);
}

const char *
wfp_num_input(struct http_request *req, double v)
{
	char num[32];
	if (!isfinite(v))
		return "";
	/* every digit, so saving the form again stores the same value */
	return arena_strdup(&req->arena, fmt_exact(num, sizeof(num), v));
}

const char *
wfp_qty_input(struct http_request *req, double v)
{
	char num[48];
	if (!isfinite(v))
		return "";
	if (v == floor(v) && fabs(v) < 1e17)
		snprintf(num, sizeof(num), "%.0f", v); /* whole: no exponent form */
	else
		fmt_exact(num, sizeof(num), v);
	/* Thousands grouped and the decimal mark of the page ("8.000.000",
	 * "1.234,5"; "8,000,000" in English), as parse_num_user reads them back. */
	char grp = req->lang == LANG_VI ? '.' : ',', dec = req->lang == LANG_VI ? ',' : '.';
	char out[80];
	size_t o = 0;
	const char *p = num;
	if (*p == '-')
		out[o++] = *p++;
	size_t digits = strspn(p, "0123456789");
	for (size_t i = 0; i < digits; i++) {
		if (i > 0 && (digits - i) % 3 == 0)
			out[o++] = grp;
		out[o++] = p[i];
	}
	for (p += digits; *p != '\0' && o + 1 < sizeof(out); p++)
		out[o++] = *p == '.' ? dec : *p;
	out[o] = '\0';
	return arena_strdup(&req->arena, out);
}

const char *
wfp_qty_posted(struct http_request *req, const char *s)
{
	double v, alt;
	char num[32];
	if (s == NULL || s[strspn(s, " \t")] == '\0')
		return s; /* empty: the model says whether it may be */
	if (parse_num_user(s, req->lang, &v, &alt) != NUM_OK)
		/* Never a number for the model ("12.5" on a Vietnamese page must
		 * not pass as 12.5): it refuses the field, and wfp_qty_error
		 * words the refusal in the page's convention. */
		return arena_printf(&req->arena, "?%s", s);
	return arena_strdup(&req->arena, fmt_exact(num, sizeof(num), v == 0 ? 0 : v));
}

void
wfp_qty_error(struct http_request *req, struct wf_errors *errs, const char *field,
	      const char *typed)
{
	double v, alt;
	if (typed == NULL)
		return;
	enum num_read rd = parse_num_user(typed, req->lang, &v, &alt);
	if (rd == NUM_OK)
		return;
	for (int i = 0; i < errs->n; i++) {
		struct wf_error *e = &errs->e[i];
		if (strcmp(e->field, field) != 0 || e->msg.id != MSG_VAL_NOT_NUMBER)
			continue;
		const struct val_label *l = e->msg.label;
		msg_init(&e->msg, rd == NUM_TWO_WAYS ? MSG_VAL_NUM_TWO_WAYS : MSG_VAL_NUM_PAGE, l);
		msg_str(&e->msg, typed);
		if (rd == NUM_TWO_WAYS) {
			msg_real(&e->msg, v, -1);
			msg_real(&e->msg, alt, -1);
		}
	}
}

int
wfp_page(struct http_request *req, struct http_response *resp, const char *title, struct buf *b)
{
	http_response_header(resp, "Cache-Control", "no-store");
	if (b->overflow) {
		log_err("web: %s: page over %u bytes", req->path, WFP_PAGE_MAX);
		return -1;
	}
	return web_layout(req, &resp->body, title, buf_str(b));
}

int
wfp_ids(struct http_request *req, int64_t *ids, int n)
{
	return http_path_ids(req->path, ids, n) == n ? n : 0;
}
