#!/bin/bash
# Records what a real IPVS backup sync daemon (kernel 6.1, ipvsadm 1.31)
# makes of the datagrams xvs's master sends (testdata/xvs-master.txt,
# written by internal/datapath's TestMasterRecordsKernelTakes): the
# connections its -Lcn lists and the counts -Ln shows. Run by hand:
#   run-ipvs.sh oracle-sync-backup.sh testdata/xvs-master.txt > testdata/kernel-backup.txt
set -e
exec 2>&1
echo "# What kernel 6.1's IPVS backup sync daemon (ipvsadm 1.31) listed after receiving testdata/xvs-master.txt,"
echo "# recorded in the oracle VM by internal/ipvssync/oracle-sync-backup.sh (expiry times vary from run to run)."
ip netns add l
ip link add s0 type veth peer name s1 netns l
ip addr add 198.18.9.1/24 dev s0; ip link set s0 up
ip -n l addr add 198.18.9.2/24 dev s1; ip -n l link set s1 up; ip -n l link set lo up
ip -n l route add 224.0.0.0/4 dev s1
ipvsadm -A -t 198.18.0.100:80 -s rr
ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.11:80 -m
ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.12:80 -m
ipvsadm -A -t 198.18.0.100:81 -s rr -p 300
ipvsadm -a -t 198.18.0.100:81 -r 198.18.0.11:81 -m
ipvsadm -A -u 198.18.0.100:53 -s rr
ipvsadm -a -u 198.18.0.100:53 -r 198.18.0.11:53 -m
ipvsadm -A -t 198.18.0.101:80 -s rr
ipvsadm -a -t 198.18.0.101:80 -r 198.18.0.13:80 -g
ipvsadm -A -t [2001:db8:18::100]:80 -s rr
ipvsadm -a -t [2001:db8:18::100]:80 -r [2001:db8:18::11]:80 -m
ipvsadm --start-daemon backup --mcast-interface s0 --syncid 7
sleep 1
ip netns exec l probe sync send s1 < /oracle/files/xvs-master.txt
sleep 1
echo "== ipvsadm -Lcn"
ipvsadm -Lcn
echo "== ipvsadm -Ln"
ipvsadm -Ln
