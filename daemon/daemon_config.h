/* daemon_config.h: the daemon's configuration: server limits plus the engine config.
 * Ownership: a struct config owns every string it holds (config_fini frees
 * them); cfg->engine's string fields point into those owned copies.
 *
 * The file format is deliberately small: one `key = value` per line, `#`
 * starts a comment (at line start or after whitespace), blank lines are
 * ignored, values are taken verbatim after trimming.  Unknown keys and bad
 * values are errors that name the file and line, so a typo never silently
 * falls back to a default.  Byte sizes accept a k/M/G suffix (powers of 1024).
 * Every key is documented in docs/API.md ("Configuration").
 * (Named daemon_config.h, not config.h: that name is meson's generated header
 * with EXTRACTD_VERSION, which every file includes first.) */
#ifndef EXTRACTD_CONFIG_H
#define EXTRACTD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"

struct config {
	char *bind;                      /* listen address, IPv4 or IPv6 literal */
	uint16_t port;                   /* 0 = ephemeral (tests) */
	unsigned threads;                /* MHD thread pool size; 0 = online cores */
	size_t max_body_bytes;           /* POST /v1/extract body cap */
	size_t max_batch_bytes;          /* POST /v1/extract/batch body cap */
	size_t max_batch_lines;          /* lines per batch body */
	size_t max_output_bytes;         /* serialized result per document */
	unsigned max_inflight;           /* extract requests in progress before 503 */
	unsigned retry_after;            /* seconds, sent with 503 */
	unsigned connection_timeout;     /* seconds of inactivity before MHD closes */
	unsigned connection_limit;       /* MHD_OPTION_CONNECTION_LIMIT */
	unsigned per_ip_connection_limit;/* MHD_OPTION_PER_IP_CONNECTION_LIMIT; 0 = none */
	size_t connection_memory_limit;  /* MHD_OPTION_CONNECTION_MEMORY_LIMIT */
	unsigned shutdown_timeout_ms;    /* drain time on SIGTERM before closing */
	struct engine_config engine;     /* string fields point at the owned copies below */

	char *data_dir_;                 /* owned copies of engine.data_dir, */
	char *gazetteer_dirs_;           /* engine.gazetteer_dirs and */
	char *dollar_currency_;          /* engine.dollar_currency */
};

/* Fill every field with its default (engine defaults from
 * engine_config_defaults).  Returns 0 or -EXT_E_NOMEM. */
int config_init(struct config *cfg);
/* Free owned strings; the struct may be re-initialised afterwards. */
void config_fini(struct config *cfg);

/* Set one key from its textual value.  Returns 0, or -EXT_E_BAD_PARAMETER with
 * a message in err ("unknown key", "not a number", ...). */
int config_set(struct config *cfg, const char *key, const char *value, char *err,
               size_t errlen);

/* Read a config file and apply every line with config_set.  Returns 0, or a
 * negative code with "FILE:LINE: message" in err (or "FILE: strerror" when it
 * cannot be read).  Lines are capped at 4 KiB. */
int config_load(struct config *cfg, const char *path, char *err, size_t errlen);

/* Deep copy (for the server, which keeps its own).  0 or -EXT_E_NOMEM. */
int config_copy(struct config *dst, const struct config *src);

/* The thread count to use: cfg->threads, or the number of online CPUs. */
unsigned config_threads(const struct config *cfg);

#endif
