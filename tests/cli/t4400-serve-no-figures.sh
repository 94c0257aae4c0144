#!/usr/bin/env bash
# t4400-serve-no-figures: the dashboard offers only what exists (issue 11,
# defect 3). On the demo (edition 2017 holds 2016; edition 2018 holds 2016
# and 2017): the pickers list only years of the chosen edition and editions
# holding the chosen year; a year or an edition without figures answers 404
# "geen cijfers" naming the nearest years (and the editions holding the
# year), on pages and under /api/v1/, never a 200 page of dots.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl >/dev/null || die "curl not found"

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"
serve_start "$DB"

get() { # get PATH : sets CODE and BODY
	CODE=$(curl -s -o "$T_TMP/body" -w '%{http_code}' "$BASE$1" || true)
	BODY=$(cat "$T_TMP/body")
}
expect_code() { # expect_code WHAT WANT
	if [[ $CODE == "$2" ]]; then t_ok; else t_fail "$1: status $CODE, expected $2" "${BODY:0:600}"; fi
}

# a year without figures, on the page, the rung page and the API
get "/area/30000?year=1990"
expect_code "/area/30000?year=1990" 404
expect_in "page 1990 says there are no figures" "$BODY" "geen cijfers"
expect_in "page 1990 links the nearest year" "$BODY" 'href="/area/30000?year=2016'
expect_not_in "page 1990 compares with nothing" "$BODY" "1989"
get "/area/30000/rung/6?year=1990"
expect_code "/area/30000/rung/6?year=1990" 404
get "/area/30000?year=1990&lang=en"
expect_code "/area/30000?year=1990&lang=en" 404
expect_in "English page 1990" "$BODY" "no figures"
get "/api/v1/ladder?area=30000&year=1990"
expect_code "/api/v1/ladder?area=30000&year=1990" 404
expect_in "API 1990 says there are no figures" "$BODY" '"error": "geen cijfers'
expect_in "API 1990 gives the nearest years" "$BODY" '"years": [2016]'
get "/api/v1/ladder?area=30000&year=2019&format=csv"
expect_code "/api/v1/ladder?year=2019&format=csv" 404
expect_in "API 2019: the nearest year is 2017" "$BODY" '"years": [2017]'
get "/api/v1/subareas?area=30000&year=1990"
expect_code "/api/v1/subareas?year=1990" 404

# an edition that does not hold the year: 404 naming its years and the
# editions that hold the year
get "/area/30000?year=2017&edition=2017"
expect_code "/area/30000?year=2017&edition=2017" 404
expect_in "edition 2017 names its years" "$BODY" 'href="/area/30000?year=2016&amp;edition=2017'
expect_in "edition 2017: the editions holding 2017" "$BODY" 'href="/area/30000?year=2017&amp;edition=2018'
get "/api/v1/ladder?area=30000&year=2017&edition=2017"
expect_code "/api/v1/ladder?year=2017&edition=2017" 404
expect_in "API edition 2017 years" "$BODY" '"years": [2016]'
expect_in "API edition 2017: editions of 2017" "$BODY" '"editions": ["2018"]'

# what exists still answers
for p in "/area/30000?year=2016&edition=2017" "/area/30000?year=2017" "/area/30000" \
	"/api/v1/ladder?area=30000&year=2016&edition=2017" "/api/v1/ladder?area=30000"; do
	get "$p"
	expect_code "$p" 200
done

# the pickers offer only what exists: edition 2017 holds 2016 only; year
# 2017 is held by edition 2018 only
get "/area/30000?year=2016&edition=2017"
years=$(grep -o '<select name="year">.*</select></label><label>' <<<"$BODY" | grep -o '<option[^>]*>[0-9]*' | sed 's/.*>//' | tr '\n' ' ')
if [[ $years == "2016 " ]]; then t_ok; else t_fail "edition 2017: the year picker lists '$years', expected 2016 only"; fi
get "/area/30000?year=2017"
eds=$(grep -o '<select name="edition">.*</select>' <<<"$BODY" | sed 's#</select>.*##' | grep -o '<option[^>]*>[^<]*' | sed 's/.*>//' | tr '\n' '|')
if [[ $eds == *"|2018|"* && $eds != *"2017"* ]]; then t_ok; else t_fail "year 2017: the edition picker lists '$eds', expected 2018 and not 2017"; fi
get "/?year=2016"
eds=$(grep -o '<select name="edition">.*</select>' <<<"$BODY" | sed 's#</select>.*##' | grep -o '<option[^>]*>[^<]*' | sed 's/.*>//' | tr '\n' '|')
if [[ $eds == *"|2018|"* && $eds == *"|2017|"* ]]; then t_ok; else t_fail "home, year 2016: the edition picker lists '$eds', expected 2017 and 2018"; fi

t_finish
