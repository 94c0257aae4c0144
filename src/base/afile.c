/* afile.c - output files written whole or not at all (see afile.h). */
#include "afile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct afile {
	char *target, *tmp, *dir;
	FILE *fp;
	int flags;
	int error; /* errno of the first failed afile_write */
};

int afile_check(const char *path, int flags, lerr *err)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : lerr_io(err, errno, path);
	if (S_ISDIR(st.st_mode))
		return lerr_io(err, EISDIR, path);
	if (!(flags & AFILE_REPLACE))
		return lerr_set(err, LERR_CONFLICT, "%s exists", path);
	return 0;
}

/* The mode the new file gets: the replaced file's, else what fopen gives. */
static mode_t new_mode(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

afile *afile_open(const char *path, int flags, lerr *err)
{
	if (!path || !*path) {
		lerr_set(err, LERR_IO, "no file name");
		return NULL;
	}
	if (afile_check(path, flags, err) < 0)
		return NULL;
	const char *slash = strrchr(path, '/');
	afile *f = xcalloc(1, sizeof *f);
	f->flags = flags;
	f->target = xstrdup(path);
	f->dir = slash ? xstrndup(path, (size_t)(slash - path) + 1) : xstrdup(".");
	f->tmp = xasprintf("%s.%s.tmp-XXXXXX", slash ? f->dir : "", slash ? slash + 1 : path);
	mode_t mode = new_mode(path);
	int fd = mkstemp(f->tmp);
	if (fd < 0) {
		lerr_io(err, errno, path); /* the directory refuses a new file */
		free(f->tmp);
		f->tmp = NULL;
		afile_abort(f);
		return NULL;
	}
	if (fchmod(fd, mode) < 0 || !(f->fp = fdopen(fd, "wb"))) {
		lerr_io(err, errno, f->tmp);
		if (!f->fp)
			close(fd);
		afile_abort(f);
		return NULL;
	}
	return f;
}

FILE *afile_stream(afile *f)
{
	return f->fp;
}

int afile_write(afile *f, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, f->fp) != n) {
		if (!f->error)
			f->error = errno ? errno : EIO;
		return LERR_IO;
	}
	return 0;
}

const char *afile_path(const afile *f)
{
	return f->tmp;
}

const char *afile_target(const afile *f)
{
	return f->target;
}

static void afile_free(afile *f)
{
	free(f->target);
	free(f->tmp);
	free(f->dir);
	free(f);
}

void afile_abort(afile *f)
{
	if (!f)
		return;
	if (f->fp)
		fclose(f->fp);
	if (f->tmp)
		unlink(f->tmp);
	afile_free(f);
}

/* Puts the complete temporary file in place of the target. */
static int put_in_place(afile *f, lerr *err)
{
	if (f->flags & AFILE_REPLACE) {
		if (rename(f->tmp, f->target) < 0)
			return lerr_io(err, errno, f->target);
		return 0;
	}
	/* link fails on an existing target where rename would replace it */
	if (link(f->tmp, f->target) == 0) {
		unlink(f->tmp);
		return 0;
	}
	if (errno == EEXIST)
		return lerr_set(err, LERR_CONFLICT, "%s exists", f->target);
	/* a file system without hard links: checked, then renamed */
	if (afile_check(f->target, f->flags, err) < 0)
		return err->code;
	if (rename(f->tmp, f->target) < 0)
		return lerr_io(err, errno, f->target);
	return 0;
}

int afile_commit(afile *f, lerr *err)
{
	FILE *fp = f->fp;
	f->fp = NULL;
	int rc = 0;
	errno = 0;
	/* a full disk shows at the latest here (stdio buffers), or at fsync */
	if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) < 0)
		rc = lerr_io(err, f->error ? f->error : errno ? errno : EIO, f->target);
	if (fclose(fp) != 0 && rc == 0)
		rc = lerr_io(err, errno, f->target);
	if (rc == 0)
		rc = put_in_place(f, err);
	if (rc < 0) {
		unlink(f->tmp);
		afile_free(f);
		return rc;
	}
	/* the rename itself survives a crash once the directory is on disk;
	 * some file systems cannot fsync a directory: the file is complete
	 * either way */
	int dfd = open(f->dir, O_RDONLY);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	afile_free(f);
	return 0;
}
