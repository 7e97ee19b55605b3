/*
 * The offload pool (see http_int.h): a few threads and a bounded FIFO of
 * jobs under one mutex.  The threads run at a lower priority (nice) than
 * libmicrohttpd's workers, so a burst of password hashes slows sign-ins
 * down before it slows pages down.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "http/http_int.h"
#include "util/alloc.h"
#include "util/log.h"

struct offload_job {
	http_offload_fn fn;
	void *arg;
};

struct http_offload {
	pthread_mutex_t lock;
	pthread_cond_t work;
	pthread_t *threads;
	unsigned nthreads;
	int nice;
	int stopping;
	struct offload_job *queue; /* ring of queue_max */
	unsigned queue_max, head, len;
};

static void *
offload_main(void *arg)
{
	struct http_offload *o = arg;
	/* The nice value is a per-thread attribute on Linux (setpriority(2)). */
	if (o->nice != 0 && setpriority(PRIO_PROCESS, (id_t)gettid(), o->nice) < 0)
		log_warn("http: cannot lower the priority of a hashing thread (errno %d)", errno);
	pthread_mutex_lock(&o->lock);
	for (;;) {
		while (o->len == 0 && !o->stopping)
			pthread_cond_wait(&o->work, &o->lock);
		if (o->len == 0)
			break; /* stopping, and every queued job has run */
		struct offload_job job = o->queue[o->head];
		o->head = (o->head + 1) % o->queue_max;
		o->len--;
		pthread_mutex_unlock(&o->lock);
		job.fn(job.arg);
		pthread_mutex_lock(&o->lock);
	}
	pthread_mutex_unlock(&o->lock);
	return NULL;
}

struct http_offload *
http_offload_new(unsigned threads, unsigned queue_max, int nice)
{
	struct http_offload *o = xcalloc(1, sizeof(*o));
	pthread_mutex_init(&o->lock, NULL);
	pthread_cond_init(&o->work, NULL);
	o->nice = nice;
	o->queue_max = queue_max > 0 ? queue_max : 1;
	o->queue = xcalloc(o->queue_max, sizeof(*o->queue));
	o->threads = xcalloc(threads, sizeof(*o->threads));
	for (; o->nthreads < threads; o->nthreads++) {
		if (pthread_create(&o->threads[o->nthreads], NULL, offload_main, o) != 0) {
			log_err("http: cannot start a hashing thread");
			http_offload_stop(o);
			http_offload_free(o);
			return NULL;
		}
	}
	return o;
}

int
http_offload_submit(struct http_offload *o, http_offload_fn fn, void *arg)
{
	pthread_mutex_lock(&o->lock);
	if (o->stopping || o->len == o->queue_max) {
		pthread_mutex_unlock(&o->lock);
		return -1;
	}
	o->queue[(o->head + o->len) % o->queue_max] = (struct offload_job){fn, arg};
	o->len++;
	pthread_cond_signal(&o->work);
	pthread_mutex_unlock(&o->lock);
	return 0;
}

void
http_offload_stop(struct http_offload *o)
{
	if (o == NULL)
		return;
	pthread_mutex_lock(&o->lock);
	int joined = o->stopping;
	o->stopping = 1;
	pthread_cond_broadcast(&o->work);
	pthread_mutex_unlock(&o->lock);
	if (joined)
		return;
	for (unsigned i = 0; i < o->nthreads; i++)
		pthread_join(o->threads[i], NULL);
}

void
http_offload_free(struct http_offload *o)
{
	if (o == NULL)
		return;
	http_offload_stop(o);
	pthread_cond_destroy(&o->work);
	pthread_mutex_destroy(&o->lock);
	free(o->queue);
	free(o->threads);
	free(o);
}
