# Sync daemon options: bounds and forms (on lo, the VM's one interface).
d() { t --start-daemon "$@"; t -L --daemon; t --stop-daemon master; t --stop-daemon backup; }
d master --mcast-interface lo --syncid 0
d master --mcast-interface lo --syncid 255
d master --mcast-interface lo --syncid -1
d master --mcast-interface lo --syncid abc
d backup --mcast-interface lo --syncid 01
d master --mcast-interface lo --mcast-port 1
d master --mcast-interface lo --mcast-port 65535
d master --mcast-interface lo --mcast-port 65536
d master --mcast-interface lo --mcast-port -1
d master --mcast-interface lo --mcast-ttl 0
d master --mcast-interface lo --mcast-ttl 1
d master --mcast-interface lo --mcast-ttl 255
d master --mcast-interface lo --mcast-ttl x
d master --mcast-interface lo --sync-maxlen 0
d master --mcast-interface lo --sync-maxlen 1
d backup --mcast-interface lo --sync-maxlen 1
d master --mcast-interface lo --sync-maxlen 65507
d master --mcast-interface lo --sync-maxlen 65508
d backup --mcast-interface lo --sync-maxlen 65535
d master --mcast-interface lo --sync-maxlen 65536
d master --mcast-interface lo --mcast-group 224.0.0.1
d master --mcast-interface lo --mcast-group 239.255.255.255
d master --mcast-interface lo --mcast-group 0.0.0.0
d master --mcast-interface lo --mcast-group 255.255.255.255
d master --mcast-interface lo --mcast-group 240.0.0.1
d master --mcast-interface lo --mcast-group ::
d master --mcast-interface lo --mcast-group [ff02::1]
d master --mcast-interface lo --mcast-group localhost
d master --mcast-interface lo --mcast-group ''
d master --mcast-interface ''
d master --mcast-interface lo0123456789abcdef
d master --mcast-interface lo --mcast-interface lo
d master --mcast-interface lo --syncid 1 --syncid 2
d MASTER --mcast-interface lo
d Backup --mcast-interface lo
d mast --mcast-interface lo
d master backup --mcast-interface lo
d --mcast-interface lo master
d master --mcast-interface=lo --syncid=9 --mcast-port=9999 --mcast-ttl=9 --mcast-group=224.0.0.9 --sync-maxlen=999
t --start-daemon=master --mcast-interface lo
t -L --daemon
t --stop-daemon=master
t --start-daemon master --mcast-interface lo --syncid 5
t --start-daemon backup --mcast-interface lo --syncid 6 --mcast-port 9000
t -L --daemon
t --stop-daemon master --syncid 5
t --stop-daemon backup --mcast-interface lo
t --stop-daemon
t --stop-daemon foo
t --stop-daemon backup
t --stop-daemon backup
t -L --daemon
t --stop-daemon master backup
