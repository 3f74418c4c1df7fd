/* config.c: defaults, `key = value` parsing and the key table.
 *
 * One static table lists every key with its type, where it lives in struct
 * config and its allowed range; config_set is a lookup in that table, so adding
 * a key is one row (and one line in docs/API.md). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon_config.h"
#include "errors.h"

enum key_type {
	KT_STRING,   /* char * owned by the config */
	KT_UINT,     /* unsigned */
	KT_U16,      /* uint16_t */
	KT_U32,      /* uint32_t */
	KT_SIZE,     /* size_t, with optional k/M/G suffix */
	KT_CURRENCY, /* three upper-case ASCII letters */
};

struct key_def {
	const char *name;
	enum key_type type;
	size_t offset;
	uint64_t min, max;
};

#define CFG(f) offsetof(struct config, f)
#define ENG(f) (offsetof(struct config, engine) + offsetof(struct engine_config, f))

static const struct key_def key_table[] = {
	{ "bind",                    KT_STRING,   CFG(bind),                    0, 0 },
	{ "port",                    KT_U16,      CFG(port),                    0, 65535 },
	{ "threads",                 KT_UINT,     CFG(threads),                 0, 1024 },
	{ "max_body_bytes",          KT_SIZE,     CFG(max_body_bytes),          1, (uint64_t)1 << 32 },
	{ "max_batch_bytes",         KT_SIZE,     CFG(max_batch_bytes),         1, (uint64_t)1 << 34 },
	{ "max_batch_lines",         KT_SIZE,     CFG(max_batch_lines),         1, 10000000 },
	{ "max_output_bytes",        KT_SIZE,     CFG(max_output_bytes),        1024, (uint64_t)1 << 34 },
	{ "max_inflight",            KT_UINT,     CFG(max_inflight),            0, 1000000 },
	{ "retry_after",             KT_UINT,     CFG(retry_after),             0, 3600 },
	{ "connection_timeout",      KT_UINT,     CFG(connection_timeout),      1, 86400 },
	{ "connection_limit",        KT_UINT,     CFG(connection_limit),        1, 1000000 },
	{ "per_ip_connection_limit", KT_UINT,     CFG(per_ip_connection_limit), 0, 1000000 },
	{ "connection_memory_limit", KT_SIZE,     CFG(connection_memory_limit), 8192, (uint64_t)1 << 30 },
	{ "shutdown_timeout_ms",     KT_UINT,     CFG(shutdown_timeout_ms),     0, 3600000 },
	{ "data_dir",                KT_STRING,   CFG(data_dir_),               0, 0 },
	{ "gazetteer_dirs",          KT_STRING,   CFG(gazetteer_dirs_),         0, 0 },
	{ "dollar_currency",         KT_CURRENCY, CFG(dollar_currency_),        0, 0 },
	{ "max_text_bytes",          KT_SIZE,     ENG(max_text_bytes),          1, (uint64_t)1 << 32 },
	{ "max_tokens",              KT_SIZE,     ENG(max_tokens),              1, (uint64_t)1 << 32 },
	{ "max_mentions",            KT_SIZE,     ENG(max_mentions),            1, (uint64_t)1 << 32 },
	{ "arena_cap",               KT_SIZE,     ENG(arena_cap),               (uint64_t)1 << 16, (uint64_t)1 << 36 },
	{ "pcre_match_limit",        KT_U32,      ENG(pcre_match_limit),        1, UINT32_MAX },
	{ "pcre_heap_limit_kib",     KT_U32,      ENG(pcre_heap_limit_kib),     1, UINT32_MAX },
	{ "doc_budget_ms",           KT_U32,      ENG(doc_budget_ms),           0, UINT32_MAX },
};

/* Point the engine's string fields at our owned copies (after any change). */
static void sync_engine_strings(struct config *cfg)
{
	cfg->engine.data_dir = cfg->data_dir_;
	cfg->engine.gazetteer_dirs = cfg->gazetteer_dirs_;
	cfg->engine.dollar_currency = cfg->dollar_currency_;
}

