/* out.c - the command line's output files: written whole or not at all
 * (afile.h), an existing one replaced only with --force, every refusal in
 * the user's language. Apart from the publishing commands so that the lean
 * binary's commands (persons) use it without the renderers. */
#include "cli.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <string.h>

/* afile words its failures in English with the path first ("x exists",
 * "x: No space left on device"); the user reads them in their language. */
static int out_error(int en, const char *path, const lerr *e)
{
	if (e->code == LERR_CONFLICT)
		return cli_error(V(en, out_exists), path);
	if (e->sys_errno)
		return cli_error(V(en, out_not_written), path, lerr_reason(e->sys_errno, en));
	size_t n = strlen(path);
	const char *why = !strncmp(e->msg, path, n) && !strncmp(e->msg + n, ": ", 2) ? e->msg + n + 2 : e->msg;
	return cli_error(V(en, out_not_written), path, why);
}

int cli_check_out(int en, const char *path, int force)
{
	lerr e;
	return afile_check(path, force ? AFILE_REPLACE : 0, &e) < 0 ? out_error(en, path, &e) : 0;
}

afile *cli_out_open(int en, const char *path, int force)
{
	lerr e;
	afile *f = afile_open(path, force ? AFILE_REPLACE : 0, &e);
	if (!f)
		out_error(en, path, &e);
	return f;
}

int cli_out_commit(int en, afile *f)
{
	lerr e;
	char target[4096];
	snprintf(target, sizeof target, "%s", afile_target(f));
	return afile_commit(f, &e) < 0 ? out_error(en, target, &e) : 0;
}

int cli_out_fail(int en, afile *f, const char *target, const lerr *e)
{
	/* the library named the temporary file: name the target instead */
	const char *msg = e->msg, *tmp = afile_path(f);
	size_t n = strlen(tmp);
	if (e->sys_errno)
		msg = lerr_reason(e->sys_errno, en);
	else if (!strncmp(msg, tmp, n) && !strncmp(msg + n, ": ", 2))
		msg += n + 2;
	int rc = cli_error(V(en, out_not_written), target, msg);
	afile_abort(f);
	return rc;
}

int cli_write_file(int en, const char *path, const buf *b, int force)
{
	afile *f = cli_out_open(en, path, force);
	if (!f)
		return CLI_FAILURE;
	(void)afile_write(f, b->ptr, b->len); /* an error shows at the commit */
	return cli_out_commit(en, f);
}
