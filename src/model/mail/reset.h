/*
 * Password reset by e-mail (table password_reset), docs/security.md:
 *
 *  - mail_reset_request: someone types an address on "Quên mật khẩu?".
 *    When it names an active account, a one-time token (32 random bytes,
 *    base64url; only its BLAKE2b hash is stored) valid RESET_TTL seconds is
 *    made and the link BASE/password/reset?token=TOKEN queued to that
 *    address; for an unknown or disabled address nothing is sent.  Either
 *    way the request is recorded and the answer is the same, so the page
 *    tells nobody whether an address has an account.  At most
 *    RESET_PER_EMAIL links per address per RESET_WINDOW_EMAIL (more
 *    requests are answered alike and send nothing), and at most
 *    RESET_PER_ADDR requests per client address per RESET_WINDOW_ADDR (more
 *    are refused with the minutes to wait: that tells nothing about
 *    accounts either).
 *  - mail_reset_complete: the token, unused and unexpired, sets the new
 *    password as user_set_password does (every session ended, every API
 *    token revoked, audited "user.password" with the account itself as the
 *    actor), and uses up every outstanding token of the account, in one
 *    transaction.
 */
#ifndef SXSH_MODEL_MAIL_RESET_H
#define SXSH_MODEL_MAIL_RESET_H

#include <stdint.h>

#include "model/msg.h"
#include "model/status.h"

struct db;

#define RESET_TTL	   3600	     /* seconds a link works */
#define RESET_PER_EMAIL	   3	     /* links per address ... */
#define RESET_WINDOW_EMAIL 3600	     /* ... per this many seconds */
#define RESET_PER_ADDR	   10	     /* requests per client address ... */
#define RESET_WINDOW_ADDR  (15 * 60) /* ... per this many seconds */

/*
 * The request for email from client address addr at now, as above.
 * Returns ST_OK (the same whether a message was queued or not), ST_FORBIDDEN
 * with *wait_min set when the client address is throttled, or ST_ERR.
 */
enum status mail_reset_request(struct db *db, const char *email, const char *addr, int64_t now,
			       int *wait_min);

/* ST_OK when token is an unused, unexpired reset token at now; ST_NOTFOUND or ST_ERR. */
enum status mail_reset_check(struct db *db, const char *token, int64_t now);

/*
 * Sets password (typed twice: confirm) for the account of token at now, as
 * above.  Returns ST_OK; ST_NOTFOUND with MSG_MAIL_RESET_INVALID when the
 * token is unknown, used or expired; ST_INVALID with MSG_LOGIN_MISMATCH or
 * the password's MSG_USER_PASSWORD_… in *why; ST_ERR.
 */
enum status mail_reset_complete(struct db *db, const char *token, const char *password,
				const char *confirm, int64_t now, struct msg *why);

#endif
