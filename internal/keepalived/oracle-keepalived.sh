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
# The interfaces the samples' VRRP instances name, as on the sites they
# come from (xvs checks interfaces when it runs, not when it reads).
for i in eth0 eth1 eth2 eth3 eth0.1; do ip link add $i type dummy && ip link set $i up; done
echo "# keepalived 2.2.7 on kernel 6.1 (the oracle VM): ipvsadm -S -n and --timeout two seconds after"
echo "# keepalived started with each config, then what keepalived reported (\"# ka| \" lines: keepalived -t"
echo "# and its log). Recorded with ../oracle-keepalived.sh. Service order is the kernel's hash order:"
echo "# compare as sets."
for f in *.conf samples/*.conf refused/*.conf; do
	case $f in groups-included.conf) continue ;; esac
	echo "=== $f"
	ipvsadm -C
	keepalived -t -f "$PWD/$f" >$work/check.txt 2>&1; echo "config-test rc=$?"
	rm -f $work/k.pid $work/c.pid
	# (in a subshell, which tells k.log, not the output, if it was killed)
	{ keepalived -n -l -C -f "$PWD/$f" -p $work/k.pid -c $work/c.pid; } >$work/k.log 2>&1 &
	sleep 2
	ipvsadm -S -n
	ipvsadm -L -n --timeout
	# Some stop slowly (with checks in flight): ten seconds, then both
	# processes go.
	kill $(cat $work/k.pid 2>/dev/null) 2>/dev/null
	for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 $(cat $work/k.pid 2>/dev/null) 2>/dev/null || break; sleep 1; done
	kill -9 $(cat $work/k.pid $work/c.pid 2>/dev/null) 2>/dev/null
	wait
	# keepalived's own findings, without its start/stop chatter and the
	# directory the files were unpacked in
	{ cat $work/check.txt; sed "s/^.* 20[0-9][0-9]: //" $work/k.log; } |
		grep -v "Killed\|Starting\|Running on\|Command line\|Opening file\|Configuration file\|Stopped\|Stopping\|pid\|Remove a zombie\|Initializing ipvs\|Registering\|Kernel\|Startup complete\|Shutting down\|max_auto_priority\|Healthcheck child\|Script user\|Activating\|Gained quorum\|^ *'$work" |
		sed "s|$PWD/||g; s/^/# ka| /" | awk '!seen[$0]++'
done
