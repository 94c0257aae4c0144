/* model.h - the participation ladder, the work-form tree, the geography and
 * the context indicators, in memory. Prefix: model_.
 *
 * Work forms and totals form one tree (the "work-form tree"):
 *   headline "totaal" -> rungs "trede3".."trede5" -> subcategories
 *   ("trede5.collectief", "trede3.ggz", ...) -> work forms.
 * Rung 6 ("trede6") stands beside the headline: it is never part of it.
 * A figure may be reported at any node; the engine uses a reported figure
 * where there is one and adds up the children where there is not.
 *
 * Areas form a tree too: region -> province -> arrondissement -> municipality.
 * Groupings (user regions such as Westhoek) sit outside the tree and list
 * their members.
 *
 * The geography has a history. An area is a code with a lifetime
 * (valid_from .. valid_to, ISO dates, "" open); a code keeps its parent for
 * life (a municipality that moves gets a new code) but not always its
 * territory (Antwerpen 11002 absorbed Borsbeek in 2025), so a code is cut
 * into versions at every succession that changes its territory
 * (model_area_version). Successions say which areas make up which from a
 * date. The tree (children) is the map of one year: the areas valid on
 * 1 January of m->map_year (model_set_map); map_year 0 is today's map, the
 * areas whose lifetime is open.
 *
 * Ownership: a model owns all its strings and arrays (one arena); model_free
 * releases everything. Indexes (int) into the arrays are stable for the life
 * of the model; ids are the store's row ids.
 */
#ifndef LADDER_MODEL_H
#define LADDER_MODEL_H

#include "../base/base.h"
#include "../base/strmap.h"

enum model_place { PLACE_NONE, PLACE_PARTICIPATION, PLACE_EMPLOYMENT };

typedef struct model_rung {
	int rung; /* 1..6 */
	const char *name_nl, *name_en;
	enum model_place place;
	int in_headline;
} model_rung;

/* What a work form's figures count (work_form.unit): totals add persons. */
enum model_form_unit { FORM_PERSONS, FORM_PLACES, FORM_TRAJECTORIES, FORM_FTE };
#define MODEL_FORM_UNITS 4

enum model_kind { KIND_HEADLINE, KIND_RUNG, KIND_SUBCATEGORY, KIND_FORM };

typedef struct model_node {
	int id;
	const char *code, *name_nl, *name_en, *abbr;
	enum model_kind kind;
	int rung;              /* 0 for the headline */
	const char *subcategory; /* "" when none */
	int parent;            /* index, -1 for roots */
	const char *source, *counting_rule, *valid_from, *valid_to, *successors, *note;
	int in_headline;
	enum model_form_unit unit; /* what its figures count; totals: persons */
	const char *programme;   /* "" or the programme its entries on other rungs share */
	const char *transition;  /* successors whose validity may overlap its own */
	int *children;         /* indexes */
	int n_children;
} model_node;

enum model_level { LEVEL_REGION, LEVEL_PROVINCE, LEVEL_ARRONDISSEMENT, LEVEL_MUNICIPALITY, LEVEL_GROUPING };

typedef struct model_area {
	int id;
	const char *code, *name_nl, *name_en;
	enum model_level level;
	int parent; /* index, -1 for none */
	const char *valid_from, *valid_to;
	int *children; /* tree children; for a grouping its members on the map */
	int n_children;
	int *members;  /* a grouping: its members as defined (on any map) */
	int n_members;
	int *crossing; /* a grouping: areas of the map that lie partly inside it */
	int n_crossing;
} model_area;

/* On `effective`, the territory of `from` (its version of the day before)
 * becomes part of `to` (its version from that day); share 1: all of it. */
typedef struct model_succession {
	int from, to; /* area indexes */
	const char *effective;
	double share;
} model_succession;

/* One territorial version of an area: the dates it is valid ("" open). */
typedef struct model_version {
	char valid_from[11], valid_to[11];
} model_version;

/* A link of the lineage of work forms: at a reform, on `date`, work form
 * `from` went into `to`. A form's series continues through its renamed,
 * merged and replaced predecessors; a split predecessor is a larger whole,
 * so it is shown as lineage but its figures are not chained. */
enum model_lineage_kind { LINEAGE_RENAMED, LINEAGE_MERGED_INTO, LINEAGE_SPLIT_INTO, LINEAGE_REPLACED_BY };

typedef struct model_lineage {
	int from, to; /* node indexes */
	enum model_lineage_kind kind;
	const char *date; /* ISO: the first day under the new form */
	const char *note_nl, *note_en;
} model_lineage;

enum model_unit { UNIT_PERSONS, UNIT_PERCENT, UNIT_NUMBER };

typedef struct model_indicator {
	int id;
	const char *code, *name_nl, *name_en, *definition;
	enum model_unit unit;
} model_indicator;

