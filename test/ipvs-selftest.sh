#!/bin/bash
# The kernel's IPVS selftest (tools/testing/selftests/net/netfilter/ipvs.sh)
# run against xvs: the same three namespaces, the same ipvsadm commands, the
# same 32-byte socat transfer compared with cmp, for DR, NAT and TUN. What
# differs: RFC 2544 addresses instead of 10.0.0.0/24, 172.16.0.0/24 and
# 207.175.44.110; xvsd with XDP on the director's two arms instead of
# ip_vs; xvs-rs instead of the ipip module on the real server.
#
#   test/ipvs-selftest.sh BINDIR PREFIX [--napi]
#
# --napi puts an XDP program on the director's veth peers (fast path);
# without it frames leave the director through the kernel (tc redirect).
set -euo pipefail
BIN=$1; P=$2; NAPI=${3:-}
VIP=198.18.3.110
PORT=8080
WORK=$(mktemp -d)
ns0=$P-ns0 ns1=$P-ns1 ns2=$P-ns2

n() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

cleanup() {
	for ns in $ns0 $ns1 $ns2; do
		ip netns pids $ns 2>/dev/null | xargs -r kill 2>/dev/null || true
	done
	if mountpoint -q $WORK/bpf; then umount $WORK/bpf; fi
	for ns in $ns0 $ns1 $ns2; do ip netns del $ns 2>/dev/null || true; done
	rm -rf $WORK
}
trap cleanup EXIT

setup() {
	cleanup_ns
	for ns in $ns0 $ns1 $ns2; do ip netns add $ns; n $ns ip link set lo up; done
	ip link add veth01 netns $ns0 type veth peer name veth10 netns $ns1
	ip link add veth02 netns $ns0 type veth peer name veth20 netns $ns2
	ip link add veth12 netns $ns1 type veth peer name veth21 netns $ns2
	n $ns0 ip link add br0 type bridge
	n $ns0 ip link set veth01 master br0
	n $ns0 ip link set veth02 master br0
	n $ns0 ip link set br0 up
	n $ns0 ip link set veth01 up
	n $ns0 ip link set veth02 up
	n $ns0 ip addr add 198.18.1.2/24 dev br0
	n $ns1 ip link set veth10 up
	n $ns1 ip addr add 198.18.1.1/24 dev veth10
	n $ns1 ip link set veth12 up
	n $ns1 ip addr add 198.18.2.1/24 dev veth12
	n $ns2 ip link set veth21 up
	n $ns2 ip addr add 198.18.2.2/24 dev veth21
	n $ns2 ip link set veth20 up
	n $ns2 ip addr add 198.18.1.3/24 dev veth20
	n $ns0 ip route add $VIP via 198.18.1.1 dev br0
	# XDP frames keep no checksum offload state: senders checksum in full.
	for x in "$ns0 br0" "$ns0 veth01" "$ns2 veth21" "$ns2 veth20"; do
		set -- $x; n $1 ethtool -K $2 tx off >/dev/null 2>&1 || true
	done
	if [ "$NAPI" = --napi ]; then
		n $ns0 $BIN/xvs-rs napi --dev veth01
		n $ns2 $BIN/xvs-rs napi --dev veth21
	fi
	mkdir -p $WORK/bpf
	mountpoint -q $WORK/bpf || mount -t bpf bpffs $WORK/bpf
}

cleanup_ns() {
	for ns in $ns0 $ns1 $ns2; do
		ip netns pids $ns 2>/dev/null | xargs -r kill 2>/dev/null || true
		ip netns del $ns 2>/dev/null || true
	done
	rm -rf $WORK/bpf/xvs $WORK/state
}

start_xvsd() {
	n $ns1 $BIN/xvsd --socket $WORK/xvsd.sock --state-dir $WORK/state --attach veth10,veth12 \
		--pin-path $WORK/bpf/xvs >>$WORK/xvsd.log 2>&1 &
	local pid=$!
	# Loading and verifying the datapath takes well under a second on an idle
	# machine but several on a loaded one (CI): wait up to 30 s, or until
	# xvsd has exited.
	for _ in $(seq 600); do
		[ -S $WORK/xvsd.sock ] && return 0
		kill -0 $pid 2>/dev/null || break
		sleep 0.05
	done
	echo "xvsd did not start:"; cat $WORK/xvsd.log; return 1
}

ipvsadm() { XVS_SOCKET=$WORK/xvsd.sock n $ns1 $BIN/ipvsadm "$@"; }

