/*
 * The one result convention of the model layer.  Every model function that
 * can fail for a reason a person must hear about returns an enum status;
 * what exactly was wrong travels beside it as message ids with arguments
 * (model/msg.h): a field error list for ST_INVALID, one struct msg where a
 * function reports a single problem.  Storage detail is logged, never
 * returned as text.  Functions that only compute (model/calc/) or only
 * look up keep their own small enums where a status would say nothing.
 */
#ifndef SXSH_MODEL_STATUS_H
#define SXSH_MODEL_STATUS_H

enum status {
	ST_OK = 0,
	ST_NOTFOUND = -1,  /* no such object, or outside the caller's scope */
	ST_FORBIDDEN = -2, /* visible, but the caller's role may not do this here */
	ST_STATE = -3,	   /* the action is not possible from the object's state */
	ST_CONFLICT = -4,  /* the version given is stale: someone changed it first */
	ST_INVALID = -5,   /* input failed validation: see the error list */
	ST_EXISTS = -6,	   /* the object already exists (a report for that year) */
	ST_ERR = -7,	   /* storage error (logged) */
	ST_FULL = -8,	   /* the server's storage is full: nothing was written (logged) */
};

#define ST__COUNT 9 /* values of enum status, 0 down to -8 */

#endif