typedef struct model {
	arena mem;
	model_rung rungs[7]; /* index by rung number; [0] unused */
	model_node *nodes;
	int n_nodes;
	model_area *areas;
	int n_areas;
	model_indicator *indicators;
	int n_indicators;
	strmap node_by_code, area_by_code, indicator_by_code;
	int headline;   /* node index of "totaal" */
	int rung_node[7]; /* node index per rung, -1 if absent */
	int flanders;   /* area index of the Flemish Region, -1 if absent */
	model_succession *successions; /* by effective date, then from */
	int n_successions;
	/* by model_link, for same_territory: per area, bit k set when a
	 * succession on the k-th distinct effective date (terr_day, YYYYMMDD)
	 * moves territory into or out of it; NULL: none (more than 64 dates,
	 * or not linked), and stale once areas or successions are added */
	unsigned long long *terr_bits;
	int terr_day[64], n_terr_days, terr_areas, terr_successions;
	int map_year;   /* the tree is the map of this year; 0: today's */
	model_lineage *lineage; /* by date, then from */
	int n_lineage;
} model;

/* The fixed structure: subcategories allowed per rung. */
extern const char *const model_subcategories_rung3[]; /* NULL-terminated */
extern const char *const model_subcategories_rung5[];
int model_subcategory_valid(int rung, const char *sub);

const char *model_level_name(enum model_level l, int english);
int model_level_parse(const char *s, enum model_level *out);
const char *model_unit_name(enum model_unit u);
int model_unit_parse(const char *s, enum model_unit *out);
/* "persons", "places", "trajectories", "fte": the stored codes. */
const char *model_form_unit_code(enum model_form_unit u);
/* A unit from its code or a Dutch word (personen, plaatsen, trajecten, vte),
 * case-insensitive; 0 or LERR_PARSE. */
int model_form_unit_parse(const char *s, enum model_form_unit *out);
/* Is code one of the words of the space- or '|'-separated list? */
int model_list_has(const char *list, const char *code);
/* Do the validity periods of two work forms share a day? On yes, the first
 * and last year of the shared days (from ISO dates; "" open: years 0 and
 * 9999 stand for open ends). */
int model_validity_overlap(const model_node *a, const model_node *b, int *from_year, int *to_year);

/* Code of the total node for a rung/subcategory: "trede5", "trede5.collectief". */
const char *model_total_code(arena *a, int rung, const char *sub);

model *model_new(void);
void model_free(model *m);
/* Builders used by the store when loading. Strings are copied. Arrays are
 * sized by the caller first with model_reserve. */
void model_reserve(model *m, int nodes, int areas, int indicators);
int model_add_node(model *m, const model_node *n);  /* returns index */
int model_add_area(model *m, const model_area *a);
int model_add_indicator(model *m, const model_indicator *i);
void model_add_succession(model *m, const model_succession *s); /* date copied */
void model_add_lineage(model *m, const model_lineage *l);        /* strings copied */
/* Links parents (by index fields already set) into children arrays: the
 * areas on the map of m->map_year; indexes the territory the successions
 * move (model_index_territory). */
void model_link(model *m);
/* The index of m->terr_bits (model_link builds it; again after adding
 * areas or successions, else the slow way is taken). */
void model_index_territory(model *m);
void model_add_member(model *m, int group, int member);
/* The groupings' members on the map of m->map_year (model_set_map does it
 * too; call once after the last model_add_member). A grouping is the
 * territory of its members as defined, each member in the latest year they
 * are all valid (Antwerpen 11002 without Borsbeek in a grouping of 2019
 * codes). On a map its children are the areas of that map lying wholly in
 * that territory (Tielt 37022 for Tielt 37015 and Meulebeke 37007 of 2019),
 * and `crossing` the areas a merger made lie partly in it; a grouping that
 * crosses has no children on that map, so its sums are unknown rather than
 * a part of a municipality. */
void model_link_groupings(model *m);

int model_node_index(const model *m, const char *code); /* -1 if unknown */
int model_area_index(const model *m, const char *code);
int model_indicator_index(const model *m, const char *code);
/* Finds an area by code or by Dutch/English name (case-insensitive).
 * Returns the index, or -1 with err set (unknown, or ambiguous: the message
 * lists the candidates with their codes). The message is English (the CLI's
 * errors); model_find_area_msg says it in Dutch unless english. */
int model_find_area(const model *m, const char *code_or_name, lerr *err);
int model_find_area_msg(const model *m, const char *code_or_name, int english, lerr *err);
const char *model_area_name(const model_area *a, int english);
/* An area as a supplier's table names it, for figures of year: a NIS code,
 * or a Dutch or English name compared as model_fold folds it (case,
 * accents, hyphens, punctuation aside); a trailing "(...)" is dropped when
 * the whole label names nothing ("Brugge (stad)"). Several areas of that
 * name: those valid in year, then the municipality among them. An old
 * name of a merged municipality is found for any year (the importer then
 * says when it was merged). Returns the index, or -1 with err set in the
 * user's language (en) (LERR_NOTFOUND, or LERR_AMBIGUOUS listing the
 * candidates). */
int model_area_by_label(const model *m, const char *label, int year, int en, lerr *err);
/* A work form (or total node) as a supplier names it: its code, or a work
 * form's Dutch or English name or abbreviation compared as prof_fold folds
 * (profile.h); -1 when none, or when two forms share the name. */
