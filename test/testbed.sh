#!/bin/bash
# The xvs testbed: one L2 segment (a bridge in its own namespace) with a
# client, a one-arm director and three real servers, all in network
# namespaces named PREFIX-*. Used by `make demo` and the end-to-end tests.
#
#   test/testbed.sh up PREFIX [--no-napi] [--backup]   build it (servers are not started)
#   test/testbed.sh down PREFIX              delete every namespace PREFIX-*
#
#   client   PREFIX-c   198.19.0.2/24   2001:db8:19::2/64   routes 198.18.0.0/24, 2001:db8:18::/64 via the director
#   director PREFIX-d   198.18.0.1/24 198.19.0.1/24   2001:db8:18::1/64 2001:db8:19::1/64   (interface eth0)
#   rsN      PREFIX-rN  198.18.0.1N/24  2001:db8:18::1N/64  default route via the director (NAT replies);
#                       replies from a VIP (DR/TUN) go straight to the client (policy route, table 100)
#   switch   PREFIX-sw  bridge br0
#   backup   PREFIX-d2  198.18.0.2/24 198.19.0.3/24   2001:db8:18::2/64 2001:db8:19::3/64   (with --backup: a
#                       second director on the segment, for connection sync and failover; clients and real
#                       servers move to it by changing their routes)
#
# The director's eth0 peer is a bridge port with an XDP program (xvs-rs napi),
# so frames XDP sends into it are delivered. With --no-napi it has none: the
# case where XDP_TX/XDP_REDIRECT into a veth drops silently, which xvsd must
# detect (it then sends through the kernel). XVS_RS names the xvs-rs binary.
set -euo pipefail

usage() { echo "usage: $0 up|down PREFIX [--no-napi] [--backup]" >&2; exit 2; }
cmd=${1:-}; P=${2:-}
[ -n "$cmd" ] && [ -n "$P" ] || usage
napi=1 backup=0
for opt in "${@:3}"; do
	case $opt in
	--no-napi) napi=0;;
	--backup) backup=1;;
	*) usage;;
	esac
done
XVS_RS=${XVS_RS:-$(cd "$(dirname "$0")/.." && pwd)/bin/xvs-rs}

VIPS4="198.18.0.100 198.18.0.101 198.18.0.102 198.18.0.103 198.18.0.104"
VIPS6="2001:db8:18::100 2001:db8:18::101 2001:db8:18::102 2001:db8:18::103 2001:db8:18::104"

n() { ip netns exec "$P-$1" "${@:2}"; }

down() {
	for ns in $(ip netns list | awk '{print $1}' | grep -E "^$P-" || true); do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
		ip netns del "$ns" 2>/dev/null || true
	done
}

# port NS IFNAME: a veth from namespace NS (as IFNAME) to a port of the bridge.
port() {
	local ns=$1 ifn=$2 peer="p-${1}"
	ip link add "$ifn" netns "$P-$ns" type veth peer name "$peer" netns "$P-sw"
	n sw ip link set "$peer" master br0 up
	n "$ns" ip link set "$ifn" up
	n "$ns" ip link set lo up
}

up() {
	down
	local directors="d"
	[ $backup = 1 ] && directors="d d2"
	for ns in sw c $directors r1 r2 r3; do ip netns add "$P-$ns"; done
	n sw ip link add br0 type bridge
	n sw ip link set br0 up
	n sw sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	for ns in c $directors r1 r2 r3; do port "$ns" eth0; done
	if [ $napi = 1 ]; then for d in $directors; do n sw "$XVS_RS" napi --dev "p-$d"; done; fi
	# Senders compute full checksums: a frame XDP redirects leaves its skb
	# (and a partial checksum's offload state) behind. Physical NICs deliver
	# full checksums anyway; veth senders need tx checksumming off.
	for ns in c r1 r2 r3; do n $ns ethtool -K eth0 tx off >/dev/null 2>&1 || true; done

	n c ip addr add 198.19.0.2/24 dev eth0
	n c ip -6 addr add 2001:db8:19::2/64 dev eth0 nodad
	n c ip route add 198.18.0.0/24 via 198.19.0.1
	n c ip -6 route add 2001:db8:18::/64 via 2001:db8:19::1

	director d 1 1
	[ $backup = 1 ] && director d2 2 3

	for i in 1 2 3; do
		local r=r$i
		n $r ip addr add 198.18.0.1$i/24 dev eth0
		n $r ip -6 addr add 2001:db8:18::1$i/64 dev eth0 nodad
		n $r ip route add default via 198.18.0.1
		n $r ip -6 route add default via 2001:db8:18::1
		# Replies from a VIP (DR, TUN) go straight to the client on the segment.
		n $r ip route add 198.19.0.0/24 dev eth0 table 100
		n $r ip -6 route add 2001:db8:19::/64 dev eth0 table 100
		for v in $VIPS4; do n $r ip rule add from "$v" lookup 100; done
		for v in $VIPS6; do n $r ip -6 rule add from "$v" lookup 100; done
		n $r sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
	done
	# The client answers ARP/NDP for itself; real servers reach it on-link.
	n c sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
	for ns in c $directors r1 r2 r3; do n $ns sysctl -qw net.ipv6.conf.eth0.accept_dad=0 2>/dev/null || true; done
}

# director NS N M: a director with 198.18.0.N (servers' side) and 198.19.0.M
# (clients' side) on eth0, forwarding.
director() {
	local ns=$1 rs_side=$2 client_side=$3
	n "$ns" ip addr add "198.18.0.$rs_side/24" dev eth0
	n "$ns" ip addr add "198.19.0.$client_side/24" dev eth0
	n "$ns" ip -6 addr add "2001:db8:18::$rs_side/64" dev eth0 nodad
	n "$ns" ip -6 addr add "2001:db8:19::$client_side/64" dev eth0 nodad
	n "$ns" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	n "$ns" sysctl -qw net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.eth0.send_redirects=0
}

case $cmd in
up) up;;
down) down;;
*) usage;;
esac
