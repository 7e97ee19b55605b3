/*
 * Messages for people, as ids with arguments.  The model never builds a
 * sentence: it records which message (enum msg_id), the field it is about
 * (a struct val_label naming the field in both languages) and up to
 * MSG_ARGS arguments (an excerpt of what was typed, a limit, a count).  The
 * edge renders it in the language of the page or the API request with
 * msg_format(), from the one catalogue in msg.c; the command line and the
 * logs render both languages ("tiếng Việt / English").  No caller ever
 * cuts a combined string apart.
 *
 * A struct msg is a plain value: copy it, keep it in a list, no freeing
 * (but one given a msg_ref argument points at that text).
 */
#ifndef SXSH_MODEL_MSG_H
#define SXSH_MODEL_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "model/status.h"
#include "util/fmt.h"

/* The name of a field as a person reads it, in both languages; static. */
struct val_label {
	const char *vi;
	const char *en;
};

/* The languages msg_format renders: one of enum lang, or both. */
#define MSG_BOTH 2

/*
 * Every message sxsh shows.  The catalogue (msg.c) has one row per id:
 * Vietnamese and English templates in which {L} is the field's label and
 * {1}..{4} the arguments in order.
 */
enum msg_id {
	MSG_NONE = 0,
	/* the message of each enum status (msg_status) */
	MSG_ST_OK,
	MSG_ST_NOTFOUND,
	MSG_ST_FORBIDDEN,
	MSG_ST_STATE,
	MSG_ST_CONFLICT,
	MSG_ST_INVALID,
	MSG_ST_EXISTS,
	MSG_ST_ERR,
	MSG_ST_FULL,

	/* ---- field validation (model/validate.c) ---- */
	MSG_VAL_MISSING,      /* {L} */
	MSG_VAL_UNKNOWN_CODE, /* {L}, {1} what was typed */
	MSG_VAL_TAX_BRANCH,   /* {1} what was typed */
	MSG_VAL_TAX_HOUSEHOLD,
	MSG_VAL_TAX_FORMAT,
	MSG_VAL_TAX_CHECKSUM,
	MSG_VAL_ENUM,	      /* {L}, {1} what was typed, {2} the accepted values "a|b|c" */
	MSG_VAL_NOT_INTEGER,  /* {L}, {1} what was typed */
	MSG_VAL_RANGE,	      /* {L}, {1} lowest, {2} highest, {3} what was typed */
	MSG_VAL_NOT_NUMBER,   /* {L}, {1} what was typed */
	MSG_VAL_NUM_PAGE,     /* {L}, {1} what was typed: not a number as the page writes them */
	MSG_VAL_NUM_TWO_WAYS, /* {L}, {1} what was typed, {2} the page's reading, {3} the other */
	MSG_VAL_NOT_UTF8,     /* {L} */
	MSG_VAL_TOO_LONG,     /* {L}, {1} most bytes, {2} bytes given */
	MSG_VAL_BOOL01,	      /* {L}, {1} what was typed */
	MSG_VAL_REQUIRED,
	MSG_VAL_WRONG_TYPE, /* a JSON member of the wrong type */
	MSG_VAL_REQUIRED_INT,
	MSG_VAL_NOT_ARRAY,
	MSG_VAL_NOT_OBJECT,

	/* ---- reporting: reports, registrations, the workflow ---- */
	MSG_REP_PRODUCT_TWICE,	    /* {1} the product */
	MSG_REP_UNIT_PRODUCT,	    /* {1} the product's unit, {2} the unit typed */
	MSG_REP_UNIT_CARRIER,	    /* {1} the unit typed */
	MSG_REP_PRODUCT_NOT_OUTPUT, /* {1} the product */
	MSG_REP_ENERGY_TWICE,	    /* {1} the carrier */
	MSG_REP_ENERGY_MONTHS,	    /* {1} carrier, {2} months' sum, {3} the year's, {4} unit */
	MSG_REP_WATER_TWICE,	    /* {1} the source */
	MSG_REP_TOO_MANY_LINES,	    /* {1} the most lines */
	MSG_WF_NOTE_LONG,	    /* {L}, {1} the most bytes */
	/* the report preview's energy lines (calc_msg of model/calc/energy.h) */
	MSG_CALC_UNIT,
	MSG_CALC_DIMENSION,
	MSG_CALC_FACTOR,
	MSG_CALC_GJ,
	MSG_CALC_GRID,
	MSG_CALC_CO2,
	MSG_CALC_UNKNOWN,

	/* an energy line the ledger could not convert (ledger_error_msg) */
	MSG_LEDGER_UNIT,
	MSG_LEDGER_FACTOR,
	MSG_LEDGER_GJ,
	MSG_LEDGER_GRID,
	MSG_LEDGER_CO2,
	/* the analyses' command-line errors (model/analytics/) */
	MSG_AN_UNKNOWN_PRODUCT, /* followed by the code given */
	MSG_AN_UNKNOWN_PLAN,	/* followed by the code given */
	MSG_AN_NO_THRESHOLD,	/* {1} the year */

	/* ---- registry: facilities, claims, units, reference data ---- */
	MSG_FAC_TAX_TAKEN,
	MSG_FAC_CLOSED_BEFORE_OPENED,
	MSG_CLAIM_NOT_ENTERPRISE,
	MSG_CLAIM_NO_ACCOUNT,
	MSG_CLAIM_TAKEN,
	MSG_CLAIM_NO_FACILITY,
	/* reference data files (model/registry/refdata.c) */
	MSG_REF_UNKNOWN_PLAN, /* {1} what the field holds, for each MSG_REF_ with an argument */
	MSG_REF_UNKNOWN_UNIT,
	MSG_REF_VALUE_REQUIRED,
	MSG_REF_NOT_UTF8,
	MSG_REF_NOT_NUMBER,
	MSG_REF_NOT_INTEGER,
	MSG_REF_DATE,
	MSG_REF_RELIABILITY,
	MSG_REF_BOOL01,
	MSG_REF_REJECTED,	/* followed by the database's text */
	MSG_REF_FIELD_TOO_LONG, /* {1} the most bytes */
	MSG_REF_HEADER,		/* followed by the header expected */
	MSG_REF_NCOLUMNS,	/* {1} columns given, {2} expected */
	MSG_REF_MALFORMED,	/* followed by the parser's text */
	MSG_REF_EMPTY,
	MSG_REF_CANNOT_COMMIT,
	MSG_REF_NOT_EMBEDDED,
	MSG_REF_NOT_REFDATA,
	/* moving a facility to another unit (model/registry/unit_history.c) */
	MSG_UH_BAD_DATE, /* followed by the date given */
	MSG_UH_UNKNOWN_FACILITY,
	MSG_UH_UNKNOWN_UNIT,
	MSG_UH_UNIT_NOT_VALID, /* {1} the unit, {2} the date, {3} {4} the unit's period */
	MSG_UH_ALREADY_IN,     /* {1} the facility, {2} the unit */
	MSG_UH_FROM_TOO_EARLY, /* {1} the date, {2} the start of the current unit */
	MSG_UH_CHANGED,

