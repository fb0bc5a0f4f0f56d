#!/bin/bash
# Records what keepalived 2.2.7 (the oracle VM, kernel 6.1) does with the
# vrrp_track_process blocks of testdata/keepalived-processes.conf: its
# messages about the configuration, then each instance's state and
# effective priority from its data dump (SIGUSR1) as testdata/tproc
# processes ("tproc ARG") come and go. Run by hand:
#   CGO_ENABLED=0 go build -o /tmp/tproc ./testdata/tproc
#   run-ipvs.sh oracle-processes.sh testdata/keepalived-processes.conf /tmp/tproc > testdata/keepalived-processes.txt
exec 2>&1
F=/oracle/files
cp $F/tproc /root/tproc
chmod +x /root/tproc
ip link add veth0 type veth peer name veth1
ip addr add 198.18.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up
declare -A pid
run() { for a in "$@"; do /root/tproc $a & pid[$a]=$!; done; }
stop() { for a in "$@"; do kill ${pid[$a]}; wait ${pid[$a]} 2>/dev/null; done; }
run 1001 1002
keepalived -n -l -D -f $F/keepalived-processes.conf > /root/ka.log 2>&1 &
KA=$!
echo "# keepalived 2.2.7 (oracle VM) running testdata/keepalived-processes.conf, recorded by oracle-processes.sh"
dump() {
	rm -f /tmp/keepalived.data
	kill -USR1 $KA
	sleep 0.5
	echo "== $1"
	awk '/^ VRRP Instance = / { inst = $4; st = "" }
	/^   State = / && inst != "" && st == "" { st = $3 }
	/^   Effective priority = / { print "instance " inst " " st " " $4; inst = "" }' /tmp/keepalived.data
}
sleep 8
dump "tproc 1001 1002, 8 s after start"
run 1003 2001 2002
sleep 2
dump "tproc 1001 1002 1003 2001 2002, 2 s after"
stop 1001 1002 1003
sleep 1.5
dump "tproc 2001 2002, 1.5 s after"
sleep 3.5
dump "tproc 2001 2002, 5.5 s after"
kill -TERM $KA
wait $KA
stop 2001 2002
echo "== configuration messages"
sed -n "s/^.*(\/oracle\/files\/keepalived-processes.conf: \(Line [0-9]*\)) /\1 /p; /ignoring\|ignored\|not supported/s/^[A-Z][a-z][a-z] [A-Z][a-z][a-z] *[0-9]* [0-9:]* [0-9]*: //p" /root/ka.log
