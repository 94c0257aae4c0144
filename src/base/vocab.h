/* vocab.h - every sentence and label shown to people, in Dutch and English.
 * Prefix: V, VOCAB_.
 *
 * The catalogue is po/nl.po, a GNU gettext file: msgctxt is the key, msgid
 * the English text, msgstr the Dutch. tools/vocab.c compiles it at build
 * time into build/gen/vocab_gen.h, so the program needs no file at run time
 * and the language is an argument, not process state: `ladder serve`
 * answers Dutch and English per request on several threads.
 *
 *   xasprintf(V(en, check_jump), area, form, from, to, pct, year)
 *
 * V(en, key) is a string literal per language; the compiler checks the
 * printf arguments against both, `msgfmt --check` checks the Dutch
 * directives against the English, and an unknown key does not compile.
 * Use positional directives (%1$s) where Dutch needs another order. See
 * ARCHITECTURE.md (Vocabulary). */
#ifndef LADDER_VOCAB_H
#define LADDER_VOCAB_H

#include "vocab_gen.h"

#define V(en, key) ((en) ? VOCAB_##key##_en : VOCAB_##key##_nl)
/* Both, Dutch first, for static tables such as rnd_column's labels. */
#define VOCAB_PAIR(key) VOCAB_##key##_nl, VOCAB_##key##_en

#endif
