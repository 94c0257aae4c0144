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
 * ways and requires the same rows and the same error.
 *
 * A row is read in one pass up to its end tag (a row cut by the buffer's
 * end is read again once twice its bytes are there). A cell of the
 * plainest form (<c r t s> with nothing, <v>..</v> or <is><t>..</t></is>)
 * is one event, handed to a handler of its own (sheet_cell_handler) that
 * does what the handlers do with its elements: a million cells cost a
 * fifth of their events. */
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

#ifndef SCAN_CHUNK /* the fuzz build makes them small: short inputs cross refills and the row limit */
#define SCAN_CHUNK (64 * 1024)
#endif
#ifndef SCAN_MAX_ROW
#define SCAN_MAX_ROW (4 << 20) /* bytes of one row held to scan it */
#endif
#define SCAN_MAX_DEPTH 16

enum { EV_START, EV_END, EV_TEXT, EV_CELL };

#define NO_ATT ((size_t)-1)

typedef struct xev {
	int kind;
	size_t name;   /* EV_START, EV_END: offset in scratch; EV_CELL: its child (0, 1, 2) */
	int att, n_att; /* EV_START: its attributes in x->atts (name, value pairs); EV_CELL: 3 in x->atts (r, t, s), NO_ATT for none */
	size_t text, len; /* EV_TEXT, EV_CELL */
} xev;

