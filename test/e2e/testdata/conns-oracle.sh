#!/bin/bash
# The connection listings of the real IPVS (kernel 6.1, ipvsadm 1.31) with
# live connections: what TestConnListings compares xvs with. Runs in the
# project's IPVS oracle VM (a throw-away QEMU guest with the ip_vs modules,
# ipvsadm and the probe tool); refresh the recording with
#   run-ipvs.sh -t 120 test/e2e/testdata/conns-oracle.sh > test/e2e/testdata/conns-kernel.txt
# The topology is test/testbed.sh's: client 198.19.0.2, director (here the
# VM's own namespace) 198.18.0.1 + 198.19.0.1, real servers
# 198.18.0.11-13 on one bridge. Services (rr, real servers added r1, r2, r3):
#   NAT  TCP 198.18.0.100:81          3 held connections, then 1 closed
#   DR   TCP 198.18.0.101:82          3 held connections, then 1 closed
#   NAT  UDP 198.18.0.100:83          2 datagrams
#   NAT  TCP 198.18.0.100:84 -p 300   2 held connections (one template)
#   NAT  TCP 198.18.0.100:85 -p 300 -M 255.255.255.0   1 held connection
#   NAT  fwmark 1 -p 300 (TCP 198.18.0.104:86)          1 held connection
# Each listing is printed between "== COMMAND" lines, as the kernel gives it.
set -u
n() { ns=$1; shift; ip netns exec "$ns" "$@"; }

ip link add br0 type bridge
ip link set br0 up
ip link set lo up
ip addr add 198.18.0.1/24 dev br0
ip addr add 198.19.0.1/24 dev br0
for v in 100 101 104; do ip addr add 198.18.0.$v/32 dev lo; done
sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.br0.send_redirects=0

port() { # NS: a veth from NS (eth0) to br0
	ip netns add "$1"
	ip link add eth0 netns "$1" type veth peer name "p-$1"
	ip link set "p-$1" master br0 up
	n "$1" ip link set eth0 up
	n "$1" ip link set lo up
}
port c
n c ip addr add 198.19.0.2/24 dev eth0
n c ip route add 198.18.0.0/24 via 198.19.0.1
for i in 1 2 3; do
	r=r$i
	port $r
	n $r ip addr add 198.18.0.1$i/24 dev eth0
	n $r ip route add default via 198.18.0.1
	n $r ip addr add 198.18.0.101/32 dev lo
	n $r sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
	n $r ip route add 198.19.0.0/24 dev eth0 table 100
	n $r ip rule add from 198.18.0.101 lookup 100
	n $r probe serve rs$i tcp:198.18.0.1$i:81 tcp:198.18.0.101:82 udp:198.18.0.1$i:83 \
		tcp:198.18.0.1$i:84 tcp:198.18.0.1$i:85 tcp:198.18.0.1$i:86 &
done

nft add table ip m
nft add chain ip m pre '{ type filter hook prerouting priority -150; }'
nft add rule ip m pre ip daddr 198.18.0.104 tcp dport 86 meta mark set 1

ipvsadm -A -t 198.18.0.100:81 -s rr
ipvsadm -A -t 198.18.0.101:82 -s rr
ipvsadm -A -u 198.18.0.100:83 -s rr
ipvsadm -A -t 198.18.0.100:84 -s rr -p 300
ipvsadm -A -t 198.18.0.100:85 -s rr -p 300 -M 255.255.255.0
ipvsadm -A -f 1 -s rr -p 300
for i in 1 2 3; do
	ipvsadm -a -t 198.18.0.100:81 -r 198.18.0.1$i:81 -m
	ipvsadm -a -t 198.18.0.101:82 -r 198.18.0.1$i:82 -g
	ipvsadm -a -u 198.18.0.100:83 -r 198.18.0.1$i:83 -m
	ipvsadm -a -t 198.18.0.100:84 -r 198.18.0.1$i:84 -m
	ipvsadm -a -t 198.18.0.100:85 -r 198.18.0.1$i:85 -m
	ipvsadm -a -f 1 -r 198.18.0.1$i:86 -m
done
sleep 1

hold() { # VIP:PORT N: N connections held open (stdin of probe stays open)
	local src=() k
	for k in $(seq "$2"); do src+=(198.19.0.2:0); done
	mkfifo "/tmp/hold$3"
	(n c probe tcp -hold "$1" "${src[@]}" < "/tmp/hold$3" > "/tmp/hold$3.out" &)
	exec {fd}>"/tmp/hold$3"
	eval "hold_fd$3=$fd"
}
hold 198.18.0.100:81 3 1
hold 198.18.0.101:82 3 2
hold 198.18.0.100:84 2 3
hold 198.18.0.100:85 1 4
hold 198.18.0.104:86 1 5
sleep 2
n c probe tcp 198.18.0.100:81 198.19.0.2:0
n c probe tcp 198.18.0.101:82 198.19.0.2:0
n c probe udp 198.18.0.100:83 198.19.0.2:0 198.19.0.2:0
sleep 3
cat /tmp/hold*.out | sort

for cmd in "-Lcn" "-Lc" "-Lcn --persistent-conn" "-Lc --persistent-conn" "-Ln" "-Ln --persistent-conn" "-Ln --stats" "-Ln --stats --exact"; do
	echo "== ipvsadm $cmd"
	ipvsadm $cmd
	echo "rc=$?"
done
echo "== cat /proc/net/ip_vs_conn"
cat /proc/net/ip_vs_conn
