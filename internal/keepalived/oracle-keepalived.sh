#!/bin/bash
# What keepalived 2.2.7 programs into IPVS (kernel 6.1) for each testdata
# config, and what it reports about it. Runs inside the oracle VM; record
# by hand from this directory with
#
#	./oracle-record.sh PATH/TO/run-ipvs.sh
#
# which packs testdata/ and writes testdata/keepalived-oracle.txt.
set -u
work=$(mktemp -d) # inside the VM
cd /oracle/files && tar -xzf testdata.tgz && cd testdata || exit 1
# The test addresses lead nowhere: a check's connection hangs until its
# timeout, so no check ends within the two seconds (the tests read xvs's
# table before any check runs).
ip link add kdummy type dummy && ip link set kdummy up
ip route add 198.18.0.0/15 dev kdummy && ip -6 route add 2001:db8::/32 dev kdummy
echo "# keepalived 2.2.7 on kernel 6.1 (the oracle VM): ipvsadm -S -n and --timeout two seconds after"
echo "# keepalived started with each config, then what keepalived reported (\"# ka| \" lines: keepalived -t"
echo "# and its log). Recorded with ../oracle-keepalived.sh. Service order is the kernel's hash order:"
echo "# compare as sets."
for f in *.conf refused/*.conf; do
	case $f in groups-included.conf) continue ;; esac
	echo "=== $f"
	ipvsadm -C
	keepalived -t -f "$PWD/$f" >$work/check.txt 2>&1; echo "config-test rc=$?"
	keepalived -n -l -C -f "$PWD/$f" -p $work/k.pid -c $work/c.pid >$work/k.log 2>&1 &
	sleep 2
	ipvsadm -S -n
	ipvsadm -L -n --timeout
	kill %1; wait
	# keepalived's own findings, without its start/stop chatter and the
	# directory the files were unpacked in
	{ cat $work/check.txt; sed "s/^.* 20[0-9][0-9]: //" $work/k.log; } |
		grep -v "Starting\|Running on\|Command line\|Opening file\|Configuration file\|Stopped\|Stopping\|pid\|Remove a zombie\|Initializing ipvs\|Registering\|Kernel\|Startup complete\|Shutting down\|max_auto_priority\|Healthcheck child\|Script user\|Activating\|Gained quorum\|^ *'$work" |
		sed "s|$PWD/||g; s/^/# ka| /" | awk '!seen[$0]++'
done