	/* ---- import, export, copy and the command line ---- */
	MSG_IO_DB_ERROR, /* followed by the database's own text */
	MSG_IO_CANNOT_OPEN,
	MSG_IO_CANNOT_CREATE,
	MSG_IO_CANNOT_RENAME,
	MSG_IO_WRITE_ERROR,
	MSG_IO_PATH_TOO_LONG,
	MSG_IO_CANNOT_BEGIN, /* followed by the database's text */
	/* the CSV importer (model/io/csvio.c) */
	MSG_IMP_DUP_CODE,   /* {1} first line, {2} the code */
	MSG_IMP_FAC_EXISTS, /* {1} the code */
	MSG_IMP_DUP_TAX,    /* {1} first line, {2} the tax code */
	MSG_IMP_TAX_OTHER,  /* {1} the facility holding it, {2} the tax code */
	MSG_IMP_LATLON,
	MSG_IMP_CLOSED_BEFORE_OPENED, /* {1} closed_year, {2} opened_year */
	MSG_IMP_CLOSED_NEEDS_YEAR,
	MSG_IMP_EMPTY_WITHOUT_LINE, /* {L} the column */
	MSG_IMP_EMPTY_FOR_LINE,	    /* {L} the column, {1} the line kind */
	MSG_IMP_REPORT_EXISTS,	    /* {1} the year */
	MSG_IMP_DIFFERS,	    /* {1} the earlier line, {2} its value, {3} this one */
	MSG_IMP_UNIT_PRODUCT,	    /* {1} the product's unit, {2} the unit */
	MSG_IMP_UNIT_CARRIER,	    /* {1} the carrier, {2} the unit, {3} dimensions allowed */
	MSG_IMP_WATER_UNIT,	    /* {1} the unit */
	MSG_IMP_TOO_MANY_LINES,	    /* {1} the most lines, {2} the line kind */
	MSG_IMP_DUP_LINE,	    /* {1} the first line */
	MSG_IMP_ENERGY_MONTHS,	    /* as MSG_REP_ENERGY_MONTHS, for the import */
	MSG_IMP_SEMICOLONS,
	MSG_IMP_TABS,
	MSG_IMP_UTF16BE,
	MSG_IMP_UTF16LE,
	MSG_IMP_NCOLUMNS, /* {1} the number of columns */
	MSG_IMP_MISSING_COLUMNS,
	MSG_IMP_UNKNOWN_COLUMNS,
	MSG_IMP_REPEATED_COLUMNS,
	MSG_IMP_ROW_TOO_LONG, /* {1} the most bytes */
	MSG_IMP_FIELD_COUNT,  /* {1} fields in the row, {2} in the header */
	MSG_IMP_NOT_UTF8,
	MSG_IMP_FIELD_TOO_LONG, /* {1} the most bytes */
	MSG_IMP_UNTERMINATED,
	MSG_IMP_BAD_QUOTING,
	MSG_IMP_READ_ERROR,
	MSG_IMP_EMPTY_FILE,
	/* database to database (model/io/copy.c) */
	MSG_COPY_VERSIONS,  /* {1} the source's schema version, {2} the target's */
	MSG_COPY_DIFFERS,   /* followed by the counts and checksums */
	MSG_COPY_NOT_EMPTY, /* {1} a table, {2} its rows */
	/* the demo province (model/demo/) */
	MSG_DEMO_UNIT_MISSING,	  /* {1} the unit's code */
	MSG_DEMO_PRODUCT_MISSING, /* {1} the product's code */
	MSG_DEMO_CANNOT_DELETE,	  /* followed by the database's text */
	MSG_DEMO_COUNT,		  /* {1} the most facilities */
	MSG_DEMO_EXISTS,	  /* {1} facilities in the database */
	MSG_DEMO_NO_FACILITY,	  /* {1} a sector, {2} a product */

	/* ---- analytics: the ledger, benchmarks, indicators ---- */
	MSG_SEC_NO_LINES,    /* the report has output but no energy line */
	MSG_SEC_NO_ENERGY,   /* no energy line is attributed to the product */
	MSG_SEC_NO_OUTPUT,   /* energy named for a product without output */
	MSG_SEC_FACTOR,	     /* a line lacks its heating value */
	MSG_SEC_OUTPUT_UNIT, /* the output's unit does not convert */
	MSG_ENERGY_MISSING,  /* output reported, no energy at all */

