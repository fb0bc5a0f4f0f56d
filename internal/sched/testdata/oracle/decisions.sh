#!/bin/bash
# Records which real server the real kernel IPVS (Debian kernel 6.1, in the
# oracle VM) picks for new UDP flows under several schedulers.
#   run-ipvs.sh -t 300 decisions.sh > decisions.txt
# Output lines: "CASE SRC NAME" (NAME = rs1..rs3, or "-" for no answer).
set -u
n() { ns=$1; shift; ip netns exec "$ns" "$@"; }
for ns in c d r1 r2 r3; do ip netns add $ns; n $ns ip link set lo up; done
ip link add c0 netns c type veth peer name dc netns d
n c ip addr add 198.19.0.2/24 dev c0; n c ip link set c0 up
for i in $(seq 10 49); do n c ip addr add 198.19.0.$i/24 dev c0; done
n c ip route add 198.18.0.0/16 via 198.19.0.1
n d ip addr add 198.19.0.1/24 dev dc; n d ip link set dc up
n d sysctl -qw net.ipv4.ip_forward=1
for v in 100 101 102 103 104 105 106 107; do n d ip addr add 198.18.0.$v/32 dev lo; done
for i in 1 2 3; do
	ip link add r0 netns r$i type veth peer name dr$i netns d
	n r$i ip addr add 198.18.$i.2/24 dev r0; n r$i ip link set r0 up
	n r$i ip route add default via 198.18.$i.1
	n d ip addr add 198.18.$i.1/24 dev dr$i; n d ip link set dr$i up
	n r$i probe serve rs$i udp:198.18.$i.2:80 >/dev/null 2>&1 &
done
sleep 1
SRCS=$(for i in $(seq 10 49); do printf '198.19.0.%s:%s ' $i $((40000 + i * 7)); done)
# svc VIP SCHED [-b flags]: a UDP service with rs1, rs2, rs3 added in that order.
svc() {
	vip=$1; sched=$2; shift 2
	n d ipvsadm -A -u $vip:80 -s $sched "$@"
	for i in 1 2 3; do n d ipvsadm -a -u $vip:80 -r 198.18.$i.2:80 -m -w ${W[$i]}; done
}
ask() { # ask CASE VIP SRC...
	c=$1; vip=$2; shift 2
	n c probe udp -t 1 $vip:80 "$@" | sed "s/^/$c /"
}
W=(0 1 1 1); svc 198.18.0.100 rr
ask rr 198.18.0.100 $(echo $SRCS | cut -d' ' -f1-9)
W=(0 4 3 2); svc 198.18.0.101 wrr
ask wrr432 198.18.0.101 $(echo $SRCS | cut -d' ' -f1-21)
W=(0 1 1 1); svc 198.18.0.102 sh
ask sh 198.18.0.102 $SRCS
W=(0 2 1 1); svc 198.18.0.103 mh
ask mh211 198.18.0.103 $SRCS
W=(0 1 1 1); svc 198.18.0.104 mh -b mh-port
ask mhport 198.18.0.104 $(echo $SRCS | cut -d' ' -f1-12)
W=(0 1 1 1); svc 198.18.0.105 sh
n d ipvsadm -e -u 198.18.0.105:80 -r 198.18.2.2:80 -m -w 0
ask sh-rs2quiesced 198.18.0.105 $SRCS
W=(0 1 1 1); svc 198.18.0.106 mh -b mh-fallback
n d ipvsadm -e -u 198.18.0.106:80 -r 198.18.2.2:80 -m -w 0
ask mhfb-rs2quiesced 198.18.0.106 $SRCS
for v in 100 101 102 103 104 105 106 107; do
	n d ipvsadm -A -u 198.18.1.$v:80 -s dh 2>/dev/null
done
W=(0 1 1 1)
for v in 110 111 112 113 114 115 116 117; do
	n d ip addr add 198.18.0.$v/32 dev lo
	svc 198.18.0.$v dh
	ask dh-vip$v 198.18.0.$v 198.19.0.10:40070
done
