/* afile.h - output files written whole or not at all. Prefix: afile_.
 *
 * Writing a report or an export in place ("wb" on the target) left a
 * truncated CSV on a full disk and 0-byte PDFs after a failed run, and
 * overwrote existing files without a word. Instead: afile_open creates a
 * temporary file beside the target (same directory, so that the rename is
 * atomic), named ".NAME.tmp-XXXXXX"; the caller writes it through
 * afile_stream, or lets a library that opens files by name (cairo,
 * libxlsxwriter) write afile_path; afile_commit flushes, fsyncs and renames
 * it over the target, then fsyncs the directory; afile_abort removes it.
 * Until the commit the target is untouched: after a failure it is the old
 * file, or absent, never partial.
 *
 * Overwriting: without AFILE_REPLACE an existing target is refused
 * (LERR_CONFLICT) by afile_check and afile_open, and the commit links the
 * file in rather than renaming, so a target created meanwhile is not
 * clobbered either. The new file keeps the mode of the file it replaces,
 * else 0666 less the umask, as fopen would give it.
 *
 * Ownership: afile_open returns a handle that exactly one of afile_commit
 * and afile_abort frees (afile_commit also on failure, after removing the
 * temporary file). Not for concurrent use of one handle.
 */
#ifndef LADDER_AFILE_H
#define LADDER_AFILE_H

#include "base.h"

#include <stdio.h>

typedef struct afile afile;

enum { AFILE_REPLACE = 1 }; /* flags: an existing target may be replaced */

/* 0 when path may be written with these flags (a check before long work;
 * afile_open checks again); LERR_CONFLICT "PATH exists" or LERR_IO. */
int afile_check(const char *path, int flags, lerr *err);
/* The temporary file for path, open for writing; NULL with err set. */
afile *afile_open(const char *path, int flags, lerr *err);
FILE *afile_stream(afile *f);
/* Writes n bytes to the stream, keeping the first error's errno for
 * afile_commit's message (stdio forgets it): 0 or LERR_IO. */
int afile_write(afile *f, const void *p, size_t n);
/* The temporary file's name, for libraries that open files by name: they
 * must have closed it before afile_commit. */
const char *afile_path(const afile *f);
/* The target's name, as given to afile_open. */
const char *afile_target(const afile *f);
/* Makes the temporary file the target: 0, or LERR_IO / LERR_CONFLICT with
 * err set and the temporary file removed ("out.csv: No space left on
 * device"). Frees f either way. */
int afile_commit(afile *f, lerr *err);
/* Removes the temporary file and frees f (NULL: nothing). */
void afile_abort(afile *f);

#endif
