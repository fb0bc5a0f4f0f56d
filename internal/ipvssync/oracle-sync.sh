#!/bin/bash
# Records what the real IPVS master sync daemon (kernel 6.1, ipvsadm 1.31)
# sends for connections in the addresses of xvs's testbed: a NAT TCP
# connection held open, a DR one, a persistence template, over IPv4 and IPv6.
# Run by hand in the oracle VM (run-ipvs.sh); the output is
# testdata/kernel-master.txt.
set -e
exec 2>&1
ip netns add c; ip netns add r; ip netns add l
ip link add vc type veth peer name vc0 netns c
ip link add vr type veth peer name vr0 netns r
ip link add s0 type veth peer name s1 netns l
ip addr add 198.19.0.1/24 dev vc; ip -6 addr add 2001:db8:19::1/64 dev vc nodad; ip link set vc up
ip addr add 198.18.0.1/24 dev vr; ip -6 addr add 2001:db8:18::1/64 dev vr nodad; ip link set vr up
ip addr add 198.18.9.1/24 dev s0; ip link set s0 up
for ns in c r l; do ip -n $ns link set lo up; done
ip -n c addr add 198.19.0.2/24 dev vc0; ip -n c -6 addr add 2001:db8:19::2/64 dev vc0 nodad; ip -n c link set vc0 up
ip -n c route add default via 198.19.0.1; ip -n c -6 route add default via 2001:db8:19::1
ip -n r addr add 198.18.0.11/24 dev vr0; ip -n r -6 addr add 2001:db8:18::11/64 dev vr0 nodad; ip -n r link set vr0 up
ip -n r route add default via 198.18.0.1; ip -n r -6 route add default via 2001:db8:18::1
ip -n l addr add 198.18.9.2/24 dev s1; ip -n l link set s1 up
ip -n l route add 224.0.0.0/4 dev s1
sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
ip addr add 198.18.0.100/32 dev lo; ip -6 addr add 2001:db8:18::100/128 dev lo
ipvsadm -A -t 198.18.0.100:80 -s rr
ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.11:80 -m
ipvsadm -A -t 198.18.0.100:81 -s rr -p 300
ipvsadm -a -t 198.18.0.100:81 -r 198.18.0.11:81 -m
ipvsadm -A -t [2001:db8:18::100]:80 -s rr
ipvsadm -a -t [2001:db8:18::100]:80 -r [2001:db8:18::11]:80 -m
ipvsadm --start-daemon master --mcast-interface s0 --syncid 7
ip netns exec r probe serve rs1 tcp:198.18.0.11:80 tcp:198.18.0.11:81 tcp:[2001:db8:18::11]:80 >/dev/null &
ip netns exec l probe sync listen -t 6 s1 >/root/sync.txt &
L=$!
sleep 1
sleep 4 | ip netns exec c probe tcp -t 3 -hold 198.18.0.100:80 198.19.0.2:40001 &
sleep 4 | ip netns exec c probe tcp -t 3 -hold 198.18.0.100:81 198.19.0.2:40002 &
sleep 4 | ip netns exec c probe tcp -t 3 -hold [2001:db8:18::100]:80 [2001:db8:19::2]:40003 &
sleep 3
echo "== ipvsadm -Lcn"
ipvsadm -Lcn
wait $L || true
echo "== sync"
cat /root/sync.txt
