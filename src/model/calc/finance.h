/*
 * The financial feasibility of a cleaner-production option (DOMAIN.md §5,
 * step 4: simple payback, NPV and IRR) and the weighted score that ranks
 * the options by their technical, financial and environmental merit.
 *
 * An option is a capital cost capex (VND, spent at year 0, not negative)
 * and the net cash flows cf[0..n-1] of years 1..n (VND per year, a saving
 * is positive, a cost such as a mid-life overhaul negative), discounted at
 * the rate r, a fraction (0.1 is 10 % a year).  Every flow of year k is
 * taken at the end of year k, as a spreadsheet does.
 *
 * The conventions, stated once here and in docs/analytics.md:
 *
 *   NPV = -capex + Σ_{k=1..n} cf_k / (1+r)^k, which is LibreOffice's and
 *   Excel's =NPV(r; cf_1..cf_n) - capex: the spreadsheet's NPV discounts
 *   its first value by one period, so the capital cost of year 0 stays
 *   outside it.
 *
 *   Payback is the first time the cumulative flow reaches capex, with the
 *   year it is reached in taken as earning evenly: when C_k = Σ_{j<=k} cf_j
 *   first reaches capex in year k, payback = (k-1) + (capex - C_{k-1}) /
 *   cf_k years.  So a constant saving s pays back in capex / s years, and
 *   a cumulative flow equal to capex at the end of year k pays back in
 *   exactly k.  "First" is meant: later negative flows that take the sum
 *   below capex again do not undo it.  When the sum never reaches capex
 *   within the n years there is no payback (NAN and a "never" flag).  The
 *   discounted payback is the same with cf_k / (1+r)^k in place of cf_k.
 *   capex 0 pays back at 0.
 *
 *   IRR is the rate at which NPV is 0, spreadsheet =IRR({-capex; cf_1;
 *   ...; cf_n}).  The flows c_0 = -capex, c_1..c_n, zeros skipped, change
 *   sign m times; by Descartes' rule NPV has at most m roots in (-1, +inf)
 *   (NPV is a polynomial in 1/(1+r)), and exactly one when m = 1:
 *     m = 0   no IRR (FIN_IRR_NONE_NO_SIGN_CHANGE): every rate gives
 *             the same sign, the API shows null;
 *     m = 1   the one root, searched from -1 + 10^-12 up to 10^9
 *             (FIN_IRR_ONE; beyond that FIN_IRR_NOT_FOUND);
 *     m >= 2  every root in [FIN_IRR_SCAN_LO, FIN_IRR_SCAN_HI] found by a
 *             scan in steps of FIN_IRR_SCAN_STEP and refined; two or more
 *             roots (FIN_IRR_SEVERAL): the one nearest to the discount rate
 *             is taken (the smaller on a tie), since an IRR is read against
 *             that rate, and the page lists them all and says NPV is the
 *             figure to decide by; exactly one root in the range
 *             (FIN_IRR_SCAN_ONE): it is taken, and the page says the flows
 *             change sign more than once; none (FIN_IRR_NOT_FOUND).
 *   Two roots closer together than FIN_IRR_SCAN_STEP, and a root where NPV
 *   touches 0 without crossing it, are missed by the scan unless a grid
 *   point falls on them.  Each root is refined by bisection until its
 *   bracket is one or two doubles wide (far below 10^-12 relative; 10^-20
 *   absolute near a rate of 0), with NPV evaluated in a form accurate at
 *   that rate (near 0: Σc_k + Σ c_k expm1(-k log1p r)).
 *
 * Limits: 1 <= n <= FIN_YEARS_MAX; amounts finite and within
 * ±FIN_AMOUNT_MAX; a discount rate in [FIN_RATE_MIN, FIN_RATE_MAX].
 * Pure functions, no I/O, no allocation; nothing is kept between calls.
 */
#ifndef SXSH_MODEL_CALC_FINANCE_H
#define SXSH_MODEL_CALC_FINANCE_H

/* The longest life of an option, in years (cash flows of years 1..50). */
#define FIN_YEARS_MAX 50
/* The largest capital cost or yearly flow, in VND (a million billion). */
#define FIN_AMOUNT_MAX 1e15
/* The discount rates accepted: above -1 (where discounting breaks down) by a
 * margin that keeps (1+r)^-50 finite, and at most 1,000 % a year. */
#define FIN_RATE_MIN -0.99
#define FIN_RATE_MAX 10.0

/* Where and how finely the IRR scan looks when the flows change sign more
 * than once: rates from -99 % to 1,000 % in steps of 0.1 percentage point. */
#define FIN_IRR_SCAN_LO	  -0.99
#define FIN_IRR_SCAN_HI	  10.0
#define FIN_IRR_SCAN_STEP 0.001
/* The roots kept in struct fin_irr (all are counted). */
#define FIN_IRR_ROOTS_MAX 8

enum fin_irr_status {
	FIN_IRR_ONE,		     /* one sign change: the one IRR */
	FIN_IRR_NONE_NO_SIGN_CHANGE, /* no sign change: no IRR */
	FIN_IRR_SEVERAL,	     /* several roots: the nearest to the discount rate */
	FIN_IRR_NOT_FOUND,	     /* sign changes, but no root in the range searched */
	FIN_IRR_SCAN_ONE,	     /* several sign changes, one root in the scan range */
};