	/* ---- command line (src/cli/) ---- */
	/* what each command does, in cmds[] (cli.c); printed one language a line */
	MSG_CLI_CMD_INIT,
	MSG_CLI_CMD_DEMO,
	MSG_CLI_CMD_SERVE,
	MSG_CLI_CMD_IMPORT,
	MSG_CLI_CMD_EXPORT,
	MSG_CLI_CMD_STATS,
	MSG_CLI_CMD_KPI,
	MSG_CLI_CMD_FACILITY,
	MSG_CLI_CMD_USER,
	MSG_CLI_CMD_KEYUSERS,
	MSG_CLI_CMD_CHECK,
	MSG_CLI_CMD_COPY,
	MSG_CLI_CMD_BACKUP,
	MSG_CLI_CMD_OPTIONS, /* sxsh options (options across assessments) */
	/* usage and the arguments of every command */
	MSG_CLI_SXSH,		    /* what sxsh is, after "sxsh VERSION — " */
	MSG_CLI_USAGE,		    /* followed by ": sxsh COMMAND …" */
	MSG_CLI_FOR_DETAILS,	    /* after "'sxsh COMMAND --help' " */
	MSG_CLI_OPT_DB,		    /* --db URL in each command's help */
	MSG_CLI_OPT_HELP,	    /* --help */
	MSG_CLI_UNKNOWN_COMMAND,    /* {1} the command typed */
	MSG_CLI_DB_NEEDS_URL,	    /* after "--db " */
	MSG_CLI_INVALID_ARG,	    /* followed by the argument, when shown */
	MSG_CLI_UNEXPECTED_ARG,	    /* {1} the argument */
	MSG_CLI_EXTRA_ARG,	    /* {1} the argument */
	MSG_CLI_UNKNOWN_OPTION,	    /* no argument shown */
	MSG_CLI_UNKNOWN_OPTION_ARG, /* {1} the option */
	MSG_CLI_OPT_NEEDS_VALUE,
	MSG_CLI_OPT_NEEDS_NUMBER, /* after the option */
	MSG_CLI_OPT_INT_RANGE,	  /* {1} the value, {2} lowest, {3} highest */
	MSG_CLI_TOO_MANY_ARGS,
	MSG_CLI_MISSING,  /* followed by the option */
	MSG_CLI_BAD_YEAR, /* after "--year: " */
	MSG_CLI_YEAR_REQUIRED,
	MSG_CLI_FORMAT_CHOICE, /* after "--format: "; {1} the first formats, {2} the last */
	MSG_CLI_XLSX_NEEDS_O,
	MSG_CLI_XLSX_O_ONLY, /* --format xlsx and -o go together */
	MSG_CLI_NEEDS_KIND,
	MSG_CLI_NEEDS_KIND_FILE,
	MSG_CLI_KIND,
	MSG_CLI_OPTION_NOT_FOR_KIND,
	MSG_CLI_YEAR_REPORTS_ONLY,
	MSG_CLI_UNKNOWN_SUBCOMMAND,
	/* opening the database (cli.c, cmd_init.c) */
	MSG_CLI_CANNOT_OPEN_DB,	  /* followed by the reason */
	MSG_CLI_DB_MISSING,	  /* {1} the database, {2} the reason */
	MSG_CLI_DB_DAMAGED,	  /* {1} the database, {2} the reason */
	MSG_CLI_DB_EMPTY,	  /* {1} the database */
	MSG_CLI_INIT_CANNOT_OPEN, /* {1} the database; followed by the reason */
	MSG_CLI_CANNOT_MKDIR,	  /* followed by the reason */
	MSG_CLI_REFDATA,	  /* followed by the error */
	MSG_CLI_SCHEMA_VERSION,	  /* followed by the version */
	MSG_CLI_NEWLY_APPLIED,	  /* followed by the migrations applied */
	MSG_CLI_REFDATA_LOADED,
	/* files and copies */
	MSG_CLI_CANNOT_WRITE, /* followed by the file or the reason */
	MSG_CLI_FILE_EXISTS,
	MSG_CLI_BACKUP_ONE_FILE,
	MSG_CLI_BACKED_UP, /* followed by the database and the file */
	MSG_CLI_PG_BACKUP, /* sxsh backup of a PostgreSQL database */
	MSG_CLI_COPY_FROM_TO,
	MSG_CLI_COPY_SAME, /* followed by the database */
	MSG_CLI_COPIED,	   /* followed by source and target */
	MSG_CLI_TABLES,	   /* after a number of tables */
	MSG_CLI_ROWS,	   /* after a number of rows */
	MSG_CLI_FINDINGS,  /* after their number (sxsh check) */
	/* import */
	MSG_CLI_IMPORT_ERRORS,	   /* {1} errors */
	MSG_CLI_IMPORT_DRY_RUN,	   /* {1} rows */
	MSG_CLI_IMPORT_FACILITIES, /* {1} rows, {2} inserted, {3} updated */
	MSG_CLI_IMPORT_REPORTS,	   /* {1} rows, {2} inserted, {3} replaced, {4} lines */
	/* demo */
	MSG_CLI_DEMO_CREATED, /* {1} seed, {2} facilities, {3} reports, {4} the years */
	MSG_CLI_DEMO_ACCOUNTS,
	MSG_CLI_ROLE,
	MSG_CLI_PASSWORD,
	MSG_CLI_SCOPE,
	MSG_CLI_EXISTS,
	MSG_CLI_PASSWORDS_ONCE,
	/* facility */
	MSG_CLI_FAC_MISSING_SUB,
	MSG_CLI_FAC_UNIT_FROM,
	MSG_CLI_FAC_MOVE_HELP,
	MSG_CLI_FAC_HISTORY_HELP,
	MSG_CLI_FACILITY, /* followed by its code */
	MSG_CLI_FAC_NO_HISTORY,
	/* serve */
	MSG_CLI_SERVE_NUMBER, /* {1} the option, {2} lowest, {3} highest, {4} the value */
	MSG_CLI_SERVE_LISTEN, /* {1} the value */
	MSG_CLI_SERVE_PROXY,  /* {1} the value */
	MSG_CLI_SERVING,      /* followed by the address */
	MSG_CLI_STOPPING,     /* followed by the signal */
	/* user */
	MSG_CLI_USER_STDIN,
	MSG_CLI_USER_CREATED, /* followed by the id, email and role */
	MSG_CLI_SHOWN_ONCE,
	MSG_CLI_USER_RESET, /* followed by the email */
	MSG_CLI_ENABLED,
	MSG_CLI_DISABLED,
	/* the analyses: stats, kpi, keyusers */
	MSG_CLI_NO_DEFAULT_PLAN,
	MSG_CLI_PLAN,	 /* followed by its code */
	MSG_CLI_PLAN_LC, /* the same, in a list of options */
	MSG_CLI_YEAR,	 /* followed by the year */
	MSG_CLI_DEFAULT_PLAN,
	MSG_CLI_ROWS_PER_TABLE,
	MSG_CLI_CANNOT_COUNT, /* followed by the reason */
	MSG_CLI_NOT_COUNTED,
	MSG_CLI_INDICATORS_PER_YEAR,
	MSG_CLI_EACH_CELL,
	MSG_CLI_EACH_CELL_LC,
	MSG_CLI_CELL_LEGEND,
	MSG_CLI_KPI_LEGEND, /* printed "vi (en)" */
	MSG_CLI_MIN_SAVING, /* followed by the percentage */
	MSG_CLI_BASELINE_FROM,
	MSG_CLI_SAVING_NOT_COMPUTABLE,
	MSG_CLI_NOT_COMPUTABLE_YEARS, /* followed by their number */
	MSG_CLI_NO_REPORTS,
	MSG_CLI_BY, /* followed by the breakdown */
	MSG_CLI_KPI_YEAR_RANGE,
	MSG_CLI_KPI_INVALID,
	MSG_CLI_KPI_YEAR_REQUIRED,
	MSG_CLI_KPI_XLSX_O,
	MSG_CLI_REQUIRED,
	MSG_CLI_EVERY_YEAR,
	MSG_CLI_KPI_BY_HELP,
	MSG_CLI_ALL_FIVE,
	MSG_CLI_DEFAULT, /* followed by the default */
	MSG_CLI_XLSX_FILE,
	MSG_CLI_TIME_HELP,
	MSG_KU_TITLE, /* {1} the year; also the workbook's title */
	MSG_CLI_THRESHOLD,
	MSG_CLI_KU_DERIVED_NOTE, /* the footnote of '*' in the key-user table */
	MSG_CLI_KU_CANNOT,	 /* {1} how many cannot be computed */
	MSG_CLI_FACILITIES,	 /* after their number */
	MSG_CLI_KU_INCOMPLETE,
	MSG_CLI_KU_CANNOT_COMPUTE,
	/* the workbooks (render/sheets.c) and the server (http/) */
	MSG_SHEET_CANNOT_ADD,	 /* followed by the sheet's name */
	MSG_SHEET_TOO_MANY_ROWS, /* {1} the most rows */
	MSG_HTTP_CANNOT_START_THREADS,
	MSG_HTTP_CANNOT_LISTEN, /* followed by the address */
	MSG_HTTP_UNAUTHORIZED,

