/* form.c - application/x-www-form-urlencoded bodies. See form.h. */
#include "form.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s[0..n), or 0 (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	unsigned cp = c & (0x3f >> (len - 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Decodes s[0..n) into a new arena string ('+' is a space); checks what
 * form.h promises. NULL with the reason in *why. */
static char *decode(arena *a, const char *s, size_t n, int is_value, const char **why)
{
	unsigned char *out = arena_alloc(a, n + 1);
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= n) {
				*why = "a %-escape is cut short";
				return NULL;
			}
			int hi = str_hex_digit(s[i + 1]), lo = str_hex_digit(s[i + 2]);
			if (hi < 0 || lo < 0) {
				*why = "a %-escape is not two hex digits";
				return NULL;
			}
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+') {
			c = ' ';
		}
		int allowed_ctl = is_value && (c == '\t' || c == '\r' || c == '\n');
		if ((c < 0x20 && !allowed_ctl) || c == 0x7f) {
			*why = "a control character";
			return NULL;
		}
		out[w++] = c;
	}
	out[w] = '\0';
	for (size_t i = 0; i < w;) {
		size_t k = utf8_seq(out + i, w - i);
		if (!k) {
			*why = "not UTF-8";
			return NULL;
		}
		i += k;
	}
	if (w > (is_value ? (size_t)FORM_MAX_VALUE : (size_t)FORM_MAX_NAME)) {
		*why = is_value ? "a value is too long" : "a name is too long";
		return NULL;
	}
	if (!is_value && w == 0) {
		*why = "a field without a name";
		return NULL;
	}
	return (char *)out;
}

const char *form_get(const form *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}

static int malformed(lerr *err, size_t at, const char *why)
{
	return lerr_set_at(err, LERR_PARSE, "", 0, (int)at, "the form is malformed at byte %zu: %s", at, why);
}

int form_parse(arena *a, const char *body, size_t len, int max_fields, form *out, lerr *err)
{
	out->fields = NULL;
	out->n = 0;
	size_t pieces = 1;
	for (size_t i = 0; i < len; i++)
		pieces += body[i] == '&';
	if (len == 0)
		pieces = 0;
	if (pieces > (size_t)max_fields)
		return lerr_set(err, LERR_PARSE, "the form has more than %d fields", max_fields);
	out->fields = arena_alloc(a, (pieces ? pieces : 1) * sizeof *out->fields);
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && body[j] != '&')
			j++;
		const char *why = NULL;
		if (j == i)
			why = "an empty field";
		const char *eq = why ? NULL : memchr(body + i, '=', j - i);
		if (!why && !eq)
			why = "a field without '='";
		char *name = why ? NULL : decode(a, body + i, (size_t)(eq - (body + i)), 0, &why);
		char *value = why ? NULL : decode(a, eq + 1, (size_t)(body + j - eq - 1), 1, &why);
		if (!why && form_get(out, name))
			why = "a field sent twice";
		if (why)
			return malformed(err, i + 1, why);
		out->fields[out->n++] = (form_field){name, value};
		i = j + 1;
	}
	if (len && body[len - 1] == '&')
		return malformed(err, len, "an empty field");
	return 0;
}