int config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	engine_config_defaults(&cfg->engine);
	cfg->bind = strdup("127.0.0.1");
	if (cfg->engine.data_dir)
		cfg->data_dir_ = strdup(cfg->engine.data_dir);
	if (cfg->engine.gazetteer_dirs)
		cfg->gazetteer_dirs_ = strdup(cfg->engine.gazetteer_dirs);
	cfg->dollar_currency_ = strdup(cfg->engine.dollar_currency ? cfg->engine.dollar_currency
	                                                           : "USD");
	if (!cfg->bind || !cfg->dollar_currency_ || (cfg->engine.data_dir && !cfg->data_dir_) ||
	    (cfg->engine.gazetteer_dirs && !cfg->gazetteer_dirs_)) {
		config_fini(cfg);
		return -EXT_E_NOMEM;
	}
	cfg->port = 8080;
	cfg->threads = 0;
	cfg->max_body_bytes = 1 << 20;
	cfg->max_batch_bytes = 16 << 20;
	cfg->max_batch_lines = 10000;
	cfg->max_output_bytes = 64 << 20;
	cfg->max_inflight = 256;
	cfg->retry_after = 1;
	cfg->connection_timeout = 30;
	cfg->connection_limit = 1024;
	cfg->per_ip_connection_limit = 256;
	cfg->connection_memory_limit = 64 << 10;
	cfg->shutdown_timeout_ms = 10000;
	sync_engine_strings(cfg);
	return 0;
}

void config_fini(struct config *cfg)
{
	free(cfg->bind);
	free(cfg->data_dir_);
	free(cfg->gazetteer_dirs_);
	free(cfg->dollar_currency_);
	cfg->bind = cfg->data_dir_ = cfg->gazetteer_dirs_ = cfg->dollar_currency_ = NULL;
	sync_engine_strings(cfg);
}

int config_copy(struct config *dst, const struct config *src)
{
	*dst = *src;
	dst->bind = src->bind ? strdup(src->bind) : NULL;
	dst->data_dir_ = src->data_dir_ ? strdup(src->data_dir_) : NULL;
	dst->gazetteer_dirs_ = src->gazetteer_dirs_ ? strdup(src->gazetteer_dirs_) : NULL;
	dst->dollar_currency_ = src->dollar_currency_ ? strdup(src->dollar_currency_) : NULL;
	if ((src->bind && !dst->bind) || (src->data_dir_ && !dst->data_dir_) ||
	    (src->gazetteer_dirs_ && !dst->gazetteer_dirs_) ||
	    (src->dollar_currency_ && !dst->dollar_currency_)) {
		config_fini(dst);
		return -EXT_E_NOMEM;
	}
	sync_engine_strings(dst);
	return 0;
}

unsigned config_threads(const struct config *cfg)
{
	if (cfg->threads > 0)
		return cfg->threads;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/* Parse a decimal unsigned number, with a k/M/G suffix when sizes is true.
 * false on junk, overflow or a negative sign. */
static bool parse_u64(const char *s, bool sizes, uint64_t *out)
{
	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno)
		return false;
	uint64_t mul = 1;
	if (sizes && *end) {
		switch (*end) {
		case 'k': case 'K': mul = 1ull << 10; break;
		case 'm': case 'M': mul = 1ull << 20; break;
		case 'g': case 'G': mul = 1ull << 30; break;
		default: return false;
		}
		end++;
	}
	if (*end)
		return false;
	if (v > UINT64_MAX / mul)
		return false;
	*out = (uint64_t)v * mul;
	return true;
}

