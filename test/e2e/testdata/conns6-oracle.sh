#!/bin/bash
# More connection listings of the real IPVS (kernel 6.1, ipvsadm 1.31): IPv6
# connections and templates, names in -L -c, a tunnelled connection, a
# persistent UDP service, a refused and an unanswered connection. What
# TestConnListings6 compares xvs with; refresh the recording with
#   run-ipvs.sh -t 120 test/e2e/testdata/conns6-oracle.sh > test/e2e/testdata/conns6-kernel.txt
# Topology as in conns-oracle.sh (test/testbed.sh's addresses), services rr
# with real servers added r1, r2, r3:
#   NAT  TCP [2001:db8:18::100]:80     2 held connections
#   DR   TCP [2001:db8:18::101]:82     1 held connection
#   DR   UDP [2001:db8:18::101]:83     1 datagram
#   DR   TCP [2001:db8:18::101]:84 -p 300          1 held connection
#   DR   TCP [2001:db8:18::101]:85 -p 300 -M 64    1 held connection
#   NAT  TCP 198.18.0.100:80          1 held connection
#   TUN  TCP 198.18.0.102:87 (ipip)   1 held connection
#   NAT  UDP 198.18.0.100:53 -p 300   1 datagram
#   NAT  TCP 198.18.0.100:88          refused (no server listens): CLOSE
#   NAT  TCP 198.18.0.100:89          real server 198.18.0.11 drops the SYN: SYN_RECV
#   NAT  TCP 198.18.0.100:90 -p 300   the same: SYN_RECV, its template not assured (NONE)
# Each listing is printed between "== COMMAND" lines, as the kernel gives it.
set -u
n() { ns=$1; shift; ip netns exec "$ns" "$@"; }

ip link add br0 type bridge
ip link set br0 up
ip link set lo up
ip addr add 198.18.0.1/24 dev br0
ip addr add 198.19.0.1/24 dev br0
ip -6 addr add 2001:db8:18::1/64 dev br0 nodad
ip -6 addr add 2001:db8:19::1/64 dev br0 nodad
for v in 100 101 102; do ip addr add 198.18.0.$v/32 dev lo; ip -6 addr add 2001:db8:18::$v/128 dev lo; done
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
	n $r probe serve rs$i "tcp:[2001:db8:18::1$i]:80" "tcp:[2001:db8:18::101]:82" "udp:[2001:db8:18::101]:83" \
		"tcp:[2001:db8:18::101]:84" "tcp:[2001:db8:18::101]:85" tcp:198.18.0.1$i:80 tcp:198.18.0.102:87 \
		udp:198.18.0.1$i:53 tcp:198.18.0.1$i:89 tcp:198.18.0.1$i:90 &
done
n r1 nft add table ip f
n r1 nft add chain ip f in '{ type filter hook input priority 0; }'
n r1 nft add rule ip f in tcp dport '{ 89, 90 }' drop
sleep 1

ipvsadm -A -t [2001:db8:18::100]:80 -s rr
ipvsadm -A -t [2001:db8:18::101]:82 -s rr
ipvsadm -A -u [2001:db8:18::101]:83 -s rr
ipvsadm -A -t [2001:db8:18::101]:84 -s rr -p 300
ipvsadm -A -t [2001:db8:18::101]:85 -s rr -p 300 -M 64
ipvsadm -A -t 198.18.0.100:80 -s rr
ipvsadm -A -t 198.18.0.102:87 -s rr
ipvsadm -A -u 198.18.0.100:53 -s rr -p 300
ipvsadm -A -t 198.18.0.100:88 -s rr
ipvsadm -A -t 198.18.0.100:89 -s rr
ipvsadm -A -t 198.18.0.100:90 -s rr -p 300
for i in 1 2 3; do
	ipvsadm -a -t [2001:db8:18::100]:80 -r [2001:db8:18::1$i]:80 -m
	ipvsadm -a -t [2001:db8:18::101]:82 -r [2001:db8:18::1$i]:82 -g
	ipvsadm -a -u [2001:db8:18::101]:83 -r [2001:db8:18::1$i]:83 -g
	ipvsadm -a -t [2001:db8:18::101]:84 -r [2001:db8:18::1$i]:84 -g
	ipvsadm -a -t [2001:db8:18::101]:85 -r [2001:db8:18::1$i]:85 -g
	ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.1$i:80 -m
	ipvsadm -a -t 198.18.0.102:87 -r 198.18.0.1$i:87 -i
	ipvsadm -a -u 198.18.0.100:53 -r 198.18.0.1$i:53 -m
	ipvsadm -a -t 198.18.0.100:88 -r 198.18.0.1$i:88 -m
done
ipvsadm -a -t 198.18.0.100:89 -r 198.18.0.11:89 -m
ipvsadm -a -t 198.18.0.100:90 -r 198.18.0.11:90 -m

hold() { # VIP:PORT N TAG SRC: N connections from SRC held open
	local src=() k
	for k in $(seq "$2"); do src+=("$4"); done
	mkfifo "/tmp/hold$3"
	(n c probe tcp -hold "$1" "${src[@]}" < "/tmp/hold$3" > "/tmp/hold$3.out" &)
	exec {fd}>"/tmp/hold$3"
	eval "hold_fd$3=$fd"
	sleep 1
}
c6='[2001:db8:19::2]:0'
hold 198.18.0.100:80 1 1 198.19.0.2:0
hold 198.18.0.102:87 1 2 198.19.0.2:0
hold '[2001:db8:18::100]:80' 2 3 "$c6"
hold '[2001:db8:18::101]:82' 1 4 "$c6"
hold '[2001:db8:18::101]:84' 1 5 "$c6"
hold '[2001:db8:18::101]:85' 1 6 "$c6"
sleep 2
n c probe udp '[2001:db8:18::101]:83' "$c6"
n c probe udp 198.18.0.100:53 198.19.0.2:0
n c probe tcp -t 1 198.18.0.100:88 198.19.0.2:0
n c probe tcp -t 1 198.18.0.100:89 198.19.0.2:0
n c probe tcp -t 1 198.18.0.100:90 198.19.0.2:0
sleep 2
cat /tmp/hold*.out | sort
echo "== cat /etc/services | grep -c ."
grep -c . /etc/services 2>&1

for cmd in "-Lcn" "-Lc" "-Lcn --persistent-conn" "-Ln" "-Ln --persistent-conn" "-Ln --stats" "-L"; do
	echo "== ipvsadm $cmd"
	ipvsadm $cmd
	echo "rc=$?"
done
echo "== cat /proc/net/ip_vs_conn"
cat /proc/net/ip_vs_conn
