/* errors.c: lookups into the EXT_ERRORS table. */
#include "errors.h"

static int norm(int code)
{
	if (code < 0)
		code = -code;
	if (code >= EXT_E__COUNT)
		code = EXT_E_INTERNAL;
	return code;
}

const char *ext_error_id(int code)
{
	static const char *const ids[] = {
#define X(name, status, id, msg) [EXT_E_##name] = id,
		EXT_ERRORS(X)
#undef X
	};
	return ids[norm(code)];
}

int ext_error_status(int code)
{
	static const int st[] = {
#define X(name, status, id, msg) [EXT_E_##name] = status,
		EXT_ERRORS(X)
#undef X
	};
	return st[norm(code)];
}

const char *ext_error_message(int code)
{
	static const char *const m[] = {
#define X(name, status, id, msg) [EXT_E_##name] = msg,
		EXT_ERRORS(X)
#undef X
	};
	return m[norm(code)];
}
