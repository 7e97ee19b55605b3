/*
 * E-mail end to end (model/mail/, web/mail.c, cli/cmd_mail.c): messages go
 * through a real SMTP server on loopback, Debian's aiosmtpd (started here,
 * writing a maildir), and are read back with Python's email module, an
 * decoder independent of sxsh's encoder: recipients, the decoded Vietnamese
 * subject, the body.  Also: a server that is down (retry scheduled and
 * counted, then sent), authentication, the notice opt-out, reminders queued
 * once, and the password reset pages from request to new password.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "model/doc/doc.h"
#include "model/mail/mail.h"
#include "model/mail/notice.h"
#include "model/mail/outbox.h"
#include "model/mail/reset.h"
#include "model/mail/smtp.h"
#include "model/reporting/report.h"
#include "http_session.h"
#include "testutil.h"
#include "wffix.h"

#define PY "/usr/bin/python3" /* Debian's, with python3-aiosmtpd */

/*
 * The SMTP server: aiosmtpd's Controller with the Mailbox handler (one file
 * per message in DIR/new), optionally requiring AUTH LOGIN/PLAIN with one
 * user and password on the plain connection (auth_require_tls=False).
 */
static const char smtpd_py[] =
    "import signal, sys\n"
    "from aiosmtpd.controller import Controller\n"
    "from aiosmtpd.handlers import Mailbox\n"
    "from aiosmtpd.smtp import AuthResult, LoginPassword\n"
    "port, box = int(sys.argv[1]), sys.argv[2]\n"
    "user = sys.argv[3].encode() if len(sys.argv) > 3 else None\n"
    "pw = sys.argv[4].encode() if len(sys.argv) > 4 else None\n"
    "def auth(server, session, envelope, mechanism, data):\n"
    "    return AuthResult(success=isinstance(data, LoginPassword)\n"
    "                      and data.login == user and data.password == pw)\n"
    "kw = dict(hostname='127.0.0.1', port=port)\n"
    "if user:\n"
    "    kw.update(authenticator=auth, auth_required=True, auth_require_tls=False)\n"
    "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})\n"
    "c = Controller(Mailbox(box), **kw)\n"
    "c.start()\n"
    "print('ready', flush=True)\n"
    "signal.sigwait({signal.SIGTERM, signal.SIGINT})\n"
    "c.stop()\n";

/*
 * The maildir read back by Python's email module: one JSON object per
 * message, sorted by envelope recipient and subject, with the envelope
 * recipient (X-RcptTo, added by Mailbox), To, From, the subject decoded
 * from its RFC 2047 words, the body decoded from its transfer encoding with
 * '\n' line ends, and the MIME headers.
 */
static const char decode_py[] =
    "import email, json, mailbox, sys\n"
    "from email.header import decode_header, make_header\n"
    "out = []\n"
    "for key, m in mailbox.Maildir(sys.argv[1], factory=None, create=False).items():\n"
    "    m = email.message_from_bytes(m.as_bytes())\n"
    "    body = m.get_payload(decode=True).decode(m.get_content_charset())\n"
    "    out.append({'rcpt': m['X-RcptTo'], 'to': m['To'], 'from': m['From'],\n"
    "                'subject': str(make_header(decode_header(m['Subject']))),\n"
    "                'body': body.replace('\\r\\n', '\\n'), 'type': m['Content-Type'],\n"
    "                'cte': m['Content-Transfer-Encoding'], 'mime': m['MIME-Version'],\n"
    "                'msgid': m['Message-ID'] or '', 'date': m['Date'] or ''})\n"
    "out.sort(key=lambda o: (o['rcpt'], o['subject']))\n"
    "print(json.dumps(out))\n";

struct smtpd {
	pid_t pid;
	int out; /* its stdout */
	int port;
	char box[256];
};

/* A loopback port nobody listens on right now. */
static int
free_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
	close(s);
	return ntohs(a.sin_port);
}

