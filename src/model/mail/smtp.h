/*
 * Sending one message by SMTP with libcurl, and the message itself.
 *
 * smtp_message builds an RFC 5322 message: From, To, Subject (RFC 2047
 * encoded words =?UTF-8?B?...?= when it is not plain ASCII, none longer
 * than 75 characters and none splitting a UTF-8 character, folded one to a
 * line; the display name of From likewise), Date, Message-ID, MIME-Version and a text/plain;
 * charset=UTF-8 body in base64 (lines of 76 characters, CRLF line ends).  Pure but for the random
 * Message-ID.
 *
 * smtp_send hands one message to the server of struct mail_config
 * (model/mail/mail.h): STARTTLS required for smtp+starttls://, implicit
 * TLS for smtps://, AUTH when a user is set.  It blocks for at most
 * SMTP_TIMEOUT seconds: call it from the background sender, never from a
 * request.
 */
#ifndef SXSH_MODEL_MAIL_SMTP_H
#define SXSH_MODEL_MAIL_SMTP_H

#include <stddef.h>
#include <stdint.h>

#include "model/mail/mail.h"

#define SMTP_TIMEOUT	     60 /* seconds for one whole message */
#define SMTP_CONNECT_TIMEOUT 10
#define SMTP_ERR_MAX	     256

/*
 * Appends the RFC 2047 encoding of the header value s to out (size n,
 * terminated): s itself when it is printable ASCII; otherwise encoded
 * words separated by CRLF and a space, so that no line holding one is longer
 * than 76 characters (RFC 2047, 2): first is the length of what precedes
 * the value on its line ("Subject: " is 9).  Returns the length written, or
 * -1 when out is too small.
 */
int smtp_encode_header(char *out, size_t n, const char *s, size_t first);

/*
 * The whole message, CRLF line ends, malloc'd (the caller frees): from
 * (an address, or "Name <address>"), to, subject and body (UTF-8, lines
 * ended by '\n'), dated now (Unix s).
 */
char *smtp_message(const char *from, const char *to, const char *subject, const char *body,
		   int64_t now);

/* The address of from ("a@b" of "Name <a@b>", or from itself) into out (size n). */
void smtp_address(const char *from, char *out, size_t n);

/*
 * Sends message (from smtp_message) to the address to through c's server.
 * Returns 0 when the server accepted it, or -1 with the reason in err
 * (size SMTP_ERR_MAX): no server configured, unreachable, refused.
 */
int smtp_send(const struct mail_config *c, const char *to, const char *message, char *err);

#endif
