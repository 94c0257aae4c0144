/* sheet_scan.c - the rows of an .xlsx sheet read without expat.
 *
 * Expat spends most of a big sheet's time on its rows, which writers make
 * of a few elements (<row r=".."><c r=".." t=".." s=".."><v>..</v></c>
 * ..</row>, inline strings as <is><t>..</t></is>). The scanner reads such a
 * row itself and hands the same handlers (ws_start, ws_text, ws_end) the
 * events expat would, so both read a row alike by construction; what lies
 * between rows still goes to expat as it comes. Anything the scanner does
 * not vouch for - a comment, CDATA, a processing instruction, an entity
 * other than the five predefined ones, a character reference, a carriage
 * return, an attribute value expat would normalise, a name beyond ASCII,
 * bytes that are not valid UTF-8 or no XML character, a row longer than
 * SCAN_MAX_ROW - sends that row and all the rest of the part to expat, so
 * a file is accepted or refused exactly as expat alone would. A row starts
 * only inside the root element (expat refuses one outside it), and the
 * place of an XML error is found by a plain parse of the part
 * (sheet_xml_error_rescan). tests/fuzz/fuzz_xlsx.c reads every input both
 * ways and requires the same rows and the same error. */
#define _POSIX_C_SOURCE 200809L
#include "sheet_internal.h"

#include <stdlib.h>
#include <string.h>

/* Where the tag starting at p ends (after its '>'), quotes respected; NULL
 * when it does not end before end. */
const char *sheet_tag_end(const char *p, const char *end)
{
	char quote = 0;
	for (; p < end; p++) {
		if (quote)
			quote = *p == quote ? 0 : quote;
		else if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '>')
			return p + 1;
	}
	return NULL;
}

const char *sheet_find_bytes(const char *p, const char *end, const char *c, size_t k)
{
	while (end - p >= (long)k) {
		const char *q = memchr(p, c[0], (size_t)(end - p) - k + 1);
		if (!q)
			return NULL;
		if (memcmp(q, c, k) == 0)
			return q;
		p = q + 1;
	}
	return NULL;
}

#define SCAN_CHUNK (64 * 1024)
#define SCAN_MAX_ROW (4 << 20) /* bytes of one row held to scan it */
#define SCAN_MAX_DEPTH 16

enum { EV_START, EV_END, EV_TEXT };

typedef struct xev {
	int kind;
	size_t name;   /* EV_START, EV_END: offset in scratch */
	int att, n_att; /* EV_START: its attributes in x->atts (name, value pairs) */
	size_t text, len; /* EV_TEXT */
} xev;