/*
 * The status as a fixed lower-case ASCII code for the API and CSV
 * ("one", "none", "several", "not_found", "scan_one"); a static string.
 * Pages name it in words through the message catalogue, not with this.
 */
const char *fin_irr_status_code(enum fin_irr_status st);

struct fin_irr {
	double irr; /* the IRR chosen as above; NAN when there is none */
	enum fin_irr_status status;
	int sign_changes;		 /* m above */
	int nroots;			 /* roots found (1 for FIN_IRR_ONE) */
	double roots[FIN_IRR_ROOTS_MAX]; /* the first min(nroots, 8), ascending; NAN after */
};

struct fin_result {
	double simple_payback;	   /* years; NAN when never */
	double discounted_payback; /* years; NAN when never */
	double npv;		   /* VND at the rate given */
	double irr;		   /* a fraction; NAN when there is none */
	int payback_never;	   /* 1 when the simple payback is never reached */
	int dpayback_never;	   /* 1 when the discounted payback is never reached */
	enum fin_irr_status irr_status;
	int nroots;			 /* as in struct fin_irr */
	double roots[FIN_IRR_ROOTS_MAX]; /* ascending; NAN after the nroots-th */
};

/*
 * Everything above for one option: capex, the flows cf[0..n-1] of years
 * 1..n and the discount rate.  Returns 0 and fills *out, or -1 (and leaves
 * *out alone) when an input is outside the limits: n not in
 * 1..FIN_YEARS_MAX, capex negative, an amount not finite or beyond
 * FIN_AMOUNT_MAX, the rate not finite or outside [FIN_RATE_MIN,
 * FIN_RATE_MAX].
 */
int fin_evaluate(double capex, const double *cf, int n, double rate, struct fin_result *out);

/*
 * -capex + Σ_{k=1..n} cf[k-1] / (1+rate)^k, spreadsheet =NPV(rate;
 * cf) - capex.  Evaluated as written, with the discount factors built by
 * repeated division; NAN when n is not in 0..FIN_YEARS_MAX or rate <= -1
 * or not finite (no other check: fin_evaluate validates).
 */
double fin_npv(double rate, double capex, const double *cf, int n);

/*
 * The payback of capex by the flows cf[0..n-1] each discounted by
 * (1+rate)^k (rate 0 for the simple payback), in years, by the convention
 * above.  Sets *never to 1 and returns NAN when the cumulative flow never
 * reaches capex within n years, else sets it to 0.  Assumes valid inputs.
 */
double fin_payback(double capex, const double *cf, int n, double rate, int *never);

/*
 * The IRR of -capex, cf[0..n-1] as above; rate is the discount rate that
 * chooses among several roots.  Returns 0 and fills *out (whatever the
 * status), or -1 on inputs outside the limits of fin_evaluate.
 */
int fin_irr(double capex, const double *cf, int n, double rate, struct fin_irr *out);

/*
 * Fills cf[0..life-1] with a constant annual saving: the flows of an
 * option described by (saving, life).  cf holds at least life values.
 * Returns 0, or -1 when life is not in 1..FIN_YEARS_MAX or saving is not
 * finite or beyond FIN_AMOUNT_MAX.
 */
int fin_constant_flows(double saving, int life, double *cf);

/* The criteria of the weighted score, indices into its arrays. */
enum fin_criterion {
	FIN_CRIT_TECHNICAL,
	FIN_CRIT_FINANCIAL,
	FIN_CRIT_ENVIRONMENTAL,
	FIN_CRIT__MAX
};

/* A criterion's score is on a scale of 0 to FIN_SCORE_MAX (0 worst). */
#define FIN_SCORE_MAX 10.0
/* The largest weight (weights are relative: 40/35/25 and 0.4/0.35/0.25
 * give the same score). */
#define FIN_WEIGHT_MAX 1000.0

enum fin_score_error {
	FIN_SCORE_OK = 0,
	FIN_SCORE_ERR_SCORE = -1,	 /* a score not finite or outside 0..FIN_SCORE_MAX */
	FIN_SCORE_ERR_WEIGHT = -2,	 /* a weight not finite, negative or above FIN_WEIGHT_MAX */
	FIN_SCORE_ERR_WEIGHTS_ZERO = -3, /* every weight is 0 */
};

/*
 * Checks scores and weights, each indexed by enum fin_criterion.  Returns
 * FIN_SCORE_OK or the first error, checking criterion by criterion (score,
 * then weight), then that not every weight is 0; *which (when not NULL)
 * is set to the criterion at fault, or -1 (no fault, or all weights 0).
 */
enum fin_score_error fin_score_check(const double score[FIN_CRIT__MAX],
				     const double weight[FIN_CRIT__MAX], int *which);

/*
 * The weighted score Σ w_i s_i / Σ w_i, on the scale of the scores (0..10).
 * Returns FIN_SCORE_OK and *out, or the error of fin_score_check (and
 * leaves *out alone); the caller turns it into the field's message.
 */
int fin_score(const double score[FIN_CRIT__MAX], const double weight[FIN_CRIT__MAX], double *out);

#endif
