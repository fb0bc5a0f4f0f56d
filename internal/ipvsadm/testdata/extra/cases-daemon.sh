# Sync daemons on lo (the VM has no other interface).
t --start-daemon master --mcast-interface lo
t --start-daemon master --mcast-interface lo
t --start-daemon backup --mcast-interface lo --syncid 7 --sync-maxlen 1000 --mcast-group 224.0.0.99 --mcast-port 9000 --mcast-ttl 3
t -L --daemon
t --stop-daemon master
t -L --daemon
t --stop-daemon master
t --stop-daemon backup
t --start-daemon master --mcast-interface nosuch0
t -L --daemon
# Last, as nothing after them may depend on their outcome: the default
# interface eth0 does not exist in the VM, and an IPv6 group on lo is
# refused by the kernel (xvs does not model that refusal yet).
t --start-daemon backup
t --start-daemon master --mcast-interface lo --mcast-group ff02::1:2 --sync-maxlen 2000
