/* errors.h: the one table of engine and API error codes.
 * Each row: enum suffix, HTTP status, stable upper-case id, default message.
 * Only the HTTP layer maps these to responses; the engine returns -code. */
#ifndef EXTRACTD_ERRORS_H
#define EXTRACTD_ERRORS_H

#define EXT_ERRORS(X)                                                               \
	X(OK,               200, "OK",                     "ok")                         \
	X(NOMEM,            500, "OUT_OF_MEMORY",          "out of memory")              \
	X(INTERNAL,         500, "INTERNAL",               "internal error")             \
	X(INVALID_UTF8,     400, "INVALID_UTF8",           "text is not valid UTF-8")    \
	X(BAD_JSON,         400, "BAD_JSON",               "request body is not valid JSON") \
	X(MISSING_TEXT,     400, "MISSING_TEXT",           "request has no \"text\" string") \
	X(BAD_PARAMETER,    400, "BAD_PARAMETER",          "bad parameter")              \
	X(NOT_FOUND,        404, "NOT_FOUND",              "no such resource")           \
	X(METHOD_NOT_ALLOWED, 405, "METHOD_NOT_ALLOWED",   "method not allowed")         \
	X(BODY_TOO_LARGE,   413, "BODY_TOO_LARGE",         "request body is over the configured limit") \
	X(TEXT_TOO_LARGE,   413, "TEXT_TOO_LARGE",         "text is over the configured limit") \
	X(UNSUPPORTED_MEDIA_TYPE, 415, "UNSUPPORTED_MEDIA_TYPE", "unsupported Content-Type") \
	X(TOO_COMPLEX,      422, "DOCUMENT_TOO_COMPLEX",   "document exceeds a processing limit") \
	X(OVERLOADED,       503, "OVERLOADED",             "server is overloaded, retry later") \
	X(BAD_DATA,         500, "BAD_DATA",               "data file is corrupt or mismatched")

enum ext_error {
#define X(name, status, id, msg) EXT_E_##name,
	EXT_ERRORS(X)
#undef X
	EXT_E__COUNT
};

/* Stable id ("BAD_JSON"), HTTP status and default message of an error code;
 * unknown codes map to INTERNAL.  Codes may be passed negated. */
const char *ext_error_id(int code);
int ext_error_status(int code);
const char *ext_error_message(int code);

#endif