/* Starts aiosmtpd on port (0: a free one) into the maildir box, with AUTH when user is set. */
static void
smtpd_start(struct smtpd *d, int port, const char *box, const char *user, const char *pw)
{
	char script[256];
	snprintf(script, sizeof(script), "%s", tu_write_file("smtpd.py", smtpd_py));
	snprintf(d->box, sizeof(d->box), "%s", tu_path(box));
	d->port = port != 0 ? port : free_port();
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	d->pid = fork();
	assert_true(d->pid >= 0);
	if (d->pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		char ports[16];
		snprintf(ports, sizeof(ports), "%d", d->port);
		execl(PY, PY, script, ports, d->box, user, pw, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	/* Its first line once it listens; the pipe stays open until it is stopped. */
	struct pollfd p = {.fd = fd[0], .events = POLLIN};
	char line[64] = "";
	size_t len = 0;
	while (len < sizeof(line) - 1 && strchr(line, '\n') == NULL) {
		assert_int_equal(poll(&p, 1, 20000), 1);
		ssize_t n = read(fd[0], line + len, sizeof(line) - 1 - len);
		assert_true(n > 0);
		len += (size_t)n;
		line[len] = '\0';
	}
	d->out = fd[0];
	assert_string_equal(line, "ready\n");
}

static void
smtpd_stop(struct smtpd *d)
{
	kill(d->pid, SIGTERM);
	int st;
	waitpid(d->pid, &st, 0);
	close(d->out);
}

/* The messages of box, decoded (see decode_py): a JSON array the caller decrefs. */
static json_t *
mailbox_read(const char *box)
{
	char cmd[768], *out = NULL;
	snprintf(cmd, sizeof(cmd), PY " %s %s", tu_write_file("decode.py", decode_py), box);
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	json_t *a = json_loads(out, 0, NULL);
	assert_non_null(a);
	free(out);
	return a;
}

/* The messages of box once there are at least n of them (waits up to 20 s). */
static json_t *
mailbox_wait(const char *box, size_t n)
{
	for (int i = 0; i < 200; i++) {
		json_t *a = mailbox_read(box);
		if (json_array_size(a) >= n)
			return a;
		json_decref(a);
		usleep(100 * 1000);
	}
	fail_msg("fewer than %zu messages arrived in %s", n, box);
	return NULL;
}

static const char *
field(json_t *a, size_t i, const char *name)
{
	const char *s = json_string_value(json_object_get(json_array_get(a, i), name));
	assert_non_null(s);
	return s;
}

/* The settings of these tests: the server on port (0: none), links to http://sxsh.test. */
static void
configure(int port, const char *user, const char *pw)
{
	struct mail_config c;
	mail_config_env(&c, 8080);
	snprintf(c.from, sizeof(c.from), "Sở Công Thương <sxsh@so-cong-thuong.test>");
	c.user[0] = c.password[0] = '\0';
	if (user != NULL) {
		snprintf(c.user, sizeof(c.user), "%s", user);
		snprintf(c.password, sizeof(c.password), "%s", pw);
	}
	c.smtp_url[0] = '\0';
	if (port != 0)
		snprintf(c.smtp_url, sizeof(c.smtp_url), "smtp://127.0.0.1:%d", port);
	assert_int_equal(mail_config_base_url(&c, "http://sxsh.test/"), 0);
	mail_configure(&c);
}

/*
 * The workflow fixture (wffix.h) plus: user 8, Nguyễn Văn Bình, and user 9,
 * both enterprise users of F1 and F2 respectively (confirmed memberships by
 * the app_user trigger); report 41 of F1 on 2025 forwarded, report 42 of F2
 * on 2025 submitted.
 */
static struct db *
mail_db(const char *name)
{
	struct db *db = wfx_new(name);
	assert_int_equal(
	    db_exec(db,
		    "INSERT INTO app_user(id, email, name, role, facility_id, created_at) VALUES "
		    "(8, 'binh@ent.test', 'Nguyễn Văn Bình', 'enterprise', 1, '2025-01-01'),"
		    "(9, 'ba@ent.test', NULL, 'enterprise', 2, '2025-01-01');"
		    "INSERT INTO report(id, facility_id, year, status, forwarded_at) VALUES "
		    "(41, 1, 2025, 'submitted', '2026-02-01'), (42, 2, 2025, 'submitted', NULL);"),
	    DB_OK);
	return db;
}

static int64_t
count(const char *name, const char *sql)
{
	return wfx_int(name, sql);
}

/* --- the message itself --- */

static void
test_subject_encoding(void **state)
{
	(void)state;
	/*
	 * "Báo cáo năm 2025 đã được chấp nhận" is 47 bytes of UTF-8.  After
	 * "Subject: " (9) a line of 76 leaves 67 for the first word: 12 for
	 * "=?UTF-8?B?" and "?=", 55 for base64, so 52 characters, 39 bytes.
	 * Byte 39 is the last of "ấ" (e1 ba a5), a character boundary, so the
	 * first word holds "Báo cáo năm 2025 đã được chấ" and the second the
	 * other 8 bytes, "p nhận".  The base64 texts are Python's
	 * base64.b64encode of those two byte strings.
	 */
	char out[512];
	assert_true(smtp_encode_header(out, sizeof(out), "Báo cáo năm 2025 đã được chấp nhận", 9) >
		    0);
	assert_string_equal(out, "=?UTF-8?B?QsOhbyBjw6FvIG7Eg20gMjAyNSDEkcOjIMSRxrDhu6NjIGNo4bql?="
				 "\r\n =?UTF-8?B?cCBuaOG6rW4=?=");
	/* Plain ASCII stays as it is. */
	assert_true(smtp_encode_header(out, sizeof(out), "Reset your sxsh password", 9) > 0);
	assert_string_equal(out, "Reset your sxsh password");
	/* A long subject: no encoded word over 75 characters, no line over 76. */
	const char *long_subj = "Nhắc hạn nộp đăng ký SXSH năm 2026: ngày 15/01/2026 — sản xuất "
				"sạch hơn và tiết kiệm năng lượng cho cơ sở Xay xát Đông Hồ";
	char *msg =
	    smtp_message("sxsh@so-cong-thuong.test", "a@b.test", long_subj, "x\n", 1767837600);
	char *subj = strstr(msg, "Subject: ");
	assert_non_null(subj);
	int lines = 0;
	for (char *p = subj; p != NULL && (p == subj || *p == ' '); lines++) {
		char *eol = strstr(p, "\r\n");
		assert_true(eol - p <= 76);
		p = eol + 2;
		if (*p != ' ')
			break;
	}
	assert_true(lines >= 3);
	/* Date in RFC 5322 form: 1767837600 is Thursday 8 January 2026, 02:00 UTC. */
	assert_non_null(strstr(msg, "\r\nDate: Thu, 08 Jan 2026 02:00:00 +0000\r\n"));
	/* The body "x\n" is "x\r\n" in canonical form: base64 "eA0K". */
	assert_non_null(strstr(msg, "\r\n\r\neA0K\r\n"));
	free(msg);
}

/* --- notices through the server --- */

static void
test_accepted_and_returned_delivered(void **state)
{
	(void)state;
	struct smtpd d;
	smtpd_start(&d, 0, "box-notice", NULL, NULL);
	configure(d.port, NULL, NULL);
	struct db *db = mail_db("notice.db");
	struct wf_errors errs;
	wf_errors_clear(&errs);
	/* A move that fails (a stale version) queues nothing: it is one transaction. */
	assert_int_equal(
	    doc_transition(db, &report_kind, &wfx_who[WFX_PROVINCE], 41, WF_ACCEPT, 7, NULL, &errs),
	    ST_CONFLICT);
	assert_int_equal(count("notice.db", "SELECT count(*) FROM mail_outbox"), 0);
	/* Report 41 (F1) accepted, report 42 (F2) returned with a note. */
	assert_int_equal(
	    doc_transition(db, &report_kind, &wfx_who[WFX_PROVINCE], 41, WF_ACCEPT, 1, NULL, &errs),
	    ST_OK);
	assert_int_equal(doc_transition(db, &report_kind, &wfx_who[WFX_PROVINCE], 42, WF_RETURN, 1,
					"Thiếu sản lượng tháng 3.", &errs),
			 ST_OK);
	/* F1 has users 5 and 8, F2 user 9: three notices queued with the moves. */
	assert_int_equal(count("notice.db", "SELECT count(*) FROM mail_outbox WHERE state = "
					    "'queued'"),
			 3);
	struct mail_run run = {0};
	assert_int_equal(mail_deliver_due(db, mail_conf(), (int64_t)time(NULL), 100, &run), 0);
	assert_int_equal(run.sent, 3);
	assert_int_equal(run.retried + run.failed, 0);
	json_t *a = mailbox_wait(d.box, 3);
	assert_int_equal(json_array_size(a), 3);
	/* Sorted by recipient: ba@, binh@, ent1@. */
	assert_string_equal(field(a, 0, "rcpt"), "ba@ent.test");
	assert_string_equal(field(a, 0, "subject"), "Báo cáo năm 2025 được trả lại để sửa");
	assert_string_equal(field(a, 1, "rcpt"), "binh@ent.test");
	assert_string_equal(field(a, 1, "to"), "<binh@ent.test>");
	assert_string_equal(field(a, 1, "from"),
			    "=?UTF-8?B?U+G7nyBDw7RuZyBUaMawxqFuZw==?= <sxsh@so-cong-thuong.test>");
	assert_string_equal(field(a, 1, "subject"), "Báo cáo năm 2025 đã được chấp nhận");
	assert_string_equal(field(a, 1, "type"), "text/plain; charset=UTF-8");
	assert_string_equal(field(a, 1, "cte"), "base64");
	assert_string_equal(field(a, 1, "mime"), "1.0");
	assert_true(strstr(field(a, 1, "msgid"), "@so-cong-thuong.test>") != NULL);
	assert_string_equal(
	    field(a, 1, "body"),
	    "Kính gửi Nguyễn Văn Bình,\n\n"
	    "Sở Công Thương đã chấp nhận báo cáo năm 2025 của Cơ sở Một.\n\n"
	    "Mở trang: http://sxsh.test/reports/41\n\n"
	    "Sở Công Thương, hệ thống sxsh. Thư gửi tự động, xin đừng trả lời.\n"
	    "Bạn nhận thư này vì tài khoản của bạn đang bật thông báo qua e-mail; có thể tắt "
	    "trên trang tài khoản: http://sxsh.test/account\n"
	    "\n-- English --\n\n"
	    "Dear Nguyễn Văn Bình,\n\n"
	    "The Department of Industry and Trade has accepted the annual report for 2025 of "
	    "Cơ sở Một.\n\n"
	    "Open: http://sxsh.test/reports/41\n\n"
	    "Department of Industry and Trade, sxsh. An automatic message: please do not "
	    "reply.\n"
	    "You receive this because e-mail notices are on for your account; you can turn "
	    "them off on your account page: http://sxsh.test/account\n");
	/* User 5 has no name: greeted by address. */
	assert_string_equal(field(a, 2, "rcpt"), "ent1@test");
	assert_true(strncmp(field(a, 2, "body"), "Kính gửi ent1@test,\n\n", 22) == 0);
	/* The return carries the reviewer's note. */
	assert_non_null(
	    strstr(field(a, 0, "body"),
		   "Cán bộ xét duyệt đã trả lại báo cáo năm 2025 của Cơ sở Hai để "
		   "sửa.\n\nGhi chú của người xét duyệt: Thiếu sản lượng tháng 3.\n\n"));
	json_decref(a);
	assert_int_equal(count("notice.db", "SELECT count(*) FROM mail_outbox WHERE state = 'sent' "
					    "AND attempts = 1 AND sent_at IS NOT NULL"),
			 3);
	db_close(db);
	smtpd_stop(&d);
}

static void
test_opt_out(void **state)
{
	(void)state;
	configure(0, NULL, NULL);
	struct db *db = mail_db("optout.db");
	/* Bình (user 8) turns notices off; user 5 keeps them. */
	const struct principal binh = {.user_id = 8, .role = ROLE_ENTERPRISE, .facility_id = 1};
	assert_int_equal(mail_optout_set(db, &binh, 1, 1767837600), ST_OK);
	assert_int_equal(mail_optout_get(db, 8), 1);
	assert_int_equal(mail_optout_get(db, 5), 0);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	assert_int_equal(
	    doc_transition(db, &report_kind, &wfx_who[WFX_PROVINCE], 41, WF_ACCEPT, 1, NULL, &errs),
	    ST_OK);
	char buf[64];
	assert_int_equal(count("optout.db", "SELECT count(*) FROM mail_outbox"), 1);
	assert_string_equal(
	    tu_query_buf("optout.db", "SELECT recipient FROM mail_outbox", buf, sizeof(buf)),
	    "ent1@test");
	/* A password reset still reaches Bình. */
	int wait = 0;
	assert_int_equal(mail_reset_request(db, "Binh@Ent.test", "10.0.0.1", 1767837600, &wait),
			 ST_OK);
	assert_int_equal(count("optout.db", "SELECT count(*) FROM mail_outbox WHERE recipient = "
					    "'binh@ent.test' AND kind = 'password_reset'"),
			 1);
	/* Turned on again: audited both ways. */
	assert_int_equal(mail_optout_set(db, &binh, 0, 1767837700), ST_OK);
	assert_int_equal(mail_optout_get(db, 8), 0);
	assert_int_equal(count("optout.db", "SELECT count(*) FROM audit WHERE action = "
					    "'user.notices' AND entity_id = '8'"),
			 2);
	db_close(db);
}

/* --- a server that is down, then up; authentication --- */

static void
test_retry_then_sent(void **state)
{
	(void)state;
	int port = free_port(); /* nothing listens there yet */
	configure(port, NULL, NULL);
	struct db *db = mail_db("retry.db");
	int64_t t0 = 1767837600;
	struct mail_new m = {.kind = MAIL_REMINDER,
			     .recipient = "ba@ent.test",
			     .subject = "Thử lại",
			     .body = "Nội dung\n"};
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(mail_queue(db, &m, t0), 1);
	assert_int_equal(db_commit(db), DB_OK);
	struct mail_run run = {0};
	assert_int_equal(mail_deliver_due(db, mail_conf(), t0, 10, &run), 0);
	assert_int_equal(run.retried, 1);
	/* The first failure waits 60 s: next_at t0 + 60, one attempt, the error kept. */
	assert_int_equal(count("retry.db", "SELECT count(*) FROM mail_outbox WHERE state = "
					   "'queued' AND attempts = 1 AND next_at = 1767837660 AND "
					   "last_error <> ''"),
			 1);
	/* Not due 59 s later. */
	memset(&run, 0, sizeof(run));
	assert_int_equal(mail_deliver_due(db, mail_conf(), t0 + 59, 10, &run), 0);
	assert_int_equal(run.sent + run.retried + run.failed, 0);
	/* Down again at t0 + 60: the second failure waits 300 s more. */
	assert_int_equal(mail_deliver_due(db, mail_conf(), t0 + 60, 10, &run), 0);
	assert_int_equal(run.retried, 1);
	assert_int_equal(count("retry.db", "SELECT next_at FROM mail_outbox"), t0 + 60 + 300);
	/* The server comes up on that port: sent at the third attempt. */
	struct smtpd d;
	smtpd_start(&d, port, "box-retry", NULL, NULL);
	memset(&run, 0, sizeof(run));
	assert_int_equal(mail_deliver_due(db, mail_conf(), t0 + 360, 10, &run), 0);
	assert_int_equal(run.sent, 1);
	json_t *a = mailbox_wait(d.box, 1);
	assert_string_equal(field(a, 0, "subject"), "Thử lại");
	assert_string_equal(field(a, 0, "body"), "Nội dung\n");
	json_decref(a);
	assert_int_equal(count("retry.db", "SELECT count(*) FROM mail_outbox WHERE state = 'sent' "
					   "AND attempts = 3 AND last_error IS NULL"),
			 1);
	smtpd_stop(&d);

	/* Down for good: failed after MAIL_MAX_ATTEMPTS (6), the last error kept. */
	assert_int_equal(db_begin(db), DB_OK);
	m.recipient = "binh@ent.test";
	assert_int_equal(mail_queue(db, &m, t0), 1);
	assert_int_equal(db_commit(db), DB_OK);
	/* Attempts at t0, +60, +300, +1800, +7200, +21600 (the delays after attempts 1-5). */
	int64_t at = t0;
	const int64_t delays[] = {60, 300, 1800, 7200, 21600, 0};
	for (int i = 0; i < MAIL_MAX_ATTEMPTS; i++) {
		memset(&run, 0, sizeof(run));
		assert_int_equal(mail_deliver_due(db, mail_conf(), at, 10, &run), 0);
		assert_int_equal(run.retried + run.failed, 1);
		assert_int_equal(run.failed, i == MAIL_MAX_ATTEMPTS - 1);
		at += delays[i];
	}
	assert_int_equal(count("retry.db",
			       "SELECT count(*) FROM mail_outbox WHERE state = "
			       "'failed' AND attempts = 6 AND recipient = 'binh@ent.test' "
			       "AND last_error <> ''"),
			 1);
	/* A failed message is not tried again. */
	memset(&run, 0, sizeof(run));
	assert_int_equal(mail_deliver_due(db, mail_conf(), at + 86400, 10, &run), 0);
	assert_int_equal(run.sent + run.retried + run.failed, 0);
	db_close(db);
}

/* Two senders at once, each with its own connection, as two instances would run. */
struct sender {
	struct db *db;
	int64_t now;
	struct mail_run run;
	int rc;
};

static void *
sender_run(void *arg)
{
	struct sender *s = arg;
	s->rc = mail_deliver_due(s->db, mail_conf(), s->now, 1000, &s->run);
	return NULL;
}

static void
test_one_claimer(void **state)
{
	(void)state;
	struct smtpd d;
	smtpd_start(&d, 0, "box-claim", NULL, NULL);
	configure(d.port, NULL, NULL);
	struct db *db = mail_db("claim.db");
	int64_t t0 = 1767837600;
	/* 20 messages to 20 addresses. */
	assert_int_equal(db_begin(db), DB_OK);
	for (int i = 0; i < 20; i++) {
		char to[32];
		snprintf(to, sizeof(to), "r%02d@ent.test", i);
		struct mail_new m = {
		    .kind = MAIL_REMINDER, .recipient = to, .subject = "Một lần", .body = "x\n"};
		assert_int_equal(mail_queue(db, &m, t0), 1);
	}
	assert_int_equal(db_commit(db), DB_OK);
	struct sender a = {.db = db, .now = t0}, b = {.now = t0};
	char err[256];
	b.db = db_open(tu_db_url("claim.db"), err, sizeof(err));
	assert_non_null(b.db);
	pthread_t ta, tb;
	assert_int_equal(pthread_create(&ta, NULL, sender_run, &a), 0);
	assert_int_equal(pthread_create(&tb, NULL, sender_run, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	assert_int_equal(a.rc, 0);
	assert_int_equal(b.rc, 0);
	/* Each sent by exactly one of them: 20 in all, each message once. */
	assert_int_equal(a.run.sent + b.run.sent, 20);
	json_t *box = mailbox_wait(d.box, 20);
	usleep(300 * 1000); /* a twenty-first would have arrived by now */
	json_decref(box);
	box = mailbox_read(d.box);
	assert_int_equal(json_array_size(box), 20);
	for (size_t i = 0; i < 20; i++) {
		char to[32];
		snprintf(to, sizeof(to), "r%02zu@ent.test", i);
		assert_string_equal(field(box, i, "rcpt"), to);
	}
	json_decref(box);
	assert_int_equal(count("claim.db", "SELECT count(*) FROM mail_outbox WHERE state = 'sent' "
					   "AND attempts = 1"),
			 20);
	db_close(b.db);

	/*
	 * A claim left by an instance that stopped mid-send: not taken while
	 * fresh, taken over after MAIL_CLAIM_STALE (600 s).
	 */
	struct mail_new m = {
	    .kind = MAIL_REMINDER, .recipient = "late@ent.test", .subject = "Bỏ dở", .body = "y\n"};
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(mail_queue(db, &m, t0), 1);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(db_exec(db, "UPDATE mail_outbox SET state = 'sending', claimed_at = "
				     "1767837600, attempts = 1 WHERE recipient = 'late@ent.test'"),
			 DB_OK);
	struct mail_run run = {0};
	assert_int_equal(mail_deliver_due(db, mail_conf(), t0 + 599, 10, &run), 0);
	assert_int_equal(run.sent, 0);
	assert_int_equal(mail_deliver_due(db, mail_conf(), t0 + 601, 10, &run), 0);
	assert_int_equal(run.sent, 1);
	assert_int_equal(count("claim.db", "SELECT attempts FROM mail_outbox WHERE recipient = "
					   "'late@ent.test' AND state = 'sent'"),
			 2);
	db_close(db);
	smtpd_stop(&d);
}

static void
test_authentication(void **state)
{
	(void)state;
	struct smtpd d;
	smtpd_start(&d, 0, "box-auth", "sxsh", "mật khẩu 1");
	char err[SMTP_ERR_MAX];
	char *msg =
	    smtp_message("sxsh@so-cong-thuong.test", "ba@ent.test", "Xác thực", "ok\n", 1767837600);
	/* No credentials, then wrong ones: refused (530 authentication required, 535). */
	configure(d.port, NULL, NULL);
	assert_int_equal(smtp_send(mail_conf(), "ba@ent.test", msg, err), -1);
	configure(d.port, "sxsh", "wrong");
	assert_int_equal(smtp_send(mail_conf(), "ba@ent.test", msg, err), -1);
	configure(d.port, "sxsh", "mật khẩu 1");
	assert_int_equal(smtp_send(mail_conf(), "ba@ent.test", msg, err), 0);
	json_t *a = mailbox_wait(d.box, 1);
	assert_int_equal(json_array_size(a), 1);
	assert_string_equal(field(a, 0, "subject"), "Xác thực");
	json_decref(a);
	free(msg);
	smtpd_stop(&d);

	/* The URL forms: user and password from the URL, percent-decoded. */
	struct mail_config c;
	mail_config_env(&c, 8080);
	c.user[0] = c.password[0] = '\0';
	assert_int_equal(mail_config_smtp(&c, "smtp+starttls://u%40x:p%20w@mail.test:587"), 0);
	assert_string_equal(c.user, "u@x");
	assert_string_equal(c.password, "p w");
	assert_int_equal(mail_config_smtp(&c, "smtps://mail.test"), 0);
	assert_int_equal(mail_config_smtp(&c, "http://mail.test"), -1);
	assert_int_equal(mail_config_smtp(&c, "smtp://"), -1);
}

/* --- reminders --- */

static void
test_reminders_once(void **state)
{
	(void)state;
	configure(0, NULL, NULL);
	struct db *db = mail_db("remind.db");
	/*
	 * 1767837600 is 08/01/2026 09:00 in Vietnam: 7 days before 15/01/2026,
	 * the default deadline of the report on 2025 and of the registration
	 * for 2026.  Who gets a reminder: the report on 2025 is submitted by F1
	 * (41) and F2 (42), so none for it; F3's only user has an unconfirmed
	 * claim.  No registration for 2026 exists: F1's users 5 and 8 and F2's
	 * user 9, three reminders.
	 */
	int64_t day = 86400, t = 1767837600;
	int q = -1;
	assert_int_equal(mail_remind(db, t, 1, &q), ST_OK);
	assert_int_equal(q, 3);
	assert_int_equal(count("remind.db", "SELECT count(*) FROM mail_outbox"), 0); /* dry */
	assert_int_equal(mail_remind(db, t, 0, &q), ST_OK);
	assert_int_equal(q, 3);
	/* The tick again the same day (later hour): nothing new. */
	assert_int_equal(mail_remind(db, t + 3600, 0, &q), ST_OK);
	assert_int_equal(q, 0);
	assert_int_equal(count("remind.db", "SELECT count(*) FROM mail_outbox"), 3);
	char subj[256];
	assert_string_equal(
	    tu_query_buf("remind.db",
			 "SELECT subject FROM mail_outbox WHERE recipient = 'binh@ent.test'", subj,
			 sizeof(subj)),
	    "Nhắc hạn nộp đăng ký SXSH năm 2026: ngày 15/01/2026");
	char *body = tu_query_text("remind.db", "SELECT body FROM mail_outbox WHERE recipient = "
						"'binh@ent.test'");
	assert_non_null(strstr(body, "Cơ sở Một chưa gửi đăng ký SXSH năm 2026. Hạn nộp là ngày "
				     "15/01/2026, còn 7 ngày.\n\nMở trang: http://sxsh.test/my\n"));
	assert_non_null(strstr(body, "Cơ sở Một has not sent its CP registration for 2026 yet. "
				     "It is due on 15/01/2026, in 7 days."));
	free(body);
	/* 09/01: no stage. */
	assert_int_equal(mail_remind(db, t + day, 0, &q), ST_OK);
	assert_int_equal(q, 0);
	/* F2 sends a registration for 2026 (submitted): F2 drops out. */
	assert_int_equal(db_exec(db,
				 "INSERT INTO registration(facility_id, year, apply_cp, status) "
				 "VALUES (2, 2026, 1, 'submitted')"),
			 DB_OK);
	/* 14/01, one day before: F1's two users. */
	assert_int_equal(mail_remind(db, t + 6 * day, 0, &q), ST_OK);
	assert_int_equal(q, 2);
	/* Bình turns notices off: 18/01, three days after, user 5 only, "late" wording. */
	const struct principal binh = {.user_id = 8, .role = ROLE_ENTERPRISE, .facility_id = 1};
	assert_int_equal(mail_optout_set(db, &binh, 1, t), ST_OK);
	assert_int_equal(mail_remind(db, t + 10 * day, 0, &q), ST_OK);
	assert_int_equal(q, 1);
	assert_string_equal(tu_query_buf("remind.db",
					 "SELECT subject FROM mail_outbox ORDER BY id DESC LIMIT 1",
					 subj, sizeof(subj)),
			    "Quá hạn nộp đăng ký SXSH năm 2026 (hạn ngày 15/01/2026)");
	/* The deadline moved by the province to 20/01/2026: its own reminders, on 13/01. */
	assert_int_equal(db_exec(db, "INSERT INTO deadline(year, report_due, registration_due, "
				     "updated_at) VALUES (2026, NULL, '2026-01-20', 0)"),
			 DB_OK);
	assert_int_equal(mail_remind(db, t + 5 * day, 0, &q), ST_OK);
	assert_int_equal(q, 1); /* user 5; Bình is off, F2 has sent */
	db_close(db);
}

/* --- the campaign invitation --- */

static void
test_campaign_invite(void **state)
{
	(void)state;
	configure(0, NULL, NULL);
	struct db *db = mail_db("invite.db");
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(mail_queue_campaign_invite(db, 7, 2, 2025, "2026-03-31",
						    "http://sxsh.test/campaigns/7/F2.xlsx",
						    1767837600),
			 1);
	/* Once per campaign, facility and recipient. */
	assert_int_equal(mail_queue_campaign_invite(db, 7, 2, 2025, "2026-03-31",
						    "http://sxsh.test/campaigns/7/F2.xlsx",
						    1767837600),
			 0);
	assert_int_equal(db_commit(db), DB_OK);
	char *body = tu_query_text("invite.db", "SELECT subject || '|' || body FROM mail_outbox");
	assert_string_equal(
	    body,
	    "Khảo sát năm 2025: mời cơ sở gửi số liệu trước ngày 31/03/2026|"
	    "Kính gửi ba@ent.test,\n\n"
	    "Sở Công Thương mời Cơ sở Hai tham gia khảo sát năm 2025: điền sổ khảo sát (tệp "
	    "Excel) của cơ sở và gửi lại trước ngày 31/03/2026.\n\n"
	    "Tải sổ khảo sát: http://sxsh.test/campaigns/7/F2.xlsx\n\n"
	    "Sở Công Thương, hệ thống sxsh. Thư gửi tự động, xin đừng trả lời.\n"
	    "Bạn nhận thư này vì tài khoản của bạn đang bật thông báo qua e-mail; có thể tắt "
	    "trên trang tài khoản: http://sxsh.test/account\n"
	    "\n-- English --\n\n"
	    "Dear ba@ent.test,\n\n"
	    "The Department of Industry and Trade invites Cơ sở Hai to take part in the 2025 "
	    "survey: fill in the facility's survey workbook (an Excel file) and send it back by "
	    "31/03/2026.\n\n"
	    "Download the workbook: http://sxsh.test/campaigns/7/F2.xlsx\n\n"
	    "Department of Industry and Trade, sxsh. An automatic message: please do not "
	    "reply.\n"
	    "You receive this because e-mail notices are on for your account; you can turn "
	    "them off on your account page: http://sxsh.test/account\n");
	free(body);
	db_close(db);
}

/* --- password reset through the pages --- */

/* The token of the reset link in body, malloc'd. */
static char *
reset_token(const char *body)
{
	const char *p = strstr(body, "/password/reset?token=");
	assert_non_null(p);
	p += strlen("/password/reset?token=");
	return strndup(p, strcspn(p, "\n"));
}

/* POST form (urlencoded, without csrf) to target with the pre-session cookie. */
static void
public_post(int port, const char *target, const char *form, int status, struct hc_response *r)
{
	char *cookie = NULL;
	char *csrf = hs_login_form(port, &cookie);
	char head[512], body[1024];
	snprintf(head, sizeof(head), "%s" HS_FORM, cookie);
	snprintf(body, sizeof(body), "csrf=%s&%s", csrf, form);
	hs_req(port, "POST", target, head, body, status, r);
	free(cookie);
	free(csrf);
}

static void
test_password_reset_pages(void **state)
{
	(void)state;
	struct smtpd d;
	smtpd_start(&d, 0, "box-reset", NULL, NULL);
	configure(d.port, NULL, NULL);
	struct db *db = mail_db("reset.db");
	struct user u;
	struct hs_session old;
	struct user_new nu = {.email = "lan@ent.test",
			      .name = "Trần Thị Lan",
			      .role = ROLE_ENTERPRISE,
			      .facility_id = 3,
			      .password = "mật khẩu cũ rất dài"};
	hs_account(db, &nu, &u, &old);
	struct hc_server srv;
	char smtp[64];
	snprintf(smtp, sizeof(smtp), "smtp://127.0.0.1:%d", d.port);
	const char *args[] = {"--smtp", smtp, "--base-url", "http://sxsh.test", NULL};
	assert_int_equal(hc_server_start_args(&srv, tu_db_url("reset.db"), args, NULL), 0);
	struct hc_response r;

	/* The sign-in page links to the request page. */
	hs_req(srv.port, "GET", "/login", NULL, NULL, 200, &r);
	hs_contains(&r, "<a href=\"/password/forgot\">Quên mật khẩu?</a>");
	hc_response_free(&r);
	hs_req(srv.port, "GET", "/password/forgot", NULL, NULL, 200, &r);
	hs_contains(&r, "<h1>Quên mật khẩu</h1>");
	hc_response_free(&r);

	/* An unknown address and a known one get the same page but for the address. */
	public_post(srv.port, "/password/forgot", "email=nobody%40ent.test", 200, &r);
	hs_contains(&r, "Nếu địa chỉ <strong>nobody@ent.test</strong> có tài khoản, chúng tôi đã "
			"gửi tới đó liên kết đặt lại mật khẩu.");
	char *unknown = strdup(r.body);
	hc_response_free(&r);
	public_post(srv.port, "/password/forgot", "email=LAN%40ent.test", 200, &r);
	char *known = strdup(r.body);
	hc_response_free(&r);
	/* Same length: "nobody@ent.test" and "LAN@ent.test" differ by 3 bytes. */
	assert_int_equal(strlen(unknown), strlen(known) + 3);
	char *k = strstr(known, "LAN@ent.test"), *n = strstr(unknown, "nobody@ent.test");
	assert_true(k - known == n - unknown);
	assert_string_equal(k + strlen("LAN@ent.test"), n + strlen("nobody@ent.test"));
	free(unknown);
	free(known);

	/* One message, to Lan, sent by the server's background sender. */
	json_t *a = mailbox_wait(d.box, 1);
	assert_int_equal(json_array_size(a), 1);
	assert_string_equal(field(a, 0, "rcpt"), "lan@ent.test");
	assert_string_equal(field(a, 0, "subject"), "Đặt lại mật khẩu sxsh");
	const char *body = field(a, 0, "body");
	assert_true(strncmp(body,
			    "Kính gửi Trần Thị Lan,\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản "
			    "lan@ent.test. Mở liên kết dưới đây trong vòng 1 giờ",
			    strlen("Kính gửi Trần Thị Lan,\n\nCó yêu cầu đặt lại mật khẩu cho tài "
				   "khoản lan@ent.test. Mở liên kết dưới đây trong vòng 1 giờ")) ==
		    0);
	assert_non_null(strstr(body, "\n\nhttp://sxsh.test/password/reset?token="));
	/* No opt-out line: the person asked for it. */
	assert_null(strstr(body, "tắt trên trang tài khoản"));
	char *token = reset_token(body);
	assert_int_equal(strlen(token), SESSION_TOKEN_LEN);
	json_decref(a);
	/* Only its hash is stored; the sent message's body is blanked. */
	char q[256];
	snprintf(q, sizeof(q), "SELECT count(*) FROM password_reset WHERE token_hash = '%s'",
		 token);
	assert_int_equal(count("reset.db", q), 0);
	assert_int_equal(count("reset.db", "SELECT count(*) FROM mail_outbox WHERE kind = "
					   "'password_reset' AND state = 'sent' AND body = ''"),
			 1);

	/* The link's page; a mismatch keeps the form (400); then the new password. */
	char target[128], form[256];
	snprintf(target, sizeof(target), "/password/reset?token=%s", token);
	hs_req(srv.port, "GET", target, NULL, NULL, 200, &r);
	hs_contains(&r, "<h1>Đặt lại mật khẩu</h1>");
	hs_contains(&r, "Nhập lại mật khẩu mới");
	hc_response_free(&r);
	snprintf(form, sizeof(form), "token=%s&password=mat+khau+moi+dai&confirm=khac+nhau+roi",
		 token);
	public_post(srv.port, "/password/reset", form, 400, &r);
	hs_contains(&r, "name=\"token\" value=\"");
	hc_response_free(&r);
	snprintf(form, sizeof(form), "token=%s&password=ngan&confirm=ngan", token);
	public_post(srv.port, "/password/reset", form, 400, &r);
	hc_response_free(&r);
	snprintf(form, sizeof(form), "token=%s&password=mat+khau+moi+dai&confirm=mat+khau+moi+dai",
		 token);
	public_post(srv.port, "/password/reset", form, 200, &r);
	hs_contains(&r, "Mật khẩu mới đã được lưu; mọi phiên đăng nhập của tài khoản đã kết thúc.");
	hc_response_free(&r);

	/* The old session is gone: the account page sends it to sign in. */
	hs_req(srv.port, "GET", "/account", old.cookie, NULL, 303, &r);
	hc_response_free(&r);
	/* The new password signs in; the audit row names the account itself. */
	struct hs_session s;
	hs_login(srv.port, "lan%40ent.test", "mat+khau+moi+dai", &s);
	snprintf(q, sizeof(q),
		 "SELECT count(*) FROM audit WHERE action = 'user.password' AND entity_id = '%lld' "
		 "AND actor = 'lan@ent.test'",
		 (long long)u.id);
	assert_int_equal(count("reset.db", q), 1);

	/* Used: refused (410), by GET and by POST. */
	hs_req(srv.port, "GET", target, NULL, NULL, 410, &r);
	hs_contains(&r, "Liên kết đặt lại mật khẩu không còn hiệu lực");
	hc_response_free(&r);
	public_post(srv.port, "/password/reset", form, 410, &r);
	hc_response_free(&r);
	free(token);

	/* Expired: a link requested 61 minutes ago (read from the message the server sent). */
	int wait = 0;
	assert_int_equal(
	    mail_reset_request(db, "lan@ent.test", "10.0.0.9", (int64_t)time(NULL) - 3660, &wait),
	    ST_OK);
	a = mailbox_wait(d.box, 2);
	char *t0 = reset_token(field(a, 0, "body")), *t1 = reset_token(field(a, 1, "body"));
	json_decref(a);
	token = strcmp(t0, target + strlen("/password/reset?token=")) == 0 ? t1 : t0;
	free(token == t0 ? t1 : t0);
	snprintf(target, sizeof(target), "/password/reset?token=%s", token);
	hs_req(srv.port, "GET", target, NULL, NULL, 410, &r);
	hc_response_free(&r);
	free(token);
	/* A made-up token too. */
	hs_req(srv.port, "GET", "/password/reset?token=abc", NULL, NULL, 410, &r);
	hc_response_free(&r);

	/* The notices checkbox on the account page, and turning it off. */
	hs_form_req(srv.port, &s, "GET", "/account", NULL, 200, &r);
	hs_contains(&r, "name=\"notices\" value=\"1\" checked=\"checked\"");
	hs_contains(&r, "Nhận thông báo qua e-mail");
	hc_response_free(&r);
	hs_form_req(srv.port, &s, "POST", "/account/notices", "", 303, &r);
	hs_header_is(&r, "Location", "/account?notices=off");
	hc_response_free(&r);
	hs_form_req(srv.port, &s, "GET", "/account?notices=off", NULL, 200, &r);
	hs_contains(&r, "Đã tắt thông báo qua e-mail.");
	hs_lacks(&r, "checked=\"checked\"");
	hc_response_free(&r);
	snprintf(q, sizeof(q), "SELECT count(*) FROM mail_optout WHERE user_id = %lld",
		 (long long)u.id);
	assert_int_equal(count("reset.db", q), 1);

	assert_int_equal(hc_server_stop(&srv), 0);
	db_close(db);
	smtpd_stop(&d);
}

static void
test_reset_throttle(void **state)
{
	(void)state;
	configure(0, NULL, NULL);
	struct db *db = mail_db("throttle.db");
	int64_t t = 1767837600;
	int wait = 0;
	/* Three links per address per hour; more requests answer alike and send nothing. */
	for (int i = 0; i < 5; i++)
		assert_int_equal(mail_reset_request(db, "binh@ent.test", "10.0.0.2", t + i, &wait),
				 ST_OK);
	assert_int_equal(count("throttle.db", "SELECT count(*) FROM mail_outbox"), 3);
	/* Ten requests per client address per 15 minutes: the eleventh is refused. */
	for (int i = 0; i < 5; i++)
		assert_int_equal(
		    mail_reset_request(db, "nobody@ent.test", "10.0.0.2", t + 10 + i, &wait),
		    ST_OK);
	assert_int_equal(mail_reset_request(db, "ba@ent.test", "10.0.0.2", t + 20, &wait),
			 ST_FORBIDDEN);
	assert_int_equal(wait, 15);
	/* Another address is not held up; 15 minutes later neither is this one. */
	assert_int_equal(mail_reset_request(db, "ba@ent.test", "10.0.0.3", t + 20, &wait), ST_OK);
	assert_int_equal(mail_reset_request(db, "ba@ent.test", "10.0.0.2", t + 20 + 900, &wait),
			 ST_OK);
	db_close(db);
}

/* --- the command line --- */

static void
test_cli(void **state)
{
	(void)state;
	configure(0, NULL, NULL);
	struct db *db = mail_db("cli.db");
	struct mail_new m = {.kind = MAIL_ACCEPTED,
			     .recipient = "ba@ent.test",
			     .subject = "Báo cáo năm 2025 đã được chấp nhận",
			     .body = "x\n"};
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(mail_queue(db, &m, 1767837600), 1);
	assert_int_equal(db_commit(db), DB_OK);
	db_close(db);
	char cmd[1024], *out = NULL, *err = NULL;
	snprintf(cmd, sizeof(cmd), "%s mail send --dry-run --db '%s'", tu_sxsh(),
		 tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_string_equal(out,
			    "1 | accepted | ba@ent.test | Báo cáo năm 2025 đã được chấp nhận | "
			    "0\n1 thư đến hạn sẽ được gửi (chạy thử, chưa gửi gì) / 1 "
			    "messages due would be sent (dry run, nothing sent)\n");
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s mail outbox --state queued --format csv --db '%s'",
		 tu_sxsh(), tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	/* 1767837600 is 2026-01-08T02:00:00Z. */
	assert_string_equal(out, "id,kind,recipient,subject,state,attempts,next_at,last_error,"
				 "created_at,sent_at\n1,accepted,ba@ent.test,Báo cáo năm 2025 đã "
				 "được chấp nhận,queued,0,2026-01-08T02:00:00Z,,"
				 "2026-01-08T02:00:00Z,\n");
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s mail outbox --db '%s'", tu_sxsh(), tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	/* 1767837600 is 08/01/2026 09:00 in Vietnam. */
	assert_string_equal(out,
			    "số|loại|người nhận|tiêu đề|trạng thái|lần thử|lần tới|lỗi\n"
			    "id|kind|recipient|subject|state|attempts|next attempt|error\n"
			    "1 | accepted | ba@ent.test | Báo cáo năm 2025 đã được chấp nhận | "
			    "queued | 0 | 08/01/2026 09:00 | —\n");
	free(out);
	free(err);
	/* No server: send refuses; a bad state is a usage error. */
	snprintf(cmd, sizeof(cmd), "env -u SXSH_SMTP_URL %s mail send --db '%s'", tu_sxsh(),
		 tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 1);
	snprintf(cmd, sizeof(cmd), "%s mail outbox --state lost --db '%s'", tu_sxsh(),
		 tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	snprintf(cmd, sizeof(cmd), "%s serve --smtp http://x --db '%s'", tu_sxsh(),
		 tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, NULL, &err), 2);
	assert_non_null(strstr(err, "--smtp phải là smtp://, smtp+starttls:// hoặc smtps://"));
	free(err);
	snprintf(cmd, sizeof(cmd), "%s serve --remind-before 7,x --db '%s'", tu_sxsh(),
		 tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, NULL, &err), 2);
	assert_non_null(strstr(err, "--remind-before phải là danh sách số ngày"));
	free(err);
	/* Sent through a server by the command. */
	struct smtpd d;
	smtpd_start(&d, 0, "box-cli", NULL, NULL);
	snprintf(cmd, sizeof(cmd), "%s mail send --smtp smtp://127.0.0.1:%d --db '%s'", tu_sxsh(),
		 d.port, tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_string_equal(out, "đã gửi 1, sẽ thử lại 0, bỏ 0 / sent 1, to be retried 0, given "
				 "up 0\n");
	free(out);
	json_t *a = mailbox_wait(d.box, 1);
	assert_string_equal(field(a, 0, "subject"), "Báo cáo năm 2025 đã được chấp nhận");
	json_decref(a);
	smtpd_stop(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_subject_encoding),
	    cmocka_unit_test(test_accepted_and_returned_delivered),
	    cmocka_unit_test(test_opt_out),
	    cmocka_unit_test(test_retry_then_sent),
	    cmocka_unit_test(test_one_claimer),
	    cmocka_unit_test(test_authentication),
	    cmocka_unit_test(test_reminders_once),
	    cmocka_unit_test(test_campaign_invite),
	    cmocka_unit_test(test_password_reset_pages),
	    cmocka_unit_test(test_reset_throttle),
	    cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
