#!/bin/bash
# Connection listings of the real IPVS (kernel 6.1, ipvsadm 1.31) for UDP
# services with one-packet scheduling (--ops): what TestConnListingsOPS
# compares xvs with. Refresh the recording with
#   run-ipvs.sh -t 120 test/e2e/testdata/conns-ops-oracle.sh > test/e2e/testdata/conns-ops-kernel.txt
# Topology as in conns-oracle.sh. Services (rr, real servers r1, r2, r3),
# 3 datagrams each from 3 client ports:
#   NAT  UDP 198.18.0.100:83 --ops
#   NAT  UDP 198.18.0.100:53 --ops -p 300
#   DR   UDP 198.18.0.101:83 --ops
# Each listing is printed between "== ipvsadm ARGS" lines.
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
	n $r probe serve rs$i udp:198.18.0.1$i:83 udp:198.18.0.1$i:53 udp:198.18.0.101:83 &
done

ipvsadm -A -u 198.18.0.100:83 -s rr -o
ipvsadm -A -u 198.18.0.100:53 -s rr -o -p 300
ipvsadm -A -u 198.18.0.101:83 -s rr -o
for i in 1 2 3; do
	ipvsadm -a -u 198.18.0.100:83 -r 198.18.0.1$i:83 -m
	ipvsadm -a -u 198.18.0.100:53 -r 198.18.0.1$i:53 -m
	ipvsadm -a -u 198.18.0.101:83 -r 198.18.0.1$i:83 -g
done
sleep 1
for svc in 198.18.0.100:83 198.18.0.100:53 198.18.0.101:83; do
	n c probe udp -t 1 $svc 198.19.0.2:0 198.19.0.2:0 198.19.0.2:0
done
sleep 3
for cmd in "-Lcn" "-Ln" "-Ln --persistent-conn" "-Ln --stats"; do
	echo "== ipvsadm $cmd"
	ipvsadm $cmd 2>&1
	echo "rc=$?"
done
