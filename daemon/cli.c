/* cli.c: the command line.  `extractd COMMAND [OPTIONS]` looks COMMAND up in
 * cli_commands[] (the dispatch table below) and hands it argc/argv with the
 * command name as argv[0], so each command parses its own options with
 * getopt_long.  `serve` runs the HTTP server and turns signals into actions
 * on the main thread (sigwaitinfo on blocked signals: no work ever runs in a
 * signal handler); `extract` runs the same engine over files or stdin.
 *
 * Exit codes: 0 success, 1 runtime failure (cannot load, cannot bind, a
 * plain-text document failed), 2 usage error. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include <jansson.h>

#include "cli.h"
#include "errors.h"
#include "http.h"
#include "request.h"

struct cli_command {
	const char *name;
	const char *args;     /* usage line after the command name */
	const char *summary;  /* one line for `extractd help` */
	int (*run)(int argc, char **argv);
};

static int cmd_serve(int argc, char **argv);
static int cmd_extract(int argc, char **argv);
static int cmd_version(int argc, char **argv);
static int cmd_help(int argc, char **argv);
int cli_compile(int argc, char **argv);  /* daemon/compile.c */

/* ==== COMMAND DISPATCH TABLE ==============================================
 * One row per subcommand.  To add one (e.g. `extractd compile`): write
 * `static int cmd_compile(int argc, char **argv)` returning an exit code,
 * declare it above and add a row here; `help` lists it automatically. */
static const struct cli_command cli_commands[] = {
	{ "serve", "[--bind ADDR] [--port N] [--config FILE] [--threads N]",
	  "run the HTTP server (default 127.0.0.1:8080)", cmd_serve },
	{ "extract", "[--published YYYY-MM-DD] [--offsets utf8|codepoint|utf16] [--jsonl]\n"
	  "                  [--pretty] [--explain] [--config FILE] [FILE...]",
	  "extract from files or stdin; --jsonl: one JSON request per line", cmd_extract },
	{ "version", "[--config FILE]", "print the version, extractors and data version",
	  cmd_version },
	{ "compile", "[-o IMAGE] [-V VERSION] LIST.tsv|DIR... | --check IMAGE...",
	  "compile gazetteer lists into an image (or check images)", cli_compile },
	{ "help", "", "show this help", cmd_help },
};
/* ==== END OF COMMAND DISPATCH TABLE ======================================= */

#define NCOMMANDS (sizeof(cli_commands) / sizeof(cli_commands[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: extractd COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-8s  %s\n", cli_commands[i].name, cli_commands[i].summary);
	fprintf(f, "\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  extractd %s%s%s\n", cli_commands[i].name,
		        cli_commands[i].args[0] ? " " : "", cli_commands[i].args);
	fprintf(f, "\nSee docs/API.md for the HTTP API and the config file keys.\n");
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		fprintf(stderr, "extractd: ");
		vfprintf(stderr, fmt, ap);
		fprintf(stderr, "\n");
		va_end(ap);
	}
	usage(stderr);
	return 2;
}

int cli_main(int argc, char **argv)
{
	json_object_seed(0);  /* before any jansson object or thread exists */
	if (argc < 2)
		return usage_error(NULL);
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(name, "--version"))
		name = "version";
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (!strcmp(cli_commands[i].name, name)) {
			optind = 0;  /* glibc: full getopt re-initialisation */
			return cli_commands[i].run(argc - 1, argv + 1);
		}
	}
	return usage_error("unknown command \"%s\"", name);
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return 0;
}