int config_set(struct config *cfg, const char *key, const char *value, char *err,
               size_t errlen)
{
	const struct key_def *k = NULL;
	for (size_t i = 0; i < sizeof(key_table) / sizeof(key_table[0]); i++) {
		if (strcmp(key_table[i].name, key) == 0) {
			k = &key_table[i];
			break;
		}
	}
	if (!k) {
		snprintf(err, errlen, "unknown key \"%s\"", key);
		return -EXT_E_BAD_PARAMETER;
	}
	char *field = (char *)cfg + k->offset;

	if (k->type == KT_STRING || k->type == KT_CURRENCY) {
		if (k->type == KT_CURRENCY) {
			if (strlen(value) != 3 || !isupper((unsigned char)value[0]) ||
			    !isupper((unsigned char)value[1]) || !isupper((unsigned char)value[2])) {
				snprintf(err, errlen, "%s must be an ISO 4217 code such as USD", key);
				return -EXT_E_BAD_PARAMETER;
			}
		} else if (!*value) {
			snprintf(err, errlen, "%s must not be empty", key);
			return -EXT_E_BAD_PARAMETER;
		}
		char *copy = strdup(value);
		if (!copy) {
			snprintf(err, errlen, "out of memory");
			return -EXT_E_NOMEM;
		}
		char **slot = (char **)(void *)field;
		free(*slot);
		*slot = copy;
		sync_engine_strings(cfg);
		return 0;
	}

	uint64_t v;
	if (!parse_u64(value, k->type == KT_SIZE, &v)) {
		snprintf(err, errlen, "%s: \"%s\" is not a%s number", key, value,
		         k->type == KT_SIZE ? " byte size (N, Nk, NM or NG)" : "n unsigned");
		return -EXT_E_BAD_PARAMETER;
	}
	if (v < k->min || v > k->max) {
		snprintf(err, errlen, "%s must be between %" PRIu64 " and %" PRIu64, key, k->min,
		         k->max);
		return -EXT_E_BAD_PARAMETER;
	}
	switch (k->type) {
	case KT_UINT: *(unsigned *)(void *)field = (unsigned)v; break;
	case KT_U16: *(uint16_t *)(void *)field = (uint16_t)v; break;
	case KT_U32: *(uint32_t *)(void *)field = (uint32_t)v; break;
	case KT_SIZE: *(size_t *)(void *)field = (size_t)v; break;
	default: break;
	}
	return 0;
}

/* Trim ASCII whitespace at both ends, in place; returns the new start. */
static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int config_load(struct config *cfg, const char *path, char *err, size_t errlen)
{
	int rc = 0;
	char line[4096];
	char msg[512];
	unsigned lineno = 0;
	FILE *f = fopen(path, "re");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -EXT_E_BAD_PARAMETER;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		size_t n = strlen(line);
		if (n == sizeof(line) - 1 && line[n - 1] != '\n' && !feof(f)) {
			snprintf(err, errlen, "%s:%u: line is longer than %zu bytes", path, lineno,
			         sizeof(line) - 2);
			rc = -EXT_E_BAD_PARAMETER;
			goto out;
		}
		/* '#' starts a comment at line start or after whitespace, so values
		 * such as paths may still contain '#'. */
		for (char *p = line; *p; p++) {
			if (*p == '#' && (p == line || isspace((unsigned char)p[-1]))) {
				*p = '\0';
				break;
			}
		}
		char *s = trim(line);
		if (!*s)
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			snprintf(err, errlen, "%s:%u: expected \"key = value\"", path, lineno);
			rc = -EXT_E_BAD_PARAMETER;
			goto out;
		}
		*eq = '\0';
		char *key = trim(s);
		char *value = trim(eq + 1);
		if (!*key) {
			snprintf(err, errlen, "%s:%u: missing key before '='", path, lineno);
			rc = -EXT_E_BAD_PARAMETER;
			goto out;
		}
		rc = config_set(cfg, key, value, msg, sizeof(msg));
		if (rc < 0) {
			snprintf(err, errlen, "%s:%u: %s", path, lineno, msg);
			goto out;
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		rc = -EXT_E_BAD_PARAMETER;
	}
out:
	fclose(f);
	return rc;
}
