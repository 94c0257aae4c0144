/* strmap.c - see strmap.h */
#include "strmap.h"
#include "base.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

void strmap_init(strmap *m)
{
	m->slots = NULL;
	m->cap = m->count = 0;
}

static void grow(strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	strmap_slot *old = m->slots;
	size_t oldcap = m->cap;
	m->slots = xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	m->count = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			strmap_put(m, old[i].key, old[i].value);
	free(old);
}

void strmap_put(strmap *m, const char *key, int value)
{
	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	size_t i = hash(key) & (m->cap - 1);
	while (m->slots[i].key) {
		if (strcmp(m->slots[i].key, key) == 0) {
			m->slots[i].value = value;
			return;
		}
		i = (i + 1) & (m->cap - 1);
	}
	m->slots[i].key = key;
	m->slots[i].value = value;
	m->count++;
}

int strmap_get(const strmap *m, const char *key, int *value)
{
	if (!m->cap)
		return 0;
	size_t i = hash(key) & (m->cap - 1);
	while (m->slots[i].key) {
		if (strcmp(m->slots[i].key, key) == 0) {
			*value = m->slots[i].value;
			return 1;
		}
		i = (i + 1) & (m->cap - 1);
	}
	return 0;
}

void strmap_release(strmap *m)
{
	free(m->slots);
	strmap_init(m);
}