	/* ---- plausibility (model/reporting/plausible.c) ---- */
	MSG_PL_HARD_YEAR,  /* {L}; {1} the item, {2} the quantity, {3} the yearly limit, {4} unit */
	MSG_PL_HARD_MONTH, /* as MSG_PL_HARD_YEAR, {3} the monthly limit (a twelfth) */
	MSG_PL_PER_EMPLOYEE, /* {1} TOE, {2} employees, {3} TOE per employee, {4} the threshold */
	MSG_PL_SEC_NORM,     /* {1} product, {2} SEC, {3} its unit "MJ/hl", {4} SEC / norm in % */
	MSG_PL_PEERS_HIGH,   /* {1} product, {2} SEC, {3} its unit "GJ/t", {4} the upper fence */
	MSG_PL_PEERS_LOW,    /* as MSG_PL_PEERS_HIGH, {4} the lower fence */
	MSG_PL_JUMP,	     /* {1} change in %, {2} the previous year, {3} its TOE, {4} this TOE */

	/* ---- indicators: both shares, targets and their periods (analytics/kpi.h) ---- */
	MSG_KPI_SHARE_ALL,	/* the share of all active facilities, a lower bound */
	MSG_KPI_SHARE_KNOWN,	/* the share of the facilities whose answer is known */
	MSG_KPI_COVERAGE,	/* known / active */
	MSG_KPI_COMPARED,	/* which share the target is compared with, and why */
	MSG_KPI_TARGET,		/* a column or row header */
	MSG_KPI_TARGET_OF_YEAR, /* {1} target, {2} first year, {3} last year of its period */
	MSG_KPI_NO_TARGET,	/* {1} the plan, {2} the year */
	MSG_KPI_NO_TARGET_CELL, /* in a table cell */
	MSG_KPI_LOAD_TARGETS,	/* how an administrator loads a plan's targets */
	MSG_KPI_MET,		/* the share of all reaches the target */
	MSG_KPI_NOT_MET,	/* it does not (yet) */
	MSG_KPI_CELL_LEGEND,	/* the cells of a table of groups */
	MSG_KPI_SAVING_RULE,	/* {1} the minimum saving in percent */
	MSG_KPI_COL_ALL,	/* short column headers of the three figures of an indicator */
	MSG_KPI_COL_KNOWN,
	MSG_KPI_COL_COVERAGE,

	/* ---- accounts: users, passwords, sign-in ---- */
	MSG_USER_EMAIL,		   /* not a plausible address */
	MSG_USER_ROLE,		   /* unknown role name */
	MSG_USER_UNIT_NEEDED,	   /* district account without a unit */
	MSG_USER_UNIT_UNKNOWN,	   /* no such unit, or a province-level one */
	MSG_USER_UNIT_EXTRA,	   /* a unit given to a role that has none */
	MSG_USER_FACILITY_NEEDED,  /* enterprise account without a facility */
	MSG_USER_FACILITY_UNKNOWN, /* no facility with that id */
	MSG_USER_FACILITY_EXTRA,   /* a facility given to a role that has none */
	MSG_USER_PASSWORD_SHORT,   /* {1}: USER_PASSWORD_MIN characters */
	MSG_USER_PASSWORD_LONG,	   /* {1}: USER_PASSWORD_MAX bytes */
	MSG_USER_PASSWORD_BAD,	   /* not UTF-8, or a control character */
	MSG_USER_EXISTS,	   /* the email is taken */
	MSG_USER_NOTFOUND,	   /* no such account */
	MSG_USER_INTERNAL,	   /* storage error, logged */
	MSG_LOGIN_DENIED,	   /* sign-in: wrong email or password */
	MSG_LOGIN_THROTTLED,	   /* {1}: whole minutes to wait */
	MSG_LOGIN_CURRENT_WRONG,   /* password change: the current password is wrong */
	MSG_LOGIN_MISMATCH,	   /* password change: the two new ones differ */
	MSG_APITOKEN_NAME,	   /* {1}: APITOKEN_NAME_MAX bytes */

