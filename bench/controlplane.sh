#!/bin/bash
# Control-plane benchmark: time to apply N services x 4 destinations with
# `ipvsadm -R` (one batch through the API, saved to disk, as an operator's
# restore script would), and the latency of single ipvsadm commands.
# Medians of RUNS interleaved runs, with min and max.
#
#   bench/controlplane.sh [SERVICES] [RUNS]      (default 10000 services, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}; RUNS=${2:-5}
work=$(mktemp -d /tmp/xvs-bench.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export XVS_SOCKET=$work/x.sock

# 198.18.0.0/15 holds 131072 addresses: services on 198.18.x.y:80, real
# servers on 198.19.x.y:8080.
rules=$work/rules
awk -v n="$N" 'BEGIN {
	for (i = 0; i < n; i++) {
		v = sprintf("198.18.%d.%d:80", int(i / 256), i % 256)
		printf "-A -t %s -s wlc\n", v
		for (j = 0; j < 4; j++) {
			r = i * 4 + j
			printf "-a -t %s -r 198.19.%d.%d:8080 -m -w 1\n", v, int(r / 256) % 256, r % 256
		}
	}
}' > "$rules"

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.4f %.4f %.4f\n", m, a[1], a[NR]}'; }

restore_times=$work/restore; single_times=$work/single
for run in $(seq "$RUNS"); do
	rm -rf "$work/state"
	bin/xvsd --socket "$XVS_SOCKET" --state-dir "$work/state" >"$work/xvsd.log" 2>&1 &
	pid=$!
	for _ in $(seq 600); do [ -S "$XVS_SOCKET" ] && break; sleep 0.05; done
	t0=$(now); bin/ipvsadm -R < "$rules"; t1=$(now)
	echo "$t1 - $t0" | bc -l >> "$restore_times"
	lines=$(bin/ipvsadm -S -n | wc -l)
	[ "$lines" -eq $((N * 5)) ] || { echo "restore gave $lines rules, want $((N * 5))" >&2; exit 1; }
	t0=$(now)
	for k in $(seq 20); do bin/ipvsadm -a -t 198.18.0.0:80 -r 198.19.255.$k:8080 -m; done
	t1=$(now)
	echo "($t1 - $t0) / 20" | bc -l >> "$single_times"
	kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
	rm -f "$XVS_SOCKET"
done

read -r rm rmin rmax < <(median < "$restore_times")
read -r sm smin smax < <(median < "$single_times")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
mkdir -p bench/results
tsv=bench/results/controlplane.tsv
[ -f "$tsv" ] || printf 'date\tcommit\tmetric\tmedian_s\tmin_s\tmax_s\truns\n' > "$tsv"
printf '%s\t%s\trestore_%d_services_x4\t%s\t%s\t%s\t%d\n' "$date" "$commit" "$N" "$rm" "$rmin" "$rmax" "$RUNS" >> "$tsv"
printf '%s\t%s\tsingle_add_dest_with_%d_services\t%s\t%s\t%s\t%d\n' "$date" "$commit" "$N" "$sm" "$smin" "$smax" "$RUNS" >> "$tsv"
cat > bench/results/controlplane.md <<MD
| metric ($date, $commit, $RUNS runs) | median | min | max |
|---|---|---|---|
| \`ipvsadm -R\` of $N services × 4 destinations | ${rm} s | ${rmin} s | ${rmax} s |
| one \`ipvsadm -a\` with $N services in the table | ${sm} s | ${smin} s | ${smax} s |
MD
cat bench/results/controlplane.md
