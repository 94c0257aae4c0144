/* api_flows.c - /api/v1/flows: the flows of persons between rungs of an
 * area from one date to another, as published: protected (engine/pflow.h). */
#include "http.h"
#include "../engine/pflow.h"
#include "../engine/persons.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 404 "no figures": the flow tables there are, the nearest first. */
static int no_flows(http_req *r, http_resp *out, const char *what, const pflow_pick *avail, int n)
{
	buf *b = &out->body;
	buf_reset(b);
	char *msg = xasprintf(V(r->english, flows_none), what);
	buf_adds(b, "{\"error\": ");
	rnd_json_string(b, msg);
	buf_adds(b, ", \"flows\": [");
	for (int i = 0; i < n && i < 10; i++) {
		buf_adds(b, i ? ", {\"edition\": " : "{\"edition\": ");
		rnd_json_string(b, avail[i].edition);
		buf_printf(b, ", \"from\": \"%s\", \"to\": \"%s\"}", avail[i].from, avail[i].to);
	}
	buf_adds(b, "]}\n");
	free(msg);
	out->status = 404;
	out->type = "application/json; charset=utf-8";
	out->no_store = 1;
	return 404;
}

static void key_json(buf *b, int k)
{
	if (k == PFLOW_TOTAL)
		buf_adds(b, "\"total\"");
	else
		buf_printf(b, "%d", k);
}

static void flows_json(buf *b, const pflow_table *t, const model *m, int area, const pflow_pick *p, int en)
{
	buf_adds(b, "{\"area\": {\"code\": ");
	rnd_json_string(b, m->areas[area].code);
	buf_adds(b, ", \"name\": ");
	rnd_json_string(b, model_area_name(&m->areas[area], en));
	buf_adds(b, "}, \"edition\": ");
	rnd_json_string(b, p->edition);
	buf_printf(b, ", \"from\": \"%s\", \"to\": \"%s\", \"protected\": true, \"cells\": [", p->from, p->to);
	int n = 0;
	for (int i = 0; i <= PFLOW_TOTAL; i++)
		for (int j = 0; j <= PFLOW_TOTAL; j++) {
			calc_value v = pflow_get(t, area, i, j);
			if (!v.known)
				continue;
			buf_adds(b, n++ ? ",\n  {\"rung_from\": " : "\n  {\"rung_from\": ");
			key_json(b, i);
			buf_adds(b, ", \"rung_to\": ");
			key_json(b, j);
			buf_adds(b, ", \"persons\": ");
			if (v.flags & CALC_CONFIDENTIAL)
				buf_adds(b, "null");
			else
				rnd_plain(b, v.v);
			buf_printf(b, ", \"flag\": \"%s\"}", rnd_flag_word(v.flags));
		}
	buf_adds(b, "\n]}\n");
}

static void flows_csv(buf *b, const pflow_table *t, int area)
{
	buf_adds(b, "rung_from,rung_to,persons,flag\n");
	for (int i = 0; i <= PFLOW_TOTAL; i++)
		for (int j = 0; j <= PFLOW_TOTAL; j++) {
			calc_value v = pflow_get(t, area, i, j);
			if (!v.known)
				continue;
			buf_printf(b, i == PFLOW_TOTAL ? "total," : "%d,", i);
			buf_printf(b, j == PFLOW_TOTAL ? "total," : "%d,", j);
			if (!(v.flags & CALC_CONFIDENTIAL))
				rnd_plain(b, v.v);
			buf_printf(b, ",%s\n", rnd_flag_word(v.flags));
		}
}

/* A date parameter: absent, or YYYY-MM-DD. */
static int date_param(http_req *r, http_resp *out, const char *name, const char **v)
{
	*v = url_param_get(&r->url, name);
	if (*v && !**v)
		*v = NULL;
	int d;
	if (*v && prs_parse_date(*v, strlen(*v), &d) < 0)
		return -http_json_error(out, 400, V(r->english, api_bad_date), name);
	return 0;
}

int api_flows(http_ctx *c, http_req *r, http_resp *out)
{
	int area;
	const char *edition, *from, *to, *format = url_param_get(&r->url, "format");
	if (http_param_area(c, r, out, 0, &area) < 0 || http_param_edition(c, r, out, 0, &edition) < 0 ||
	    date_param(r, out, "from", &from) < 0 || date_param(r, out, "to", &to) < 0)
		return out->status;
	if (format && strcmp(format, "json") && strcmp(format, "csv"))
		return http_json_error(out, 400, "%s", V(r->english, api_bad_format));
	pflow_pick p, *avail = NULL;
	int found, n_avail = 0;
	lerr e;
	calc_protect_opts o;
	if (calc_protect_opts_load(c->s, &o, &e) < 0 ||
	    pflow_choose(c->s, edition, 0, from, to, 1, &p, &found, &avail, &n_avail, &e) < 0)
		return http_json_error(out, 500, "%s", e.msg);
	if (!found) {
		char *what = xasprintf("%s – %s%s%s", from ? from : "…", to ? to : "…", edition ? ", " : "",
				       edition ? edition : "");
		no_flows(r, out, what, avail, n_avail);
		free(what);
		free(avail);
		return 404;
	}
	pflow_table *t = pflow_load(c->s, c->m, p.id, &o, &e);
	if (!t || pflow_protect(t, &e) < 0) {
		pflow_free(t);
		return http_json_error(out, 500, "%s", e.msg);
	}
	int rc = 200;
	if (!pflow_has(t, area)) {
		rc = no_flows(r, out, c->m->areas[area].code, &p, 1);
	} else if (format && !strcmp(format, "csv")) {
		flows_csv(&out->body, t, area);
		out->type = "text/csv; charset=utf-8";
		out->download = arena_printf(&r->mem, "ladder-flows-%s-%s-%s.csv", c->m->areas[area].code, p.from, p.to);
	} else {
		flows_json(&out->body, t, c->m, area, &p, r->english);
	}
	pflow_free(t);
	return rc;
}
