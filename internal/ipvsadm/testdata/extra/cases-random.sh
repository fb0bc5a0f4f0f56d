# Random command lines from a pool of commands, services, destinations and options (fixed seed).
t -d -t 198.18.0.1:80 -r 198.18.1.2:8080 -w 3 --rate
t -S --thresholds
t -e -t 198.18.0.1 -r [2001:db8::2]:80 --daemon
t -h -w 0
t --tun-type ipip -n
t --start-daemon backup --mcast-interface lo --tun-nocsum
t --stop-daemon master
t -Z -f 2 --exact
t -Z --sctp-service 198.18.0.3:9
t -A --sctp-service 198.18.0.3:9 -g
t --syncid 3 -- --sync-maxlen 900 -n
t -d -t 198.18.0.2:80 -r 198.18.1.3:80 master -w 3
t --start-daemon master --nosort
t -v
t -t [2001:db8::1]:80 -n -D -s nosuch --tun-type gue
t -M 24 --sctp-service 198.18.0.3:9 -D
t -C -g
t -S -n
t -A -f 1 -6 --nosort --syncid 3
t -c 10 20 30 -x 10
t --start-daemon backup --mcast-interface lo -b sh-port
t -C --thresholds --tun-type ipip
tin /dev/null -R
t -d -r 198.18.1.1
t --stop-daemon master
t -t [2001:db8::1]:80 -r [2001:db8::2]:80 -d
t -a -r [2001:db8::2]:80 -p 0 -b sh-port
t -h -s rr
t -v
t -h --tun-type gre
t -C -n backup
t -E -f 2
t -Z -t 198.18.0.1 10 20 30 -m --
t -l --sctp-service 198.18.0.3:9
t -L -t 198.18.0.2:80 --syncid 3
t -A -t 198.18.0.2:80 --nosort
tin /dev/null -R
t --mcast-interface lo -h --tun-type ipip --pe sip
t -Z -f 1 -i --persistent-conn -w -1
t -Z -f 1 -- --stats
t -Sn
t -L -n --daemon
t -v
t -a -t [2001:db8::1]:80 -r 2001:db8::3 -g -i --nosort
t -a -t [2001:db8::1]:80 -r 198.18.1.1 0 0 0 --tun-port 6080 --
t -E -t 198.18.0.1 -x 10 --sort -p
t --mcast-ttl 2 -t [2001:db8::1]:80 -L
t -v
t -f 1 --tun-port 6080 -D -n 0 0 0
t -n --tun-csum --exact
t -h --mcast-group 224.0.0.9
t -a -t 198.18.0.1:80 -r 198.18.1.3:80 0 0 0 -s mh -b flag-1
t --start-daemon master --mcast-interface lo --pe sip
t -h -y 5
t -v
t -n
t -e -s wlc -t 198.18.0.1:80 -r 2001:db8::3
t --mcast-interface lo backup --start-daemon
t -v -M 24 -s mh --tun-info
t 10 20 30 10 20 30 --set
t -d -f 2 -r 198.18.1.2:8080
t -l -f 1 --stats
t -l -t [2001:db8::1]:80 master 10 20 30
t -l -t [2001:db8::1]:80 -o
t -n
t -h -m
t --start-daemon backup --mcast-interface lo --exact
t -E --mcast-group 224.0.0.9 -w -1 --tun-remcsum
t -l -f 1 -6
tin /dev/null -R
t --set
t -Z -f 2 --tun-type gre
t -L -w 0
t -A --nosort
t -t 198.18.0.1 -p 0 -l
t -n
t --mcast-ttl 2 -A -t [2001:db8::1]:80
t --start-daemon master --mcast-interface lo -p 0 10 20 30 --sort
t -S --sort --
t -A --sctp-service 198.18.0.3:9 --mcast-ttl 2
t -c
t -S -s sh
t -Sn
t -L -n --daemon
t -n
t -S -x 10 -i backup
t -v --sync-maxlen 900
t -v -s sh
t -s rr -D
t -d -f 2 -r 198.18.1.2:8080 x -x 5 -y 10 --sort
t -c backup --persistent-conn
t 0 0 0 --daemon -s wlc --stop-daemon
t -n -s wlc
t -v
t -D -f 1 -6 -m --
t --tun-type gue --sctp-service 198.18.0.3:9 -D --sort
t -D -f 1 --pe sip
t -l --tun-csum
t -L -t 198.18.0.1 --rate --sync-maxlen 900 -
t -Z -f 1 -6
t -v 0 0 0
t -e -r [2001:db8::2]:80 x -M 24
t --start-daemon backup --tun-csum -w 0 --pe sip
t --tun-remcsum -t 198.18.0.1 -d -r 198.18.1.1
t -L -t 198.18.0.2:80 --mcast-group 224.0.0.9
t -A -t 198.18.0.2:80 -s mh -m
t -n master -o
t -E --sync-maxlen 900
tin /dev/null -R
t -h
t --stop-daemon master -g --tun-remcsum
t --set 900 120 300
t --tun-nocsum -f 1 -6 -L
t -D -t [2001:db8::1]:80
t -a -f 2 -r 198.18.1.2:8080
t -c -s wlc
t -S
t --stop-daemon master --tun-type gue
t -S
t --tun-port 6080 -L -t 198.18.0.1:0
t -c --mcast-port 9000 -b flag-1
t -d -t 198.18.0.1 -r 198.18.1.1 -s mh -b mh-port,mh-fallback --tun-type gue
t --set -m --tun-type gre --nosort
t -l -u 198.18.0.1:53
t -Sn
t -L -n --daemon
t -A -f 1 -6
t --mcast-interface lo backup --start-daemon
t -e
t -S -p 0 x
t -S --tun-nocsum
t -e -g --nosort -r 198.18.1.2:8080 -t 198.18.0.2:80
t -C -b sh-port
t -e -f 2 -r 198.18.1.1 -M 24 x
t -l -t 198.18.0.1
t -e --sctp-service 198.18.0.3:9 -r 198.18.1.2:8080 --mcast-group 224.0.0.9
t - -c
t -D -f 1 -6 --persistent-conn
t -D -f 2 -- --tun-csum -m
t -m -f 1 -6 -E -b sh-port
t -c -g
t --mcast-interface lo --start-daemon --tun-port 6080 backup
t -L -t 198.18.0.1:0 --mcast-interface lo --daemon
t -A -u 198.18.0.1:53 --tun-remcsum
t -E -t 198.18.0.1:0
t -e -f 1 -r 2001:db8::3 --thresholds
t -C -b sh-port
t --set 10 20 30
t -n --sync-maxlen 900 --rate -s wlc
t -w 0 -c
t -a -u 198.18.0.1:53 --rate --tun-type ipip -p
t -D -t 198.18.0.1:80
t -h -6 -M 64
tin /dev/null -R
t -v -g
t -l -p -y 5
t -E --pe sip -f 2
t -Z -u 198.18.0.1:53
t -t [2001:db8::1]:80 -d --daemon -6
t -e -f 1 -6 -r [2001:db8::2]:80 10 20 30
t -a -f 1 -6 -r 198.18.1.3:80 --thresholds -w 3 --tun-port 6080
t -w 3 --persistent-conn -v
t -c --thresholds
t -A --sctp-service 198.18.0.3:9
t -Z -t 198.18.0.1
t --stop-daemon master --tun-port 6080 --mcast-group 224.0.0.9
t -Sn
t -L -n --daemon
t --set 0 0 0 -p 0 -s wlc --tun-type ipip
t -a -r 198.18.1.1 --mcast-group 224.0.0.9
t -L -t 198.18.0.2:80 x -w 3 --thresholds
t -l -f 1 --exact -o -x 10
t -C --pe sip --mcast-port 9000 -x 10
t -Z -t [2001:db8::1]:80
t --set 10 20 30 --mcast-interface lo
t -v -s wlc
t -A -t 198.18.0.2:80 --thresholds
t -e -r 198.18.1.3:80 --timeout -p -M 255.255.255.0
t -e -u 198.18.0.1:53 -r 2001:db8::3 -i
t -Z -f 1 -c -g
t -d --sctp-service 198.18.0.3:9
tin /dev/null -R
t -Z -t 198.18.0.1:0 --tun-remcsum -x 10
t -E -u 198.18.0.1:53
t -a --sctp-service 198.18.0.3:9 -r [2001:db8::2]:80
t --stop-daemon --rate -s nosuch
t -L -u 198.18.0.1:53 --tun-csum
t -E -f 1 -6 --mcast-port 9000 - -p 30
t --start-daemon backup --mcast-interface lo --mcast-group 224.0.0.9
t -c
t --tun-remcsum --set --tun-nocsum 1 2
t 10 20 30 -t [2001:db8::1]:80 -A --mcast-interface lo --mcast-ttl 2
t --set 10 20 30 -s nosuch --sync-maxlen 900
t -Z --mcast-group 224.0.0.9 -n --tun-nocsum
t -a -t 198.18.0.1:80 -r 198.18.1.1
t -e -t [2001:db8::1]:80 -r 198.18.1.1 --nosort -n -w 0
t -a -t [2001:db8::1]:80
t -e -t 198.18.0.1:0 -r 198.18.1.3:80 -M 64 -M 24
t --start-daemon backup --mcast-interface lo --sort -M 255.255.255.0
t -h --mcast-interface lo
t -f 2 -L
t -Z -f 1 -M 64
t -t 198.18.0.1:80 -l
t -L --sctp-service 198.18.0.3:9 -6 -- --tun-info
t --stop-daemon backup
t --stop-daemon --timeout 0 0 0 --pe sip
t -l -u 198.18.0.1:53 -i --mcast-ttl 2 -w 0
t -Z
t -Sn
t -L -n --daemon
t -E -f 1 -6 -n
t --stop-daemon master
t -C
t -D -t 198.18.0.2:80 --syncid 3 --tun-info
t -E -f 2
t -C
t -n --tun-csum -
t -C -y 5 10 20 30
t -l -f 1 -6 -c
t -D -t 198.18.0.1:0 --tun-type gre --tun-info
t -Z -f 1 -6 -n -p 0 -b mh-port,mh-fallback
t -L -t 198.18.0.1 -n
t --stop-daemon backup -w -1
t -o -S
t -E -t [2001:db8::1]:80 -s sh --nosort
t -e -t 198.18.0.1 -r [2001:db8::2]:80 -6 -x 10 --sort
t -n --tun-type gue x
t -A -t 198.18.0.1 --tun-port 6080
t -s rr --set 10 20 30
t -S
t -e -t 198.18.0.2:80 -r [2001:db8::2]:80 -w 0
t --start-daemon master --mcast-interface lo --pe sip --timeout
t -d -r [2001:db8::2]:80 -M 24 -n
t -C
t -L -t 198.18.0.1
t --set 10 20 30 -w -1
t -x 5 -y 10 -r [2001:db8::2]:80 -f 1 -6 --timeout -b mh-port,mh-fallback -d
t --set
t -n --timeout --tun-info -x 5 -y 10
t --stop-daemon master 10 20 30
t -l -f 1 -M 255.255.255.0
t -A -t 198.18.0.1 --sync-maxlen 900 --sort
t -t 198.18.0.1:0 -A
t --stop-daemon
t -h -i
t --stop-daemon master
t --start-daemon backup --mcast-interface lo -s nosuch --tun-port 6080 --tun-type gue
t -S
t -h --timeout
t -D -x 10
t -Sn
t -L -n --daemon
t -e -r 198.18.1.3:80 -b mh-port,mh-fallback
t -h x --mcast-group 224.0.0.9 -p 30
tin /dev/null -R
t -e -t 198.18.0.1:0 --sort -b mh-port,mh-fallback
t -v -w -1
tin /dev/null -R
t -E -f 2 --tun-type ipip
t -h 0 0 0
t -v -n
t -D --sctp-service 198.18.0.3:9 --nosort --sync-maxlen 900
t -S --mcast-group 224.0.0.9
tin /dev/null -R
t -A -f 1 --tun-type gue --tun-port 6080
t --start-daemon backup --mcast-interface lo
tin /dev/null -R
t --set -m
t -L -t 198.18.0.2:80 --mcast-port 9000
t -v -b mh-port,mh-fallback
t -M 64 -l -f 2
t -s sh -r 198.18.1.1 -f 1 -a --tun-type gue
t -S -p 30
t -C
t -S -s nosuch --persistent-conn -s sh
t -v -i --mcast-group 224.0.0.9 --nosort
t -D -t 198.18.0.1
t -l -t 198.18.0.2:80 --tun-type ipip -s rr
t -n --tun-type gue
t --stop-daemon backup --mcast-interface lo
t -d -t [2001:db8::1]:80 -r 198.18.1.1
t --set 900 120 300 -p 30 -s sh -p 0
t -l -t 198.18.0.1:80 --timeout
t -Z -t [2001:db8::1]:80 --tun-info --tun-csum -M 255.255.255.0
t -C --stats -n --persistent-conn
t -d -t 198.18.0.1:0 -r [2001:db8::2]:80
t -L -t 198.18.0.2:80
t -n
t -E -t 198.18.0.1:80
tin /dev/null -R
t -C -6
t -S -o
t -Sn
t -L -n --daemon
tin /dev/null -R
t --set --tun-type gue --timeout
t -n -n
t -L -f 2 -w 0
t --set 900 120 300
t -v -M 24 -x 10
t -e -u 198.18.0.1:53 -r 198.18.1.1 --persistent-conn --nosort
t --stop-daemon master
t -C -6 -b sh-port -s rr
t -n -p
t -A -p 30
t -M 255.255.255.0 -u 198.18.0.1:53 -d -r 198.18.1.3:80
t --set 0 0 0
t --stop-daemon master
t -v
t -n --sync-maxlen 900
t -v -s nosuch
t -D -f 1 -6 -M 24
t -D --sctp-service 198.18.0.3:9 -w -1 --sync-maxlen 900
t --stop-daemon backup -p 0 --pe sip --mcast-ttl 2
t --stop-daemon
t --sctp-service 198.18.0.3:9 -Z --persistent-conn --tun-remcsum
t -L -f 1 backup
t -l -s sh
t --tun-nocsum master --sctp-service 198.18.0.3:9 -b flag-1 -A
t -A -t 198.18.0.1:80 --tun-info
t -a -s nosuch --syncid 3 --tun-type gue
t -E -t 198.18.0.1 -b sh-port --pe sip
t -d -6 -f 1 -r 198.18.1.3:80
t --start-daemon backup --mcast-interface lo -M 255.255.255.0
t -A -f 1 -6 x --mcast-port 9000 backup
t --set 0 0 0
t -c
t -C
t -c --daemon
t -x 5 -y 10 -e -r [2001:db8::2]:80 10 20 30 --sort
t -S
t -L -t 198.18.0.2:80 --tun-type gre --timeout -c
t -e -t [2001:db8::1]:80 -r 198.18.1.1
t -M 64 -E
t -Sn
t -L -n --daemon
t --stop-daemon master 10 20 30 --mcast-interface lo --tun-nocsum
t --set --nosort
t -C --tun-info
t -A -t 198.18.0.1 --tun-port 6080 --daemon
t -e -u 198.18.0.1:53 -r 198.18.1.2:8080 backup -- --mcast-ttl 2
t -S
t -Z -t 198.18.0.2:80
t -E --sctp-service 198.18.0.3:9
t -o -L master -u 198.18.0.1:53 --tun-type gue
t -E -f 1 -6 -o
t -n -p --thresholds
t -h -p 0
t -c x
t -S -n
t --start-daemon backup --thresholds -b flag-1
t -E -f 1 -n
t -e -f 1 -6 -r [2001:db8::2]:80 -p 30 -y 5
t -v -s rr --tun-info -y 5
t --stop-daemon -b mh-port,mh-fallback
t -C --rate -b sh-port
t -D -t [2001:db8::1]:80 --thresholds -- x
t -L -f 1
t -A -u 198.18.0.1:53 -M 255.255.255.0
t --stop-daemon backup -6
t -c
t --set 1 2 0 0 0
t -E --sctp-service 198.18.0.3:9
t -C --pe sip
t -D --
t -l -u 198.18.0.1:53 -b flag-1 -s wlc -6
t -v
t -C
t -L -t [2001:db8::1]:80
t -E
t -A -f 1 -6 --exact -b sh-port --tun-nocsum
t -l -t 198.18.0.1:80
t -A -f 2
t -L -u 198.18.0.1:53 --thresholds
t --start-daemon master -6 --mcast-interface lo
t -c -6
t -Sn
t -L -n --daemon
t -o -n -x 10
t -c -w -1 0 0 0 --sync-maxlen 900
t -r 198.18.1.1 --syncid 3 -e -u 198.18.0.1:53
t -L -t [2001:db8::1]:80
t -E
t --stop-daemon backup --tun-remcsum -w 0
t -C
t -E -u 198.18.0.1:53 -y 5
t -D -t 198.18.0.2:80 0 0 0 --persistent-conn --tun-nocsum
t -L -t 198.18.0.1 -i - --persistent-conn
t -l -t [2001:db8::1]:80
t -d -t [2001:db8::1]:80 -x 10 -r 198.18.1.2:8080
t -Z -t 198.18.0.1:80 --mcast-port 9000
t -c -6
t --stop-daemon --tun-port 6080
t -v
t -A -f 2 --tun-remcsum --
t -h --mcast-ttl 2 --tun-info
t -v
t -n -w -1
t --sort --tun-port 6080 -t 198.18.0.1:80 -Z
t -S --syncid 3 -- -w -1
t -E -t 198.18.0.1:80 -w 3
t -h -
t -A
t --stop-daemon backup --exact
t -E -f 1 -- --timeout
t --set
t -d -t 198.18.0.1:0 -r [2001:db8::2]:80
t -f 1 -6 -E --mcast-group 224.0.0.9
t -a -t 198.18.0.2:80 -r 198.18.1.3:80 -M 24
t -D -f 1 --stats --persistent-conn --tun-info
t -d -f 2 -r [2001:db8::2]:80
t -A
t -L -u 198.18.0.1:53 -g
t -C -g
t -h --mcast-port 9000 --tun-remcsum
t -A -t 198.18.0.1:80 --tun-info --daemon
t -s wlc --sctp-service 198.18.0.3:9 0 0 0 -l
t -E --sctp-service 198.18.0.3:9 -x 5 -y 10 --nosort --mcast-ttl 2
t -Sn
t -L -n --daemon
t -b flag-1 -n
t -C 0 0 0
t -D -f 1 -b flag-1
tin /dev/null -R
t --start-daemon
t -C --mcast-ttl 2 -6
t -e -t 198.18.0.1:80 -b sh-port --mcast-ttl 2 --tun-nocsum
t -D -t 198.18.0.1:80
t -A -f 2 -p -s mh -s rr
t --stop-daemon master --tun-info
t -r 2001:db8::3 -f 1 -6 -e --sort -b mh-port,mh-fallback
tin /dev/null -R
t --sort -t 198.18.0.1:80 -D -s mh -s nosuch
t -h -w -1
t -t 198.18.0.1:80 -p 0 -l
t -E -f 2 master -p 30
t -h
t -A -f 1 -x 5 -y 10
t -h
t -Z -t 198.18.0.1
t --stop-daemon backup --syncid 3 -w -1 -b sh-port
t -S -b flag-1 --tun-port 6080 -b flag-1
t -n --tun-csum -m
t -a -t [2001:db8::1]:80 -r [2001:db8::2]:80 -p 0 --pe sip
t -A -t [2001:db8::1]:80 -b flag-1
t -Z -f 1 -w 3 -m
t -e -r [2001:db8::2]:80
t master --stop-daemon
t -A -f 1
tin /dev/null -R
t -a -t 198.18.0.2:80 -r 198.18.1.1 -o
t -l -t 198.18.0.2:80 --tun-nocsum
t -a -r [2001:db8::2]:80 --nosort
t -l -M 24 -6 -s rr
t -h -6
t -- -h
t -A -f 1 -6 -m
t -c --timeout
t --set 1 2
t -a -u 198.18.0.1:53
t -Sn
t -L -n --daemon
t -C
t --exact -S
tin /dev/null -R
t -w 3 --syncid 3 1 2 --set -s rr
t -h
t -o --mcast-interface lo -l -w -1
t -A -f 2 --
t --set 10 20 30
t --set 1 2 master
t -s wlc -f 2 -r 198.18.1.3:80 -e --exact --tun-type gre
t --set 900 120 300 -w 3
t -A -f 2
t -A -t 198.18.0.1
tin /dev/null -R
t -n --tun-csum 10 20 30 -w 3
t -l -f 2 --timeout -c
tin /dev/null -R
t -s wlc -S
t -l -t 198.18.0.2:80 --tun-info
t -S
t -v --persistent-conn
t -v
t -v --mcast-ttl 2
t --set
t -E -f 1
tin /dev/null -R
t -L -t 198.18.0.1:0
t --start-daemon master --mcast-interface lo 10 20 30
t --set --mcast-interface lo
t -Z -t 198.18.0.2:80 backup
t -l -x 10
t -a --sctp-service 198.18.0.3:9 -r 2001:db8::3
t -D -t 198.18.0.1:0 -s wlc
t -d -t 198.18.0.1:0 -r 198.18.1.3:80 --persistent-conn -o -i
t --persistent-conn -S 10 20 30
t -E -t 198.18.0.1 --tun-csum
t -v --syncid 3 -M 24
t --start-daemon
t -l -t [2001:db8::1]:80 -M 24
t -d -t 198.18.0.1 -r 198.18.1.3:80 --tun-type gre -o --rate
t -Sn
t -L -n --daemon
t -C
t -l -t [2001:db8::1]:80 --sort
t --start-daemon backup --mcast-interface lo --exact --mcast-interface lo
t -x 5 -y 10 --timeout -u 198.18.0.1:53 -l --rate
t -L -w 0
t --daemon -D
t -L -f 1 -6 -p 0
t -A -f 1 -6
t --stop-daemon backup
t --start-daemon backup master backup
t -b sh-port -t [2001:db8::1]:80 -A --
t -d -t 198.18.0.1 -r 198.18.1.3:80
t --set --mcast-group 224.0.0.9 1 2
t --set
tin /dev/null -R
t --set 0 0 0 -x 10 master x
t --stop-daemon
t -A --tun-remcsum
t -L -u 198.18.0.1:53 -p 0
t --tun-remcsum -L 0 0 0 --timeout -t 198.18.0.1:80
t -h -p 0 --tun-csum -
t -E -t 198.18.0.1:80 -p 0 --mcast-port 9000
t -E -b mh-port,mh-fallback -s sh
t -l -t 198.18.0.1:80 -6 -b mh-port,mh-fallback
t -u 198.18.0.1:53 --exact -r 198.18.1.1 --persistent-conn -d -x 5 -y 10
t --stop-daemon
t -L -t 198.18.0.2:80
tin /dev/null -R
t --stop-daemon -6 -M 64
t --set 0 0 0
t -C
tin /dev/null -R
t -a -t 198.18.0.1 -r 198.18.1.1 -n
t -A -f 1 --tun-info --nosort -s sh
t master -l
t -E
t -n --tun-csum
t -h
t -D -f 1 -x 10 -i -b mh-port,mh-fallback
t -c
t -Sn
t -L -n --daemon
t -c -s rr
tin /dev/null -R
t -n -w 0
t -D -f 2 -m
t -l -f 2
t -E -t 198.18.0.1:80 -p 30
t -e -t [2001:db8::1]:80 -r 198.18.1.2:8080
tin /dev/null -R
t -D -t 198.18.0.1:0 --tun-info
t --tun-port 6080 -i --mcast-group 224.0.0.9 -C
t -C
t --mcast-group 224.0.0.9 -v -
t --set --tun-csum
t -Z --persistent-conn --mcast-interface lo -s nosuch -f 2
t --set 10 20 30 --thresholds --stats
t -s rr -m -n -n
t -C --tun-info
t -C -b flag-1 -w -1 -w 3
t -a -r 198.18.1.1 -t 198.18.0.1
t --start-daemon master --mcast-interface lo --persistent-conn -M 64
t -a -t 198.18.0.2:80 -r 2001:db8::3 x -m --mcast-port 9000
t -p --set 900 120 300 -i
t -C --daemon
t -D -t 198.18.0.1:0
t -n -y 5
t -D -f 2 --tun-port 6080
t -l -t 198.18.0.1:0 --thresholds --tun-type gue
t --start-daemon backup --mcast-interface lo -o -b flag-1
t -v
t --set 0 0 0 --stats -M 255.255.255.0
tin /dev/null -R
t -h -m
tin /dev/null -R
t -v --nosort
t -d -f 1 -r 198.18.1.3:80
t -E -f 1 --tun-port 6080 -b flag-1 -i
t -L -f 2 -s mh
t -n -M 64
t --start-daemon master --mcast-interface lo 10 20 30
tin /dev/null -R
t -Sn
t -L -n --daemon
t -S -y 5 -n -s wlc
t --start-daemon backup --mcast-interface lo
t -A --sctp-service 198.18.0.3:9 --mcast-interface lo
t --start-daemon backup -s rr master -b sh-port
t -l -t 198.18.0.1 --mcast-group 224.0.0.9 --mcast-group 224.0.0.9
t -s wlc --tun-remcsum --set
t --stop-daemon backup --
t -e -r 198.18.1.3:80 --exact --tun-remcsum --tun-type ipip
tin /dev/null -R
t -e -u 198.18.0.1:53
t -a -f 1 -r 198.18.1.2:8080 --pe sip --persistent-conn --tun-port 6080
t -C -s rr -M 255.255.255.0 --tun-nocsum
t -D -t [2001:db8::1]:80
t -l
t -Z -t 198.18.0.2:80 0 0 0 -- -g
t -Z -t 198.18.0.1:0
t -v -s rr
t -c -y 5 -p 0 -c
t -c --sync-maxlen 900
t -C
tin /dev/null -R
t -Z -M 24 -6 --mcast-ttl 2
t -w 0 -E
tin /dev/null -R
t -h --stats
t -Z -t [2001:db8::1]:80 -p 0
t -t 198.18.0.1:0 -A
t --stop-daemon backup x
t -E --sctp-service 198.18.0.3:9 -M 64 --stats
t --stop-daemon backup --thresholds
t -D -t 198.18.0.1:0 -b flag-1
t --tun-info -a -r 2001:db8::3 --tun-type ipip -f 2
t --set 0 0 0 -p 0
t -e -f 2
t -C
t -L -t [2001:db8::1]:80 -n
t --tun-port 6080 -t 198.18.0.1:80 -r 2001:db8::3 -a
t -E --tun-info --mcast-interface lo -y 5
tin /dev/null -R
t -S -s sh
t -Sn
t -L -n --daemon
t -D -t 198.18.0.1:80 --mcast-interface lo --thresholds --
t -D -t 198.18.0.1 - --mcast-interface lo
tin /dev/null -R
t -h -s rr
t -S --exact
t --stop-daemon master
t -E -t [2001:db8::1]:80 --
t -f 1 -6 -n -E
t --set 900 120 300
t -D --sctp-service 198.18.0.3:9 --rate
t -v -p 0 --timeout
t -S x -M 24 --sort
t -Z --sctp-service 198.18.0.3:9 -s nosuch
t -a -f 1 -6 -r 198.18.1.3:80 --sort
t -d -u 198.18.0.1:53 -r 198.18.1.2:8080 --nosort -x 5 -y 10
t -c --tun-info -x 10
t -c
t -C --mcast-interface lo -s nosuch --mcast-port 9000
t -l 0 0 0
t --start-daemon master 0 0 0 backup -M 24
t -Z -t 198.18.0.1:0 --tun-port 6080 backup --sort
t -L -f 1 -6
t -n -s rr --tun-type ipip -6
t -d -f 1 -6 -r 198.18.1.2:8080
t -S --mcast-port 9000 master x
t -d --sctp-service 198.18.0.3:9 -r [2001:db8::2]:80 -x 10 --tun-remcsum --tun-nocsum
t --start-daemon master --mcast-interface lo -x 10 --tun-type gre -w -1
t --set 900 120 300 0 0 0
t -h
t -A -f 1 -6 --nosort -c
t -c
t --stop-daemon backup --tun-type ipip --nosort
t -e -u 198.18.0.1:53 -r [2001:db8::2]:80
t -e -r 198.18.1.1 -p 30
t -C master --mcast-interface lo --exact
t -L -t 198.18.0.2:80 --sync-maxlen 900
t -S --persistent-conn
t --stop-daemon master --tun-nocsum --pe sip
t -E -t [2001:db8::1]:80
t -A -f 1 -6
t -Sn
t -L -n --daemon
tin /dev/null -R
t -L -t 198.18.0.1:0
t -l -f 2 --tun-port 6080 -w 0
t -a -t 198.18.0.1:80 -r 2001:db8::3
t --set 900 120 300
t -S -w 0 10 20 30
t -h
t -h --rate
t -D -t 198.18.0.1 --mcast-interface lo
t -S --sync-maxlen 900
t -n master
t -L -t 198.18.0.1:80 backup
t -v -p
t -C -s rr --mcast-group 224.0.0.9
t -A --sctp-service 198.18.0.3:9
t -D -t [2001:db8::1]:80 -M 24 --timeout
t -a -f 1 -6
t -C --rate
tin /dev/null -R
t -d -f 1 -6 --tun-port 6080
tin /dev/null -R
t -6 -S -M 64
t -l -u 198.18.0.1:53 -s nosuch --tun-info
t -E --tun-type gue --daemon
t -v -p -M 255.255.255.0 --tun-remcsum
t -S
t --set 0 0 0 x --rate
t -l --tun-type ipip
t -n -s sh
t -L -f 2 master
t -Z -t 198.18.0.1:80
t -D -f 1 -p -o -w 3
t -Z -f 1
t -S --daemon
t --stop-daemon backup --mcast-group 224.0.0.9 10 20 30
t -h master
t -v --tun-remcsum
t -c
t -n
t -d -t 198.18.0.1 -r 198.18.1.1 -w 0
t -Sn
t -L -n --daemon
t -A -t 198.18.0.1:80 --rate --nosort
t --start-daemon backup -s rr
t --stop-daemon backup -y 5
t -D -u 198.18.0.1:53
t -D -t 198.18.0.1:0 --mcast-ttl 2
t -d -f 1 -6 -r [2001:db8::2]:80 --mcast-port 9000
t -A -t 198.18.0.1:80
t --start-daemon master --mcast-interface lo -s wlc
tin /dev/null -R
t -E -t [2001:db8::1]:80
t -A -f 1 -6
t -S --syncid 3
t -n --tun-type ipip -s mh
t -D --tun-port 6080
t -L -t 198.18.0.2:80
t -l
t --set 1 2
t -v
t -S -b mh-port,mh-fallback --tun-nocsum backup
t --start-daemon -w -1 -M 64 --
t --start-daemon master --mcast-interface lo backup --mcast-interface lo -s rr
tin /dev/null -R
t --start-daemon
t --stop-daemon master --tun-info
t -D -f 1 -6 --rate
t --stop-daemon -b sh-port
t -A -t 198.18.0.1
tin /dev/null -R
t -A -t 198.18.0.1:0 --
t -E -t 198.18.0.1:0 -m
t --set 10 20 30
t -E -t 198.18.0.1:0 -x 10
t -E -f 1 -6 -M 24
t -l -f 1 --rate --sort -g
t --set
t -C -i --daemon --tun-port 6080
t --start-daemon backup --mcast-interface lo --stats -c --mcast-interface lo
t -Z -x 10 --tun-csum
t -h -- --thresholds --persistent-conn
t -v --daemon
t -Sn
t -L -n --daemon
t --stop-daemon backup -M 24 -s wlc --mcast-interface lo
t -e -t 198.18.0.1
t -D -u 198.18.0.1:53 --tun-info --tun-info
t -d -t 198.18.0.1:80 -r 198.18.1.3:80 --tun-nocsum
t -n -M 24
t -v
t -D -t 198.18.0.2:80 -g --tun-port 6080
t -v -M 255.255.255.0 --tun-type ipip
t -L -t 198.18.0.2:80
t -C --tun-csum
t --start-daemon -s rr --pe sip -w -1
t -d -t 198.18.0.1 -r 2001:db8::3 -s nosuch
t -d -t 198.18.0.1 -r [2001:db8::2]:80
t -v -s sh
t -S -s wlc
t -h --thresholds --tun-remcsum
t --stop-daemon --stats
t -L -f 1 -6
t -e --sctp-service 198.18.0.3:9 -r 198.18.1.2:8080 -g -w -1
t -L
t --start-daemon backup -b sh-port
t -a -r 198.18.1.2:8080
t -A -f 1 -i --sync-maxlen 900
tin /dev/null -R
t -D --exact --sync-maxlen 900
tin /dev/null -R
t -n --persistent-conn backup
t -L -t [2001:db8::1]:80 --mcast-interface lo -w 0
t --set 10 20 30
t -d -t 198.18.0.2:80
t --tun-info -s rr -w 0 -l -t [2001:db8::1]:80
tin /dev/null -R
t -n -s nosuch
t --sctp-service 198.18.0.3:9 -d -r 198.18.1.2:8080 -p
t -h -
tin /dev/null -R
t -L -t 198.18.0.1:80
t 0 0 0 -r [2001:db8::2]:80 -a
t -h --thresholds
t -E -u 198.18.0.1:53 --daemon --nosort 0 0 0
t -Sn
t -L -n --daemon
t --tun-info 0 0 0 -n -p 0
t --persistent-conn -c
t -Z
t -n
t -l -f 1 -6 -s nosuch
t -Z -f 1
t -l -f 2 --timeout - --tun-nocsum
t -C -s nosuch
t -l -t 198.18.0.1 --mcast-group 224.0.0.9 0 0 0
t --set --tun-remcsum 10 20 30 --tun-csum
t -S
t -D -f 2 --tun-type gre -m
tin /dev/null -R
t --stop-daemon master -M 255.255.255.0
t -Z -f 2
t --stop-daemon
t -h --persistent-conn -b flag-1
t -a --sctp-service 198.18.0.3:9 -r 198.18.1.3:80 -6
t -A -f 2 -y 5 --exact -p 0
t --start-daemon master --mcast-interface lo
t --stop-daemon backup --nosort -b flag-1
t --start-daemon
t -p 30 10 20 30 -S
t --set 900 120 300 -p 30 -M 64
t -E -f 1 --rate
t -n
t -D -t 198.18.0.1:80
t -D -u 198.18.0.1:53 -s nosuch --tun-type gue
t --stop-daemon backup --sort -b mh-port,mh-fallback master
t -Z
t -C
t -n
t -E -t 198.18.0.2:80
t -e --sctp-service 198.18.0.3:9 -r 198.18.1.1 --mcast-ttl 2 -w -1
t -Z -t 198.18.0.1:80 -p 0 -c --tun-type ipip
t -a -t 198.18.0.1 -r [2001:db8::2]:80 -x 10 -s nosuch
t -a -t 198.18.0.1:80 -r 198.18.1.2:8080
t --sctp-service 198.18.0.3:9 --tun-type ipip -L --exact -n
t -l -f 2
t --start-daemon backup -i --stats
t -Sn
t -L -n --daemon
t --stop-daemon
t -S
t --stop-daemon -M 24
tin /dev/null -R
t -n
t -l -f 2
t -e -f 1 -r [2001:db8::2]:80
t -E -m -M 255.255.255.0
t -n --mcast-ttl 2
t -D -u 198.18.0.1:53 -b flag-1 --mcast-port 9000
t -e -t 198.18.0.1:80 -r 198.18.1.2:8080 --tun-csum -p 0
t -n
t -d -r 198.18.1.3:80 --pe sip -s nosuch --mcast-port 9000
t -h
t -A -u 198.18.0.1:53 --sort
t -D -t 198.18.0.2:80
t -Z --tun-type ipip
t -S -s sh
t -l -u 198.18.0.1:53 -x 10
t -A -f 1 -6 -c --tun-nocsum -p 0
tin /dev/null -R
t -E -f 2 -g
t -v
t -e -t 198.18.0.1:0
t -c --sort --tun-port 6080 --persistent-conn
t --stop-daemon backup -b flag-1
t -n
t -A -f 1 --sync-maxlen 900 10 20 30
t -v
t -D -b flag-1
tin /dev/null -R
t -x 10 -L --sync-maxlen 900 --sctp-service 198.18.0.3:9 --pe sip
t -D -t [2001:db8::1]:80 --tun-remcsum
t -b mh-port,mh-fallback -t 198.18.0.1:0 -p 0 -d -r 198.18.1.1
t -E -u 198.18.0.1:53 -6
t --start-daemon backup --mcast-interface lo
t -d -f 1 -6 -y 5
t -c
t -h -6
tin /dev/null -R
t -Sn
t -L -n --daemon
t -Z -t 198.18.0.2:80 10 20 30
t -d --sctp-service 198.18.0.3:9 -r 198.18.1.2:8080 backup --exact
tin /dev/null -R
t -v
t -C
t -n
t -L -f 1 --stats
t -n
t -L -u 198.18.0.1:53 --timeout -n --exact
t -l -f 1 -w 3 -s sh
t -E -t 198.18.0.1
t -e -f 1 -r 198.18.1.2:8080 --mcast-group 224.0.0.9
t -p 30 10 20 30 -C
t --set 10 20 30 - -w 0
t -n
t -v --sort -m
t --stop-daemon master --stats --tun-nocsum
t -h
t backup 10 20 30 --stop-daemon
t --start-daemon -M 64
t -n
t -A -t 198.18.0.1:80
t -S --nosort
t -d -r 198.18.1.3:80 -s wlc
t -c -s mh
t -h --mcast-group 224.0.0.9 -g -M 24
t --start-daemon master --mcast-interface lo --mcast-group 224.0.0.9 --mcast-port 9000 -g
t -L -u 198.18.0.1:53 -p 0
tin /dev/null -R
tin /dev/null -R
t --start-daemon backup --mcast-interface lo -- --mcast-group 224.0.0.9 -w -1
t -A -t 198.18.0.1:0
t -S
tin /dev/null -R
t -A -w -1
t -n -w -1 -p 0
t --start-daemon master --mcast-interface lo --tun-csum -M 64 --tun-csum
t - -l -u 198.18.0.1:53
t --set -s nosuch -w 0
t -C
t -Sn
t -L -n --daemon
tin /dev/null -R
t -l --tun-nocsum
t -l
t -v
t -L -f 1 -n --tun-nocsum -s wlc
t -c -M 255.255.255.0 --mcast-ttl 2
t -c
t --set --mcast-group 224.0.0.9
t --set 1 2
t --set 1 2 -b mh-port,mh-fallback
t -r [2001:db8::2]:80 --daemon -d -M 64 -f 1
t -E -t 198.18.0.1:0
tin /dev/null -R
t --stop-daemon backup
t -C --tun-nocsum
t --stop-daemon master --sync-maxlen 900 -p -s sh
t -n --stats
t -v
t --sctp-service 198.18.0.3:9 -d -r [2001:db8::2]:80
t -a -r 198.18.1.2:8080 --pe sip 0 0 0 --sort
t --stop-daemon master -x 5 -y 10 --mcast-interface lo --tun-info
t -E -f 1 -6 -n
t -n -M 64
t -E -t 198.18.0.1:80
t -d -r 2001:db8::3
t -L -f 1 -6 -b flag-1
t -D -f 2 -s sh -M 64
t --stop-daemon
t -c --mcast-port 9000
t --start-daemon master --mcast-interface lo -s nosuch
t --start-daemon master --mcast-interface lo -p 30 0 0 0
t -l -t 198.18.0.2:80 -x 5 -y 10 --persistent-conn
t -A -w 0 --tun-remcsum
t -S --sync-maxlen 900
t -Z --sctp-service 198.18.0.3:9
t -D -f 2 master --tun-csum --nosort
t -e -f 2 -r 198.18.1.2:8080
tin /dev/null -R
t -E -f 1 --tun-csum --sort --tun-csum
tin /dev/null -R
t -Sn
t -L -n --daemon
t -l -f 1 -p 30 -6
t --stop-daemon backup --tun-port 6080
t -h
t -A -t 198.18.0.1:80 --stats
t 1 2 --set -p 30 -c
t -n --mcast-group 224.0.0.9
t --set 1 2
t -h
t --start-daemon backup --mcast-interface lo --thresholds --pe sip --tun-type gre
t -C
t -h -x 10
t -h
t -h x
t -a -f 1 -r [2001:db8::2]:80 -M 255.255.255.0 -o
t --start-daemon master --syncid 3
t -Z -t 198.18.0.1
t --set 0 0 0
t -h -- --nosort -b flag-1
t 1 2 --daemon --set -y 5
t -n -M 255.255.255.0
t -S -c --nosort
t -c
t -C
t -h
tin /dev/null -R
t -E -t 198.18.0.1
t -n
t -s sh --start-daemon backup --mcast-interface lo backup
t -v
t -C
t -S
t -L -w -1 --sync-maxlen 900 --sort
t --start-daemon --pe sip
t -S -y 5 x -M 64
t --set 900 120 300
t --start-daemon backup
t -E -f 2 -s sh --nosort --thresholds
t -v
t -D --sctp-service 198.18.0.3:9
t -A -w 0
t -Sn
t -L -n --daemon
t -b sh-port -S
t --set 0 0 0
t -d -f 1 -r 2001:db8::3 -x 5 -y 10 --tun-info -i
t --start-daemon master --mcast-interface lo
t -v -b mh-port,mh-fallback -g -b sh-port
t --mcast-port 9000 -f 1 -6 -Z
t -S -w 3
t -e -t 198.18.0.2:80 -r 2001:db8::3 --tun-nocsum
t -a -f 2 -r [2001:db8::2]:80 -x 5 -y 10
t -l -u 198.18.0.1:53 --timeout -s mh
t --stop-daemon master
t -g --set
t -d -u 198.18.0.1:53 -r 2001:db8::3 --daemon -w 0
t backup --stop-daemon
t -D -t [2001:db8::1]:80 --mcast-ttl 2 --persistent-conn
t -S
t -n --sync-maxlen 900
t -C --tun-type gue --mcast-interface lo 10 20 30
t -h
t --stop-daemon -6 -s wlc
t -d -t 198.18.0.1:80 -r 198.18.1.2:8080 --tun-port 6080 --sort -s mh
t -d -f 2 -r 2001:db8::3
t --stop-daemon backup --tun-info -- -M 24
t -a --sctp-service 198.18.0.3:9 -r 198.18.1.1 -p -- --tun-type gre
t -M 24 -n --sync-maxlen 900 -M 24
t --start-daemon master --mcast-interface lo -s wlc
t -v
tin /dev/null -R
t -n
t -A -t 198.18.0.1:80
t -S
t -v -p 0 --tun-csum -w 3
t -S
t --mcast-port 9000 -h --timeout
t -A -t 198.18.0.1 --thresholds
t -L -f 1 -n master --tun-csum
t -C -c
t -v --mcast-interface lo --pe sip
t --set 0 0 0 -b flag-1 backup
t --stop-daemon backup -s sh --tun-remcsum -s nosuch
t -Sn
t -L -n --daemon
t -D --sctp-service 198.18.0.3:9
t -E --sctp-service 198.18.0.3:9 -p 30
t -h x
t -E -t 198.18.0.1:0
t -c -s mh
t -v -x 5 -y 10 -p
t -d --sctp-service 198.18.0.3:9 -r 2001:db8::3 -p 0
t -A --thresholds --mcast-group 224.0.0.9 master
t -A -f 2 -i
t -h -b flag-1
t --start-daemon backup --sort -i
t -t 198.18.0.1:0 --sync-maxlen 900 -a -r 198.18.1.1
t 1 2 --set
t --stop-daemon backup
t -S
t -A --sctp-service 198.18.0.3:9
t -C -g -o
t -l -f 1 -6 -w 0 -g
t -E -s rr
t -M 255.255.255.0 -r 198.18.1.2:8080 -d -M 255.255.255.0 --sctp-service 198.18.0.3:9
tin /dev/null -R
t -e -t [2001:db8::1]:80 --persistent-conn -r 198.18.1.3:80
t -h --rate
t -l -u 198.18.0.1:53 0 0 0
t -h
t -Z -t 198.18.0.1
t -D -f 1 -w 3
t --nosort -Z -t 198.18.0.1:0
t -Z -f 2 -x 5 -y 10
t -A -f 2 --timeout --mcast-group 224.0.0.9
t --stop-daemon backup backup --mcast-group 224.0.0.9 --tun-csum
t -i -v -M 24
t -S -m
t -Z --daemon -b sh-port -y 5
t --stop-daemon master --sort
t -C
t -d -t 198.18.0.1 -r 2001:db8::3 --pe sip
t -l -s sh -p 30 -x 10
t -v -o
t -L
t -Sn
t -L -n --daemon
t -h master -n
t -n --start-daemon --tun-info
t -S -M 64
t -E -f 1 -b sh-port -n master
t -E -u 198.18.0.1:53
t -e -r 198.18.1.2:8080 -p 30 --tun-nocsum
t --set 0 0 0
t -a -t [2001:db8::1]:80 -r 198.18.1.2:8080
t -E
t -h -p 30
t -n --syncid 3
t --start-daemon master --mcast-interface lo --sync-maxlen 900
t -Z --sctp-service 198.18.0.3:9
t --stop-daemon -b flag-1
t -u 198.18.0.1:53 -L
t -l -f 1 -6 --thresholds
t --start-daemon backup --mcast-interface lo -i
t -l -t 198.18.0.1 -w 3 -s wlc 10 20 30
t -c
t -d -t 198.18.0.1:0 -r 198.18.1.2:8080 --stats -i
tin /dev/null -R
t -A -t [2001:db8::1]:80 -g backup --tun-type gre
t -t 198.18.0.1:80 --nosort -L
t -l -f 1 -6
t --start-daemon backup --mcast-interface lo --tun-nocsum
t -e -t 198.18.0.1 -r 198.18.1.2:8080
t --start-daemon master --mcast-port 9000
t -E --sctp-service 198.18.0.3:9 -w 3
t -v
t -l -M 255.255.255.0
t -e --sctp-service 198.18.0.3:9 -r 198.18.1.3:80 -o
t -a -t [2001:db8::1]:80 -r 2001:db8::3
t -e -t 198.18.0.2:80
t -n --persistent-conn --tun-type ipip
t -h
t -f 2 -l
t -v --tun-csum -x 5 -y 10 --tun-type ipip
t -A --sctp-service 198.18.0.3:9
t -c
t -E -f 1
t -Sn
t -L -n --daemon
t -A -t 198.18.0.2:80 -b flag-1 -s rr
t -l -t 198.18.0.1 -p 30 master
t -n -o
t - -f 1 -6 -r [2001:db8::2]:80 -a
t -v -s mh
t -d -t 198.18.0.1:0 -r 198.18.1.1
t -C --daemon -w -1 --daemon
t --start-daemon --tun-port 6080
t -L -f 1 --tun-type gue -b mh-port,mh-fallback
t -h
t --set --tun-csum
t -C -b mh-port,mh-fallback
t -l -u 198.18.0.1:53
t -t 198.18.0.1:80 -y 5 -E
t -a -r 198.18.1.3:80 --tun-type gre
t -Z
t -e -t [2001:db8::1]:80 -r 198.18.1.1 master
t --start-daemon backup --mcast-interface lo
t -S -M 24
t -v -s nosuch --mcast-ttl 2 -x 5 -y 10
t -e -f 1 -6 -r [2001:db8::2]:80 -x 10
t -n
t -b mh-port,mh-fallback -t 198.18.0.1:80 -s mh -Z
t -v -g
t -c --mcast-interface lo -w -1
t --stop-daemon master --tun-csum --thresholds
t -Z -w 3
t -C --tun-type gue
tin /dev/null -R
t -C -M 255.255.255.0
tin /dev/null -R
t -D -u 198.18.0.1:53
t -v -b mh-port,mh-fallback -b sh-port
t -L -t 198.18.0.1:80 --nosort --mcast-group 224.0.0.9
t -C
t -d -u 198.18.0.1:53 -r 198.18.1.3:80
t -Z -t 198.18.0.1:0 --mcast-group 224.0.0.9
t -D --sctp-service 198.18.0.3:9
t -v -w 3 -c --tun-port 6080
t -f 1 -6 -l
t -Sn
t -L -n --daemon
t --tun-csum -f 1 --timeout -r 198.18.1.1 -e
t -a -t 198.18.0.1:80 -r 198.18.1.2:8080 -M 64 --pe sip
t -S --mcast-ttl 2
t -e -r 198.18.1.1 -n
t -C -w -1 --tun-type gue -i
t -C --timeout -M 255.255.255.0 --tun-type ipip
t -A -t 198.18.0.1:0 - -x 10 -c
t --start-daemon master -w 0 -w 3 --thresholds
t -E -f 1
t -d -r 198.18.1.1 -b flag-1 -p -t 198.18.0.1:0 --sync-maxlen 900
t --set 900 120 300 --stats --
t --tun-csum -l -M 64
t --stop-daemon backup --sort -s rr
t --stop-daemon backup --mcast-ttl 2
t -h
t -v - -w -1
t --set 1 2
t -l -t 198.18.0.2:80 -g
t -C -s mh
t -d -f 2 -r 198.18.1.1 -s wlc
t -c
t --start-daemon master --mcast-interface lo
t -A -t 198.18.0.1:0 -6 --stats
t -p 0 -w 3 -n
t -b sh-port -D
t -D -t 198.18.0.1:0 --sync-maxlen 900 -i -w 0
t -S --mcast-interface lo backup --sync-maxlen 900
t -L -f 1 -6 -p 0 --tun-csum
t -E -p --exact
t 10 20 30 backup --stop-daemon
t -e -r 198.18.1.1
t --start-daemon master --mcast-group 224.0.0.9 -s nosuch
t -d -f 1 -6 -r 198.18.1.2:8080
t -Z -t [2001:db8::1]:80
t --stop-daemon backup
t -C
t --set
t -D -f 1 -6
t -S -s nosuch
t -v -m
t -Sn
t -L -n --daemon
t -h -M 255.255.255.0 -M 64
t -d -t 198.18.0.1:80 -r [2001:db8::2]:80
t -e -f 1 -6 -n --timeout
t --set 0 0 0 -x 10
t -n --tun-csum
t -S 10 20 30
tin /dev/null -R
t --set 1 2 -M 24 -s sh
t --set 1 2 --tun-type gue -w -1 backup
t --nosort --sctp-service 198.18.0.3:9 -w 3 -r 198.18.1.3:80 -a
t --mcast-interface lo --start-daemon --mcast-interface lo backup
tin /dev/null -R
t -D --sctp-service 198.18.0.3:9
t -S
t -e -t 198.18.0.1 -r 198.18.1.1
t -a -f 1 -6 -r 198.18.1.2:8080 -i 10 20 30
t -C master x --rate
t -v
t -A --
t -D -p
t -A -y 5
t -r 198.18.1.3:80 -d --sctp-service 198.18.0.3:9
t -b sh-port -s nosuch -L --tun-type gre --sctp-service 198.18.0.3:9
t -l -t [2001:db8::1]:80
t -v -M 255.255.255.0
t -A --daemon -p 30
t -L -f 1 master --exact --tun-remcsum
t -a -t [2001:db8::1]:80 -r [2001:db8::2]:80 --daemon -b flag-1
t backup --stop-daemon
t -A -t 198.18.0.1:80 -s mh -M 64 master
t -p 0 -r 198.18.1.1 -e -M 64
t -C --mcast-ttl 2
t -v -s rr
t -A -u 198.18.0.1:53 -n -o
t --stop-daemon master -p -p 30 -b sh-port
t -h --rate
t -Z -f 1 -6 master --mcast-port 9000
t -v -p
t -A -t 198.18.0.1:0 0 0 0 --persistent-conn
t --stop-daemon --pe sip -s sh -p
t -Sn
t -L -n --daemon
t -L -t 198.18.0.1
t -n --tun-type gue
t -y 5 -h
t -d -f 1 -6 -r [2001:db8::2]:80
t --stop-daemon master -b sh-port --pe sip
t - -t 198.18.0.1 -E
t --start-daemon -i --nosort -m
t --tun-type gue --set 10 20 30
t -c --tun-type ipip
t --stop-daemon -n
t --start-daemon --tun-type ipip
t -A -m
t -Z -f 1 -6
t -L -t 198.18.0.1:80 --sync-maxlen 900
t -S
t -a -t [2001:db8::1]:80 -r 198.18.1.1 backup --thresholds
t -S --daemon --tun-type gue -b sh-port
t -h --tun-csum --tun-type gue
t --stop-daemon backup -s rr
t -A -u 198.18.0.1:53 -M 24
t -L -t 198.18.0.2:80
t -c
t -s nosuch --mcast-interface lo backup --start-daemon
t -n -x 5 -y 10 -s wlc
t -A -t 198.18.0.1:0
t -S
t -d -f 1 -6 -r 198.18.1.1
t -S --mcast-ttl 2
t -h -p
t -e -t 198.18.0.1:80 -r 198.18.1.3:80
t -e -t [2001:db8::1]:80 -r [2001:db8::2]:80 -w 0
t -n --tun-remcsum -M 24 --tun-info
t -n
t -c -d --tun-nocsum --sctp-service 198.18.0.3:9 -o
t -a -m -r 198.18.1.1
t -v
t -C --tun-info --sort
t -L -t [2001:db8::1]:80 --mcast-group 224.0.0.9
t -l -t 198.18.0.1:0
t -n backup
t -Sn
t -L -n --daemon
t -D --sctp-service 198.18.0.3:9 10 20 30 -w -1
t -a -t 198.18.0.2:80 -r [2001:db8::2]:80 -y 5
t -a -f 2 -r 198.18.1.1 --nosort --mcast-group 224.0.0.9 --mcast-ttl 2
t -c
t -v -M 24
t -L
t -n
t -e -f 2 -r 198.18.1.3:80
t -f 1 -A
t -c - --syncid 3
t -a -r 198.18.1.1 -n --sync-maxlen 900 -p 0
t -A -t 198.18.0.1 --pe sip --thresholds -
t -C
t --start-daemon master --mcast-interface lo -b sh-port --mcast-port 9000
t -d -t 198.18.0.1 --syncid 3
t -S --stats
t --set 1 2
t --set
t -A -f 2
t --set 10 20 30
t -L --sctp-service 198.18.0.3:9
tin /dev/null -R
tin /dev/null -R
t --start-daemon backup --mcast-interface lo
t -r 198.18.1.1 -d -t 198.18.0.1:0
t -A -t 198.18.0.1:80 -p
t -L --sctp-service 198.18.0.3:9 --tun-type ipip
t -n -s rr
t -c
tin /dev/null -R
t -e
t -n
t -l -u 198.18.0.1:53 -g --tun-type ipip
t --stop-daemon backup
t -E -f 1 -6 --pe sip --mcast-group 224.0.0.9 --tun-csum
t -e -t 198.18.0.1:80 -r [2001:db8::2]:80 --daemon -g -s mh
t --start-daemon master --mcast-interface lo --mcast-port 9000
tin /dev/null -R
t backup --mcast-interface lo --start-daemon
t -L -t 198.18.0.1:80 -b sh-port --nosort --thresholds
t -Sn
t -L -n --daemon
t --stop-daemon --tun-type gue -6 --pe sip master
t -C
t -L
t -e -f 1 -6 -r 198.18.1.2:8080 -w 3
t -l -f 1 -6
t -r 198.18.1.3:80 -e -t 198.18.0.1:0
t --start-daemon backup --mcast-interface lo --syncid 3
t -l -f 2 --mcast-interface lo
t -w -1 -p 30 -c -s mh
t -S
t -g -t 198.18.0.1:0 --tun-nocsum -r [2001:db8::2]:80 -a
t -A -i
t -v -s nosuch master -6
t -l 10 20 30 -f 1 -6 -p 0
t -r 198.18.1.1 -e -t [2001:db8::1]:80
t -D -f 1
t -t 198.18.0.2:80 -L -s rr
t -D -t 198.18.0.1:80
t -e -t 198.18.0.2:80
t -D -f 2 master
t -l -t [2001:db8::1]:80
t -l -u 198.18.0.1:53
t -e -t 198.18.0.1
t -n --syncid 3
t -n --tun-type gue --pe sip
t -A -t 198.18.0.2:80 x -s mh
t -C --nosort -x 5 -y 10
t -a -f 2 -r 198.18.1.3:80 -6
t -E --sctp-service 198.18.0.3:9
tin /dev/null -R
t --stop-daemon master
t -S
t -n --mcast-group 224.0.0.9 -m
t -a -f 1 -r 198.18.1.1 -b sh-port -b mh-port,mh-fallback --tun-type gue
t --tun-csum -m -l -f 1 -6
t -h --exact backup
t -h x --tun-info
t -h --tun-port 6080
t -C --timeout -x 10
t -D -s mh -s sh -p 0
t -Sn
t -L -n --daemon
t -x 5 -y 10 10 20 30 --set 900 120 300
t --set 10 20 30 --tun-type ipip x --nosort
t -a -f 1 -r 198.18.1.2:8080 --daemon
t -Z -w 0
t -L -f 2 --mcast-port 9000 -x 10
t -l -t 198.18.0.2:80
t --set 10 20 30 -x 10 -w 0
t -E --sctp-service 198.18.0.3:9
t -E -f 2 --tun-type gue
tin /dev/null -R
t -f 2 -L
t --set 900 120 300
t -S --tun-type gre 0 0 0
t -C x
tin /dev/null -R
tin /dev/null -R
t -S -n
t -L -t 198.18.0.1:80 -s mh --mcast-port 9000
t -a --sctp-service 198.18.0.3:9 -r [2001:db8::2]:80 -s mh --tun-type gre -w 0
t --set --mcast-group 224.0.0.9 -n -s mh
t -E -f 1 -6 --exact -M 64
t -v
t -d -u 198.18.0.1:53 -r 198.18.1.2:8080 --tun-remcsum
t -n
t -n -M 255.255.255.0
t --tun-type gue -f 2 -E
t -c --tun-type gue
t --set 1 2 --thresholds --sort -w -1
t -c - --persistent-conn -s sh
t --rate -Z -f 2
t --set 1 2
tin /dev/null -R
t -d -r 198.18.1.3:80 --tun-csum -s sh --thresholds
t --stop-daemon backup backup -o -o
t --start-daemon backup
t -h --daemon -s rr
t -E -f 1 --rate
t -c -o
t -l -f 2 --tun-nocsum -M 255.255.255.0
t --set 1 2 -s wlc
t -Sn
t -L -n --daemon
t -h
t -v --tun-type gue
t -c --timeout
t -S
t -d -f 1 -6 -r 198.18.1.1
t -a -t 198.18.0.1:80 -r 198.18.1.3:80 --mcast-interface lo -s wlc --syncid 3
t --start-daemon --tun-nocsum -p 30 -w 0
t -Z -c -t 198.18.0.1:80 --syncid 3 -x 5 -y 10
t -D -t 198.18.0.1:0
t -C -s mh
t -l --sctp-service 198.18.0.3:9 --mcast-interface lo --tun-type ipip -b sh-port
t -a -t [2001:db8::1]:80 -r 2001:db8::3
t -c --sort --tun-csum -m
tin /dev/null -R
t -f 2 -a -b sh-port -x 10
t -d -r 198.18.1.3:80
t --set 900 120 300
t -L -t 198.18.0.1:0
t -v
tin /dev/null -R
t -l -t 198.18.0.2:80 --mcast-group 224.0.0.9
t -h --mcast-interface lo -b mh-port,mh-fallback
t -l -t 198.18.0.1:80 --syncid 3 master -p 0
t -D --thresholds
t --persistent-conn -b mh-port,mh-fallback -c
t -d -f 1 -r [2001:db8::2]:80 -w 3
t --start-daemon
t -l -x 5 -y 10 --tun-type gre -M 24
t -C
t -t 198.18.0.1 -A
t -A
t -c -b sh-port --tun-port 6080
t --start-daemon master --mcast-interface lo
t -u 198.18.0.1:53 -d
t -e -t [2001:db8::1]:80 -r 198.18.1.1
t -D --exact
t -m -6 -c
tin /dev/null -R
t -D --mcast-ttl 2
t -n
t -Sn
t -L -n --daemon
t -Sn
t -C
t --stop-daemon master
t --stop-daemon backup
