#!/bin/bash
# Packet-rate benchmark: 64-byte UDP through a two-arm director in network
# namespaces, on one director CPU, interleaved runs of
#   fwd      plain kernel IPv4 forwarding (the reference)
#   nft      nftables DNAT load balancing (numgen over the 3 real servers)
#   xdp-fwd  plain XDP forwarding (the kernel's xdp_fwd sample): the ceiling
#            of XDP on this rig, what xvs's balancing adds its cost to
#   xvs-nat  xvs NAT, xvs-dr  xvs DR, xvs-tun  xvs TUN (IPIP)
# with 1 flow and 65 536 flows. The generator is the kernel's XDP live-frames
# test run (bench/pktgen), pinned to CPU 0; the director's receive NAPI runs
# as a thread pinned to CPU 1; the real servers' side counts with an XDP sink.
# (The sink's NAPI runs on the director's CPU too, where the veth hands it
# the frames: on the generator's CPU it starved, and the result measured the
# sink.)
#
#   bench/pps.sh [PACKETS] [ROUNDS] [MODES...]     (default 2000000 packets, 3 rounds, all modes)
#
# Prints "mode flows round offered_pps delivered_pps" lines on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000000}; ROUNDS=${2:-3}; shift 2 || true
MODES=${*:-fwd nft xdp-fwd xvs-nat xvs-dr xvs-tun}
P=xvsb$$
G=$P-g D=$P-d S=$P-s
VIP=198.18.2.100
WORK=$(mktemp -d /tmp/xvs-pps.XXXXXX)
PKTGEN=$WORK/pktgen
XVSD_PID=

n() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

cleanup() {
	stop_xvsd
	for ns in $G $D $S; do ip netns del $ns 2>/dev/null || true; done
	mountpoint -q $WORK/bpf && umount $WORK/bpf
	rm -rf $WORK
}
trap cleanup EXIT

go build -o $PKTGEN ./bench/pktgen

setup() {
	for ns in $G $D $S; do ip netns add $ns; n $ns ip link set lo up; done
	ip link add g0 netns $G type veth peer name d0 netns $D
	ip link add d1 netns $D type veth peer name s0 netns $S
	n $G ip link set g0 up
	n $D ip link set d0 up
	n $D ip link set d1 up
	n $S ip link set s0 up
	n $G ip addr add 198.18.0.2/24 dev g0
	n $D ip addr add 198.18.0.1/24 dev d0
	n $D ip addr add 198.18.1.1/24 dev d1
	for i in 11 12 13; do n $S ip addr add 198.18.1.$i/24 dev s0; done
	n $D sysctl -qw net.ipv4.ip_forward=1
	local smac gmac
	smac=$(n $S cat /sys/class/net/s0/address)
	gmac=$(n $G cat /sys/class/net/g0/address)
	for i in 11 12 13; do n $D ip neigh replace 198.18.1.$i lladdr $smac dev d1 nud permanent; done
	for i in $(seq 2 6); do n $D ip neigh replace 198.18.0.$i lladdr $gmac dev d0 nud permanent; done
	n $S $PKTGEN sink --dev s0
	mkdir -p $WORK/bpf
	mountpoint -q $WORK/bpf || mount -t bpf bpffs $WORK/bpf
}

# pin_napi DEV CPU: run DEV's receive processing as a thread on CPU.
pin_napi() {
	n $D sh -c "echo 1 > /sys/class/net/$1/threaded"
	local pid
	for pid in $(pgrep "^napi/$1-" || true); do taskset -p -c "$2" "$pid" >/dev/null; done
}

stop_xvsd() {
	if [ -n "$XVSD_PID" ]; then
		kill $XVSD_PID 2>/dev/null || true
		wait $XVSD_PID 2>/dev/null || true
		XVSD_PID=
		n $D bin/xvsd --detach --pin-path $WORK/bpf/xvs >/dev/null 2>&1 || true
		rm -rf $WORK/state $WORK/x.sock
	fi
	n $D ip link set d0 xdp off 2>/dev/null || true
	n $D nft delete table ip xvsbench 2>/dev/null || true
	n $D ip addr del $VIP/32 dev lo 2>/dev/null || true
}

