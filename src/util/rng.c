/*
 * xoshiro256** seeded by splitmix64 (see rng.h).  Constants are those of the
 * published algorithms (https://prng.di.unimi.it/).
 */
#include "util/rng.h"

#include <math.h>

uint64_t
rng_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	/* Mix the stream number through its own splitmix64 step first, so that
	 * nearby (seed, stream) pairs do not start from nearby states. */
	uint64_t t = stream;
	uint64_t x = seed ^ rng_splitmix64(&t);
	for (int i = 0; i < 4; i++)
		r->s[i] = rng_splitmix64(&x);
	/* An all-zero state would repeat zero forever; splitmix64 cannot give
	 * four zero outputs in a row, but keep the guarantee explicit. */
	if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
		r->s[0] = 1;
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
rng_double(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t
rng_below(struct rng *r, uint64_t n)
{
	/* Reject the top partial block of 2^64 so every residue is equally likely. */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t v;
	do
		v = rng_next(r);
	while (v >= limit);
	return v % n;
}

int64_t
rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo) + 1);
}

double
rng_normal(struct rng *r)
{
	double u, v, s;
	do {
		u = 2.0 * rng_double(r) - 1.0;
		v = 2.0 * rng_double(r) - 1.0;
		s = u * u + v * v;
	} while (s >= 1.0 || s == 0.0);
	/* The second deviate of the pair is dropped: keeping no hidden state
	 * makes every draw depend only on the generator's visible state. */
	return u * sqrt(-2.0 * log(s) / s);
}

int
rng_chance(struct rng *r, double p)
{
	return rng_double(r) < p;
}

size_t
rng_pick(struct rng *r, const int *w, size_t n)
{
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += (uint64_t)w[i];
	uint64_t x = rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < (uint64_t)w[i])
			return i;
		x -= (uint64_t)w[i];
	}
	return n - 1;
}
