# Port names that differ by protocol, aliases, names on one protocol only (/etc/services of Debian 12).
t -A -t 127.0.0.1:514
t -A -u 127.0.0.1:514
t -A -u 127.0.0.1:biff
t -A -u 127.0.0.1:comsat
t -A -t 127.0.0.1:comsat
t -A -t 127.0.0.1:cmd
t -A -t 127.0.0.1:syslog
t -A -u 127.0.0.1:ipsec-nat-t
t -A -t 127.0.0.1:ipsec-nat-t
t -A -u 127.0.0.1:sip -p --pe sip
t -A --sctp-service 127.0.0.1:sip
t -A -t 127.0.0.1:SIP
t -A -t 127.0.0.1:Http
t -a -u 127.0.0.1:514 -r 127.0.0.2:who -m
t -a -u 127.0.0.1:514 -r 127.0.0.2:513 -g
t -a -t 127.0.0.1:514 -r 127.0.0.3:513 -m
t -a -t 127.0.0.1:514 -r 127.0.0.3:who -m
t -a -u 127.0.0.1:4500 -r 127.0.0.4:1812 -m
t -L
t -S
t -L -u localhost:syslog
t -L -t localhost:shell
t -L -u localhost:shell
t -L --stats
t -L --rate
t -L --thresholds
t -L --persistent-conn
t -L --tun-info
t -L -c
t -C
