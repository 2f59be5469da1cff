#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "strbuf.h"

/* ---- the clean-up list ------------------------------------------- */

#define NSLOTS 16

/* Read by the signal handler: a slot is set only once its string is. */
static const char *volatile slots[NSLOTS];
static int installed;

void
outfile_remove_all(void)
{
	int i;

	for (i = 0; i < NSLOTS; i++)
		if (slots[i]) {
			unlink(slots[i]);
			slots[i] = NULL;
		}
}

static void
on_signal(int sig)
{
	int i, e = errno;

	/* Only async-signal-safe calls here: unlink, signal, raise. */
	for (i = 0; i < NSLOTS; i++)
		if (slots[i])
			unlink(slots[i]);
	errno = e;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	struct sigaction sa, old;
	size_t i;

	if (installed)
		return;
	installed = 1;
	atexit(outfile_remove_all);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* A signal ignored by whoever started us stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int
outfile_track(const char *path)
{
	int i;

	install();
	for (i = 0; i < NSLOTS; i++)
		if (slots[i] == NULL) {
			slots[i] = path;
			return 0;
		}
	return -1;
}

void
outfile_untrack(const char *path)
{
	int i;

	for (i = 0; i < NSLOTS; i++)
		if (slots[i] == path)
			slots[i] = NULL;
}

/* ---- opening ------------------------------------------------------- */

static int
cannot(struct ae_error *err, int code, const char *path, int e)
{
	if (path == NULL)
		return ae_error_set(err, code,
		    "cannot write to standard "
		    "output: %s",
		    strerror(e));
	return ae_error_set(err, code, "cannot %s '%s': %s",
	    code == AE_EIO ? "write" : "create", path ? path : "<stdout>",
	    strerror(e));
}

static mode_t
new_file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/* A temporary file named after PREFIX, on the clean-up list. */
static int
make_temp(struct outfile *o, const char *prefix, mode_t mode,
    struct ae_error *err)
{
	int fd, e;

	o->name = xmalloc(strlen(prefix) + 16);
	sprintf(o->name, "%s.tmpXXXXXX", prefix);
	if ((fd = mkstemp(o->name)) < 0) {
		e = errno;
		free(o->name);
		o->name = NULL;
		return cannot(err, AE_ECANTCREAT, o->path, e);
	}
	if (outfile_track(o->name) != 0) {
		unlink(o->name);
		close(fd);
		free(o->name);
		o->name = NULL;
		return cannot(err, AE_ECANTCREAT, o->path, EMFILE);
	}
	o->temp = 1;
	if (mode != 0)
		fchmod(fd, mode);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		outfile_abort(o);
		return cannot(err, AE_ECANTCREAT, o->path, e);
	}
	return 0;
}

static int
temp_in_tmpdir(struct outfile *o, struct ae_error *err)
{
	const char *dir = getenv("TMPDIR");
	char prefix[PATH_MAX];

	snprintf(prefix, sizeof(prefix), "%s/aekit",
	    dir && *dir ? dir : "/tmp");
	o->copy = 1;
	/* Private while it is written: mkstemp's 0600. */
	return make_temp(o, prefix, 0, err);
}

/* The file a rename must replace: PATH, or what its symlink names. */
static char *
rename_target(const char *path)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)) != NULL)
		return real;
	return xstrdup(path);
}

int
outfile_open(struct outfile *o, const char *path, unsigned flags,
    struct ae_error *err)
{
	struct stat st;
	int exists;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0)
		return temp_in_tmpdir(o, err);
	o->path = xstrdup(path);
	o->target = rename_target(path);
	exists = stat(o->target, &st) == 0;
	if (exists && S_ISDIR(st.st_mode)) {
		outfile_abort(o);
		return cannot(err, AE_ECANTCREAT, path, EISDIR);
	}
	if (exists && !S_ISREG(st.st_mode)) {
		if (flags & OUTFILE_NAMED)
			return temp_in_tmpdir(o, err);
		o->name = xstrdup(o->target);
		if ((o->fp = fopen(o->name, "w")) == NULL) {
			int e = errno;
			outfile_abort(o);
			return cannot(err, AE_ECANTCREAT, path, e);
		}
		return 0;
	}
	return make_temp(o, o->target,
	    exists ? (st.st_mode & 07777) : new_file_mode(), err);
}

