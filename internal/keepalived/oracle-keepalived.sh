#!/bin/bash
# What keepalived 2.2.7 programs into IPVS for each testdata config: run in
# the oracle VM (run-ipvs.sh oracle-keepalived.sh testdata/*.conf), the
# output goes to testdata/keepalived-oracle.txt.
cd /oracle/files
for f in basic.conf dr-tun.conf groups.conf; do
	echo "=== $f"
	ipvsadm -C
	keepalived -t -f /oracle/files/$f >/tmp/check.txt 2>&1; echo "config-test rc=$?"
	keepalived -n -l -C -f /oracle/files/$f -p /tmp/k.pid -c /tmp/c.pid >/tmp/k.log 2>&1 &
	sleep 2
	ipvsadm -S -n
	ipvsadm -L -n --timeout
	kill %1; wait
done