	/* ---- form entry, warnings (report_form.c, registration_form.c) ---- */
	MSG_FORM_NOT_CHOICE,	  /* {L}, {1} what was posted, {2} the names allowed */
	MSG_FORM_UNIT_CARRIER,	  /* {1} the unit's name, {2} the carrier's name, {3} the units
				     allowed */
	MSG_FORM_EXPLAIN_MISSING, /* {1} the warning (an excerpt): no explanation typed */
	MSG_FORM_EXPLAIN_LONG,	  /* {1} the most bytes an explanation may have */
	MSG_FORM_ABOVE_NORM,	  /* {1} product, {2} SEC in % of the norm, {3} its legal text */

	/* ---- drafts and sign-in in place (autosave) ---- */
	MSG_DRAFT_RESTORED,	   /* {1}: when the draft was kept (dd/mm/yyyy HH:MM) */
	MSG_DRAFT_SESSION_EXPIRED, /* a form posted after the session expired was kept */
	MSG_DRAFT_CONFLICT,	   /* a form saved on a version another tab changed since */

	/* ---- enterprise home and deadlines (my.c) ---- */
	MSG_HOME_DATE_BAD,	    /* {L}, {1} what was typed: not a dd/mm/yyyy date */
	MSG_HOME_ST_NONE,	    /* a document not started */
	MSG_HOME_ST_DRAFT,	    /* a draft, not sent */
	MSG_HOME_ST_SUBMITTED,	    /* sent, waiting for the district or the province */
	MSG_HOME_ST_FORWARDED,	    /* sent, passed on by the district to the province */
	MSG_HOME_ST_RETURNED,	    /* returned by a reviewer: to be corrected */
	MSG_HOME_ST_ACCEPTED,	    /* accepted */
	MSG_HOME_OVERDUE,	    /* {1} the deadline dd/mm/yyyy, passed */
	MSG_HOME_DUE,		    /* {1} the deadline dd/mm/yyyy */
	MSG_HOME_ACT_REPORT_NEW,    /* {1} the year */
	MSG_HOME_ACT_REG_NEW,	    /* {1} the year */
	MSG_HOME_ACT_CONTINUE,	    /* finish a draft and send it */
	MSG_HOME_ACT_FIX,	    /* correct a returned document and send it again */
	MSG_HOME_ACT_REPORT_VIEW,   /* read a sent or accepted report */
	MSG_HOME_ACT_REG_VIEW,	    /* read a sent or accepted registration */
	MSG_HOME_NOTE_BY,	    /* {1} the reviewer, {2} dd/mm/yyyy HH:MM */
	MSG_HOME_NOTICE_REP_RET,    /* {1} year, {2} facility, {3} dd/mm/yyyy */
	MSG_HOME_NOTICE_REP_ACC,    /* {1} year, {2} facility, {3} dd/mm/yyyy */
	MSG_HOME_NOTICE_REG_RET,    /* {1} year, {2} facility, {3} dd/mm/yyyy */
	MSG_HOME_NOTICE_REG_ACC,    /* {1} year, {2} facility, {3} dd/mm/yyyy */
	MSG_HOME_DEADLINE_SAVED,    /* {1} the plan year */
	MSG_HOME_DEADLINE_CONFLICT, /* {1} the plan year: changed by someone else meanwhile */
	MSG_CLI_CMD_DEADLINE,	    /* sxsh deadline: its summary */
	MSG_HOME_CLI_LIST_HELP,	    /* sxsh deadline list */
	MSG_HOME_CLI_SET_HELP,	    /* sxsh deadline set */
	MSG_HOME_CLI_YEAR,	    /* column: plan year */
	MSG_HOME_CLI_REPORT,	    /* column: report deadline */
	MSG_HOME_CLI_REGISTRATION,  /* column: registration deadline */
	MSG_HOME_CLI_DEFAULT,	    /* a date that is the default */

	/* ---- attachments ---- */
	MSG_ATTACH_EMPTY,      /* upload without a file, or an empty one */
	MSG_ATTACH_TOO_LARGE,  /* {1}: the file's name, {2}: the limit in MB */
	MSG_ATTACH_TYPE,       /* {1}: the file's name; lists the allowed types */
	MSG_ATTACH_TOO_MANY,   /* {1}: ATTACH_PER_DOC_MAX */
	MSG_ATTACH_BODY_LIMIT, /* 413 before reading an upload: {1} the limit in MB */
	MSG_ATTACH_BAD_FORM,   /* the upload's multipart body could not be read */
	MSG_ATTACH_SAVE_FIRST, /* the form of a document not saved yet */

	/* ---- reviewer's desk (review.c) ---- */

	/* ---- admin and names for codes (users.c, audit.c, keyusers.c) ---- */
	MSG_USER_SELF,		 /* an admin disabling itself or changing its own role */
	MSG_USER_CONFLICT,	 /* the account changed since the form was opened */
	MSG_ADMIN_FACILITY_NONE, /* {1}: the text typed; no facility matches it */
	MSG_ADMIN_FACILITY_MANY, /* {1}: the text typed; several match: choose one */
	MSG_ADMIN_FACILITY_PICK, /* the hint under the facility field */
	MSG_USER_ROLE_CODES,	 /* the command line's wrong --role, with the codes it takes */
	MSG_ADMIN_DATE,		 /* {L}: not a date dd/mm/yyyy */

	/* ---- phones and print ---- */
	MSG_DASH_AS_OF, /* the dashboard's as-of line: {1} today's date, dd/mm/yyyy */

	/* ---- CSV encodings (model/io/csvio.c) ---- */
	MSG_CSV_READ_AS,       /* sxsh import: {1} the encoding, {2} the separator */
	MSG_CSV_SEP_UNDECIDED, /* the header splits as well by ',' as by ';' */
	MSG_CSV_UNDECODABLE,   /* {1} the encoding: bytes that are not text in it */
	MSG_CSV_DECIMAL_COMMA, /* {L}: a ';' file's number not in the Vietnamese style */

