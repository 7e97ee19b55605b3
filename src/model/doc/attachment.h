/*
 * Attachments: the files an enterprise attaches to a report or a
 * registration (energy bills, audit reports, certificates), stored in the
 * database (table attachment, migration 0013: a SQLite BLOB, a PostgreSQL
 * bytea).  An attachment belongs to one workflow document (kind, id) and
 * is seen by exactly those who see the document: every read goes through
 * the document's scope predicate (model/accounts/scope.h), so an id out of
 * the caller's scope reads as "not found".  Adding and deleting need the
 * document to be editable by the caller (the kind's WF_EDIT rule: draft or
 * returned); deleting also needs the caller to be the one who uploaded it.
 * Every addition and deletion writes an audit row in its transaction.
 *
 * The type is read from the content, never from the name or the type the
 * browser sent (attach_sniff): PDF, JPEG, PNG, or XLSX (a zip holding
 * [Content_Types].xml and an xl/ folder).  A file whose name says another
 * type is stored as what it is, its name's extension corrected (a PDF
 * named "hoadon.png" is stored as "hoadon.pdf").
 */
#ifndef SXSH_MODEL_DOC_ATTACHMENT_H
#define SXSH_MODEL_DOC_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/doc/workflow.h"
#include "model/msg.h"
#include "model/status.h"

struct db;

#define ATTACH_MAX	    (10u << 20) /* bytes of one file: 10 MiB = 10.485.760 */
#define ATTACH_MAX_MB	    10		/* the same, as the messages write it */
#define ATTACH_NAME_MAX	    255		/* bytes of a stored file name */
#define ATTACH_PER_DOC_MAX  20		/* files on one document */
#define ATTACH_UPLOADER_MAX 128		/* bytes of the uploader's name kept in a list */

/* What attach_sniff recognises. */
enum attach_type { ATTACH_NONE = 0, ATTACH_PDF, ATTACH_JPEG, ATTACH_PNG, ATTACH_XLSX, ATTACH__MAX };

struct attach_type_info {
	const char *mime;      /* stored and sent as Content-Type */
	const char *ext;       /* the extension a stored name ends with (".pdf") */
	struct val_label name; /* what a person reads: "PDF", "Ảnh PNG" */
};
/* Indexed by enum attach_type; ATTACH_NONE has NULL fields. */
extern const struct attach_type_info attach_types[ATTACH__MAX];

/* The type of the n bytes at data by their content; ATTACH_NONE for any other. */
enum attach_type attach_sniff(const void *data, size_t n);
/* The type whose mime is mime; ATTACH_NONE when none. */
enum attach_type attach_type_of_mime(const char *mime);

/*
 * The name to store for a file the user called name and whose content is
 * of type t: the last path segment (browsers on Windows once sent
 * "C:\..."), control characters and "/\:*?"<>| replaced by '_', spaces
 * and dots trimmed at both ends, invalid UTF-8 bytes replaced by '_', at
 * most ATTACH_NAME_MAX bytes (cut at a character boundary, the extension
 * kept), and ending with t's extension (an allowed type's extension that
 * does not match is replaced, any other kept and t's appended).  An empty
 * result becomes "tep-dinh-kem" plus the extension.  Writes into out (n
 * bytes, at least ATTACH_NAME_MAX + 1) and returns it.
 */
char *attach_name_clean(const char *name, enum attach_type t, char *out, size_t n);

struct attachment {
	int64_t id;
	enum wf_kind kind;
	int64_t doc_id;
	char filename[ATTACH_NAME_MAX + 1];
	enum attach_type type;
	int64_t size;
	int64_t uploaded_by;
	char uploader[ATTACH_UPLOADER_MAX]; /* name, or e-mail when no name (lists only) */
	int64_t uploaded_at;		    /* Unix seconds */
};

/*
 * The attachments of document (kind, doc_id) as who sees them, oldest
 * first, into *out (malloc'd, the caller frees; NULL when none) and *n.
 * A document out of who's scope has none.  Returns ST_OK or ST_ERR.
 */
int attach_list(struct db *db, const struct principal *who, enum wf_kind kind, int64_t doc_id,
		struct attachment **out, int *n);

/* Sets *count to the number attach_list would give.  Returns ST_OK or ST_ERR. */
int attach_count(struct db *db, const struct principal *who, enum wf_kind kind, int64_t doc_id,
		 int64_t *count);

/*
 * Attaches the n bytes at data, named name by the user, to document
 * (kind, doc_id), uploaded by who at now (Unix seconds).  Returns ST_OK
 * with *id; ST_NOTFOUND (no such document in who's scope); ST_FORBIDDEN
 * or ST_STATE (who may not edit it now); ST_INVALID with *why set (no
 * file or an empty one, more than ATTACH_MAX bytes, a type not allowed,
 * ATTACH_PER_DOC_MAX files already); ST_ERR or ST_FULL.  One transaction
 * with its audit row ("attachment.add").
 */
int attach_add(struct db *db, const struct principal *who, enum wf_kind kind, int64_t doc_id,
	       const char *name, const void *data, size_t n, int64_t now, int64_t *id,
	       struct msg *why);

/*
 * Attachment id as who sees it: ST_OK with *meta (uploader left empty) and,
 * when data is not NULL, its bytes in *data (malloc'd, meta->size of them;
 * the caller frees); ST_NOTFOUND when out of scope; ST_ERR.
 */
int attach_get(struct db *db, const struct principal *who, int64_t id, struct attachment *meta,
	       void **data);

/*
 * Deletes attachment id, which who uploaded, while its document is
 * editable by who: ST_OK, ST_NOTFOUND (out of scope), ST_FORBIDDEN
 * (another's file, or who may not edit the document), ST_STATE (the
 * document is not editable in its state), ST_ERR or ST_FULL.  One
 * transaction with its audit row ("attachment.delete").
 */
int attach_delete(struct db *db, const struct principal *who, int64_t id, int64_t now);

/* One report's count for attach_report_counts: return 0 to go on, -1 to stop. */
typedef int (*attach_count_fn)(void *ctx, const char *facility_code, int year, int64_t count);
/*
 * Calls fn for every report of year (0: every year), by facility code and
 * year, with its number of attachments (0 included).  Unscoped: for the
 * command line's export of the whole database.  Returns ST_OK, or ST_ERR
 * (logged) on a storage error or when fn stopped.
 */
int attach_report_counts(struct db *db, int year, attach_count_fn fn, void *ctx);

/* Whether who may add files to the document of kind k with head h now. */
struct doc_head;
int attach_may_edit(enum wf_kind kind, const struct doc_head *h, const struct principal *who);

#endif
