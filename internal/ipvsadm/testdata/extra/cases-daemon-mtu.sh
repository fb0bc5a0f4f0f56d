# Sync daemon message sizes: a master sizes them for 1500 bytes whatever the
# interface MTU, a backup for the MTU clamped to 1500..65535; less the IPv4
# or IPv6 and UDP headers. --sync-maxlen is clamped to 1 (master) or 1024
# (backup) .. 65535 - headers. The interfaces are veth pairs made here.
for m in 1280 1400 1600 9000; do
	ip link add mtu$m type veth peer name mtu${m}p
	ip link set mtu$m mtu $m up; ip link set mtu${m}p mtu $m up
done
for m in 1280 1400 1600 9000; do
	t --start-daemon master --mcast-interface mtu$m
	t --start-daemon backup --mcast-interface mtu$m
	t -L --daemon
	t --stop-daemon master
	t --stop-daemon backup
	t --start-daemon master --mcast-interface mtu$m --mcast-group ff02::1:2
	t --start-daemon backup --mcast-interface mtu$m --mcast-group ff02::1:2
	t -L --daemon
	t --stop-daemon master
	t --stop-daemon backup
done
t --start-daemon master --mcast-interface mtu9000 --sync-maxlen 9000
t --start-daemon backup --mcast-interface mtu1280 --sync-maxlen 100
t -L --daemon
t --stop-daemon master
t --stop-daemon backup
t --start-daemon master --mcast-interface mtu1400 --sync-maxlen 65507 --mcast-group ff02::1:2
t --start-daemon backup --mcast-interface mtu1600 --sync-maxlen 65507 --mcast-group ff02::1:2
t -L --daemon
t --stop-daemon master
t --stop-daemon backup