start_mode() {
	case $1 in
	fwd | nft)
		n $D bin/xvs-rs napi --dev d0 # the generator's frames need NAPI on d0; a pass program
		if [ "$1" = nft ]; then
			n $D nft -f - <<NFT
table ip xvsbench {
	chain pre {
		type nat hook prerouting priority dstnat;
		ip daddr $VIP udp dport 80 dnat to numgen inc mod 3 map { 0 : 198.18.1.11, 1 : 198.18.1.12, 2 : 198.18.1.13 }
	}
}
NFT
		fi
		;;
	xdp-fwd)
		n $D $PKTGEN xdpfwd --dev d0 --out d1
		;;
	xvs-*)
		# The control plane (and its sweeper) works on the generator's CPU:
		# the director's CPU is the datapath's, as on a director with
		# cores set aside for it.
		taskset -c 0 ip netns exec $D bin/xvsd --socket $WORK/x.sock --state-dir $WORK/state --attach d0,d1 --pin-path $WORK/bpf/xvs >$WORK/xvsd.log 2>&1 &
		XVSD_PID=$!
		for _ in $(seq 600); do [ -S $WORK/x.sock ] && break; sleep 0.05; done
		local fwd=-m
		[ "$1" = xvs-dr ] && fwd=-g
		[ "$1" = xvs-tun ] && fwd=-i
		XVS_SOCKET=$WORK/x.sock bin/ipvsadm -A -u $VIP:80 -s rr
		for i in 11 12 13; do XVS_SOCKET=$WORK/x.sock bin/ipvsadm -a -u $VIP:80 -r 198.18.1.$i:80 $fwd; done
		;;
	esac
	pin_napi d0 1
}

# run MODE FLOWS: offered and delivered packets per second.
run() {
	local dst=$VIP before after out
	case $1 in fwd | xdp-fwd) dst=198.18.1.11 ;; esac
	before=$(n $S $PKTGEN count --dev s0)
	out=$(taskset -c 0 ip netns exec $G $PKTGEN send --dev g0 --dst-mac "$(n $D cat /sys/class/net/d0/address)" \
		--dst $dst --flows "$2" --count "$N")
	sleep 0.2
	after=$(n $S $PKTGEN count --dev s0)
	set -- $out
	local secs=$3 offered=$4
	echo "$offered $(echo "($after - $before) / $secs" | bc)"
}

# change_under_load: 200 kpps to a NAT service, first steady, then while
# `ipvsadm -R` applies 10 000 services x 4 destinations; prints
# "steady-loss|change-loss sent delivered".
change_under_load() {
	start_mode xvs-nat
	awk 'BEGIN { for (i = 0; i < 10000; i++) { v = sprintf("198.19.%d.%d:80", int(i / 256), i % 256)
		printf "-A -t %s -s wlc\n", v; for (j = 0; j < 4; j++) printf "-a -t %s -r 198.18.1.%d:8080 -m\n", v, 11 + j } }' >$WORK/rules
	local phase before after out restore
	for phase in steady change; do
		before=$(n $S $PKTGEN count --dev s0)
		restore=
		if [ $phase = change ]; then
			(sleep 0.5; XVS_SOCKET=$WORK/x.sock taskset -c 0 bin/ipvsadm -R <$WORK/rules) &
			restore=$!
		fi
		# The paced generator shares its CPU with the control plane: at a
		# real-time priority it keeps its pace (2% of the CPU) instead of
		# catching up after a stall with a burst that overflows the
		# director's 256-frame receive ring, loss the generator caused.
		out=$(taskset -c 0 chrt -f 50 ip netns exec $G $PKTGEN send --dev g0 --dst-mac "$(n $D cat /sys/class/net/d0/address)" \
			--dst $VIP --flows 1000 --count 600000 --rate 200000)
		[ -n "$restore" ] && wait $restore
		sleep 0.3
		after=$(n $S $PKTGEN count --dev s0)
		set -- $out
		echo "$phase-loss $2 $((after - before))"
	done
	stop_xvsd
}

setup
if [ "$MODES" = change ]; then
	change_under_load
	exit 0
fi
for round in $(seq "$ROUNDS"); do
	for mode in $MODES; do
		start_mode $mode
		for flows in ${FLOWS:-1 65536}; do
			echo "$mode $flows $round $(run $mode $flows)"
		done
		stop_xvsd
	done
done