# client_server: the selftest's check, 32 random bytes through the VIP.
client_server() {
	dd if=/dev/urandom of=$WORK/infile bs=32 count=1 status=none
	rm -f $WORK/outfile
	n $ns2 timeout 5 socat -u -4 TCP-LISTEN:$PORT,reuseaddr STDOUT >$WORK/outfile &
	local srv=$!
	# The selftest sleeps; on a loaded machine the listener may be later:
	# wait for it (up to 3 s) instead.
	for _ in $(seq 60); do
		n $ns2 ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q LISTEN && break
		sleep 0.05
	done
	n $ns0 timeout 2 socat -u -4 STDIN TCP:$VIP:$PORT <$WORK/infile
	wait $srv || true
	cmp -s $WORK/infile $WORK/outfile
}

test_dr() {
	n $ns1 sysctl -qw net.ipv4.ip_forward=1
	start_xvsd
	ipvsadm -A -t $VIP:$PORT -s rr
	ipvsadm -a -t $VIP:$PORT -r 198.18.2.2:$PORT
	n $ns1 ip addr replace $VIP/32 dev lo
	n $ns2 sysctl -qw net.ipv4.conf.all.arp_ignore=1
	n $ns2 sysctl -qw net.ipv4.conf.all.arp_announce=2
	n $ns2 sysctl -qw net.ipv4.conf.all.rp_filter=0
	n $ns2 sysctl -qw net.ipv4.conf.veth21.rp_filter=0
	n $ns2 ip addr add $VIP/32 dev lo
	client_server
}

test_nat() {
	n $ns1 sysctl -qw net.ipv4.ip_forward=1
	start_xvsd
	ipvsadm -A -t $VIP:$PORT -s rr
	ipvsadm -a -m -t $VIP:$PORT -r 198.18.2.2:$PORT
	n $ns1 ip addr replace $VIP/32 dev lo
	n $ns2 ip link del veth20
	n $ns2 ip route add default via 198.18.2.1 dev veth21
	client_server
}

test_tun() {
	n $ns1 sysctl -qw net.ipv4.ip_forward=0
	n $ns1 sysctl -qw net.ipv4.conf.all.send_redirects=0
	n $ns1 sysctl -qw net.ipv4.conf.default.send_redirects=0
	start_xvsd
	ipvsadm -A -t $VIP:$PORT -s rr
	ipvsadm -a -i -t $VIP:$PORT -r 198.18.2.2:$PORT
	n $ns1 ip addr replace $VIP/32 dev lo
	n $ns2 $BIN/xvs-rs tun --vip $VIP --type ipip --dev veth21
	n $ns2 sysctl -qw net.ipv4.conf.all.rp_filter=0
	n $ns2 sysctl -qw net.ipv4.conf.veth21.rp_filter=0
	client_server
}

# diagnose: what a failed run leaves behind, for the log.
diagnose() {
	ipvsadm -Ln --stats 2>&1 || true
	ipvsadm -Lnc 2>&1 || true
	for x in "$ns0 br0" "$ns1 veth10" "$ns1 veth12" "$ns2 veth21"; do
		set -- $x; n $1 ip -s link show $2 2>&1 | sed "s/^/$1 /" || true
	done
	ls $WORK/bpf/xvs 2>&1 | tr '\n' ' '; echo
	n $ns1 bpftool map dump pinned $WORK/bpf/xvs/events 2>&1 | grep -E '"key"|value' | tr -d ' \n'; echo
	n $ns1 ip neigh 2>&1 | sed "s/^/$ns1 neigh /" || true
	n $ns2 ip neigh 2>&1 | sed "s/^/$ns2 neigh /" || true
	n $ns2 tc -s filter show dev veth21 ingress 2>&1 | sed "s/^/$ns2 tc /" || true
	n $ns2 nstat -az 2>/dev/null | grep -E 'TcpExt(ListenDrops|TCPReqQFull)|IpInHdrErrors|IpInAddrErrors|TcpInErrs|TcpActiveOpens|TcpPassiveOpens|IpExtInNoRoutes|TcpAttemptFails' | sed "s/^/$ns2 /" || true
	n $ns0 nstat -az 2>/dev/null | grep -E 'TcpActiveOpens|TcpAttemptFails|TcpRetransSegs|TcpOutRsts|TcpInSegs' | sed "s/^/$ns0 /" || true
}

rc=0
for t in dr nat tun; do
	setup
	if test_$t; then
		echo "ipvs.sh: $t PASS"
	else
		echo "ipvs.sh: $t FAIL"; cat $WORK/xvsd.log; diagnose; rc=1
	fi
	pkill -f "xvsd --socket $WORK/xvsd.sock" 2>/dev/null || true
	sleep 0.2
	n $ns1 $BIN/xvsd --detach --pin-path $WORK/bpf/xvs >/dev/null 2>&1 || true
done
exit $rc