	/* ---- survey campaigns (model/survey/campaign.c, render/workbook.c, web/campaigns.c) ----
	 */
	MSG_CAMP_DATE_BAD,	 /* {L}, {1} what was typed */
	MSG_CAMP_EMPTY_SCOPE,	 /* no active facility matches the scope */
	MSG_CAMP_TOO_MANY_UNITS, /* {1} the most units */
	MSG_CAMP_NO_KEYUSERS,	 /* {1} the year whose key-user list cannot be computed */
	MSG_CAMP_OPENED,	 /* {1} the campaign id, {2} the facilities invited */
	MSG_CAMP_TITLE_REPORT,	 /* {1} the year: the default title of each kind */
	MSG_CAMP_TITLE_REGISTRATION,
	MSG_CAMP_TITLE_BOTH,
	MSG_CAMP_NOT_FOUND,	      /* {1} the campaign id given */
	MSG_CAMP_NOT_IN,	      /* {1} the unit or facility code: not in the campaign */
	MSG_CAMP_ONE_TARGET,	      /* --unit or --facility, exactly one */
	MSG_CLI_CMD_CAMPAIGN,	      /* the command's summary */
	MSG_CAMP_NONE,		      /* no campaign yet */
	MSG_CAMP_CLOSED,	      /* {1} the campaign id: it was closed */
	MSG_CAMP_IS_CLOSED,	      /* {1} the campaign id: it is closed already */
	MSG_CAMP_REMIND_SOON_SUBJECT, /* {1} the campaign's title, {2} its deadline dd/mm/yyyy */
	MSG_CAMP_REMIND_SOON_BODY,    /* {1} facility, {2} deadline, {3} days left, {4} the
					 workbook link */
	MSG_CAMP_REMIND_LATE_SUBJECT, /* {1} the campaign's title, {2} its deadline */
	MSG_CAMP_REMIND_LATE_BODY,    /* {1} facility, {2} deadline, {3} days past, {4} the
					 workbook link */

	/* ---- workbook import (model/io/sheetread.c, model/survey/wbimport.c, web/wbupload.c) ----
	 */
	MSG_SR_OPEN,		/* the spreadsheet file cannot be opened; {1} the format */
	MSG_SR_NOT_ZIP,		/* the file is not a {1} workbook at all */
	MSG_SR_DAMAGED,		/* a part of the workbook is damaged or missing; {1} the part */
	MSG_SR_TOO_BIG,		/* the workbook unpacks to more than the limits (a zip bomb) */
	MSG_SR_LIMITS,		/* more rows, columns, sheets or texts than a workbook may hold */
	MSG_SR_PASSWORD,	/* the workbook is protected by a password */
	MSG_WBI_MISSING_KEY,	/* a sheet's key row lacks the column {1} (a key) */
	MSG_WBI_NO_CODE,	/* a filled row without a facility code */
	MSG_WBI_NOT_NUMBER,	/* {1} the cell's text: not a number */
	MSG_WBI_UNKNOWN_CHOICE, /* {1} the cell's text: not in the list {L} */
	MSG_WBI_YES_NO,		/* {1} the cell's text: not Có or Không */
	MSG_WBI_YES_NO_UNKNOWN, /* {1} the cell's text: not Có, Không or Chưa rõ */
	MSG_WBI_SUBMIT_VALUE,	/* {1} the submit cell's text: not Có, x or empty */
	MSG_WBI_DUPLICATE,	/* facility {1} has a row already at row {2} of this sheet */
	MSG_WBI_MONTH_SUM,	/* the year's quantity {1} is not the sum of the months {2} */
	MSG_WBI_NOTHING_TO_SUBMIT, /* submit = Có but no report data for the facility */
	MSG_WBI_LAYOUT,		   /* _sxsh: layout version {1} not known */
	MSG_WBI_NO_YEAR,	   /* the workbook does not say its year and none was given */
	MSG_WBI_YEAR_DIFFERS,	   /* the workbook's year {1} is not the year chosen {2} */
	MSG_WBI_UNREADABLE,	   /* the file cannot be read: {1} the reader's reason */
	MSG_WBI_NO_SHEETS,	   /* no sheet of the campaign layout in the file */
	MSG_WBI_UNKNOWN_FACILITY,  /* no facility has the code {1} */
	MSG_WBI_OUT_OF_SCOPE,	   /* facility {1} is outside the uploader's scope */
	MSG_WBI_CHANGED,	   /* the stored documents changed since the preview */
	MSG_WBI_ACT_NEW,	   /* a document the import creates */
	MSG_WBI_ACT_UPDATE,	   /* a draft or returned document whose content it replaces */
	MSG_WBI_ACT_UNTOUCHED,	   /* a submitted or accepted document it leaves as it is */
	MSG_WBI_ACT_SUBMIT,	   /* ... and submits */
	MSG_WBI_CLI_FORMAT,	   /* the file's name does not end in .xlsx, .xls or .ods */
	MSG_WBI_CLI_DRY_RUN,	   /* {1} new, {2} updated, {3} submitted, {4} untouched */
	MSG_WBI_CLI_DONE,	   /* the same, written */
	MSG_WBI_UPLOAD_NONE,	   /* {L}: no file chosen, or an empty one */
	MSG_WBI_UPLOAD_TOO_LARGE,  /* {L}: more than {1} MB */
	MSG_WBI_UPLOAD_GONE,	   /* the upload expired or is not the user's: upload again */
	MSG_WBI_MORE_ERRORS,	   /* {1} problems found beyond those listed */

