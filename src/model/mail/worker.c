/*
 * The background sender's thread (worker.h).
 */
#include "model/mail/worker.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model/mail/mail.h"
#include "model/mail/notice.h"
#include "model/mail/outbox.h"
#include "model/store.h"
#include "util/alloc.h"
#include "util/log.h"

struct mail_worker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop; /* under lock */
	struct db *db;
};

static void *
mail_worker_run(void *arg)
{
	struct mail_worker *w = arg;
	int64_t next_remind = 0;
	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		pthread_mutex_unlock(&w->lock);
		int64_t now = (int64_t)time(NULL);
		if (now >= next_remind) {
			int queued = 0;
			if (mail_remind(w->db, now, 0, &queued) != ST_OK)
				log_err("mail: the reminder tick failed");
			else if (queued > 0)
				log_info("mail: %d reminders queued", queued);
			next_remind = now + MAIL_REMIND_EVERY;
		}
		struct mail_run run = {0};
		if (mail_conf()->smtp_url[0] != '\0' &&
		    mail_deliver_due(w->db, mail_conf(), now, MAIL_BATCH, &run) < 0)
			log_err("mail: reading the outbox failed");
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += MAIL_POLL;
		pthread_mutex_lock(&w->lock);
		while (!w->stop && pthread_cond_timedwait(&w->wake, &w->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct mail_worker *
mail_worker_start(const char *db_url, char *err, size_t errsz)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	struct db *db = store_open_existing(db_url, err, errsz);
	if (db == NULL)
		return NULL;
	struct mail_worker *w = xcalloc(1, sizeof(*w));
	w->db = db;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->thread, NULL, mail_worker_run, w) != 0) {
		snprintf(err, errsz, "cannot start the mail thread");
		store_close(db);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->wake);
		free(w);
		return NULL;
	}
	return w;
}

void
mail_worker_stop(struct mail_worker *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	store_close(w->db);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	free(w);
}