int model_form_by_label(const model *m, const char *label);
/* How well an area matches what a person typed: case, accents (Latin-1
 * letters), hyphens and punctuation aside ("Sint Niklaas" finds
 * Sint-Niklaas, "liege" Liège): 2 when its code or a name (Dutch or
 * English) starts with query, 1 when a name holds it, 0 otherwise. An
 * empty query matches nothing. */
int model_area_match(const model_area *a, const char *query);
/* query folded as model_area_match compares it, into out (cap bytes, at
 * least 1): lower case, accents dropped, every run of other characters one
 * space, trimmed. */
void model_fold(const char *query, char *out, size_t cap);
const char *model_node_name(const model_node *n, int english);
/* Is the area valid on 1 January of year (0: is its lifetime open)? */
int model_area_valid_in_year(const model_area *a, int year);
/* Makes the tree the map of year (0: today's): areas not valid then keep
 * their parent index but are nobody's child. Groupings follow
 * (model_link_groupings). */
void model_set_map(model *m, int year);
/* The version of area a valid on 1 January of year (0: its last version).
 * Returns 0, or -1 when a is not valid then. */
int model_area_version(const model *m, int a, int year, model_version *out);
/* The succession that ended area a (to another code), or NULL. */
const model_succession *model_area_successor(const model *m, int a);
/* The areas that became part of area a on `effective`, other than a itself;
 * up to cap indexes in out. Returns how many there are. */
int model_area_predecessors(const model *m, int a, const char *effective, int *out, int cap);
/* Why area a is not on the map of year (valid on 1 January), worded with
 * the way out, for the importer and the command line alike: what it became
 * ("44049 Nevele hoort bij 44083 Deinze sinds 2019-01-01", the chain of
 * successors followed to the area of the year), or for an area that did
 * not exist yet what its territory was before ("44083 Deinze bestaat vanaf
 * 2019-01-01; daarvoor was het grondgebied 44011 Deinze en 44049 Nevele"),
 * else its period of validity. Appended to b; Dutch, English with english. */
void model_area_off_map_reason(const model *m, int a, int year, int english, buf *b);
/* Figures of year put on the model's map (m->map_year), per area index:
 * target[a] is the area of the map that a's territory of that year lies
 * in, or -1 (a was not valid then; an arrondissement or province whose
 * territory differs between the two maps, whose totals then follow their
 * members; a later territory, which cannot be split back onto an earlier
 * map). npred[t]: how many municipalities of the year make up t;
 * recomputed[t]: t is not the same territory in that year (its figure is
 * the sum of its predecessors'). Arrays of m->n_areas. Returns 0 when the
 * two maps are the same for every area (nothing to do), else 1. */
int model_map_targets(const model *m, int year, int *target, unsigned char *recomputed, int *npred);
/* The area of the map of year `map` (0: today's) that municipality a of
 * year `year` lies in; -1 if none (a later territory cannot be split back
 * onto an earlier map). */
int model_area_on_map(const model *m, int a, int year, int map);
/* The year whose boundaries the map follows: map_year, or for today's map
 * the year of the last succession (0 if none). */
int model_map_label_year(const model *m);
/* The first year of the span of years whose maps are the same as year's
 * (no succession and no area's validity begins or ends within it): the
 * engine computes a grid once for all of them. Today's map (0) is that of
 * the last epoch. */
int model_map_epoch(const model *m, int year);
/* The date before an ISO date (out holds 11 bytes). */
void model_day_before(const char *date, char *out);
/* The store's word for a lineage kind ("merged_into"), and back (-1 if
 * unknown). */
const char *model_lineage_kind_name(enum model_lineage_kind k);
int model_lineage_kind_parse(const char *s, enum model_lineage_kind *out);
/* The work forms whose series continue into node: node itself first, then
 * its renamed, merged and replaced predecessors, theirs, and so on (not
 * split ones: see model_lineage). Up to cap indexes in out; returns how
 * many there are. */
int model_lineage_chain(const model *m, int node, int *out, int cap);
/* The years in which the chain of node breaks: the year of each link into
 * a member of its chain (a reform on 1 July 2018 breaks 2018, one on
 * 1 January 2019 breaks 2019). Ascending, without repeats, up to cap;
 * returns how many there are. */
int model_lineage_breaks(const model *m, int node, int *years, int cap);
/* Is year a break year of node's chain? */
int model_lineage_breaks_in(const model *m, int node, int year);
/* The lineage of node both ways: the links into it and into its
 * predecessors (of every kind), and the links out of it and out of its
 * successors; as indexes into m->lineage, by date (the model's order), up
 * to cap, with pred[i] 1 for a link on the predecessors' side (pred may be
 * NULL). Returns how many there are. */
int model_lineage_links(const model *m, int node, int *out, unsigned char *pred, int cap);
/* Is there a link between a and b, either way? */
int model_lineage_linked(const model *m, int a, int b);
/* Is the work form valid on some day of year y? (ISO dates, "" = open) */
int model_node_valid_in_year(const model_node *n, int year);

#endif