	/* ---- column mapping profiles (model/io/mapping.c, web/mapping.c) ---- */
	MSG_MAP_JSON,		/* {1}: the key at fault and why (untranslated detail) */
	MSG_MAP_NO_SHEET,	/* {1}: the sheet the profile names is not in the workbook */
	MSG_MAP_HEADER_MISSING, /* {1}: a header the profile uses that the file lacks */
	MSG_MAP_NO_MATCH,	/* {1}: a value the column's value map has no key for */
	MSG_MAP_NOT_NUMBER,	/* {1}: the text, {2}: how the profile says numbers look */
	MSG_MAP_NO_CONVERSION,	/* {1}: unit, {2}: carrier: no heating value to convert */
	MSG_MAP_NOT_FOUND,	/* {1}: no stored profile of that name */
	MSG_MAP_EXISTS,		/* {1}: a profile of that name is stored already */
	MSG_MAP_TARGET,		/* {1}: profile, {2}: its target, {3}: the target asked */
	MSG_MAP_SUMMARY,	/* {1} rows read, {2} imported, {3} left out (reported) */
	MSG_MAP_SUMMARY_DRY,	/* {1} rows read, {2} good, {3} bad (reported); nothing written */
	MSG_MAP_LEFT_OUT,	/* {1} values the profile does not import, {2} costs not in VND */
	MSG_MAP_CONVERTED,	/* {1} quantities converted through a heating value */
	MSG_MAP_SAVED,		/* {1}: the profile, {2}: its version */
	MSG_MAP_DELETED,	/* {1}: the profile */
	MSG_MAP_CONFLICT,	/* the profile was saved by someone else since it was opened */
	MSG_CLI_CMD_PROFILE,	/* sxsh profile: its summary */
	MSG_MAP_OUT_OF_SCOPE,	/* {1}: a unit or facility code outside a district user's unit */
	MSG_MAP_FAC_EXISTS,    /* {1}: a facility code stored already (a page: no CLI flag named) */
	MSG_MAP_REPORT_EXISTS, /* {1}: year of a report stored already (a page) */

	/* ---- mail (model/mail/, web password reset and notice settings) ---- */
	/* The messages sxsh e-mails (model/mail/notice.c, reset.c): each is rendered in
	   Vietnamese, then in English below it.  {L} is the document's name (a report, a
	   registration); years are plain digits. */
	MSG_MAIL_DEAR,		   /* {1} the recipient's name or address */
	MSG_MAIL_LINK,		   /* {1} the link to open */
	MSG_MAIL_SIGNATURE,	   /* who sends it; no reply */
	MSG_MAIL_OPTOUT_NOTE,	   /* {1} the account page's link: where notices are turned off */
	MSG_MAIL_RETURNED_SUBJECT, /* {L} capitalised, {1} year */
	MSG_MAIL_RETURNED_BODY,	   /* {L}, {1} year, {2} facility, {3} the reviewer's note */
	MSG_MAIL_ACCEPTED_SUBJECT, /* {L} capitalised, {1} year */
	MSG_MAIL_ACCEPTED_BODY,	   /* {L}, {1} year, {2} facility */
	MSG_MAIL_REMIND_SOON_SUBJECT, /* {L}, {1} year, {2} the deadline dd/mm/yyyy */
	MSG_MAIL_REMIND_SOON_BODY,    /* {L}, {1} year, {2} facility, {3} deadline, {4} days left */
	MSG_MAIL_REMIND_LATE_SUBJECT, /* {L}, {1} year, {2} the deadline dd/mm/yyyy */
	MSG_MAIL_REMIND_LATE_BODY,    /* {L}, {1} year, {2} facility, {3} deadline, {4} days past */
	MSG_MAIL_INVITE_SUBJECT,      /* {1} year, {2} the deadline dd/mm/yyyy */
	MSG_MAIL_INVITE_BODY,	/* {1} facility, {2} year, {3} deadline, {4} the workbook's link */
	MSG_MAIL_RESET_SUBJECT, /* the password reset */
	MSG_MAIL_RESET_BODY,	/* {1} the account's address, {2} the one-time link */
	/* Pages and the command line */
	MSG_MAIL_RESET_INVALID,	  /* the reset link is unknown, used or expired */
	MSG_MAIL_RESET_THROTTLED, /* {1} minutes: too many reset requests from this address */
	MSG_CLI_CMD_MAIL,	  /* sxsh mail: summary */
	MSG_CLI_MAIL_NO_SMTP,	  /* no SMTP server is configured */
	MSG_CLI_MAIL_SMTP_URL,	 /* {1} what was given: not an smtp://, smtp+starttls:// or smtps://
				    URL */
	MSG_CLI_MAIL_BASE_URL,	 /* {1} what was given: not an http:// or https:// URL */
	MSG_CLI_MAIL_DAYS,	 /* {1} the option, {2} what was given: not a list of days */
	MSG_CLI_MAIL_SENT,	 /* {1} sent, {2} to be retried, {3} given up */
	MSG_CLI_MAIL_WOULD_SEND, /* {1} messages due now (dry run) */
	MSG_CLI_MAIL_REMINDED,	 /* {1} reminders queued */
	MSG_CLI_MAIL_WOULD_REMIND, /* {1} reminders that would be queued (dry run) */
	MSG_CLI_MAIL_STATE,	   /* {1} what was given: not queued, sending, sent or failed */
	MSG_CLI_MAIL_HEAD,	   /* the column heads of sxsh mail outbox, '|' between */

	/* ---- exports officials hand on (render/xlsx.c, render/sheets.c) ---- */
	MSG_XP_SOURCE,	      /* {1} the province's name ("tỉnh An Giang"), {2} the date */
	MSG_XP_SOURCE_NONE,   /* {1} the date; no province unit in the reference data */
	MSG_XP_KU_TITLE,      /* {1} the year: the key-user list's title */
	MSG_XP_KU_NOTE,	      /* {1} threshold TOE, {2} its legal reference, {3} key users,
				 {4} facilities that cannot be computed */
	MSG_XP_KPI_TITLE,     /* {1} the plan, {2} the year or years, {3} the breakdown */
	MSG_XP_KPI_CHART,     /* the province sheet's chart title */
	MSG_XP_FAC_TITLE,     /* the facilities export's title */
	MSG_XP_REP_TITLE,     /* {1} the year: the reports export's title */
	MSG_XP_REP_TITLE_ALL, /* the reports export's title, every year */
	MSG_XP_ATTACH_TITLE,  /* the attachments sheet's title */
	MSG_XP_DIR_TITLE,     /* the public directory's title */

