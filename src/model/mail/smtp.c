/*
 * RFC 5322 messages and their delivery by libcurl's SMTP (smtp.h).
 */
#include "model/mail/smtp.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/buf.h"

/* A whole message: the body is limited by what sxsh writes (a few kB). */
#define SMTP_MESSAGE_MAX (256u * 1024)

/* Whether s is printable ASCII (what a header may carry as it is). */
static int
smtp_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Bytes of s from its start, at most max, that end on a UTF-8 character boundary. */
static size_t
smtp_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t k = max;
	/* Back up over continuation bytes (10xxxxxx): the cut must precede a lead byte. */
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return k;
}

int
smtp_encode_header(char *out, size_t n, const char *s, size_t first)
{
	size_t len = strlen(s), o = 0;
	if (smtp_ascii(s)) {
		if (len + 1 > n)
			return -1;
		memcpy(out, s, len + 1);
		return (int)len;
	}
	/*
	 * An encoded word is "=?UTF-8?B?" (10), the base64 text, "?=" (2).  A
	 * line holding one may have 76 characters: the first line has `first`
	 * before the word, the others one space.  Base64 turns 3 bytes into 4
	 * characters, so a budget of B characters carries (B - 12) / 4 * 3
	 * bytes.
	 */
	size_t budget = 76 - (first < 60 ? first : 60);
	size_t i = 0;
	while (i < len) {
		size_t max = (budget - 12) / 4 * 3;
		size_t take = smtp_utf8_cut(s + i, len - i, max);
		if (take == 0)
			return -1; /* not UTF-8 */
		char b64[128];
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s + i, take,
				  sodium_base64_VARIANT_ORIGINAL);
		int w = snprintf(out + o, n - o, "%s=?UTF-8?B?%s?=", o == 0 ? "" : "\r\n ", b64);
		if (w < 0 || (size_t)w >= n - o)
			return -1;
		o += (size_t)w;
		i += take;
		budget = 75;
	}
	return (int)o;
}

void
smtp_address(const char *from, char *out, size_t n)
{
	const char *lt = strrchr(from, '<'), *gt = lt != NULL ? strchr(lt, '>') : NULL;
	if (lt != NULL && gt != NULL)
		snprintf(out, n, "%.*s", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, n, "%s", from);
}

/* "From: " and the sender: an encoded display name when it is not ASCII. */
static void
smtp_from(struct buf *b, const char *from)
{
	char addr[MAIL_FIELD_MAX], name[MAIL_FIELD_MAX], enc[1024];
	smtp_address(from, addr, sizeof(addr));
	const char *lt = strrchr(from, '<');
	if (lt == NULL) {
		buf_printf(b, "From: %s\r\n", addr);
		return;
	}
	size_t nl = (size_t)(lt - from);
	while (nl > 0 && from[nl - 1] == ' ')
		nl--;
	snprintf(name, sizeof(name), "%.*s", (int)nl, from);
	/* A quoted display name may hold neither '"' nor '\\' unescaped: use '\''. */
	for (char *p = name; *p; p++)
		if (*p == '"' || *p == '\\')
			*p = '\'';
	if (name[0] == '\0' || smtp_encode_header(enc, sizeof(enc), name, 6) < 0)
		buf_printf(b, "From: <%s>\r\n", addr);
	else if (smtp_ascii(name))
		buf_printf(b, "From: \"%s\" <%s>\r\n", name, addr);
	else
		buf_printf(b, "From: %s <%s>\r\n", enc, addr);
}

