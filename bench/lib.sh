# bench/lib.sh - what the benchmark scripts share; sourced, not run.

# to_ms TIME : wrk's "1.23ms", "456.00us", "1.20s" in milliseconds
to_ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
		else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
		else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
		else printf "?" }'
}

# met VALUE TARGET min|max : "met" when VALUE is at least (min) or at most
# (max) TARGET, else "NOT met"
met() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = dir == "min" ? v + 0 >= t : v + 0 <= t; print ok ? "met" : "NOT met" }'; }

# median NUMBER... : the middle one (of an odd count; the upper middle of an even one)
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int(NR / 2) + 1] }'; }

# wrk_stats FILE : from wrk --latency output, sets RPS, P50, P99, MAX (ms)
# and ERRS (non-2xx/3xx answers and socket errors)
wrk_stats() {
	RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1")
	P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$1")")
	P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$1")")
	MAX=$(to_ms "$(awk '$1 == "Latency" { print $4 }' "$1")")
	ERRS=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$1")
}

# areas_through AREAS_CSV FROM TO : the rows of data/ref/areas.csv (header
# kept) whose municipalities are on the map of every year FROM..TO (valid
# on 1 January of each), so that generated figures are never refused as
# off the map of their year (the mergers of 2019 and 2025)
areas_through() {
	awk -F, -v a="$2-01-01" -v b="$3-01-01" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "level") L = i; if ($i == "valid_from") F = i; if ($i == "valid_to") T = i }; print; next }
		$L != "municipality" || (($F == "" || $F <= a) && ($T == "" || $T >= b))' "$1"
}

# free_port : a loopback TCP port nobody listens on (needs ss and die)
free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 20000))
		if [[ -z $(ss -Hltn "sport = :$p") ]]; then
			echo "$p"
			return 0
		fi
	done
	die "no free port"
}
wait_up() { # wait_up URL PID : until URL answers (1 when PID died or after 10 s)
	for _ in $(seq 1 200); do
		kill -0 "$2" 2>/dev/null || return 1
		curl -s -o /dev/null --max-time 1 "$1" && return 0
		sleep 0.05
	done
	return 1
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system time of PID, in clock ticks
HZ=$(getconf CLK_TCK)
secs_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
cpu_since() { awk -v a="$1" -v b="$(cpu_ticks "$2")" -v hz="$HZ" 'BEGIN { printf "%.2f", (b - a) / hz }'; } # cpu_since TICKS PID
