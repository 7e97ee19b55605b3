/*
 * Sign-in throttling (table login_attempt).  Every failed sign-in is
 * recorded with the email it named and the client address.  While an
 * account has THROTTLE_MAX_ACCOUNT failures, or an address
 * THROTTLE_MAX_ADDR, within the last THROTTLE_WINDOW seconds, further
 * sign-ins for it are refused before any password is checked: guessing is
 * limited to 5 passwords per account per 15 minutes, and spraying one
 * password over many accounts to 20 per address.  A successful sign-in
 * clears the account's failures.  The clock is a parameter.
 */
#ifndef SXSH_MODEL_THROTTLE_H
#define SXSH_MODEL_THROTTLE_H

#include <stdint.h>

struct db;

#define THROTTLE_WINDOW	     (15 * 60) /* seconds */
#define THROTTLE_MAX_ACCOUNT 5
#define THROTTLE_MAX_ADDR    20

/*
 * Whether a sign-in for email from addr may be tried at time now.  Returns 0
 * when it may, 1 when it is refused (with *wait_min set to the whole minutes
 * until the oldest counted failure leaves the window, at least 1), -1 on a
 * storage error.
 */
int throttle_check(struct db *db, const char *email, const char *addr, int64_t now, int *wait_min);
/* Records a failure (and drops failures older than the window).  0 or -1. */
int throttle_fail(struct db *db, const char *email, const char *addr, int64_t now);
/* Clears the failures of email after a successful sign-in.  0 or -1. */
int throttle_success(struct db *db, const char *email);

#endif