	/* ---- CP assessments (model/assess/assessment.c) ---- */
	MSG_ASSESS_DATE_BAD,	 /* {L}, {1} what was typed: not a date */
	MSG_ASSESS_NO_ACCOUNT,	 /* {L}, {1} the e-mail: no active account */
	MSG_ASSESS_NOT_EXPERT,	 /* {L}, {1} the e-mail: an account that is not an expert's */
	MSG_ASSESS_EXPERT_NEEDS, /* {L}: an expert member needs an expert account */
	MSG_ASSESS_MEMBER_TWICE, /* {L}, {1} the e-mail: already in the team */
	MSG_ASSESS_WEIGHTS_ZERO, /* {L}: every weight is zero */
	/* @assess-msgs */
	MSG_ASSESS_FACILITY_MISSING, /* the new assessment's facility was not typed */
	MSG_ASSESS_EXISTS,	     /* the facility has an assessment starting that year */
	MSG_ASSESS_NONE,	     /* the list is empty */
	MSG_ASSESS_NONE_EXPERT,	     /* an expert's list is empty: no team names it */
	MSG_ASSESS_CONFLICT,	     /* a form of an older version */
	MSG_ASSESS_NOTE_NEEDED,	     /* returning or reopening without a note */

	/* @assess-process-msgs */
	MSG_PROCESS_CARRIER_ENERGY, /* {L}: only an energy line names a carrier */
	MSG_PROCESS_CARRIER_UNIT,   /* {L}, {1} {2} the carrier and unit in Vietnamese, {3} {4}
				       in English: the carrier is not measured in the unit */
	MSG_PROCESS_TO_STEP_LATER,  /* {L}: not a later step of the same process */
	MSG_PROCESS_TO_STEP_OUT,    /* {L}: only an output feeds another step */
	MSG_PROCESS_WASTE_ONLY,	    /* {L}: only waste and emission lines have it */
	MSG_PROCESS_TOO_MANY,	    /* {L}, {1} the limit: no more of them */

	/* @assess-option-msgs */
	MSG_OPTION_FLOWS_BAD,	     /* {L}, {1} most years: not a list of amounts */
	MSG_OPTION_FLOWS_OR_SAVING,  /* {L}: both flows and a constant saving given */
	MSG_OPTION_SAVING_LIFE,	     /* {L}: the saving needs a life, the life a saving */
	MSG_OPTION_OFFSITE_KIND,     /* {L}: off-site only for a by-product */
	MSG_OPTION_REJECTED_MOVE,    /* {L}: a rejected option cannot be carried out */
	MSG_OPTION_TOO_MANY_EFFECTS, /* {1} most effect lines */
	MSG_XP_OPTIONS_TITLE,	     /* the options workbook's title, {1} the assessment's */

	/* @assess-savings-msgs */
	MSG_MEASURED_NO_OPTION,	     /* no implemented option with its date */
	MSG_MEASURED_NO_BASELINE,    /* no accepted report before implementation */
	MSG_MEASURED_NO_LATER,	     /* no accepted report after implementation */
	MSG_MEASURED_PRODUCT_GONE,   /* the baseline's main product is not produced */
	MSG_MEASURED_NOT_COMPUTABLE, /* the year's SEC is not computable */
	MSG_CASE_NOT_PILOT,	     /* only a pilot's case study is published */

	/* @assess-report-msgs */

	MSG__MAX
};

#define MSG_ARGS    4
#define MSG_ARG_MAX 72 /* bytes of a text argument: a 60-byte excerpt, "…" and NUL */

struct msg_arg {
	char type;    /* 's' text, 'p' borrowed text, 'i' integer, 'r' real number; 0 unused */
	int decimals; /* 'r': digits after the decimal point (-1: as many as needed) */
	int64_t i;
	double r;
	char s[MSG_ARG_MAX];
	const char *p; /* 'p': not copied, of any length */
};

struct msg {
	enum msg_id id;
	const struct val_label *label; /* {L}; NULL when the template has none */
	int nargs;
	struct msg_arg arg[MSG_ARGS];
};

/* Starts *m as message id about field label (may be NULL); no arguments. */
void msg_init(struct msg *m, enum msg_id id, const struct val_label *label);
/*
 * Append one argument to m (ignored beyond MSG_ARGS).  msg_str quotes s
 * through val_excerpt's rule (at most 60 bytes, cut at a character
 * boundary with "…", control characters as '?'); msg_code copies s as it
 * is (a code or a number sxsh itself wrote; beyond MSG_ARG_MAX - 1 bytes
 * it is cut at a character boundary).  msg_int and msg_real render in the
 * language's style; msg_real with decimals -1 writes as many decimals as
 * the shortest exact spelling of v needs (fmt_exact).
 */
void msg_str(struct msg *m, const char *s);
void msg_code(struct msg *m, const char *s);
void msg_int(struct msg *m, int64_t v);
void msg_real(struct msg *m, double v, int decimals);
/*
 * A text written as it is and not copied, so of any length (a path, a
 * database URL, a system error): for a message rendered at once, as the
 * command line does.  s must outlive m.
 */
void msg_ref(struct msg *m, const char *s);
/*
 * An integer written as plain digits in every language: a year, a line
 * number, a limit as it is typed back into a field (1990, not 1.990).
 */
void msg_plain(struct msg *m, int64_t v);

/* The message of status rc (MSG_ST_ERR for a value that is not one). */
enum msg_id msg_status(int rc);

/*
 * Renders m in lang (LANG_VI, LANG_EN, or MSG_BOTH for "vi / en") into out
 * (size n, always terminated, cut at a character boundary when short).
 * Numbers are written in the language's style ("1.000" / "1,000").
 * Returns out.
 */
char *msg_format(const struct msg *m, int lang, char *out, size_t n);

/*
 * For text read on the command line and in logs: message id (one without
 * label or arguments) in both languages, then detail_fmt (printf; NULL for
 * none) written as it is, untranslated (": " and a path, a system error
 * text), into out (size n, always terminated).  Returns out.
 */
char *msg_both(char *out, size_t n, enum msg_id id, const char *detail_fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The template of id in lang (LANG_VI or LANG_EN); static. */
const char *msg_template(enum msg_id id, int lang);

#endif