/* Parse an unsigned decimal in [min, max]. */
static bool parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;
	if (!*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* --config FILE is applied before any other flag so that flags win. */
static int load_config_arg(struct config *cfg, int argc, char **argv)
{
	char err[512];
	for (int i = 1; i < argc; i++) {
		const char *path = NULL;
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			path = argv[i + 1];
		else if (!strncmp(argv[i], "--config=", 9))
			path = argv[i] + 9;
		else if (!strcmp(argv[i], "--"))
			break;
		if (path && config_load(cfg, path, err, sizeof(err)) < 0) {
			fprintf(stderr, "extractd: %s\n", err);
			return -1;
		}
	}
	return 0;
}

/* ---- serve ---------------------------------------------------------------- */

static void notify(const char *state)
{
#if HAVE_LIBSYSTEMD
	sd_notify(0, state);
#else
	(void)state;
#endif
}

static int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bind", required_argument, NULL, 'b' },
		{ "port", required_argument, NULL, 'p' },
		{ "config", required_argument, NULL, 'c' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	struct config cfg;
	char err[512];
	int rc = 1;
	struct http_server *srv = NULL;
	sigset_t sigs;

	if (config_init(&cfg) < 0) {
		fprintf(stderr, "extractd: out of memory\n");
		return 1;
	}
	if (load_config_arg(&cfg, argc, argv) < 0)
		goto out;
	for (;;) {
		int c = getopt_long(argc, argv, "", opts, NULL);
		if (c == -1)
			break;
		unsigned long v;
		switch (c) {
		case 'b':
			if (config_set(&cfg, "bind", optarg, err, sizeof(err)) < 0) {
				rc = usage_error("%s", err);
				goto out;
			}
			break;
		case 'p':
			if (!parse_uint(optarg, 0, 65535, &v)) {
				rc = usage_error("--port: \"%s\" is not a port number", optarg);
				goto out;
			}
			cfg.port = (uint16_t)v;
			break;
		case 't':
			if (!parse_uint(optarg, 1, 1024, &v)) {
				rc = usage_error("--threads: \"%s\" is not a number in 1..1024", optarg);
				goto out;
			}
			cfg.threads = (unsigned)v;
			break;
		case 'c':
			break;  /* applied by load_config_arg */
		case 'h':
			usage(stdout);
			rc = 0;
			goto out;
		default:
			rc = usage_error(NULL);
			goto out;
		}
	}
	if (optind < argc) {
		rc = usage_error("serve: unexpected argument \"%s\"", argv[optind]);
		goto out;
	}

	/* Block the signals before any thread exists: MHD's threads inherit the
	 * mask, so the signals stay pending for sigwaitinfo() below. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	srv = http_server_start(&cfg, err, sizeof(err));
	if (!srv) {
		fprintf(stderr, "extractd: %s\n", err);
		goto out;
	}
	if (strchr(cfg.bind, ':'))
		fprintf(stderr, "extractd: listening on http://[%s]:%u\n", cfg.bind,
		        http_server_port(srv));
	else
		fprintf(stderr, "extractd: listening on http://%s:%u\n", cfg.bind,
		        http_server_port(srv));
	notify("READY=1");

	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(&sigs, &si);
		if (sig < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "extractd: sigwaitinfo: %s\n", strerror(errno));
			break;
		}
		if (sig == SIGHUP) {
			notify("RELOADING=1");
			if (http_server_reload(srv, err, sizeof(err)) == 0)
				fprintf(stderr, "extractd: reloaded\n");
			notify("READY=1");
			continue;
		}
		fprintf(stderr, "extractd: %s received, shutting down\n",
		        sig == SIGTERM ? "SIGTERM" : "SIGINT");
		break;
	}
	notify("STOPPING=1");
	http_server_stop(srv);
	request_scratch_free();
	rc = 0;
out:
	config_fini(&cfg);
	return rc;
}

/* ---- extract -------------------------------------------------------------- */

struct extract_ctx {
	const struct engine *engine;
	struct arena *arena;
	struct request_opts opts;
	size_t max_line;       /* bytes per --jsonl line (max_body_bytes) */
	size_t max_output;
	int failures;          /* plain-text documents that produced an error */
};

/* Write one serialized result (taking s) and count failures.  Returns 0, or
 * -1 when s is NULL (out of memory) or stdout fails. */
static int emit(struct extract_ctx *x, char *s, size_t len, int err)
{
	if (!s)
		return -1;
	size_t w = fwrite(s, 1, len, stdout);
	free(s);
	if (err < 0)
		x->failures++;
	return w == len ? 0 : -1;
}

/* Process one stream of JSON lines.  Lines longer than max_line are answered
 * with a BODY_TOO_LARGE error object and skipped without being buffered. */
static int extract_jsonl(struct extract_ctx *x, FILE *in)
{
	size_t cap = 64 * 1024, len = 0, line_no = 0;
	char *buf = malloc(cap);
	bool overlong = false;
	int rc = 0;
	int c;

	if (!buf)
		return -1;
	for (;;) {
		c = getc_unlocked(in);
		if (c != EOF && c != '\n') {
			if (overlong)
				continue;
			if (len == x->max_line) {
				overlong = true;
				continue;
			}
			if (len == cap) {
				size_t ncap = cap * 2 > x->max_line ? x->max_line : cap * 2;
				char *nb = realloc(buf, ncap);
				if (!nb) {
					rc = -1;
					break;
				}
				buf = nb;
				cap = ncap;
			}
			buf[len++] = (char)c;
			continue;
		}
		if (c == EOF && len == 0 && !overlong)
			break;  /* no partial last line */
		line_no++;
		int err = 0;
		size_t olen = 0;
		char *out;
		if (overlong) {
			char msg[128];
			snprintf(msg, sizeof(msg), "line is over the limit of %zu bytes", x->max_line);
			err = -EXT_E_BODY_TOO_LARGE;
			out = request_error_text(err, msg, NULL, line_no, false, &olen);
		} else {
			out = request_run_line(x->engine, x->arena, buf, len, line_no, &x->opts,
			                       x->max_output, &olen, &err);
		}
		arena_reset(x->arena);
		if (emit(x, out, olen, err) < 0) {
			rc = -1;
			break;
		}
		len = 0;
		overlong = false;
		if (c == EOF)
			break;
	}
	if (ferror(in))
		rc = -1;
	free(buf);
	return rc;
}

/* Read all of f, up to max bytes.  Returns the buffer (malloc'd) or NULL;
 * *too_big is set when the input is longer than max. */
static char *read_all(FILE *f, size_t max, size_t *len, bool *too_big)
{
	size_t cap = 64 * 1024, n = 0;
	char *buf = malloc(cap);
	*too_big = false;
	if (!buf)
		return NULL;
	for (;;) {
		if (n == cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
		size_t want = cap - n;
		if (n + want > max + 1)
			want = max + 1 - n;
		size_t got = fread(buf + n, 1, want, f);
		n += got;
		if (n > max) {
			*too_big = true;
			free(buf);
			return NULL;
		}
		if (got < want)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int extract_text(struct extract_ctx *x, FILE *in, const char *id)
{
	size_t len = 0;
	bool too_big;
	size_t max = engine_config(x->engine)->max_text_bytes;
	struct request_opts o = x->opts;
	o.id = id;
	char *text = read_all(in, max ? max : SIZE_MAX - 1, &len, &too_big);
	if (!text && !too_big)
		return -1;
	char *out;
	size_t olen = 0;
	int err = 0;
	if (too_big) {
		char msg[128];
		snprintf(msg, sizeof(msg), "text is over max_text_bytes (%zu)", max);
		err = -EXT_E_TEXT_TOO_LARGE;
		out = request_error_text(err, msg, id, 0, x->opts.pretty, &olen);
	} else {
		out = request_run_text(x->engine, x->arena, text, len, &o, x->max_output, &olen,
		                       &err);
	}
	free(text);
	arena_reset(x->arena);
	return emit(x, out, olen, err);
}

static int cmd_extract(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "published", required_argument, NULL, 'P' },
		{ "offsets", required_argument, NULL, 'o' },
		{ "jsonl", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "explain", no_argument, NULL, 'e' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	struct config cfg;
	struct extract_ctx x = {0};
	struct engine *engine = NULL;
	bool jsonl = false;
	char err[512];
	int rc = 1;

	if (config_init(&cfg) < 0) {
		fprintf(stderr, "extractd: out of memory\n");
		return 1;
	}
	request_opts_init(&x.opts);
	if (load_config_arg(&cfg, argc, argv) < 0)
		goto out;
	for (;;) {
		int c = getopt_long(argc, argv, "", opts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'P':
		case 'o':
			if (request_opts_set(&x.opts, c == 'P' ? "published" : "offsets", optarg, err,
			                     sizeof(err)) < 0) {
				rc = usage_error("%s", err);
				goto out;
			}
			break;
		case 'j': jsonl = true; break;
		case 'p': x.opts.pretty = true; break;
		case 'e': x.opts.explain = true; break;
		case 'c': break;  /* applied by load_config_arg */
		case 'h':
			usage(stdout);
			rc = 0;
			goto out;
		default:
			rc = usage_error(NULL);
			goto out;
		}
	}

	engine = engine_new(&cfg.engine, err, sizeof(err));
	if (!engine) {
		fprintf(stderr, "extractd: %s\n", err);
		goto out;
	}
	x.engine = engine;
	x.max_line = cfg.max_body_bytes;
	x.max_output = cfg.max_output_bytes;
	x.arena = arena_new(cfg.engine.arena_cap);
	if (!x.arena) {
		fprintf(stderr, "extractd: out of memory\n");
		goto out;
	}

	rc = 0;
	int nfiles = argc - optind;
	for (int i = 0; i < (nfiles ? nfiles : 1) && rc == 0; i++) {
		const char *path = nfiles ? argv[optind + i] : "-";
		bool is_stdin = !strcmp(path, "-");
		FILE *in = is_stdin ? stdin : fopen(path, "rb");
		if (!in) {
			fprintf(stderr, "extractd: %s: %s\n", path, strerror(errno));
			rc = 1;
			break;
		}
		int r = jsonl ? extract_jsonl(&x, in) : extract_text(&x, in, is_stdin ? NULL : path);
		if (r < 0) {
			fprintf(stderr, "extractd: %s: %s\n", is_stdin ? "stdin" : path,
			        ferror(in) ? "read error" : "write error or out of memory");
			rc = 1;
		}
		if (!is_stdin)
			fclose(in);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "extractd: write error: %s\n", strerror(errno));
		rc = 1;
	}
	/* In --jsonl mode errors are data (one error line each); in plain mode a
	 * failed document fails the run. */
	if (rc == 0 && !jsonl && x.failures > 0)
		rc = 1;
out:
	arena_free(x.arena);
	engine_unref(engine);
	request_scratch_free();
	config_fini(&cfg);
	return rc;
}

/* ---- version -------------------------------------------------------------- */

static int cmd_version(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ 0, 0, 0, 0 },
	};
	struct config cfg;
	char err[512];
	int rc = 1;
	struct engine *e = NULL;

	if (config_init(&cfg) < 0)
		return 1;
	if (load_config_arg(&cfg, argc, argv) < 0)
		goto out;
	for (;;) {
		int c = getopt_long(argc, argv, "", opts, NULL);
		if (c == -1)
			break;
		if (c != 'c') {
			rc = usage_error(NULL);
			goto out;
		}
	}
	if (optind < argc) {
		rc = usage_error("version: unexpected argument \"%s\"", argv[optind]);
		goto out;
	}
	e = engine_new(&cfg.engine, err, sizeof(err));
	if (!e) {
		fprintf(stderr, "extractd: %s\n", err);
		goto out;
	}
	printf("extractd %s\n", EXTRACTD_VERSION);
	printf("data %s\n", engine_data_version(e));
	for (size_t i = 0; i < engine_extractor_count(e); i++)
		printf("extractor %s %s\n", engine_extractor_name(e, i),
		       engine_extractor_version(e, i));
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	engine_unref(e);
	config_fini(&cfg);
	return rc;
}
