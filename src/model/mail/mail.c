/*
 * The process's e-mail settings (mail.h).
 */
#include "model/mail/mail.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct mail_config mail_settings;
static int mail_set;
static pthread_once_t mail_once = PTHREAD_ONCE_INIT;

/* Copies s into a field of MAIL_FIELD_MAX or MAIL_URL_MAX bytes; -1 when it does not fit. */
static int
mail_copy(char *dst, size_t n, const char *s)
{
	size_t len = strlen(s);
	if (len >= n)
		return -1;
	memcpy(dst, s, len + 1);
	return 0;
}

void
mail_config_env(struct mail_config *c, unsigned port)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->from, sizeof(c->from), "%s", MAIL_DEFAULT_FROM);
	snprintf(c->base_url, sizeof(c->base_url), "http://127.0.0.1:%u", port);
	c->before[0] = 7;
	c->before[1] = 1;
	c->nbefore = 2;
	c->after[0] = 3;
	c->nafter = 1;
	const char *v;
	if ((v = getenv("SXSH_SMTP_USER")) != NULL)
		mail_copy(c->user, sizeof(c->user), v);
	if ((v = getenv("SXSH_SMTP_PASSWORD")) != NULL)
		mail_copy(c->password, sizeof(c->password), v);
	if ((v = getenv("SXSH_MAIL_FROM")) != NULL && v[0] != '\0')
		mail_copy(c->from, sizeof(c->from), v);
	if ((v = getenv("SXSH_SMTP_URL")) != NULL && v[0] != '\0')
		mail_config_smtp(c, v);
	if ((v = getenv("SXSH_BASE_URL")) != NULL && v[0] != '\0')
		mail_config_base_url(c, v);
}

int
mail_config_smtp(struct mail_config *c, const char *url)
{
	static const char *const schemes[] = {"smtp://", "smtp+starttls://", "smtps://"};
	size_t skip = 0;
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strncmp(url, schemes[i], strlen(schemes[i])) == 0)
			skip = strlen(schemes[i]);
	if (skip == 0 || strlen(url) >= sizeof(c->smtp_url))
		return -1;
	/* curl's parser knows "smtp" and "smtps"; the starttls form is checked as smtp. */
	char probe[MAIL_URL_MAX + 16];
	snprintf(probe, sizeof(probe), "smtp://%s", url + skip);
	CURLU *u = curl_url();
	char *host = NULL, *user = NULL, *pass = NULL;
	int rc = -1;
	if (u == NULL || curl_url_set(u, CURLUPART_URL, probe, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || host[0] == '\0')
		goto out;
	if (curl_url_get(u, CURLUPART_USER, &user, CURLU_URLDECODE) == CURLUE_OK &&
	    c->user[0] == '\0')
		mail_copy(c->user, sizeof(c->user), user);
	if (curl_url_get(u, CURLUPART_PASSWORD, &pass, CURLU_URLDECODE) == CURLUE_OK &&
	    c->password[0] == '\0')
		mail_copy(c->password, sizeof(c->password), pass);
	rc = mail_copy(c->smtp_url, sizeof(c->smtp_url), url);
out:
	curl_free(host);
	curl_free(user);
	curl_free(pass);
	curl_url_cleanup(u);
	return rc;
}

int
mail_config_base_url(struct mail_config *c, const char *url)
{
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return -1;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' || *p == '>')
			return -1;
	if (mail_copy(c->base_url, sizeof(c->base_url), url) < 0)
		return -1;
	size_t n = strlen(c->base_url);
	while (n > 8 && c->base_url[n - 1] == '/')
		c->base_url[--n] = '\0';
	return 0;
}

int
mail_config_days(const char *s, int desc, int days[MAIL_REMIND_MAX], int *n)
{
	*n = 0;
	if (s[0] == '\0' || strcmp(s, "none") == 0)
		return 0;
	const char *p = s;
	for (;;) {
		if (*p < '0' || *p > '9' || *n == MAIL_REMIND_MAX)
			return -1;
		char *end;
		long v = strtol(p, &end, 10);
		if (v > 60 || (*end != ',' && *end != '\0'))
			return -1;
		for (int i = 0; i < *n; i++)
			if (days[i] == (int)v)
				return -1;
		days[(*n)++] = (int)v;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	/* A few values: insertion sort. */
	for (int i = 1; i < *n; i++)
		for (int j = i; j > 0 && (desc ? days[j] > days[j - 1] : days[j] < days[j - 1]);
		     j--) {
			int t = days[j];
			days[j] = days[j - 1];
			days[j - 1] = t;
		}
	return 0;
}

static void
mail_defaults(void)
{
	if (!mail_set)
		mail_config_env(&mail_settings, 8080);
}

void
mail_configure(const struct mail_config *c)
{
	mail_settings = *c;
	mail_set = 1;
}

const struct mail_config *
mail_conf(void)
{
	pthread_once(&mail_once, mail_defaults);
	return &mail_settings;
}