static xev *ev_push(sheet_scan *x, int kind)
{
	if (x->n_ev == x->cap_ev) {
		x->cap_ev = x->cap_ev ? x->cap_ev * 2 : 256;
		x->ev = xrealloc(x->ev, sizeof *x->ev * (size_t)x->cap_ev);
	}
	xev *e = &x->ev[x->n_ev++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	return e;
}

static void att_push(sheet_scan *x, size_t off)
{
	if (x->n_atts == x->cap_atts) {
		x->cap_atts = x->cap_atts ? x->cap_atts * 2 : 256;
		x->atts = xrealloc(x->atts, sizeof *x->atts * (size_t)x->cap_atts);
	}
	x->atts[x->n_atts++] = off;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* An ASCII XML name (expat takes more; those go to expat). Returns its end,
 * NULL when none starts at p. */
static const char *scan_name(const char *p, const char *end)
{
	const char *q = p;
	for (; q < end; q++) {
		unsigned char c = (unsigned char)*q;
		int first = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
		if (!(first || (q > p && ((c >= '0' && c <= '9') || c == '.' || c == '-'))))
			break;
	}
	return q > p ? q : NULL;
}

/* Copies [p, end) as character data into scratch: the five predefined
 * entities decoded, everything else as it is. 0, or -1 for anything left
 * to expat (see above; stop: the byte that ends an attribute value). */
static int scan_chars(buf *o, const char *p, const char *end, int attr)
{
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c == '&') {
			static const char *const ent[] = {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"};
			static const char val[] = "<>&\"'";
			int k = 0;
			while (k < 5 && !(end - p >= (long)strlen(ent[k]) && memcmp(p, ent[k], strlen(ent[k])) == 0))
				k++;
			if (k == 5 || attr)
				return -1;
			buf_addc(o, val[k]);
			p += strlen(ent[k]);
			continue;
		}
		if (c < 0x20 ? c != '\n' && c != '\t' : c == '<')
			return -1;
		if (c == '\r' || (attr && (c == '\n' || c == '\t')))
			return -1; /* expat normalises these */
		if (c == ']' && end - p >= 3 && p[1] == ']' && p[2] == '>' && !attr)
			return -1; /* not allowed in character data */
		if (c < 0x80) {
			buf_addc(o, (char)c);
			p++;
			continue;
		}
		/* UTF-8: the shortest form of an XML character */
		int n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
		if (!n || end - p < n || (c >= 0xE0 && n == 3 && c > 0xEF))
			return -1;
		unsigned cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
		for (int i = 1; i < n; i++) {
			unsigned char d = (unsigned char)p[i];
			if ((d & 0xC0) != 0x80)
				return -1;
			cp = cp << 6 | (d & 0x3F);
		}
		if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return -1;
		buf_add(o, p, (size_t)n);
		p += n;
	}
	return 0;
}

static size_t scratch_add(sheet_scan *x, const char *p, size_t n)
{
	size_t off = x->scratch.len;
	buf_add(&x->scratch, p, n);
	buf_addc(&x->scratch, '\0');
	return off;
}

/* A start tag at p ('<' then a name): its event; *pe after it, *empty when
 * it closes itself. 0, or -1 when expat should read it. */
static int scan_start(sheet_scan *x, const char *p, const char *end, const char **pe, int *empty)
{
	const char *n = scan_name(p + 1, end);
	if (!n)
		return -1;
	xev *e = ev_push(x, EV_START);
	e->name = scratch_add(x, p + 1, (size_t)(n - p - 1));
	e->att = x->n_atts;
	p = n;
	for (;;) {
		const char *q = p;
		while (q < end && is_space(*q))
			q++;
		if (q < end && *q == '>') {
			*empty = 0, *pe = q + 1;
			break;
		}
		if (end - q >= 2 && q[0] == '/' && q[1] == '>') {
			*empty = 1, *pe = q + 2;
			break;
		}
		const char *an = q == p ? NULL : scan_name(q, end); /* an attribute follows a space */
		if (!an)
			return -1;
		const char *v = an;
		while (v < end && is_space(*v))
			v++;
		if (v == end || *v++ != '=')
			return -1;
		while (v < end && is_space(*v))
			v++;
		if (v == end || (*v != '"' && *v != '\''))
			return -1;
		const char *close = memchr(v + 1, *v, (size_t)(end - v - 1));
		if (!close)
			return -1;
		for (int i = e->att; i < x->n_atts; i += 2) /* a duplicate attribute */
			if (strlen(x->scratch.ptr + x->atts[i]) == (size_t)(an - q) &&
			    memcmp(x->scratch.ptr + x->atts[i], q, (size_t)(an - q)) == 0)
				return -1;
		if (e->n_att == 64)
			return -1; /* dispatch hands over at most 64 */
		att_push(x, scratch_add(x, q, (size_t)(an - q)));
		size_t off = x->scratch.len;
		if (scan_chars(&x->scratch, v + 1, close, 1) < 0)
			return -1;
		buf_addc(&x->scratch, '\0');
		att_push(x, off);
		e = &x->ev[x->n_ev - 1];
		e->n_att++;
		p = close + 1;
	}
	return 0;
}

/* The row in [p, end) (from "<row" to the '>' of its end tag) as events,
 * checked well-formed: 0, or -1 when expat should read it. */
static int scan_row(sheet_scan *x, const char *p, const char *end)
{
	x->n_ev = x->n_atts = 0;
	buf_reset(&x->scratch);
	size_t open[SCAN_MAX_DEPTH];
	int depth = 0;
	while (p < end) {
		if (depth == 0 && x->n_ev)
			return -1; /* something after the row's end */
		if (*p != '<') {
			const char *lt = memchr(p, '<', (size_t)(end - p));
			const char *te = lt ? lt : end;
			xev *e = ev_push(x, EV_TEXT);
			e->text = x->scratch.len;
			if (depth == 0 || scan_chars(&x->scratch, p, te, 0) < 0)
				return -1;
			e->len = x->scratch.len - e->text;
			buf_addc(&x->scratch, '\0');
			p = te;
			continue;
		}
		if (end - p < 2 || p[1] == '!' || p[1] == '?')
			return -1;
		if (p[1] == '/') {
			const char *n = scan_name(p + 2, end), *q = n;
			while (q && q < end && is_space(*q))
				q++;
			if (!n || q == end || *q != '>' || depth == 0)
				return -1;
			const char *top = x->scratch.ptr + open[depth - 1];
			if (strlen(top) != (size_t)(n - p - 2) || memcmp(top, p + 2, (size_t)(n - p - 2)) != 0)
				return -1;
			ev_push(x, EV_END)->name = open[--depth];
			p = q + 1;
			continue;
		}
		int empty;
		if (scan_start(x, p, end, &p, &empty) < 0)
			return -1;
		size_t name = x->ev[x->n_ev - 1].name;
		if (x->n_ev == 1 && strcmp(x->scratch.ptr + name, "row") != 0)
			return -1;
		if (empty)
			ev_push(x, EV_END)->name = name;
		else if (depth == SCAN_MAX_DEPTH)
			return -1;
		else
			open[depth++] = name;
	}
	return depth == 0 && x->n_ev ? 0 : -1;
}

/* Hands the row's events to the handlers, as expat would. */
static void dispatch(sheet_book *b, sheet_scan *x)
{
	const char *base = x->scratch.ptr;
	const char *atts[2 * 64 + 1];
	x->fast = 1;
	for (int i = 0; i < x->n_ev && !b->failed; i++) {
		const xev *e = &x->ev[i];
		if (e->kind == EV_TEXT) {
			if (e->len)
				x->text(b, base + e->text, (int)e->len);
		} else if (e->kind == EV_END) {
			x->end(b, base + e->name);
		} else {
			for (int k = 0; k < 2 * e->n_att; k++)
				atts[k] = base + x->atts[e->att + k];
			atts[2 * e->n_att] = NULL;
			x->start(b, base + e->name, atts);
		}
	}
	x->fast = 0;
}

/* Gives expat n bytes; 1 when a handler made a row ready (expat is
 * suspended), 0 to go on, <0 for an error. */
static int feed(sheet_book *b, sheet_scan *x, const char *p, size_t n, int final, lerr *err)
{
	enum XML_Status st = XML_Parse(b->xp, p, (int)n, final);
	if (st == XML_STATUS_ERROR)
		return x->skipped ? sheet_xml_error_rescan(b, err) : sheet_xml_error(b, err);
	b->xml_suspended = st == XML_STATUS_SUSPENDED;
	if (!b->xml_suspended && final)
		b->xml_done = 1;
	return b->row_ready;
}

/* Where the construct at p (a '<') ends, or NULL when it does not end
 * before end; *kind: 0 a tag, 1 anything else (comment, CDATA, PI). */
static const char *construct_end(const char *p, const char *end, int *kind)
{
	static const char *const open[] = {"<!--", "<![CDATA[", "<?"}, *const close[] = {"-->", "]]>", "?>"};
	for (int k = 0; k < 3; k++)
		if ((size_t)(end - p) >= strlen(open[k]) && memcmp(p, open[k], strlen(open[k])) == 0) {
			*kind = 1;
			const char *hit = sheet_find_bytes(p + strlen(open[k]), end, close[k], strlen(close[k]));
			return hit ? hit + strlen(close[k]) : NULL;
		}
	*kind = 0;
	return sheet_tag_end(p, end);
}

/* The end of the row starting at p: after the '>' of its first "</row"
 * (the scanner checks it is the row's own); NULL when not in [p, end). */
static const char *row_end(const char *p, const char *end)
{
	const char *e = sheet_tag_end(p, end);
	if (e && e[-2] == '/')
		return e;
	const char *c = e ? sheet_find_bytes(e, end, "</row", 5) : NULL;
	return c ? sheet_tag_end(c, end) : NULL;
}

/* Takes what it can of x->in: tags and text to expat, rows through the
 * scanner. 1 a row is ready, 0 more bytes are needed, <0 an error. */
static int split(sheet_book *b, sheet_scan *x, lerr *err)
{
	if (x->at == x->in.len)
		return 0; /* nothing (and perhaps no buffer yet) */
	const char *end = x->in.ptr + x->in.len;
	const char *p = x->in.ptr + x->at;
	int rc = 0;
	while (p < end && rc == 0) {
		const char *lt = x->plain ? end : memchr(p, '<', (size_t)(end - p));
		if (!lt || lt > p) { /* text, or everything in plain mode */
			const char *q = lt ? lt : end;
			x->at = (size_t)(q - x->in.ptr);
			rc = feed(b, x, p, (size_t)(q - p), 0, err);
			p = q;
			continue;
		}
		int kind = 0, is_row = x->depth > 0 && end - p >= 5 && memcmp(p, "<row", 4) == 0 && (is_space(p[4]) || p[4] == '>' || p[4] == '/');
		const char *e = is_row ? row_end(p, end) : construct_end(p, end, &kind);
		if (!e) {
			if ((size_t)(end - p) > SCAN_MAX_ROW || x->eof)
				x->plain = 1; /* expat reads it as it comes, or says what is wrong */
			else
				break; /* more bytes */
			continue;
		}
		if (is_row && scan_row(x, p, e) == 0) {
			x->skipped = 1;
			x->at = (size_t)(e - x->in.ptr);
			p = e;
			b->row_ready = 0;
			dispatch(b, x);
			rc = b->failed ? (*err = b->err, LERR_PARSE) : b->row_ready;
			continue;
		}
		if (is_row || (p[1] == '!' && !kind)) { /* a row it does not vouch for; a DOCTYPE */
			x->plain = 1;
			continue;
		}
		if (!kind && p[1] != '/' && e[-2] != '/')
			x->depth++;
		else if (!kind && p[1] == '/')
			x->depth--;
		x->at = (size_t)(e - x->in.ptr);
		rc = feed(b, x, p, (size_t)(e - p), 0, err);
		p = e;
	}
	if (rc == 0)
		x->at = (size_t)(p - x->in.ptr);
	return rc;
}

int sheet_scan_next(sheet_book *b, sheet_scan *x, lerr *err)
{
	b->row_ready = 0;
	for (;;) {
		int rc;
		if (b->xml_suspended) { /* expat made the last row: it goes on where it stopped */
			enum XML_Status st = XML_ResumeParser(b->xp);
			if (st == XML_STATUS_ERROR)
				return x->skipped ? sheet_xml_error_rescan(b, err) : sheet_xml_error(b, err);
			b->xml_suspended = st == XML_STATUS_SUSPENDED;
			if (!b->xml_suspended && x->eof && x->at == x->in.len)
				b->xml_done = 1;
			if (b->row_ready)
				return 1;
			continue;
		}
		if (b->xml_done)
			return 0;
		if ((rc = split(b, x, err)) != 0)
			return rc;
		if (x->eof) { /* all was given: expat says whether the part ended well */
			if ((rc = feed(b, x, x->at < x->in.len ? x->in.ptr + x->at : "", x->in.len - x->at, 1, err)) != 0)
				return rc;
			x->at = x->in.len;
			continue;
		}
		/* keep what is not taken, then read on */
		if (x->at < x->in.len)
			memmove(x->in.ptr, x->in.ptr + x->at, x->in.len - x->at);
		x->in.len -= x->at;
		x->at = 0;
		buf_grow(&x->in, SCAN_CHUNK + 1);
		long n = sheet_stream_read(b, x->in.ptr + x->in.len, SCAN_CHUNK, err);
		if (n < 0)
			return (int)n;
		x->in.len += (size_t)n;
		x->in.ptr[x->in.len] = '\0';
		x->eof = n == 0;
	}
}

void sheet_scan_reset(sheet_scan *x, XML_StartElementHandler start, XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	x->start = start;
	x->end = end;
	x->text = text;
	x->fast = x->plain = x->depth = x->skipped = x->eof = 0;
	buf_reset(&x->in);
	x->at = 0;
}

void sheet_scan_release(sheet_scan *x)
{
	buf_release(&x->in);
	buf_release(&x->scratch);
	free(x->ev);
	free(x->atts);
}
