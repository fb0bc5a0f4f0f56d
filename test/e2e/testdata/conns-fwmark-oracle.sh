#!/bin/bash
# Connection listings of the real IPVS (kernel 6.1, ipvsadm 1.31) for fwmark
# services: what TestConnListingsFwmark compares xvs with. Refresh the
# recording with
#   run-ipvs.sh -t 120 test/e2e/testdata/conns-fwmark-oracle.sh > test/e2e/testdata/conns-fwmark-kernel.txt
# Topology as in conns6-oracle.sh. Services (rr, real servers r1, r2, r3):
#   NAT  fwmark 1 -p 300 -M 255.255.255.0   (TCP 198.18.0.104:86)        1 held connection
#   DR   fwmark 2 -6 -p 300                  (TCP [2001:db8:18::101]:86)  1 held connection
#   NAT  fwmark 3                            (TCP 198.18.0.104:87)        1 held connection
# Each listing is printed between "== ipvsadm ARGS" lines.
set -u
n() { ns=$1; shift; ip netns exec "$ns" "$@"; }

ip link add br0 type bridge
ip link set br0 up
ip link set lo up
ip addr add 198.18.0.1/24 dev br0
ip addr add 198.19.0.1/24 dev br0
ip -6 addr add 2001:db8:18::1/64 dev br0 nodad
ip -6 addr add 2001:db8:19::1/64 dev br0 nodad
for v in 101 104; do ip addr add 198.18.0.$v/32 dev lo; ip -6 addr add 2001:db8:18::$v/128 dev lo; done
sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.br0.send_redirects=0
modprobe ipip

port() { # NS: a veth from NS (eth0) to br0
	ip netns add "$1"
	ip link add eth0 netns "$1" type veth peer name "p-$1"
	ip link set "p-$1" master br0 up
	n "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
	n "$1" ip link set eth0 up
	n "$1" ip link set lo up
}
port c
n c ip addr add 198.19.0.2/24 dev eth0
n c ip -6 addr add 2001:db8:19::2/64 dev eth0 nodad
n c ip route add 198.18.0.0/24 via 198.19.0.1
n c ip -6 route add 2001:db8:18::/64 via 2001:db8:19::1
for i in 1 2 3; do
	r=r$i
	port $r
	n $r ip addr add 198.18.0.1$i/24 dev eth0
	n $r ip -6 addr add 2001:db8:18::1$i/64 dev eth0 nodad
	n $r ip route add default via 198.18.0.1
	n $r ip -6 route add default via 2001:db8:18::1
	n $r ip addr add 198.18.0.102/32 dev lo
	n $r ip -6 addr add 2001:db8:18::101/128 dev lo
	n $r ip link set tunl0 up
	n $r sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0 net.ipv4.conf.tunl0.rp_filter=0
	n $r ip route add 198.19.0.0/24 dev eth0 table 100
	n $r ip rule add from 198.18.0.102 lookup 100
	n $r ip -6 route add 2001:db8:19::/64 dev eth0 table 100
	n $r ip -6 rule add from 2001:db8:18::101 lookup 100
	n $r probe serve rs$i tcp:198.18.0.1$i:86 tcp:198.18.0.1$i:87 "tcp:[2001:db8:18::101]:86" &
done
nft add table inet m
nft add chain inet m pre '{ type filter hook prerouting priority -150; }'
nft add rule inet m pre ip daddr 198.18.0.104 tcp dport 86 meta mark set 1
nft add rule inet m pre ip6 daddr 2001:db8:18::101 tcp dport 86 meta mark set 2
nft add rule inet m pre ip daddr 198.18.0.104 tcp dport 87 meta mark set 3
sleep 1
ipvsadm -A -f 1 -s rr -p 300 -M 255.255.255.0
ipvsadm -A -f 2 -6 -s rr -p 300
ipvsadm -A -f 3 -s rr
for i in 1 2 3; do
	ipvsadm -a -f 1 -r 198.18.0.1$i:86 -m
	ipvsadm -a -f 2 -6 -r [2001:db8:18::1$i]:86 -g
	ipvsadm -a -f 3 -r 198.18.0.1$i:87 -m
done

hold() { # VIP:PORT TAG SRC: a connection held open (stdin of probe stays open)
	mkfifo "/tmp/hold$2"
	(n c probe tcp -hold "$1" "$3" < "/tmp/hold$2" > "/tmp/hold$2.out" &)
	exec {fd}>"/tmp/hold$2"
	eval "hold_fd$2=$fd"
	sleep 1
}
hold 198.18.0.104:86 1 198.19.0.2:0
hold '[2001:db8:18::101]:86' 2 '[2001:db8:19::2]:0'
hold 198.18.0.104:87 3 198.19.0.2:0
sleep 1
cat /tmp/hold*.out

for cmd in "-Lcn" "-Lc" "-Ln" "-Ln --persistent-conn" "-Ln --stats"; do
	echo "== ipvsadm $cmd"
	ipvsadm $cmd 2>&1
	echo "rc=$?"
done
cat /proc/net/ip_vs_conn
