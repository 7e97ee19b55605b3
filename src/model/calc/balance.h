/*
 * Balances of a process step (a CP assessment's task 5, "Cân bằng vật
 * liệu, năng lượng"): what enters a step should leave it, so the sums of
 * its inputs and outputs, in one common unit (tonnes for mass, GJ for
 * energy), are compared and the difference is stated as a fraction of the
 * inputs, the closure error:
 *
 *   error = (Σin − Σout) / Σin
 *
 * positive when something is unaccounted for (a loss not measured),
 * negative when more leaves than enters (a measurement too high).  With no
 * input and no output the balance is empty and closes (error 0); with
 * outputs and no input the error is undefined (NAN), which no tolerance
 * accepts; with inputs and no output at all the balance is open (the
 * outputs have not been recorded: energy that leaves as heat and work is
 * often not measured), error NAN, neither within nor beyond.  The tolerance is in percent and is
 * compared with model/calc/exact.h, so an error of exactly the tolerance is within it. Pure
 * functions, no I/O.
 */
#ifndef SXSH_MODEL_CALC_BALANCE_H
#define SXSH_MODEL_CALC_BALANCE_H

/* Which side of a step a line is on. */
enum bal_dir { BAL_IN, BAL_OUT };

/* One line of a balance: its side and its quantity in the common unit (>= 0). */
struct bal_line {
	enum bal_dir dir;
	double qty;
};

/* How a balance closes against its tolerance. */
enum bal_state {
	BAL_EMPTY,     /* no input and no output: closes, error 0 */
	BAL_WITHIN,    /* |error| <= tolerance */
	BAL_BEYOND,    /* |error| > tolerance */
	BAL_UNDEFINED, /* outputs without inputs: no error can be stated */
	BAL_NO_OUTPUT, /* inputs without any output recorded: open, error not stated */
};

struct bal_result {
	double in, out; /* Σin, Σout */
	double diff;	/* Σin − Σout */
	double error;	/* diff / Σin as a fraction; 0 when empty, NAN when undefined */
	enum bal_state state;
};

/* Σin and Σout of lines[0..n) into *in and *out. */
void bal_sum(const struct bal_line *lines, int n, double *in, double *out);

/*
 * The closure of a balance whose sums are in and out, against a tolerance
 * of tol_pct percent (> 0): fills r.  Exactly tol_pct is within.
 */
void bal_close(double in, double out, double tol_pct, struct bal_result *r);

/* bal_sum then bal_close. */
void bal_of_lines(const struct bal_line *lines, int n, double tol_pct, struct bal_result *r);

#endif
