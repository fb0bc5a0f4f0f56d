#!/bin/bash
# Bytes the kernel spends per IPVS connection: the ip_vs_conn slab cache.
ipvsadm -A -u 198.18.0.100:80 -s rr >/dev/null
ipvsadm -a -u 198.18.0.100:80 -r 198.18.1.11:80 -m >/dev/null
for c in ip_vs_conn nf_conntrack; do
	d=/sys/kernel/slab/$c
	[ -e $d ] || { echo "$c: no /sys/kernel/slab entry"; continue; }
	echo "$c object_size $(cat $d/object_size) slab_size $(cat $d/slab_size) -> $(readlink $d || echo self)"
done
grep -E '^ip_vs|^nf_conntrack' /proc/slabinfo
uname -r