char *
smtp_message(const char *from, const char *to, const char *subject, const char *body, int64_t now)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct buf b;
	buf_init(&b, SMTP_MESSAGE_MAX);
	smtp_from(&b, from);
	buf_printf(&b, "To: <%s>\r\n", to);
	char enc[4096];
	if (smtp_encode_header(enc, sizeof(enc), subject, 9) < 0)
		snprintf(enc, sizeof(enc), "sxsh");
	buf_printf(&b, "Subject: %s\r\n", enc);
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	buf_printf(&b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday],
		   tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		   tm.tm_sec);
	unsigned char rnd[12];
	char hex[sizeof(rnd) * 2 + 1], addr[MAIL_FIELD_MAX];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	smtp_address(from, addr, sizeof(addr));
	const char *at = strchr(addr, '@');
	buf_printf(&b, "Message-ID: <%lld.%s@%s>\r\n", (long long)now, hex,
		   at != NULL && at[1] != '\0' ? at + 1 : "localhost");
	buf_puts(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
		     "Content-Transfer-Encoding: base64\r\n\r\n");

	/* The body in canonical form (CRLF line ends), then base64 in lines of 76. */
	size_t blen = strlen(body), clen = 0;
	char *canon = xmalloc(blen * 2 + 1);
	for (size_t i = 0; i < blen; i++) {
		if (body[i] == '\n' && (i == 0 || body[i - 1] != '\r'))
			canon[clen++] = '\r';
		canon[clen++] = body[i];
	}
	size_t b64n = sodium_base64_ENCODED_LEN(clen, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(b64n);
	sodium_bin2base64(b64, b64n, (unsigned char *)canon, clen, sodium_base64_VARIANT_ORIGINAL);
	size_t total = strlen(b64);
	for (size_t i = 0; i < total; i += 76)
		buf_printf(&b, "%.*s\r\n", (int)(total - i < 76 ? total - i : 76), b64 + i);
	free(b64);
	free(canon);
	if (b.overflow) {
		buf_free(&b);
		return NULL;
	}
	char *msg = xstrdup(buf_str(&b));
	buf_free(&b);
	return msg;
}

/* The upload: the message, read out in pieces by libcurl. */
struct smtp_upload {
	const char *p;
	size_t left;
};

static size_t
smtp_read(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct smtp_upload *u = arg;
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

int
smtp_send(const struct mail_config *c, const char *to, const char *message, char *err)
{
	if (c->smtp_url[0] == '\0') {
		snprintf(err, SMTP_ERR_MAX, "no SMTP server configured");
		return -1;
	}
	char url[MAIL_URL_MAX + 8], from[MAIL_FIELD_MAX + 2], rcpt[MAIL_FIELD_MAX + 2],
	    addr[MAIL_FIELD_MAX];
	int starttls = strncmp(c->smtp_url, "smtp+starttls://", 16) == 0;
	snprintf(url, sizeof(url), "%s%s", starttls ? "smtp://" : "",
		 c->smtp_url + (starttls ? 16 : 0));
	smtp_address(c->from, addr, sizeof(addr));
	snprintf(from, sizeof(from), "<%s>", addr);
	snprintf(rcpt, sizeof(rcpt), "<%s>", to);
	char ebuf[CURL_ERROR_SIZE] = "";
	struct smtp_upload up = {message, strlen(message)};
	struct curl_slist *rcpts = curl_slist_append(NULL, rcpt);
	CURL *h = curl_easy_init();
	if (h == NULL || rcpts == NULL) {
		snprintf(err, SMTP_ERR_MAX, "libcurl could not start");
		curl_slist_free_all(rcpts);
		curl_easy_cleanup(h);
		return -1;
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	if (starttls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (c->user[0] != '\0') {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
	}
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(h, CURLOPT_READDATA, &up);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)SMTP_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)SMTP_CONNECT_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	CURLcode rc = curl_easy_perform(h);
	if (rc != CURLE_OK) {
		long code = 0;
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
		if (code != 0)
			snprintf(err, SMTP_ERR_MAX, "SMTP %ld: %s", code,
				 ebuf[0] ? ebuf : curl_easy_strerror(rc));
		else
			snprintf(err, SMTP_ERR_MAX, "%s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
	}
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(h);
	return rc == CURLE_OK ? 0 : -1;
}
