#!/bin/bash
# TCP benchmark with real HTTP servers (test/testbed.sh: a client, a
# one-arm director, three real servers), interleaved rounds of
#   direct   client to the three real servers on the segment, in turn
#            (the ceiling: the same servers, the same spread, no director)
#   routed   the same through the director as a plain router (kernel
#            forwarding, no load balancing): what the hop alone costs
#   routed-xdp  routed with a do-nothing XDP program on the director's
#            interface: what XDP on a veth costs any XDP balancer
# (both from a second client address: their connections would otherwise
# leave TIME_WAIT sockets on the servers for the very client address and
# port pairs NAT and nftables connections reuse next, and those SYNs stall)
#   nft      nftables DNAT on the director (numgen over the 3 servers)
#   haproxy  HAProxy in TCP mode on the director
#   xvs-nat, xvs-dr
# measuring new connections per second (one request per connection) and
# keep-alive requests per second, with p50/p99 latency.
#
#   bench/tcp.sh [SECONDS] [ROUNDS] [OUTDIR]     (default 5 s, 3 rounds)
#
# Prints "mode test round requests rps p50_ms p99_ms errors" lines; latency
# samples go to OUTDIR/lat-MODE-TEST.txt (last round).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-5}; ROUNDS=${2:-3}; OUT=${3:-$(mktemp -d)}
P=xvst$$
VIP=198.18.0.100
WORK=$(mktemp -d /tmp/xvs-tcp.XXXXXX)
XVSD_PID= HAPROXY_PID=
n() { local ns=$1; shift; ip netns exec "$P-$ns" "$@"; }
cleanup() {
	stop_mode
	bash test/testbed.sh down $P
	mountpoint -q $WORK/bpf && umount $WORK/bpf
	rm -rf $WORK
}
trap cleanup EXIT
go build -o $WORK/httpload ./bench/httpload
go build -o $WORK/pktgen ./bench/pktgen

XVS_RS=$PWD/bin/xvs-rs bash test/testbed.sh up $P
DIRECT_SRC=198.19.0.3
n c ip addr add $DIRECT_SRC/24 dev eth0
for i in 1 2 3; do
	n r$i bin/xvs-backend -name rs$i -listen :80 >/dev/null 2>&1 &
done
sleep 0.5
mkdir -p $WORK/bpf && mount -t bpf bpffs $WORK/bpf

stop_mode() {
	[ -n "$XVSD_PID" ] && { kill $XVSD_PID 2>/dev/null; wait $XVSD_PID 2>/dev/null || true; XVSD_PID=
		n d bin/xvsd --detach --pin-path $WORK/bpf/xvs >/dev/null 2>&1 || true; rm -rf $WORK/state; }
	[ -n "$HAPROXY_PID" ] && { kill $HAPROXY_PID 2>/dev/null; wait $HAPROXY_PID 2>/dev/null || true; HAPROXY_PID=; }
	n d nft delete table ip xvsbench 2>/dev/null || true
	n d ip addr del $VIP/32 dev lo 2>/dev/null || true
	n d ip link set eth0 xdp off 2>/dev/null || true # routed-xdp's (xvsd detached its own)
	for i in 1 2 3; do
		n c ip route del 198.18.0.1$i/32 2>/dev/null || true
		n r$i ip route del $DIRECT_SRC/32 2>/dev/null || true
	done
	for i in 1 2 3; do n r$i bin/xvs-rs undo --vip $VIP --dev eth0 >/dev/null 2>&1 || true; done
	return 0
}

start_mode() {
	case $1 in
	direct)
		for i in 1 2 3; do
			n c ip route add 198.18.0.1$i/32 dev eth0
			n r$i ip route add $DIRECT_SRC/32 dev eth0
		done
		;;
	routed) ;; # the testbed's routes already go through the director
	routed-xdp) n d bin/xvs-rs napi --dev eth0 ;;
	nft)
		n d ip addr add $VIP/32 dev lo
		n d nft -f - <<NFT
