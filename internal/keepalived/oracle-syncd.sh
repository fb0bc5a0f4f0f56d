#!/bin/bash
# Records which IPVS sync daemons keepalived 2.2.7 (oracle VM) runs for the
# lvs_sync_daemon of each testdata/syncd/*.conf: one second after start (the
# instance is BACKUP), five seconds after (MASTER) and after it stopped.
# Run by hand:
#   run-ipvs.sh oracle-syncd.sh testdata/syncd/*.conf > testdata/syncd/keepalived-syncd.txt
exec 2>&1
F=/oracle/files
ip netns add l
ip link add veth0 type veth peer name veth1 netns l
ip addr add 198.18.0.1/24 dev veth0
ip link set veth0 up
ip -n l addr add 198.18.0.2/24 dev veth1
ip -n l link set veth1 up
echo "# keepalived 2.2.7 (kernel 6.1, oracle VM): ipvsadm -L --daemon while lvs_sync_daemon's instance is BACKUP, MASTER, stopped"
for c in $F/*.conf; do
	echo "=== $(basename $c)"
	keepalived -n -l -D -f $c > /root/ka.log 2>&1 &
	KA=$!
	sleep 1
	echo "-- BACKUP"; ipvsadm -L --daemon
	sleep 4
	echo "-- MASTER"; ipvsadm -L --daemon
	kill -TERM $KA; wait $KA
	sleep 0.5
	echo "-- STOP"; ipvsadm -L --daemon
	ipvsadm --stop-daemon master 2>/dev/null; ipvsadm --stop-daemon backup 2>/dev/null
done
true
