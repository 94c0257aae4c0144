/* store_profile.c - source profiles in the store (schema v11): each import
 * of a profile whose text changed adds a version; show and export read the
 * latest or a given one. See store.h and docs/sources.md. */
#define _POSIX_C_SOURCE 200809L
#include "store_impl.h"
#include "../base/crypt.h"

#include <stdio.h>
#include <string.h>

/* The latest version of name and its text's hash (*version 0 when none). */
static int latest(store *s, const char *name, int *version, char sha[65], lerr *err)
{
	sqlite3_stmt *st;
	*version = 0;
	sha[0] = '\0';
	if (store_prepare(s, "SELECT version, sha256 FROM profile WHERE name = ? ORDER BY version DESC LIMIT 1", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		snprintf(sha, 65, "%s", store_col_text(st, 1));
	}
	return store_finish(s, st, rc, err, "read the profiles");
}

int store_profile_put(store *s, const store_profile_text *p, int *version, int *added, lerr *err)
{
	char sha[65], old[65];
	crypt_sha256_hex(p->text, p->len, sha);
	*added = 0;
	if (latest(s, p->name, version, old, err) < 0)
		return LERR_DB;
	if (*version && strcmp(old, sha) == 0)
		return 0;
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "INSERT INTO profile (name, version, supplier, text, sha256, file, imported_at)"
			  " VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, *version + 1);
	sqlite3_bind_text(st, 3, p->supplier ? p->supplier : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, p->text, (int)p->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, sha, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, p->file ? p->file : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (store_finish(s, st, rc, err, "store the profile") < 0)
		return LERR_DB;
	(*version)++;
	*added = 1;
	return 0;
}

int store_profile_get(store *s, const char *name, int version, buf *text, int *version_out, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  version ? "SELECT version, text FROM profile WHERE name = ?1 AND version = ?2"
				  : "SELECT version, text FROM profile WHERE name = ?1 ORDER BY version DESC LIMIT 1",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (version)
		sqlite3_bind_int(st, 2, version);
	int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
	if (found) {
		*version_out = sqlite3_column_int(st, 0);
		buf_reset(text);
		buf_add(text, sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1));
	}
	if (store_finish(s, st, rc, err, "read the profile") < 0)
		return LERR_DB;
	if (!found)
		return version ? lerr_set(err, LERR_NOTFOUND, V(s->en, store_no_profile_version), version, name)
			       : lerr_set(err, LERR_NOTFOUND, V(s->en, store_no_profile), name);
	return 0;
}

int store_profiles(store *s, store_profile_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT p.name, p.version, p.supplier, p.imported_at, p.file FROM profile p"
			  " WHERE p.version = (SELECT max(version) FROM profile q WHERE q.name = p.name) ORDER BY p.name",
			  &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_profile_row r = {store_col_text(st, 0), sqlite3_column_int(st, 1), store_col_text(st, 2),
				       store_col_text(st, 3), store_col_text(st, 4)};
		cb(ctx, &r);
	}
	return store_finish(s, st, rc, err, "read the profiles");
}