table ip xvsbench {
	chain pre {
		type nat hook prerouting priority dstnat;
		ip daddr $VIP tcp dport 80 dnat to numgen inc mod 3 map { 0 : 198.18.0.11, 1 : 198.18.0.12, 2 : 198.18.0.13 }
	}
}
NFT
		;;
	haproxy)
		n d ip addr add $VIP/32 dev lo
		cat >$WORK/haproxy.cfg <<CFG
global
	maxconn 8000
defaults
	mode tcp
	timeout connect 2s
	timeout client 10s
	timeout server 10s
frontend f
	bind $VIP:80
	default_backend b
backend b
	balance roundrobin
	server rs1 198.18.0.11:80
	server rs2 198.18.0.12:80
	server rs3 198.18.0.13:80
CFG
		ip netns exec $P-d haproxy -f $WORK/haproxy.cfg -db >/dev/null 2>&1 &
		HAPROXY_PID=$!
		sleep 0.5
		;;
	xvs-*)
		ip netns exec $P-d bin/xvsd --socket $WORK/x.sock --state-dir $WORK/state --attach eth0 --pin-path $WORK/bpf/xvs >$WORK/xvsd.log 2>&1 &
		XVSD_PID=$!
		for _ in $(seq 600); do [ -S $WORK/x.sock ] && break; sleep 0.05; done
		local fwd=-m
		if [ "$1" = xvs-dr ]; then
			fwd=-g
			for i in 1 2 3; do n r$i bin/xvs-rs dr --vip $VIP; done
		fi
		XVS_SOCKET=$WORK/x.sock bin/ipvsadm -A -t $VIP:80 -s rr
		for i in 1 2 3; do XVS_SOCKET=$WORK/x.sock bin/ipvsadm -a -t $VIP:80 -r 198.18.0.1$i:80 $fwd; done
		;;
	esac
}

for round in $(seq "$ROUNDS"); do
	for mode in ${MODES:-direct routed routed-xdp nft haproxy xvs-nat xvs-dr}; do
		start_mode $mode
		url=http://$VIP/ src=198.19.0.2
		case $mode in direct | routed*) url=http://198.18.0.11/,http://198.18.0.12/,http://198.18.0.13/ src=$DIRECT_SRC ;; esac
		for test in cps keepalive; do
			res=$(n c $WORK/httpload -url $url -src $src -c 16 -d ${SECS}s -mode $test -samples $OUT/lat-$mode-$test.txt)
			echo "$mode $test $round $res"
		done
		stop_mode
	done
done

# SYN flood: 3 M SYNs from 1 M spoofed sources (198.18.128.0/17 addresses
# and ports, unroutable from the director) at full rate, sent from the
# client's namespace while the real clients connect to the xvs NAT service.
if [ "${SYNFLOOD:-1}" = 1 ]; then
	start_mode xvs-nat
	n sw bin/xvs-rs napi --dev p-c # the generator's frames need NAPI on the bridge port
	res=$(n c $WORK/httpload -url http://$VIP/ -c 16 -d ${SECS}s -mode cps)
	echo "xvs-nat cps-before-flood 1 $res"
	ip netns exec $P-c $WORK/pktgen send --dev eth0 --dst-mac "$(n d cat /sys/class/net/eth0/address)" \
		--src 198.18.128.0 --dst $VIP --dport 80 --syn --flows 1048576 --count 3000000 >$WORK/flood.out &
	flood=$!
	sleep 0.2
	res=$(n c $WORK/httpload -url http://$VIP/ -c 16 -d ${SECS}s -mode cps)
	echo "xvs-nat cps-under-flood 1 $res"
	wait $flood
	echo "flood-sent $(cut -d' ' -f2,4 $WORK/flood.out)"
	echo "flood-conns $(XVS_SOCKET=$WORK/x.sock bin/ipvsadm -Lcn | grep -c SYN_RECV || true)"
	res=$(n c $WORK/httpload -url http://$VIP/ -c 16 -d ${SECS}s -mode cps)
	echo "xvs-nat cps-after-flood 1 $res"
	stop_mode
fi
