/* http.h: the HTTP front (libmicrohttpd) around one reloadable engine.
 * Ownership: the server owns a copy of the config it was started with and the
 * current engine; each request holds its own engine reference from its first
 * callback to MHD's completion callback, so a reload never frees an engine a
 * request still uses.
 *
 * Endpoints: POST /v1/extract, POST /v1/extract/batch (NDJSON, streamed),
 * GET /healthz, GET /v1/version, POST /v1/admin/reload (loopback only).
 * See docs/API.md for the wire format. */
#ifndef EXTRACTD_HTTP_H
#define EXTRACTD_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "daemon_config.h"

struct http_server;
struct MHD_Daemon;

/* Load the engine from cfg->engine and start listening on cfg->bind:cfg->port
 * (port 0 = ephemeral) with cfg's thread pool and limits.  Seeds jansson's
 * hash before any thread starts.  Returns NULL with a message in err when the
 * engine fails to load, the address is bad or the socket cannot be bound.
 * cfg is copied. */
struct http_server *http_server_start(const struct config *cfg, char *err, size_t errlen);

/* The port actually bound (read back from MHD). */
uint16_t http_server_port(const struct http_server *s);

/* The libmicrohttpd daemon, for tests (MHD_get_daemon_info). */
struct MHD_Daemon *http_server_daemon(struct http_server *s);

/* Build a new engine with the same config and swap it in; requests in flight
 * finish on the old one, which is freed when its last reference goes.  On
 * failure the old engine stays, the error is logged to stderr and written to
 * err, and -EXT_E_BAD_DATA is returned.  Concurrent reloads are serialized.
 * Safe to call from any thread. */
int http_server_reload(struct http_server *s, char *err, size_t errlen);

/* Extract requests currently in progress (the number max_inflight limits). */
unsigned http_server_inflight(const struct http_server *s);

/* Graceful stop: stop accepting, wait up to cfg->shutdown_timeout_ms for
 * requests in progress to finish, close the rest, free everything.
 * NULL is a no-op. */
void http_server_stop(struct http_server *s);

#endif
