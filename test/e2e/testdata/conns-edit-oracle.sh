#!/bin/bash
# Connection listings of the real IPVS (kernel 6.1, ipvsadm 1.31) while the
# table changes under live connections, and -L -c with other list options:
# what TestConnListingsEdit compares xvs with. Refresh the recording with
#   run-ipvs.sh -t 120 test/e2e/testdata/conns-edit-oracle.sh > test/e2e/testdata/conns-edit-kernel.txt
# Topology and services are conns-oracle.sh's. With 3 connections held on
# NAT 198.18.0.100:81 and on DR 198.18.0.101:82 and 2 on the persistent
# 198.18.0.100:84, in steps:
#   opts    -L -c with --exact, --nosort, --tun-info, --stats, -t
#   quiesce 198.18.0.13:81 gets weight 0
#   deldest 198.18.0.12:81 is deleted
#   delsvc  198.18.0.101:82 is deleted
#   zero    ipvsadm -Z
# Each listing is printed between "== STEP ipvsadm ARGS" lines.
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
sleep 2
cat /tmp/hold*.out | sort

list() { # STEP ARGS...
	local step=$1 cmd
	shift
	for cmd in "$@"; do
		echo "== $step ipvsadm $cmd"
		ipvsadm $cmd 2>&1
		echo "rc=$?"
	done
}
list opts "-Lcn --exact" "-Lcn --nosort" "-Lcn --tun-info" "-Lcn --stats" "-Lcn --rate" "-Lcn --thresholds" \
	"-Lcn -t 198.18.0.100:81" "-Lc --sort"
ipvsadm -e -t 198.18.0.100:81 -r 198.18.0.13:81 -m -w 0
list quiesce "-Lcn" "-Ln"
ipvsadm -d -t 198.18.0.100:81 -r 198.18.0.12:81
list deldest "-Lcn" "-Ln" "-Ln --stats"
ipvsadm -D -t 198.18.0.101:82
list delsvc "-Lcn" "-Ln"
sleep 3
ipvsadm -Z
list zero "-Lcn" "-Ln" "-Ln --stats"
