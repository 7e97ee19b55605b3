/*
 * A small deterministic pseudo-random number generator for synthetic data
 * (the demo province) and tests: xoshiro256** (Blackman and Vigna, 2018)
 * seeded through splitmix64 (Vigna), both written from the published
 * algorithms.  The same seed and stream give the same sequence on every run
 * and machine; nothing here reads the clock or the address space.  Not for
 * secrets: tokens and passwords use libsodium.
 */
#ifndef SXSH_UTIL_RNG_H
#define SXSH_UTIL_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/*
 * Advances the splitmix64 state *x and returns its next output.  Exposed for
 * seeding and for tests of the published sequence.
 */
uint64_t rng_splitmix64(uint64_t *x);

/*
 * Seeds r for the sub-sequence `stream` of `seed`: different (seed, stream)
 * pairs give independent-looking sequences, so a generator can give every
 * record its own stream and stay reproducible record by record.
 */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
/* The next 64 random bits (xoshiro256**). */
uint64_t rng_next(struct rng *r);
/* A uniform double in [0, 1) with 53 random bits. */
double rng_double(struct rng *r);
/* A uniform integer in [0, n) without modulo bias; n must be > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* A uniform integer in [lo, hi]; lo <= hi. */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);
/* A standard normal deviate (Marsaglia's polar method). */
double rng_normal(struct rng *r);
/* Returns 1 with probability p (p <= 0 never, p >= 1 always). */
int rng_chance(struct rng *r, double p);
/*
 * An index in [0, n) picked with probability proportional to w[i] (w[i] >= 0,
 * at least one > 0).
 */
size_t rng_pick(struct rng *r, const int *w, size_t n);

#endif
