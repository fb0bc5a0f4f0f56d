#!/bin/bash
# Records what keepalived 2.2.7 (in the oracle VM) does with the VRRP
# instances of testdata/keepalived-vrrp.conf: when each instance becomes
# master (the instant its addresses appear, polled every 50 ms), the
# addresses it puts on the interface, the adverts a peer receives, and the
# priority-0 adverts it sends when it stops. Run by hand:
#   CGO_ENABLED=0 go build -o /tmp/vrrpcap ./test/vrrpcap
#   run-ipvs.sh oracle-vrrp.sh testdata/keepalived-vrrp.conf /tmp/vrrpcap > testdata/keepalived-vrrp.txt
set -e
exec 2>&1
F=/oracle/files
chmod +x $F/vrrpcap
echo "# keepalived 2.2.7 (kernel 6.1, oracle VM) running testdata/keepalived-vrrp.conf, recorded by oracle-vrrp.sh:"
echo "# seconds from start until each virtual address appeared, the addresses, the adverts a peer received"
echo "# (advert SRC DST TTL HEX: the first of each router id, then those sent on stopping)."
ip netns add l
ip link add veth0 type veth peer name veth1 netns l
ip addr add 198.18.0.1/24 dev veth0
ip link set veth0 up
ip -n l addr add 198.18.0.2/24 dev veth1
ip -n l link set veth1 up
sleep 2 # IPv6 link-local addresses
ip netns exec l $F/vrrpcap -i veth1 -t 60 > /root/v4.txt &
C4=$!
ip netns exec l $F/vrrpcap -i veth1 -t 60 -6 > /root/v6.txt &
C6=$!
sleep 0.3
keepalived -n -l -D -f $F/keepalived-vrrp.conf > /root/ka.log 2>&1 &
KA=$!
up() { awk '{print $1}' /proc/uptime; }
start=$(up)
: > /root/seen.txt
while awk -v a="$(up)" -v b="$start" 'BEGIN { exit !(a - b < 9) }'; do
	for a in 198.18.0.200 198.18.0.201 198.18.0.202 198.18.0.203 2001:db8:18::200; do
		if ! grep -q "^$a " /root/seen.txt && ip -o addr show dev veth0 | grep -q " $a/"; then
			echo "$a $(awk -v a="$(up)" -v b="$start" 'BEGIN { printf "%.1f", a - b }')" >> /root/seen.txt
		fi
	done
	sleep 0.05
done
echo "== appeared (address, seconds after start)"
cat /root/seen.txt
echo "== addresses"
ip -o addr show dev veth0 | awk '{print $3, $4}' | grep -v '^inet6 fe80'
echo "== states"
grep -E 'Entering (MASTER|BACKUP|FAULT) STATE' /root/ka.log | sed 's/.*: (/(/'
kill -TERM $KA
wait $KA || true
sleep 2
kill $C4 $C6
echo "== adverts (IPv4, the first of each router id)"
awk '!seen[substr($5,3,2)]++' /root/v4.txt
echo "== adverts (IPv4, priority 0 when stopping)"
awk 'substr($5,5,2) == "00"' /root/v4.txt
echo "== adverts (IPv6: the first, and priority 0)"
head -1 /root/v6.txt
awk 'substr($5,5,2) == "00"' /root/v6.txt