/* ---- committing ---------------------------------------------------- */

static void
release(struct outfile *o)
{
	if (o->temp) {
		outfile_untrack(o->name);
		unlink(o->name);
	}
	free(o->path);
	free(o->target);
	free(o->name);
	memset(o, 0, sizeof(*o));
}

void
outfile_abort(struct outfile *o)
{
	if (o->fp)
		fclose(o->fp);
	o->fp = NULL;
	release(o);
}

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copies the finished temporary file to standard output or the target. */
static int
copy_out(struct outfile *o, struct ae_error *err)
{
	char buf[65536];
	ssize_t n;
	int in, out, e = 0;

	if ((in = open(o->name, O_RDONLY)) < 0)
		return cannot(err, AE_EIO, o->path, errno);
	out = o->path ? open(o->target, O_WRONLY | O_CREAT | O_TRUNC, 0666) :
			STDOUT_FILENO;
	if (out < 0) {
		e = errno;
		close(in);
		return cannot(err, AE_ECANTCREAT, o->path, e);
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write_all(out, buf, (size_t)n) != 0) {
			e = errno;
			break;
		}
	if (n < 0)
		e = errno;
	close(in);
	if (out != STDOUT_FILENO && close(out) != 0 && e == 0)
		e = errno;
	return e ? cannot(err, AE_EIO, o->path, e) : 0;
}

int
outfile_commit(struct outfile *o, struct ae_error *err)
{
	int rc = 0, e;

	if (o->fp &&
	    (fflush(o->fp) != 0 || ferror(o->fp) ||
		(o->temp && !o->copy && fsync(fileno(o->fp)) != 0))) {
		e = errno ? errno : EIO;
		outfile_abort(o);
		return cannot(err, AE_EIO, o->path, e);
	}
	if (o->fp && fclose(o->fp) != 0) {
		e = errno;
		o->fp = NULL;
		outfile_abort(o);
		return cannot(err, AE_EIO, o->path, e);
	}
	o->fp = NULL;
	if (o->copy) {
		rc = copy_out(o, err);
	} else if (o->temp) {
		if (rename(o->name, o->target) != 0)
			rc = cannot(err, AE_ECANTCREAT, o->path, errno);
		else
			o->temp = 0;
		if (rc == 0)
			outfile_untrack(o->name);
	}
	release(o);
	return rc;
}

/* ---- locks --------------------------------------------------------- */

int
file_lock(struct file_lock *l, const char *path, struct ae_error *err)
{
	struct stat held, now;
	int fd;

	l->fd = -1;
	if (strcmp(path, "-") == 0)
		return 0;
	for (;;) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
			if (errno == ENOENT)
				return 0;
			return ae_error_set(err, AE_ENOINPUT,
			    "cannot open '%s': %s", path, strerror(errno));
		}
		while (flock(fd, LOCK_EX) != 0)
			if (errno != EINTR) {
				int e = errno;
				close(fd);
				return ae_error_set(err, AE_EIO,
				    "cannot lock '%s': %s", path, strerror(e));
			}
		if (fstat(fd, &held) == 0 && stat(path, &now) == 0 &&
		    held.st_dev == now.st_dev && held.st_ino == now.st_ino) {
			l->fd = fd;
			return 0;
		}
		/* Replaced while we waited: lock the new file. */
		close(fd);
	}
}

void
file_unlock(struct file_lock *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
}

int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (a == NULL || b == NULL || strcmp(a, "-") == 0 ||
	    strcmp(b, "-") == 0)
		return 0;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