static xev *ev_push(sheet_scan *x, int kind)
{
	if (x->n_ev == x->cap_ev) {
		x->cap_ev = x->cap_ev ? x->cap_ev * 2 : 256;
		x->ev = xrealloc(x->ev, sizeof *x->ev * (size_t)x->cap_ev);
	}
	xev *e = &x->ev[x->n_ev++];
	e->kind = kind;
	e->name = e->text = e->len = 0;
	e->att = e->n_att = 0;
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

/* ASCII name bytes: those that may begin a name (bit 1: letters, '_',
 * ':') and those that may follow (bit 2: also digits, '.', '-'). */
static const unsigned char name_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 0, 0, 0, 0, 0,
	0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 3,
	0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* An ASCII XML name (expat takes more; those go to expat). Returns its end,
 * NULL when none starts at p. */
static const char *scan_name(const char *p, const char *end)
{
	if (p == end || !(name_byte[(unsigned char)*p] & 1))
		return NULL;
	const char *q = p + 1;
	while (q < end && (name_byte[(unsigned char)*q] & 2))
		q++;
	return q;
}

/* The bytes copied as they are, whatever follows them: printable ASCII
 * but '&', '<' and ']' (bit 1), and in text also tab and line feed (bit 2). */
static const unsigned char plain_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	3, 3, 3, 3, 3, 3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Copies [p, end) as character data onto o, which the caller grew by at
 * least end - p bytes (the text never grows in decoding): the five
 * predefined entities decoded, everything else as it is. 0, or -1 for
 * anything left to expat (see above; attr: an attribute value). Plain
 * ASCII, most of any sheet, is copied by a table look-up a byte. */
static int scan_chars(buf *o, const char *p, const char *end, int attr)
{
	char *w = o->ptr + o->len;
	const unsigned char mask = attr ? 1 : 2;
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (plain_byte[c] & mask) {
			*w++ = (char)c;
			p++;
			continue;
		}
		if (c == '&') {
			static const char *const ent[] = {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"};
			static const unsigned char ent_len[] = {4, 4, 5, 6, 6};
			static const char val[] = "<>&\"'";
			int k = 0;
			while (k < 5 && !(end - p >= (long)ent_len[k] && memcmp(p, ent[k], ent_len[k]) == 0))
				k++;
			if (k == 5 || attr)
				return -1;
			*w++ = val[k];
			p += ent_len[k];
			continue;
		}
		if (c < 0x20 ? c != '\n' && c != '\t' : c == '<')
			return -1;
		if (c == '\r' || (attr && (c == '\n' || c == '\t')))
			return -1; /* expat normalises these */
		if (c == ']' && end - p >= 3 && p[1] == ']' && p[2] == '>' && !attr)
			return -1; /* not allowed in character data */
		if (c < 0x80) {
			*w++ = (char)c;
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
		memcpy(w, p, (size_t)n);
		w += n;
		p += n;
	}
	o->len = (size_t)(w - o->ptr);
	return 0;
}

/* [p, p + n) and a NUL onto scratch, grown for it by the caller. */
static size_t scratch_put(sheet_scan *x, const char *p, size_t n)
{
	size_t off = x->scratch.len;
	memcpy(x->scratch.ptr + off, p, n);
	x->scratch.ptr[off + n] = '\0';
	x->scratch.len = off + n + 1;
	return off;
}

/* The start tag at p ('<' then a name) in [p, end): its event; *pe after
 * its '>', *empty when it closes itself. 0; -1 when expat should read it;
 * -2 when it does not end before end. Read once: whatever it meets at end
 * could still be anything, so end is -2, never -1. */
static int scan_start(sheet_scan *x, const char *p, const char *end, const char **pe, int *empty)
{
	const char *n = scan_name(p + 1, end);
	if (!n)
		return -1;
	if (n == end)
		return -2;
	/* names and values, each with its NUL, never exceed the bytes read twice */
	buf_grow(&x->scratch, 2 * (size_t)(n - p) + 2);
	xev *e = ev_push(x, EV_START);
	e->name = scratch_put(x, p + 1, (size_t)(n - p - 1));
	e->att = x->n_atts;
	p = n;
	for (;;) {
		const char *q = p;
		while (q < end && is_space(*q))
			q++;
		if (q == end)
			return -2;
		if (*q == '>') {
			*empty = 0, *pe = q + 1;
			return 0;
		}
		if (*q == '/') {
			if (end - q < 2)
				return -2;
			if (q[1] != '>')
				return -1;
			*empty = 1, *pe = q + 2;
			return 0;
		}
		const char *an = q == p ? NULL : scan_name(q, end); /* an attribute follows a space */
		if (!an)
			return -1;
		const char *v = an;
		while (v < end && is_space(*v))
			v++;
		if (v == end)
			return -2;
		if (*v++ != '=')
			return -1;
		while (v < end && is_space(*v))
			v++;
		if (v == end)
			return -2;
		if (*v != '"' && *v != '\'')
			return -1;
		const char *close = memchr(v + 1, *v, (size_t)(end - v - 1));
		if (!close)
			return -2;
		size_t an_len = (size_t)(an - q);
		for (int i = e->att; i < x->n_atts; i += 2) { /* a duplicate attribute */
			const char *prev = x->scratch.ptr + x->atts[i];
			if (strncmp(prev, q, an_len) == 0 && prev[an_len] == '\0')
				return -1;
		}
		if (e->n_att == 64)
			return -1; /* dispatch hands over at most 64 */
		buf_grow(&x->scratch, an_len + (size_t)(close - v) + 2);
		att_push(x, scratch_put(x, q, an_len));
		size_t off = x->scratch.len;
		if (scan_chars(&x->scratch, v + 1, close, 1) < 0)
			return -1;
		x->scratch.ptr[x->scratch.len++] = '\0';
		att_push(x, off);
		e->n_att++;
		p = close + 1;
	}
}

/* A cell of the plainest form (sheet_cell_handler) at p ("<c"), in
 * [p, end), as one EV_CELL; *pe after it. 0, or -1 for anything else (a
 * formula, rich text, a prefix, spaces around '=', an entity in an
 * attribute, bytes cut by end, ...): the caller reads it as elements. */
static int scan_cell(sheet_scan *x, const char *p, const char *end, const char **pe)
{
	int n_ev = x->n_ev, n_atts = x->n_atts;
	size_t at = x->scratch.len;
	size_t att[3] = {NO_ATT, NO_ATT, NO_ATT};
	const char *q = p + 2;
	buf_grow(&x->scratch, 64);
	for (;;) { /* ' r="A1"', ' t="s"', ' s="3"', then '>' or "/>" */
		const char *sp = q;
		while (q < end && is_space(*q))
			q++;
		if (end - q < 2)
			goto other;
		if (*q == '>' || (q[0] == '/' && q[1] == '>'))
			break;
		int k = *q == 'r' ? 0 : *q == 't' ? 1 : *q == 's' ? 2 : -1;
		if (k < 0 || q == sp || q[1] != '=' || end - q < 3 || (q[2] != '"' && q[2] != '\'') || att[k] != NO_ATT)
			goto other;
		const char *close = memchr(q + 3, q[2], (size_t)(end - q - 3));
		if (!close)
			goto other;
		buf_grow(&x->scratch, (size_t)(close - q) + 1);
		att[k] = x->scratch.len;
		if (scan_chars(&x->scratch, q + 3, close, 1) < 0)
			goto other;
		x->scratch.ptr[x->scratch.len++] = '\0';
		q = close + 1;
	}
	int child = 0;
	const char *text = NULL, *te = NULL;
	if (*q == '/') {
		q += 2;
	} else {
		q++;
		static const char *const open[] = {"<v>", "<is><t>", "<is><t xml:space=\"preserve\">"};
		static const char *const close[] = {"</v></c>", "</t></is></c>", "</t></is></c>"};
		int k = -1;
		for (int i = 0; i < 3 && k < 0; i++)
			if ((size_t)(end - q) > strlen(open[i]) && memcmp(q, open[i], strlen(open[i])) == 0)
				k = i;
		if (k < 0) {
			if (end - q < 4 || memcmp(q, "</c>", 4) != 0)
				goto other;
			q += 4;
		} else {
			child = k ? 2 : 1;
			text = q + strlen(open[k]);
			te = memchr(text, '<', (size_t)(end - text));
			size_t cl = strlen(close[k]);
			if (!te || (size_t)(end - te) < cl || memcmp(te, close[k], cl) != 0)
				goto other;
			q = te + cl;
		}
	}
	xev *e = ev_push(x, EV_CELL);
	e->name = (size_t)child;
	if (text) {
		buf_grow(&x->scratch, (size_t)(te - text) + 1);
		e->text = x->scratch.len;
		if (scan_chars(&x->scratch, text, te, 0) < 0)
			goto other;
		e->len = x->scratch.len - e->text;
		x->scratch.ptr[x->scratch.len++] = '\0';
	}
	e->att = x->n_atts;
	for (int k = 0; k < 3; k++)
		att_push(x, att[k]);
	*pe = q;
	return 0;
other: /* as if never tried */
	x->n_ev = n_ev;
	x->n_atts = n_atts;
	x->scratch.len = at;
	return -1;
}

/* The row starting at p ("<row") as events, checked well-formed, read up
 * to the '>' of its end tag (*pe after it) in one pass. 0; -1 when expat
 * should read it; -2 when it does not end before end (more bytes). */
static int scan_row(sheet_scan *x, const char *p, const char *end, const char **pe)
{
	x->n_ev = x->n_atts = 0;
	buf_reset(&x->scratch);
	size_t open[SCAN_MAX_DEPTH];
	int depth = 0;
	for (;;) {
		if (depth == 0 && x->n_ev) {
			*pe = p;
			return 0;
		}
		if (p == end)
			return -2;
		if (*p != '<') { /* text: inside the row (it starts with a tag) */
			const char *lt = memchr(p, '<', (size_t)(end - p));
			if (!lt)
				return -2;
			buf_grow(&x->scratch, (size_t)(lt - p) + 1);
			size_t at = x->scratch.len;
			if (scan_chars(&x->scratch, p, lt, 0) < 0)
				return -1;
			xev *e = ev_push(x, EV_TEXT);
			e->text = at;
			e->len = x->scratch.len - at;
			x->scratch.ptr[x->scratch.len++] = '\0';
			p = lt;
			continue;
		}
		if (end - p < 2)
			return -2;
		if (p[1] == '!' || p[1] == '?')
			return -1;
		if (p[1] == '/') {
			if (end - p < 3)
				return -2;
			const char *n = scan_name(p + 2, end), *q = n;
			while (q && q < end && is_space(*q))
				q++;
			if (q == end)
				return -2;
			if (!n || *q != '>' || depth == 0)
				return -1;
			const char *top = x->scratch.ptr + open[depth - 1];
			size_t len = (size_t)(n - p - 2);
			if (strncmp(top, p + 2, len) != 0 || top[len] != '\0')
				return -1;
			ev_push(x, EV_END)->name = open[--depth];
			p = q + 1;
			continue;
		}
		if (x->cell && depth > 0 && p[1] == 'c' && end - p > 2 && (is_space(p[2]) || p[2] == '>' || p[2] == '/') &&
		    scan_cell(x, p, end, &p) == 0)
			continue;
		int empty, rc = scan_start(x, p, end, &p, &empty);
		if (rc < 0)
			return rc;
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
}

/* Hands the row's events to the handlers, as expat would. */
static void dispatch(sheet_book *b, sheet_scan *x)
{
	const char *base = x->scratch.ptr;
	const char *atts[2 * 64 + 1];
	x->fast = 1;
	for (int i = 0; i < x->n_ev && !b->failed; i++) {
		const xev *e = &x->ev[i];
		if (e->kind == EV_CELL) {
			const size_t *a = x->atts + e->att;
			x->cell(b, a[0] == NO_ATT ? NULL : base + a[0], a[1] == NO_ATT ? NULL : base + a[1],
				a[2] == NO_ATT ? NULL : base + a[2], base + e->text, e->len, (int)e->name);
		} else if (e->kind == EV_TEXT) {
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

/* May text given to expat end in what it holds back undecided: an entity
 * or character reference ('&' to ';'), a character of several bytes, a
 * carriage return? A row read past expat after it would come first, and
 * expat's error about that text (an unfinished '&a' before "<row") never
 * come (found by fuzz_xlsx). Text between rows is rarely more than blanks:
 * any byte scan_chars would not copy as it is counts. */
static int holds_back(const char *p, const char *q)
{
	for (; p < q; p++)
		if (!(plain_byte[(unsigned char)*p] & 2))
			return 1;
	return 0;
}

/* A tag expat was given may end in a byte of a character it holds back
 * undecided too: '<sheetDa\xF4a>' (a four-byte lead with two bytes after
 * it) waits for more, so the row after it read past expat gave its own
 * error before expat's about the tag (found by fuzz_xlsx). Any byte beyond
 * ASCII in a tag counts. */
static int tag_holds_back(const char *p, const char *q)
{
	for (; p < q; p++)
		if ((unsigned char)*p >= 0x80)
			return 1;
	return 0;
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
			x->held_text |= holds_back(p, q);
			x->at = (size_t)(q - x->in.ptr);
			rc = feed(b, x, p, (size_t)(q - p), 0, err);
			p = q;
			continue;
		}
		int kind = 0, is_row = x->depth > 0 && end - p >= 5 && memcmp(p, "<row", 4) == 0 && (is_space(p[4]) || p[4] == '>' || p[4] == '/');
		if (is_row && x->held_text) { /* expat may still find the text before it wrong: it reads on */
			x->plain = 1;
			continue;
		}
		const char *e = NULL;
		int scanned = is_row ? scan_row(x, p, end, &e) : (e = construct_end(p, end, &kind)) ? 0 : -2;
		if (scanned == -2) {
			if ((size_t)(end - p) > SCAN_MAX_ROW || x->eof) {
				x->plain = 1; /* expat reads it as it comes, or says what is wrong */
				continue;
			}
			x->need = (size_t)(end - p); /* more bytes: read as many again before the next try */
			break;
		}
		if (is_row && scanned == 0) {
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
		/* a tag: expat has decided on the text before it, and on the tag
		 * unless a byte beyond ASCII may still wait for more */
		x->held_text = tag_holds_back(p, e);
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
		/* a construct cut by the buffer's end is tried again once the
		 * bytes after it doubled: a long row is not scanned chunk by chunk */
		size_t want = x->need > SCAN_MAX_ROW / 2 ? SCAN_MAX_ROW + 1 : 2 * x->need;
		if ((x->eof || x->in.len - x->at >= want) && (x->need = 0, rc = split(b, x, err)) != 0)
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

void sheet_scan_reset(sheet_scan *x, XML_StartElementHandler start, XML_EndElementHandler end, XML_CharacterDataHandler text,
		      sheet_cell_handler cell)
{
	x->cell = cell;
	x->start = start;
	x->end = end;
	x->text = text;
	x->fast = x->plain = x->depth = x->skipped = x->held_text = x->eof = 0;
	x->need = 0;
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
