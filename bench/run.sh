#!/bin/bash
# make bench: every measurement of bench/README's list in one run, written to
# bench/results/ (results.md, results.tsv, pps.png, tcp.png, latency.png).
#
#   bench/run.sh [quick]     quick: fewer packets, shorter runs, one round
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=${1:-}
PKTS=3000000; ROUNDS=5; SECS=5; SVCS=10000; CPRUNS=5
if [ "$QUICK" = quick ]; then PKTS=1000000; ROUNDS=1; SECS=2; SVCS=2000; CPRUNS=2; fi
OUT=bench/results
W=$(mktemp -d /tmp/xvs-bench-run.XXXXXX)
trap 'rm -rf $W' EXIT
mkdir -p $OUT $W/lat
DATE=$(date -u +%Y-%m-%dT%H:%MZ)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

echo "== packet rate ($PKTS packets x $ROUNDS rounds per case)"
bash bench/pps.sh $PKTS $ROUNDS | tee $W/pps.txt
echo "== packets lost while 10 000 services are restored under load"
bash bench/pps.sh 1000000 1 change | tee $W/change.txt
echo "== TCP (${SECS} s per run x $ROUNDS rounds), SYN flood"
bash bench/tcp.sh $SECS $ROUNDS $W/lat | tee $W/tcp.txt
echo "== BPF cost and memory"
XVS_BPF_COST=$W/bpf.tsv go test -count=1 -run 'TestBPFCost|TestConnMemory|TestSweepCost' ./internal/datapath >/dev/null
cat $W/bpf.tsv
echo "== control plane"
bash bench/controlplane.sh $SVCS $CPRUNS

# med FILE: "key value..." lines -> "key median min max n" per key.
med() {
	sort -k1,1 -k2,2g "$1" | awk '
	function flush() { if (n) { m = (n % 2) ? v[(n+1)/2] : (v[n/2] + v[n/2+1]) / 2; printf "%s %.0f %.0f %.0f %d\n", key, m, v[1], v[n], n } }
	{ if ($1 != key) { flush(); key = $1; n = 0 } v[++n] = $2 }
	END { flush() }'
}
# pps: key mode/flows, delivered pps
awk '{ print $1 "/" $2, $5 }' $W/pps.txt >$W/pps.kv
awk '{ print $1 "/" $2, $4 }' $W/pps.txt >$W/offered.kv
med $W/pps.kv >$W/pps.med
med $W/offered.kv >$W/offered.med
awk '$2 != "cps-before-flood" && $2 != "cps-under-flood" && $2 != "cps-after-flood" && NF >= 8 { print $1 "/" $2, $5 }' $W/tcp.txt >$W/tcp.kv
awk 'NF >= 8 { print $1 "/" $2, $6; print $1 "/" $2 "/p99", $7 }' $W/tcp.txt >$W/lat.kv
med $W/tcp.kv >$W/tcp.med
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
get() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }

