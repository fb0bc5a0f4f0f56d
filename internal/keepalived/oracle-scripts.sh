#!/bin/bash
# Records what keepalived 2.2.7 (the oracle VM, kernel 6.1) does with the
# vrrp_script and track_script blocks of testdata/keepalived-scripts.conf:
# its messages about the configuration, then, at six moments (/root/flag
# there from the start, removed, back; the first dump while chk_slow still
# runs, the others a second or more after a change's runs are over, but for
# "1.5 s" and "2.5 s", where rise and fall race the interval), each instance's state, effective
# priority and tracked scripts, and each script's status, from keepalived's
# own data dump (SIGUSR1). Run by hand, for each of the two configurations:
#   run-ipvs.sh oracle-scripts.sh testdata/keepalived-scripts.conf > testdata/keepalived-scripts.txt
#   run-ipvs.sh oracle-scripts.sh testdata/keepalived-scripts-group.conf > testdata/keepalived-scripts-group.txt
exec 2>&1
F=/oracle/files
CONF=$(ls $F/*.conf | head -1)
NAME=${CONF##*/}
ip link add veth0 type veth peer name veth1
ip addr add 198.18.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up
ip link add vt0 type veth peer name vt1 # tracked by keepalived-scripts-group.conf
ip link set vt0 up
ip link set vt1 up
touch /root/flag
keepalived -n -l -D -f $CONF > /root/ka.log 2>&1 &
KA=$!
echo "# keepalived 2.2.7 (oracle VM) running testdata/$NAME, recorded by oracle-scripts.sh"
# dump prints the data dump's instances and scripts, a line each:
#   instance NAME STATE EFFECTIVE-PRIORITY [SCRIPT WEIGHT [reverse]]...
#   script NAME GOOD|BAD RESULT
dump() {
	rm -f /tmp/keepalived.data
	kill -USR1 $KA
	sleep 0.5
	echo "== $1"
	awk '
	function flush() { if (inst != "") print line; inst = "" }
	/^ VRRP Instance = / { flush(); inst = $4 }
	/^   State = / && inst != "" && st == "" { st = $3 }
	/^   Effective priority = / { line = "instance " inst " " st " " $4; st = "" }
	/^   Tracked scripts :/ { tr = 1; next }
	tr && /^     / { line = line " " $1 " " $3 ($4 == "reverse" ? " reverse" : ""); next }
	{ tr = 0 }
	/^------</ || /^ VRRP Sync Group = / { flush() }
	/^ VRRP Script = / { scr = $4 }
	/^   Result = / { res = $3 }
	/^   Status = / { print "script " scr " " $3 " " res }
	' /tmp/keepalived.data
}
# A dump is written when the signal arrives: the labels say when that is.
sleep 0.7
dump "flag there, 0.7 s after start"
sleep 6.3
dump "flag there, 7.5 s after start"
rm /root/flag
sleep 1.5
dump "flag removed 1.5 s before"
sleep 3
dump "flag removed 5 s before"
touch /root/flag
sleep 2.5
dump "flag back 2.5 s before"
sleep 5
dump "flag back 8 s before"
kill -TERM $KA
wait $KA
echo "== configuration messages"
sed -n "s/^.*($(echo $CONF | sed 's,/,\\/,g'): \(Line [0-9]*\)) /\1 /p; /Disabling\|ignoring tracked\|ignoring .* tracked\|configured on VRRP instance/s/^[A-Z][a-z][a-z] [A-Z][a-z][a-z] *[0-9]* [0-9:]* [0-9]*: //p" /root/ka.log
