#!/bin/bash
# Connection listings of the real IPVS (kernel 6.1, ipvsadm 1.31) when the
# destination of a persistence template is quiesced, then deleted, and when
# the table is cleared under live connections: what TestConnListingsTemplates
# compares xvs with. Refresh the recording with
#   run-ipvs.sh -t 120 test/e2e/testdata/conns-templates-oracle.sh > test/e2e/testdata/conns-templates-kernel.txt
# Topology as in conns-oracle.sh. Services (rr, real servers r1, r2, r3):
#   NAT  TCP 198.18.0.100:81          1 held connection
#   NAT  TCP 198.18.0.100:84 -p 300   1 held connection, then in steps
#     quiesce  its server gets weight 0, a new connection from the client
#     deldest  its server is deleted, a new connection from the client
#     clear    ipvsadm -C
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
	n $r probe serve rs$i tcp:198.18.0.1$i:81 tcp:198.18.0.1$i:84 &
done

ipvsadm -A -t 198.18.0.100:81 -s rr
ipvsadm -A -t 198.18.0.100:84 -s rr -p 300
for i in 1 2 3; do
	ipvsadm -a -t 198.18.0.100:81 -r 198.18.0.1$i:81 -m
	ipvsadm -a -t 198.18.0.100:84 -r 198.18.0.1$i:84 -m
done
sleep 1

hold() { # VIP:PORT TAG: a connection held open (stdin of probe stays open)
	mkfifo "/tmp/hold$2"
	(n c probe tcp -hold "$1" 198.19.0.2:0 < "/tmp/hold$2" > "/tmp/hold$2.out" &)
	exec {fd}>"/tmp/hold$2"
	eval "hold_fd$2=$fd"
	sleep 1
}
list() { # STEP ARGS...
	local step=$1 cmd
	shift
	for cmd in "$@"; do
		echo "== $step ipvsadm $cmd"
		ipvsadm $cmd 2>&1
		echo "rc=$?"
	done
}
hold 198.18.0.100:81 1
hold 198.18.0.100:84 2
list start "-Lcn" "-Ln --persistent-conn"
ipvsadm -e -t 198.18.0.100:84 -r 198.18.0.13:84 -m -w 0
hold 198.18.0.100:84 3
list quiesce "-Lcn" "-Ln --persistent-conn"
ipvsadm -d -t 198.18.0.100:84 -r 198.18.0.13:84
hold 198.18.0.100:84 4
list deldest "-Lcn" "-Ln --persistent-conn"
ipvsadm -C
list clear "-Lcn" "-Ln"
cat /tmp/hold*.out