{
	echo "# xvs benchmark results"
	echo
	echo "$DATE, commit $COMMIT, $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), kernel $(uname -r)."
	echo "Medians of $ROUNDS interleaved rounds (min–max). Reproduce with \`make bench\`."
	echo
	echo "## Packet rate: 64-byte UDP through the director (one director CPU)"
	echo
	echo "xdp-fwd is plain XDP forwarding (the kernel's xdp_fwd sample): the ceiling of XDP on this rig."
	echo
	echo "| case | flows | delivered pps (median) | min | max | offered pps | vs kernel forwarding | vs nftables DNAT | vs XDP forwarding |"
	echo "|---|---|---|---|---|---|---|---|---|"
	while read -r key m lo hi n; do
		mode=${key%/*}; flows=${key#*/}
		fwd=$(get $W/pps.med fwd/$flows); nft=$(get $W/pps.med nft/$flows); xdp=$(get $W/pps.med xdp-fwd/$flows)
		echo "| $mode | $flows | $m | $lo | $hi | $(get $W/offered.med $key) | $(ratio $m $fwd) | $(ratio $m $nft) | $(ratio $m $xdp) |"
	done <$W/pps.med
	echo
	echo "Packets lost while \`ipvsadm -R\` applied 10 000 services × 4 destinations under 200 kpps:"
	awk '{ l = $2 - $3; if (l < 0) l = 0; printf "%s: %d sent, %d delivered, %d lost\n\n", $1, $2, $3, l }' $W/change.txt
	echo "## TCP with real HTTP servers (16 clients)"
	echo
	echo "direct: the client takes the three servers in turn itself; routed: the same through the director"
	echo "as a plain router (kernel forwarding), the ceiling for paths whose replies cross the director (NAT);"
	echo "routed-xdp: routed with a do-nothing XDP program on the director's veth, what XDP there costs any XDP"
	echo "balancer."
	echo
	echo "| path | new connections/s | min | max | vs direct | vs routed | keep-alive requests/s | min | max | vs direct | vs routed | p50 ms (cps) | p99 ms (cps) |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	for mode in direct routed routed-xdp nft haproxy xvs-nat xvs-dr; do
		set -- $(grep "^$mode/cps " $W/tcp.med || echo x 0 0 0); c=$2 clo=$3 chi=$4
		set -- $(grep "^$mode/keepalive " $W/tcp.med || echo x 0 0 0); k=$2 klo=$3 khi=$4
		dc=$(get $W/tcp.med direct/cps); dk=$(get $W/tcp.med direct/keepalive)
		rc=$(get $W/tcp.med routed/cps); rk=$(get $W/tcp.med routed/keepalive)
		p50=$(awk -v k="$mode/cps" '$1 == k { print $2 }' $W/lat.kv | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
		p99=$(awk -v k="$mode/cps/p99" '$1 == k { print $2 }' $W/lat.kv | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
		echo "| $mode | $c | $clo | $chi | $(ratio $c $dc) | $(ratio $c $rc) | $k | $klo | $khi | $(ratio $k $dk) | $(ratio $k $rk) | $p50 | $p99 |"
	done
	echo
	echo "SYN flood (3 M SYNs from 1 M spoofed sources at full rate) against the xvs NAT service:"
	echo
	grep -E "flood" $W/tcp.txt | awk '{ if ($1 == "flood-sent") printf "- flood: %s SYNs sent at %s pps\n", $2, $3;
		else if ($1 == "flood-conns") printf "- connection table after the flood: %s SYN_RECV entries\n", $2;
		else printf "- new connections/s %s: %s (%s errors)\n", substr($2, 5), $5, $8 }'
	echo
	echo "## BPF cost (BPF_PROG_TEST_RUN: 160 calls of 250 repeats a case, the cases in turn; the tenth percentile of the calls and the median; xdp-fwd is plain XDP forwarding, empty-program the test run's own cost) and memory"
	echo
	echo "| measure | value |"
	echo "|---|---|"
	awk -F'\t' '{ u = ($1 ~ /bytes/) ? " bytes" : ($1 ~ /MiB/) ? " MiB" : ($1 ~ /-ms$/) ? " ms" : " ns/packet"; printf "| %s | %s%s |\n", $1, $2, u }' $W/bpf.tsv
	echo
	# The kernel's own figures, recorded in the IPVS VM (bench/testdata/ipvs-conn-size-oracle.sh).
	awk '$1 == "ip_vs_conn" || $1 == "nf_conntrack" { if (NF >= 5 && $4 == "slab_size") k[$1] = $5 } /^[0-9]/ { kv = $1 }
		END { printf "Kernel baselines (recorded on kernel %s): an IPVS connection takes %d bytes (ip_vs_conn slab), a conntrack entry %d (nf_conntrack slab), both for NAT and DR alike.\n", kv, k["ip_vs_conn"], k["nf_conntrack"] }' bench/testdata/ipvs-conn-size.txt
	echo
	echo "## Control plane"
	echo
	sed -n '/^|/p' bench/results/controlplane.md
} >$OUT/results.md

{
	printf "date\tcommit\tgroup\tcase\tmedian\tmin\tmax\tn\n"
	awk -v d=$DATE -v c=$COMMIT '{ printf "%s\t%s\tpps\t%s\t%s\t%s\t%s\t%s\n", d, c, $1, $2, $3, $4, $5 }' $W/pps.med
	awk -v d=$DATE -v c=$COMMIT '{ printf "%s\t%s\ttcp\t%s\t%s\t%s\t%s\t%s\n", d, c, $1, $2, $3, $4, $5 }' $W/tcp.med
	awk -F'\t' -v d=$DATE -v c=$COMMIT '{ printf "%s\t%s\tbpf\t%s\t%s\t%s\t%s\t1\n", d, c, $1, $2, $2, $2 }' $W/bpf.tsv
	awk -v d=$DATE -v c=$COMMIT '{ printf "%s\t%s\tchange\t%s\t%d\t%d\t%d\t1\n", d, c, $1, $2 - $3, $2 - $3, $2 - $3 }' $W/change.txt
} >$OUT/results.tsv

# Plots.
# bars PNG TITLE YLABEL DAT1 TITLE1 DAT2 TITLE2: a bar chart of two series by case.
bars() {
	gnuplot <<GP
set terminal png size 900,450
set output "$1"
set title "$2"
set style data histograms
set style fill solid 0.8
set boxwidth 0.9
set yrange [0:*]
set ylabel "$3"
set key outside top center horizontal
plot "$4" using 2:xtic(1) title "$5", "$6" using 2 title "$7"
GP
}
awk '{ split($1, a, "/"); print a[1], a[2], $2 / 1e6 }' $W/pps.med >$W/pps.dat
awk '$2 == 1 { print $1, $3 }' $W/pps.dat >$W/pps1.dat
awk '$2 == 65536 { print $1, $3 }' $W/pps.dat >$W/pps65k.dat
bars $OUT/pps.png "64-byte UDP through the director, one CPU (Mpps, median)" Mpps $W/pps1.dat "1 flow" $W/pps65k.dat "65536 flows"
awk '{ split($1, a, "/"); print a[1], a[2], $2 }' $W/tcp.med >$W/tcp.dat
awk '$2 == "cps" { print $1, $3 }' $W/tcp.dat >$W/cps.dat
awk '$2 == "keepalive" { print $1, $3 }' $W/tcp.dat >$W/ka.dat
bars $OUT/tcp.png "HTTP through the director (median)" "per second" $W/cps.dat "new connections/s" $W/ka.dat "keep-alive requests/s"
plots=""
for mode in direct routed routed-xdp nft haproxy xvs-nat xvs-dr; do
	f=$W/lat/lat-$mode-cps.txt
	[ -s $f ] || continue
	sort -g $f | awk -v n=$(wc -l <$f) '{ print $1, NR / n }' >$W/cdf-$mode.dat
	plots="$plots${plots:+, }\"$W/cdf-$mode.dat\" using 1:2 with lines title \"$mode\""
done
gnuplot <<GP
set terminal png size 900,450
set output "$OUT/latency.png"
set title "Latency of a new connection + request (CDF)"
set xlabel "ms"
set ylabel "fraction"
set logscale x
set key bottom right
plot $plots
GP
echo "== written: $OUT/results.md, $OUT/results.tsv, $OUT/pps.png, $OUT/tcp.png, $OUT/latency.png"
cat $OUT/results.md
