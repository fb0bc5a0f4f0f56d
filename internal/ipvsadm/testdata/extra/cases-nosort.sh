# --nosort: the kernel's order. Services come by bucket of the service hash
# table (ip_vs_svc_hashkey, seeded with a kernel pointer), newest first
# within a bucket, then the fwmark services the same way (ip_vs_svc_fwm_hashkey).
# 256 services whose addresses differ in the last byte fill every bucket
# once, so their order gives away the seed.
for n in $(seq 0 255); do echo "-A -t 10.1.0.$n:80"; done > /tmp/n1
tin /tmp/n1 -R
t -L -n --nosort
t -C
for n in $(seq 1 256); do echo "-A -f $n"; done > /tmp/n2
tin /tmp/n2 -R
t -L -n --nosort
t -C
# One bucket, several services: newest first; an edit does not move a
# service, deleting and adding it again puts it first.
t -A -t 10.0.0.1:80
t -A -t 10.0.1.1:80
t -A -t 10.0.2.1:80
t -A -u 10.0.0.1:80
t -A --sctp-service 10.0.0.1:80
t -A -t 10.0.0.2:80
t -A -t 10.0.0.3:80
t -A -t 10.2.0.1:1
t -A -t 10.2.0.1:256
t -A -t 10.2.0.1:4660
t -A -t 10.2.0.1:65535
t -A -f 1
t -A -f 257
t -A -f 3 -6
t -A -f 3
t -A -f 2
t -A -f 4294967295
t -A -f 2147483648 -6
t -A -t [2001:db8::1]:80
t -A -t [2001:db8::1:0:0:0:0]:80
t -A -t [2001:db8:1::1:0:0:1]:80
t -A -u [::1]:53
t -L -n --nosort
t -E -t 10.0.0.1:80 -s rr
t -E -f 1 -s rr
t -L -n --nosort
t -D -t 10.0.1.1:80
t -A -t 10.0.1.1:80
t -D -f 257
t -A -f 257
t -L -n --nosort
t -Ln
t -Sn
# Destinations stay newest first whatever the buckets.
t -a -t 10.0.0.1:80 -r 10.3.0.1 -m
t -a -t 10.0.0.1:80 -r 10.3.0.3 -m
t -a -t 10.0.0.1:80 -r 10.3.0.2 -m
t -L -n --nosort -t 10.0.0.1:80
t -L -n --nosort --stats
# ipvsadm's sort compares by int subtraction: addresses and fwmarks 2^31 or
# more apart are not ordered transitively, so the sorted listing depends on
# the kernel's order too.
t -C
t -A -t 1.0.0.1:80
t -A -t 200.0.0.1:80
t -A -t 100.0.0.1:80
t -A -t 129.0.0.1:80
t -A -t 10.0.0.1:80
t -A -t 255.255.255.254:80
t -A -t 0.0.0.1:80
t -A -t 150.0.0.1:80
t -A -f 1
t -A -f 3000000000
t -A -f 1500000000
t -A -f 4000000000
t -A -t [2001:db8::1]:80
t -A -t [a001:db8::1]:80
t -A -t [fe80::1]:80
t -L -n --nosort
t -Ln
t -Sn
t -Ln --stats
# A saved table restored: its order is what the restore makes of it.
ipvsadm -Sn > /tmp/saved
t -C
tin /tmp/saved -R
t -L -n --nosort
t -Ln
