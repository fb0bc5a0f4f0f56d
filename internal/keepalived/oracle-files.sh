#!/bin/bash
# Records what keepalived 2.2.7 (the oracle VM, kernel 6.1) does with the
# track_file entries of vrrp_instances (testdata/keepalived-files.conf): its
# messages about the configuration, then, for two sets of numbers in the
# files, each instance's state and effective priority from keepalived's own
# data dump (SIGUSR1), 8 s after the start and 2 s after the numbers
# change. Run by hand:
#   run-ipvs.sh oracle-files.sh testdata/keepalived-files.conf > testdata/keepalived-files.txt
exec 2>&1
F=/oracle/files
ip link add veth0 type veth peer name veth1
ip addr add 198.18.0.1/24 dev veth0
ip link set veth0 up
ip link set veth1 up
# set F1 F2 F3 F4 F5: the numbers in /root/f1../root/f5
set_files() { i=1; for v in "$@"; do echo "$v" > /root/f$i; i=$((i + 1)); done; }
set_files 5 -3 1 0 200
keepalived -n -l -D -f $F/keepalived-files.conf > /root/ka.log 2>&1 &
KA=$!
echo "# keepalived 2.2.7 (oracle VM) running testdata/keepalived-files.conf, recorded by oracle-files.sh"
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
dump "files 5 -3 1 0 200, 8 s after start"
set_files 0 7 0 2 1
sleep 2
dump "files 0 7 0 2 1, 2 s after"
set_files 0x10 -300 abc 0 -130
sleep 2
dump "files 0x10 -300 abc 0 -130, 2 s after"
kill -TERM $KA
wait $KA
echo "== configuration messages"
sed -n "s/^.*(\/oracle\/files\/keepalived-files.conf: \(Line [0-9]*\)) /\1 /p; /ignoring\|ignored/s/^[A-Z][a-z][a-z] [A-Z][a-z][a-z] *[0-9]* [0-9:]* [0-9]*: //p" /root/ka.log
