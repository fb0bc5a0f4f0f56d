#!/bin/bash
# Connection listings of the real IPVS (kernel 6.1, ipvsadm 1.31) as
# connections and templates expire, with short timeouts (--set 30 8 6): what
# TestConnListingsExpire compares xvs with. Refresh the recording with
#   run-ipvs.sh -t 120 test/e2e/testdata/conns-expire-oracle.sh > test/e2e/testdata/conns-expire-kernel.txt
# Topology as in conns-oracle.sh. Services (rr, real servers r1, r2, r3):
#   NAT  TCP 198.18.0.100:81        1 held connection, 1 closed (TIME_WAIT)
#   DR   TCP 198.18.0.101:82        1 closed (FIN_WAIT, 8 s)
#   NAT  UDP 198.18.0.100:83        1 datagram (6 s)
#   NAT  TCP 198.18.0.100:84 -p 5   1 held connection: its template outlives 5 s
#   NAT  TCP 198.18.0.100:88        refused (CLOSE, 10 s)
# Listings at "start" and "later" (12 s on); each between "== STEP ipvsadm ARGS" lines.
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
	n $r probe serve rs$i tcp:198.18.0.1$i:81 tcp:198.18.0.101:82 udp:198.18.0.1$i:83 tcp:198.18.0.1$i:84 &
done

ipvsadm --set 30 8 6
ipvsadm -A -t 198.18.0.100:81 -s rr
ipvsadm -A -t 198.18.0.101:82 -s rr
ipvsadm -A -u 198.18.0.100:83 -s rr
ipvsadm -A -t 198.18.0.100:84 -s rr -p 5
ipvsadm -A -t 198.18.0.100:88 -s rr
for i in 1 2 3; do
	ipvsadm -a -t 198.18.0.100:81 -r 198.18.0.1$i:81 -m
	ipvsadm -a -t 198.18.0.101:82 -r 198.18.0.1$i:82 -g
	ipvsadm -a -u 198.18.0.100:83 -r 198.18.0.1$i:83 -m
	ipvsadm -a -t 198.18.0.100:84 -r 198.18.0.1$i:84 -m
	ipvsadm -a -t 198.18.0.100:88 -r 198.18.0.1$i:88 -m
done
sleep 1

hold() { # VIP:PORT TAG: a connection held open (stdin of probe stays open)
	mkfifo "/tmp/hold$2"
	(n c probe tcp -hold "$1" 198.19.0.2:0 < "/tmp/hold$2" > "/tmp/hold$2.out" &)
	exec {fd}>"/tmp/hold$2"
	eval "hold_fd$2=$fd"
}
hold 198.18.0.100:81 1
hold 198.18.0.100:84 2
sleep 1
n c probe tcp 198.18.0.100:81 198.19.0.2:0
n c probe tcp 198.18.0.101:82 198.19.0.2:0
n c probe udp 198.18.0.100:83 198.19.0.2:0
n c probe tcp -t 1 198.18.0.100:88 198.19.0.2:0
sleep 1
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
list start "-Lcn" "-Ln" "-Ln --persistent-conn" "-L --timeout"
sleep 12
list later "-Lcn" "-Ln" "-Ln --persistent-conn"
