# Random long command lines (2-7 options each) from a pool with bad values: which error comes first (fixed seed).
t -h -w -1 -s nosuch --mcast-interface lo -6 --tun-info
t -e -f 0 -r bad -x -1 --sync-maxlen x -w 3
t -A -f 1 --sort -w 3 -y x
t --start-daemon bogus --tun-type gue --mcast-ttl 2 -p x --tun-remcsum --sort -s rr
t -d -t 198.18.0.1:99999 -r [2001:db8::2]:80 --mcast-interface nosuch0 --syncid 3 --tun-info --thresholds -y x --nosort
t -C backup --tun-nocsum --mcast-port 0 -M 999 master --tun-port 0
t -D -n master --tun-remcsum
t -v -i -6
t -h --sync-maxlen 900 --sync-maxlen x --tun-type gue 10 20 30 -b flag-1
t -E -t bad:80 --mcast-group 224.0.0.9 -b flag-1 --tun-port 6080 --daemon -b bogus -s wlc
t -L -t [2001:db8::1]:80 -p 60 -b bogus
t -E -t 198.18.0.1:80 --mcast-group 198.18.0.1 -b mh-port --tun-port 0 --mcast-group 198.18.0.1 backup -b bogus --mcast-group 198.18.0.1
t -d -t bad:80 -r 198.18.1.1 -6 -w 0 backup -b flag-1 --sync-maxlen 900 -c
t --set 0 0 0 -s nosuch --pe nosuch
t -A -f 1 -b flag-1 --tun-info -c
t --stop-daemon master --mcast-ttl 0 --mcast-ttl 0 -s mh
t -v --tun-nocsum --tun-port 6080 --timeout -i
t -h --pe nosuch -w x -w x -M 64 -x -1 -M 64 -c
t -h -s nosuch --mcast-port 0
t -h --tun-nocsum --syncid 999 -b sh-port
t --start-daemon master -p 60 --mcast-port 0 --syncid 3
t -D -u 198.18.0.1:53 --tun-type bogus --tun-csum
t -S -p x --thresholds --mcast-interface lo --mcast-group 198.18.0.1 --pe nosuch
t -h -w -1 -s mh 10 20 30 -p 30
t -d -r 198.18.1.2:8080 -x 10 --tun-info --mcast-port 9000
t --set 0 0 0 10 20 30 -m -n -r 198.18.1.9
t --set -b bogus --tun-remcsum --rate
t -A -f 0 --mcast-ttl 0 --mcast-group 198.18.0.1
t --start-daemon backup -g -w -1
t --set 0 0 0 -s rr --tun-info 10 20 30
t -A -f 1 -p 60 --tun-csum -s wlc -p x --mcast-port 0 -t 198.18.0.2:80 --sync-maxlen 900
t -v -p 30 -x -1
t -Z -t [2001:db8::1]:80 -b mh-port --mcast-port 9000 --mcast-port 9000 --thresholds
t -S --tun-type bogus --tun-nocsum
t -L -f 0 --mcast-ttl 2 -s mh --sort -s sh --tun-port 0 --tun-nocsum --tun-type bogus
t -d -t 198.18.0.1:80 -r [2001:db8::2]:80 --sort -w x --pe sip -g --tun-nocsum
t -C --mcast-ttl 2 -s nosuch -s mh --tun-remcsum
t -C -6 -w 3
t -D -t 198.18.0.1:99999 -y 5 -g -w 3
t -D -t [2001:db8::1]:80 -s rr -M 999 -s wlc master master -m -p 60
t -A -f 0 --mcast-ttl 0 --tun-remcsum --mcast-interface nosuch0
t -e -t 198.18.0.1:99999 -r 198.18.1.1 --mcast-ttl 0 -o -x -1
t --start-daemon backup -s rr --tun-csum -o --pe nosuch
t -Z -f 1 --persistent-conn -i -b flag-1 --bogus
t -A -f 0 -s sh --nosort
t -L -t 198.18.0.1:80 -b flag-1 --sort --nosort --tun-csum --mcast-group 198.18.0.1
t --stop-daemon master -w -1 --rate --sync-maxlen 900 master backup --persistent-conn
t --start-daemon --mcast-ttl 0 -M 64 -n -M 999 -y x
t -v backup --syncid 999 x --tun-port 0 -p x --timeout -m
t -v --daemon 10 20 30 --tun-type gue
t -Sn
t -L --daemon
t --stop-daemon backup 10 20 30 -w 3 -i --tun-csum -s nosuch
t -e -t bad:80 --thresholds --daemon -r 198.18.1.9 master
t -h -p 60 --mcast-port 0 -i
t -h --mcast-interface nosuch0 -s rr
t -E -t 198.18.0.1:80 -b bogus --nosort --tun-type gue -y x --mcast-group 198.18.0.1
t --stop-daemon -p -y 5 --nosort
t -L -t 198.18.0.1:99999 x -M 999 --tun-remcsum master
t -a -t 198.18.0.1:80 -x 10 --nosort
t -d -r 198.18.1.1 --daemon --pe nosuch
t -S --syncid 999 -y 5 --sort -s mh
t -E --tun-type bogus -b mh-port --mcast-ttl 0 --tun-port 0 -M 999
t -Z -t 198.18.0.1:80 -M 64 backup --pe sip
t --set 10 20 30 --syncid 999 -p 0 -Q --syncid 3 -w 3 -s mh
t -Z -t 198.18.0.1 -w 3 --tun-port 0 -y 5 -n
t -L -f 0 --mcast-interface nosuch0 -p --mcast-ttl 0 --daemon x -s rr -i
t -E -t 198.18.0.1:80 -w 0 --tun-port 0 -b flag-1 -w 0
t -L -f 1 -6 -m --mcast-port 0 --mcast-interface lo --sort --mcast-group 198.18.0.1 -s rr --bogus
t --start-daemon master -b flag-1 -w x -Q --sort
t --set 1 2 -b flag-1 -w x -p 30 --stats -i -m
t -A -t [2001:db8::1]:80 --mcast-port 0 --mcast-port 0 --stats
t --start-daemon backup -w x --thresholds
t --set 1 2 -w 0 -c --pe nosuch --sort --sync-maxlen 900 -s mh --tun-nocsum
t -v --rate -r 198.18.1.9 --mcast-port 9000 --sync-maxlen x -s mh
t -d -f 0 -r 198.18.1.1 -s mh -y 5
t -h -t 198.18.0.2:80 -M 255.255.255.0 --timeout --exact -p 30 -m
t -A -f 1 --tun-info -g -b flag-1 --sort -b mh-port
t -d -f 0 -r 198.18.1.3:0 -n -p 30
t -A -y x -p 60 --tun-csum --thresholds
t --start-daemon --syncid 3 --persistent-conn -b flag-1 -b bogus --sort
t -C -n --mcast-ttl 0 -p 60 -M 255.255.255.0 --tun-nocsum --timeout --mcast-ttl 0
t -L -t bad:80 --timeout --tun-nocsum -M 255.255.255.0 -s mh -w 3
t -C -r 198.18.1.9 -M 255.255.255.0 --mcast-interface nosuch0
t -E -t 198.18.0.1:80 -s rr -x -1 -s nosuch -x 10 --bogus
t -A -t [2001:db8::1]:80 -s sh -6 -o -s mh --syncid 999
t -v --mcast-port 9000 --sync-maxlen x --tun-port 0 -n
t -h --tun-info backup --bogus --tun-port 6080 -s rr --tun-port 6080
t -C -p 30 --syncid 999 --mcast-ttl 0 --tun-type bogus
t -C --sync-maxlen x -p master
t -C -Q -p x -x 10
t -D -u 198.18.0.1:53 -b sh-port x -g --tun-info -n --rate
t -C --tun-port 6080 -b flag-1 -s rr -M 999 -o --pe nosuch
t -E -f 0 --daemon -g
t -E -t 198.18.0.1:80 -p 30 --pe nosuch --syncid 999 --persistent-conn -g -M 64 -p 0
t -C --thresholds -s nosuch -M 64 -b flag-1 --mcast-interface nosuch0 -r 198.18.1.9
t -E -t 198.18.0.1:80 --mcast-group 224.0.0.9 -y x -t 198.18.0.2:80 --mcast-interface nosuch0 --rate --tun-remcsum
t -C -c --tun-nocsum -y x
t -e -t [2001:db8::1]:80 -r 198.18.1.2:8080 --nosort --timeout --mcast-port 0 --stats -b bogus --syncid 3 -6
t --stop-daemon bogus --mcast-ttl 0 -M 255.255.255.0 --mcast-ttl 0 -p 60 x --mcast-interface lo
t --set 1 2 x -w -1 -o -p x --pe nosuch x
t -D -t 198.18.0.1:80 -y 5 -s rr
t -Sn
t -L --daemon
t -C -y 5 -c --sync-maxlen x --tun-port 0 --bogus
t -a -f 1 -6 -r bad -s nosuch -p 60 --thresholds --tun-info -y 5
t -L -u 198.18.0.1:53 --tun-port 6080 -s wlc --exact
t --start-daemon master -o --tun-type gue --pe sip --mcast-interface nosuch0
t -C --tun-port 6080 --timeout
t --set 1 2 --exact -s rr -p
t -e -r [2001:db8::2]:80 --tun-port 6080 -r 198.18.1.9 --sort --mcast-interface lo -g -b flag-1
t -C --exact --tun-csum --mcast-ttl 2 --timeout 10 20 30 --sync-maxlen x backup
t -C --mcast-interface lo -s wlc
t -v -m -t 198.18.0.2:80
t -v --daemon -x -1 --tun-port 0 --mcast-port 0
t -S -w 3 -p 60 -y 5 --stats
t -d -f 1 -r 198.18.1.3:0 -w 0 --tun-nocsum
t -L -t 198.18.0.1:80 --tun-port 0 -M 64 --tun-port 0 --tun-csum --tun-info --mcast-port 0 -g
t -S --mcast-interface nosuch0 --mcast-ttl 0
t -h --mcast-interface nosuch0 -p 60 --exact
t --set 1 2 -p 30 -m
t -C -M 64 -M 64 --mcast-port 9000 -y 5
t --start-daemon master --tun-csum --tun-port 0 -r 198.18.1.9 -M 64 -o --tun-remcsum --exact
t -L -t [2001:db8::1]:80 --pe nosuch -s mh -6 --tun-csum -p 30 -w 0
t -S -p 60 --mcast-port 9000 -y 5 -M 255.255.255.0 -p 30
t --set 0 0 0 -6 --mcast-port 9000 --syncid 3
t --start-daemon -s sh -s wlc -M 64 -w 3 -w x -b flag-1
t -L -f 1 master --sync-maxlen x -w x --tun-port 6080
t -e -f 1 -r bad -p 0 --mcast-interface lo --sort --tun-port 6080 -w 3 -r 198.18.1.9 -p x
t -Z -f 1 --mcast-port 9000 --bogus --bogus --mcast-group 198.18.0.1 -b flag-1 -s sh
t --start-daemon bogus -i -g --tun-port 0 --bogus
t --set 1 2 x --rate master -b flag-1
t --set -x -1 --thresholds
t --start-daemon bogus -p x --mcast-ttl 0 -b sh-port
t -h --mcast-ttl 2 --mcast-interface nosuch0 --pe sip -6
t -S -w -1 backup --thresholds -s wlc -o
t -v --bogus --mcast-port 9000 --syncid 3 -m -s mh
t -h --tun-nocsum --mcast-port 0 --persistent-conn --mcast-port 9000 --thresholds -s sh
t -e -t bad:80 -r 198.18.1.3:0 --syncid 999 --pe nosuch --syncid 999
t -Z -u 198.18.0.1:53 --thresholds -o
t -Z -u 198.18.0.1:53 --mcast-port 0 -s mh -b mh-port -i --pe sip -b bogus
t -a -t 198.18.0.1:80 -r 198.18.1.3:0 master --mcast-group 224.0.0.9 -b mh-port --syncid 999
t -S -x 10 --tun-port 0 --sync-maxlen 900
t -h -x 10 --mcast-ttl 0
t -a -f 0 -r 198.18.1.1 --mcast-group 198.18.0.1 --persistent-conn --pe sip
t -D -u 198.18.0.1:53 -p 30 --tun-info -b sh-port --stats -g --exact --nosort
t -D -t 198.18.0.1:80 --tun-type bogus --mcast-ttl 2 --mcast-interface nosuch0
t -S -Q -s wlc --mcast-port 0 --mcast-group 224.0.0.9 --sort -M 255.255.255.0 -p
t -E -t [2001:db8::1]:80 -y x -m -y 5 -w 3 -s wlc
t -e -t [2001:db8::1]:80 -r 198.18.1.1 --persistent-conn --pe sip
t -v -g -r 198.18.1.9 --mcast-group 198.18.0.1 -p x --mcast-interface nosuch0 -o
t -v --tun-port 6080 -x -1 -b bogus --sort --mcast-interface nosuch0
t -E -f 1 -6 -s nosuch --mcast-port 9000 -b bogus --mcast-ttl 2 --mcast-ttl 2 --sync-maxlen 900 --mcast-port 0
t -L -t 198.18.0.1 -s sh --tun-info -M 999 x
t -Sn
t -L --daemon
t -L -t 198.18.0.1 -w 0 --stats --tun-port 6080
t -v -y 5 -n -b flag-1 -r 198.18.1.9 --timeout
t -e -f 1 -6 -r 198.18.1.1 -s sh -s nosuch --exact -b mh-port --nosort
t -A -f 0 -g --rate
t -a -f 1 -r [2001:db8::2]:80 --tun-csum --mcast-ttl 2 x --pe sip --persistent-conn
t --stop-daemon backup --timeout -s rr --syncid 999 -y 5 -x -1
t -a -u 198.18.0.1:53 -r [2001:db8::2]:80 --tun-nocsum --syncid 999 --tun-type gue --syncid 3 --stats -g
t --set 0 0 0 10 20 30 --tun-info --mcast-ttl 0
t -E -f 1 -6 -w 3 --exact --nosort --tun-csum --mcast-group 198.18.0.1 --sync-maxlen 900 -s nosuch
t -C --mcast-ttl 0 --daemon --bogus
t -v -r 198.18.1.9 backup --mcast-port 9000 --tun-type bogus --exact
t -h -r 198.18.1.9 --syncid 999 --mcast-group 198.18.0.1
t -L --stats -c -s mh
t -e -r [2001:db8::2]:80 -Q -x 10 --tun-type gue --mcast-port 9000 --exact --mcast-interface nosuch0
t --start-daemon --daemon -s sh --daemon --tun-remcsum --mcast-port 0 --timeout
t -S -p 30 -b flag-1
t -L -t 198.18.0.1:80 --persistent-conn -c
t -A -f 1 -6 --sync-maxlen x --bogus
t -A -t bad:80 backup -n -g -c -g -6
t -D -s rr -p 60 -s mh --stats -w 3
t -Z -t 198.18.0.1:80 -s wlc --thresholds -n --syncid 999
t -D -f 1 -w x --mcast-group 198.18.0.1 --pe nosuch --sync-maxlen 900 --daemon --tun-port 6080
t -d -t bad:80 -r [2001:db8::2]:80 backup --mcast-interface lo --bogus -Q -w -1 master -b bogus
t -Z -f 1 --mcast-interface nosuch0 --mcast-interface lo -s rr -y x
t -d -t 198.18.0.1:80 --exact --tun-type gue -Q --mcast-ttl 2
t -h -b bogus x -r 198.18.1.9 --tun-csum --pe nosuch
t -h -b mh-port -b mh-port
t --start-daemon master --mcast-port 0 --tun-info -w -1 -p 0
t --stop-daemon bogus -6 --sync-maxlen 900 --tun-info --exact -y x -o
t -a -t 198.18.0.1:80 -r 198.18.1.3:0 -x 10 --tun-port 0
t -D -f 1 --mcast-group 224.0.0.9 --tun-nocsum --mcast-interface nosuch0 --tun-info master --tun-remcsum -6
t -v -b mh-port --mcast-ttl 0 -p 60 --tun-port 0
t --set 1 2 x --pe sip -s mh
t -d -r 198.18.1.3:0 --mcast-interface lo -x -1 -y x --tun-type bogus --mcast-interface lo --daemon --bogus
t -d -t 198.18.0.1 -r 198.18.1.2:8080 --tun-type bogus -i 10 20 30 --tun-csum --tun-csum -Q
t -d -f 0 -r 198.18.1.2:8080 --tun-port 0 -w 3
t -E -t bad:80 -t 198.18.0.2:80 -w x --pe sip -o --persistent-conn --rate --stats
t -E -f 1 --tun-type gue --mcast-port 0 -6 master
t -h --pe sip -p 30 -M 64 --tun-port 6080 --mcast-port 0
t -L -t 198.18.0.1 -n -t 198.18.0.2:80
t --set 10 20 30 -y 5 -y x
t -v -w x --exact --syncid 999
t -S -s nosuch --syncid 3 --tun-info
t --set 10 20 30 --bogus -s rr --tun-remcsum master -s wlc -w 3 --sort
t --stop-daemon --syncid 999 --pe sip -c --tun-port 6080 -p 60 -n
t -L -t [2001:db8::1]:80 -s sh --mcast-ttl 0
t --stop-daemon backup --exact --tun-info -p 0 --tun-port 0 --mcast-port 0 backup -w 0
t --stop-daemon --tun-remcsum --syncid 999 -y x -b sh-port --mcast-group 224.0.0.9 -b sh-port -t 198.18.0.2:80
t -v backup backup -o -r 198.18.1.9
t -D -t [2001:db8::1]:80 --mcast-interface nosuch0 -r 198.18.1.9 --thresholds
t -Sn
t -L --daemon
t --stop-daemon bogus -s rr -p 0 --sync-maxlen 900 --sync-maxlen 900 --tun-csum
t -C -Q --mcast-port 0 --sync-maxlen x --bogus --mcast-port 0
t --stop-daemon master --pe nosuch x --bogus --mcast-group 224.0.0.9
t -S --rate --nosort --rate -M 64 -y 5
t -v -w -1 -i -b flag-1 10 20 30 -i --mcast-group 198.18.0.1
t -v -Q --tun-nocsum
t -S -Q --tun-type bogus -r 198.18.1.9 -w -1
t -d -f 1 -6 -r 198.18.1.3:0 --mcast-group 224.0.0.9 -p 0 --exact -i
t -E -t [2001:db8::1]:80 --mcast-ttl 0 -n --tun-type gue 10 20 30 -Q
t -e -t [2001:db8::1]:80 -r bad --exact -M 255.255.255.0 --mcast-port 0 --mcast-ttl 0 --pe nosuch
t --stop-daemon master -s rr -m -b mh-port --tun-type bogus -x -1 --mcast-ttl 0 -x -1
t -C -i -p x x --tun-port 6080
t --start-daemon master -b flag-1 --thresholds
t -A -t 198.18.0.1:99999 -b mh-port --thresholds -s sh --tun-type gue -w -1 --syncid 999 --thresholds
t -v --pe nosuch -p 0 -6
t --set 1 2 x --syncid 999 -t 198.18.0.2:80
t -d -t 198.18.0.1:80 -r [2001:db8::2]:80 -i -m --exact --persistent-conn backup
t -Z -t 198.18.0.1:80 -M 255.255.255.0 -r 198.18.1.9
t -a -t [2001:db8::1]:80 -r 198.18.1.1 -p x -w 3 --mcast-ttl 2 x --tun-csum
t -A -t bad:80 -i -x 10 -s rr --tun-info --mcast-interface lo --syncid 3
t -E -t 198.18.0.1:99999 --daemon --sync-maxlen 900
t -E -f 1 -6 10 20 30 --pe sip -o --syncid 3 -b mh-port
t -S -w x --timeout
t -Z -f 1 -6 -w 0 --mcast-group 198.18.0.1 --mcast-group 224.0.0.9 -p 0
t -d -t 198.18.0.1:80 -r 198.18.1.2:8080 --tun-type gue -s nosuch -n -x -1
t -h 10 20 30 --mcast-ttl 2 --rate
t --stop-daemon --mcast-interface lo -M 999 -b flag-1
t -A -t bad:80 -p 60 --sync-maxlen x --tun-port 6080 --pe nosuch -M 999 backup
t -e -f 1 -6 -r bad -p x --tun-port 0
t -e -r 198.18.1.3:0 master -s sh -c --bogus -s mh --mcast-interface lo -w 0
t -C --syncid 999 x
t -L -f 0 --pe sip -s rr -p 0 --sync-maxlen x --timeout -g --timeout
t -A -t 198.18.0.1:99999 --pe nosuch -M 999 --exact -x -1 -s nosuch --mcast-group 198.18.0.1 -w -1
t -D -t bad:80 --tun-csum -g
t --start-daemon --timeout --thresholds -w -1 --tun-port 6080 --rate
t -h -w x -p x
t -d -f 0 -r 198.18.1.2:8080 --tun-remcsum --bogus --mcast-group 198.18.0.1 --mcast-port 0
t -S -b sh-port --tun-port 6080 --sync-maxlen x -y x
t --start-daemon -g -p x -s mh
t --start-daemon backup --mcast-port 9000 --tun-info -g -y 5 -y 5
t --start-daemon master --persistent-conn --sync-maxlen x -t 198.18.0.2:80 --exact --tun-type gue -m --pe sip
t -E -u 198.18.0.1:53 -M 999 --tun-port 0 -m -o --tun-csum
t -d -f 1 --tun-remcsum --nosort --tun-nocsum -y 5 --tun-port 0 --mcast-interface nosuch0
t -S --nosort backup -s nosuch
t -D -f 0 --mcast-group 198.18.0.1 --tun-nocsum -b sh-port --sync-maxlen 900 --mcast-interface nosuch0
t -a -t 198.18.0.1 -r bad -M 64 --syncid 999 master
t -L -f 0 -b bogus -r 198.18.1.9 --mcast-group 198.18.0.1 --timeout -w -1 --rate
t -E -t 198.18.0.1:80 --sync-maxlen 900 --mcast-port 9000 -w -1 -M 999
t --set 0 0 0 --mcast-group 224.0.0.9 --sort -x 10 --sync-maxlen 900 -p 0
t -h -t 198.18.0.2:80 --mcast-port 0
t -Sn
t -L --daemon
t -E -t 198.18.0.1 --tun-port 6080 -p 60 -b bogus
t --start-daemon backup --rate -b bogus -x 10 --sync-maxlen 900
t -S -p 0 -s mh -M 999 -o -x -1 -x -1 -s nosuch
t -Z -t [2001:db8::1]:80 -s rr --tun-type gue --thresholds -b mh-port --tun-port 6080
t -Z --daemon -b mh-port -p 60 -o
t -A -t [2001:db8::1]:80 -s nosuch -p 0
t -v --sync-maxlen 900 --tun-remcsum -b flag-1
t --set 1 2 x --tun-port 0 --tun-type gue -w 3 -i --pe nosuch --tun-port 0
t --stop-daemon master --mcast-ttl 2 -w 0 --sync-maxlen x --mcast-ttl 2 --sync-maxlen x --bogus -x -1
t -D -t 198.18.0.1 --mcast-ttl 0 -M 999
t -L -f 0 -s sh --mcast-interface lo --bogus --tun-nocsum -c
t -E --timeout -c -p 30 --stats -g
t -A -f 1 -6 -6 -p x -w 3 --mcast-group 224.0.0.9 --stats -g --tun-type gue
t -A -u 198.18.0.1:53 -o -o --tun-remcsum -y 5 --tun-type bogus
t -C -s rr -o --bogus
t --stop-daemon backup -w -1 --sync-maxlen x --mcast-port 9000 -p --mcast-interface lo --syncid 999 --sort
t -v -M 999 backup --tun-nocsum -b mh-port -n --syncid 3 --syncid 999
t -E -t 198.18.0.1:80 -s wlc --stats
t -C backup --daemon --mcast-interface nosuch0 -g -i --persistent-conn --mcast-interface lo
t -Z -b flag-1 -w x --syncid 999 -p 30 -M 64 --sort -M 64
t -d -t 198.18.0.1 -r bad --sort --exact -r 198.18.1.9 -p --sync-maxlen x master
t --set 0 0 0 --sort --nosort 10 20 30
t -Z -f 1 --tun-csum --mcast-ttl 0 --pe sip -s rr -p --pe nosuch --stats
t -D -t 198.18.0.1:99999 -m -w x --sort --mcast-interface nosuch0 -s sh --tun-remcsum
t --start-daemon backup --tun-nocsum --pe sip -r 198.18.1.9 -6 -o -s wlc
t -C -c -t 198.18.0.2:80 --exact --syncid 999 -t 198.18.0.2:80 --sort --bogus
t -L -t [2001:db8::1]:80 -r 198.18.1.9 --tun-port 6080 --mcast-group 198.18.0.1 -g -i
t -E -t 198.18.0.1:80 -w x x -p 0 --nosort --pe sip --sync-maxlen 900
t -e -t bad:80 -r 198.18.1.3:0 --tun-remcsum -w x --mcast-interface lo -M 255.255.255.0 --syncid 3
t -h master 10 20 30 --sync-maxlen x --tun-port 0 --pe nosuch -w -1 --exact
t -L -f 0 -p 0 --pe sip --mcast-port 9000 -6 -b mh-port
t -a -f 1 -r bad -p x -b flag-1 -t 198.18.0.2:80 -p 30 -M 64
t --set 1 2 x -b mh-port 10 20 30
t -Z -u 198.18.0.1:53 --tun-info --mcast-ttl 2
t -e -t 198.18.0.1 -r bad x --syncid 3 -w 3 --rate --tun-info
t -h --tun-csum x -c -p x --persistent-conn --stats
t --start-daemon --timeout -Q --sync-maxlen 900 --stats --mcast-group 198.18.0.1
t --stop-daemon -Q -p 30
t --stop-daemon backup --syncid 3 -t 198.18.0.2:80 -w -1 --thresholds --tun-type gue --tun-type gue
t -Z -t 198.18.0.1:99999 --tun-csum -x -1 -x -1 -y 5 --tun-csum --stats
t -C master -x 10 --persistent-conn --stats
t -Z -t 198.18.0.1:80 -M 64 --mcast-port 9000 --daemon -x -1 --bogus -m --syncid 999
t -A -t bad:80 --mcast-group 198.18.0.1 --mcast-group 198.18.0.1 --syncid 999 -s wlc --mcast-ttl 0
t -h -p 60 --persistent-conn --daemon -y x --mcast-group 198.18.0.1
t --set 1 2 -M 255.255.255.0 10 20 30
t -A -t 198.18.0.1 --sort -s mh -b sh-port --tun-info -w 0 -n -s mh
t --set 1 2 --tun-nocsum --timeout
t -a -u 198.18.0.1:53 -r 198.18.1.1 -s nosuch --mcast-group 224.0.0.9 -s rr 10 20 30 -6 --mcast-port 0 -s nosuch
t -h --tun-port 0 --mcast-group 198.18.0.1 -M 255.255.255.0 -i
t -S x --tun-info
t -Sn
t -L --daemon
t --set --nosort -M 64 --pe sip
t -E -t 198.18.0.1:99999 -w 0 -M 255.255.255.0 x -s sh -p 30 --daemon --mcast-ttl 2
t -E -f 1 --sync-maxlen 900 -p 60 backup --tun-csum --bogus -s mh
t -C --mcast-group 224.0.0.9 --sync-maxlen 900 -b sh-port -t 198.18.0.2:80
t -h --mcast-group 198.18.0.1 --pe sip --pe nosuch -n
t -A -t 198.18.0.1 --sync-maxlen x 10 20 30 --sync-maxlen x --mcast-ttl 0 --stats -s rr --pe sip
t -D -u 198.18.0.1:53 --mcast-group 224.0.0.9 -r 198.18.1.9 -M 255.255.255.0 --mcast-interface lo --pe sip --pe sip -x -1
t --start-daemon master --mcast-port 9000 --tun-type gue --daemon
t --start-daemon -i --stats --mcast-group 198.18.0.1 --syncid 999
t -Z --nosort --timeout
t -v --sort --pe nosuch -M 255.255.255.0 -c
t -h -b bogus -s wlc -p 0 -p -t 198.18.0.2:80 --stats
t -h -y x -i --tun-nocsum -b bogus --tun-port 0
t -C -M 999 x
t -L -f 0 --sort --thresholds --syncid 999 -b sh-port -n
t -C --tun-port 6080 -y 5 master
t -d -f 0 -r 198.18.1.3:0 -6 --tun-type gue --mcast-port 9000 --sync-maxlen 900
t -Z -f 1 -6 --tun-port 0 --tun-remcsum
t -L -t bad:80 --mcast-port 9000 --timeout -g x --mcast-port 9000 --mcast-port 0
t -L -f 1 x --bogus --tun-remcsum --timeout -y 5 -s wlc
t -v -b mh-port -s mh --mcast-group 198.18.0.1 --mcast-interface lo --tun-port 6080 -s rr -g
t --start-daemon master master -y 5 -y 5 -p 30 -m --pe sip
t -S --tun-csum x -s sh
t -L -f 0 -p 0 -M 64
t -Z -t [2001:db8::1]:80 --bogus --tun-type bogus -o x
t --start-daemon backup --tun-port 6080 --tun-type bogus -x -1 -y x x
t --stop-daemon bogus master -s wlc -p 60 -i -w -1 --nosort --tun-nocsum
t -a -t 198.18.0.1 -r 198.18.1.3:0 --exact -s mh -M 999 --persistent-conn --timeout
t -d --timeout --persistent-conn -w 3 --nosort --pe nosuch
t -E -f 1 -6 -b sh-port --tun-type bogus -w -1 -p --daemon master --pe nosuch
t -C -x -1 --mcast-interface lo --mcast-group 224.0.0.9 --mcast-ttl 2 -x 10 --pe sip --pe sip
t --set 1 2 -s sh --tun-remcsum -y 5
t -E -t bad:80 master -r 198.18.1.9 --rate -t 198.18.0.2:80 -p 60
t -L -f 1 -6 -w 3 --daemon
t -d -r 198.18.1.1 --stats -M 255.255.255.0 --tun-type bogus --sync-maxlen 900 -w x --tun-type bogus --syncid 999
t -a -t 198.18.0.1:99999 --mcast-interface lo -i -x 10
t -E -t 198.18.0.1:80 --mcast-port 9000 -b bogus --mcast-ttl 2 --tun-info -s wlc
t -D -t bad:80 --daemon -p 60 -s sh --tun-csum
t -Z -t 198.18.0.1:80 --rate x --tun-type gue -p 60 -6 -s wlc -p 60
t -L -u 198.18.0.1:53 -Q -y x -M 999 --mcast-group 224.0.0.9
t -C --mcast-ttl 2 --pe sip --tun-remcsum --syncid 999
t --stop-daemon -w 3 -p 0 --mcast-group 224.0.0.9 -s rr -b flag-1 -6 -o
t -C -w 3 -p --thresholds -x 10
t -L -m --mcast-ttl 2
t -h --tun-nocsum --tun-port 6080 --persistent-conn -i master
t -E -t 198.18.0.1:99999 -Q -M 64 -b mh-port
t -C --syncid 3 --persistent-conn -p x
t -a -t 198.18.0.1:99999 -r 198.18.1.1 -p 60 --exact -c -x 10 -i
t -h -Q --sync-maxlen 900 --tun-info -y 5 -p 0 -b flag-1
t -A --syncid 3 -w x --nosort -o --timeout
t -Sn
t -L --daemon
t -v --syncid 999 -M 999 -s wlc -M 64 --persistent-conn
t --set 10 20 30 --thresholds -p x --tun-port 6080 --mcast-port 0
t -E -f 1 -6 -i -m
t --start-daemon bogus --daemon --syncid 999
t -S x -w 3 --pe sip
t -v --pe sip -Q -b flag-1 -g --pe sip --pe nosuch --tun-port 6080
t -A -t 198.18.0.1 --sync-maxlen 900 10 20 30 10 20 30 -6 --syncid 3 -x 10
t -h --tun-port 0 -M 999 --stats
t -a -f 0 -r [2001:db8::2]:80 -p 60 -p 60 --bogus -y 5 master -w 3 -s rr
t -e -f 1 -6 -r [2001:db8::2]:80 --mcast-port 0 -g -p x
t -v -b flag-1 -6 --sync-maxlen x -x -1 -b mh-port 10 20 30 -r 198.18.1.9
t -Z -f 1 -6 -b mh-port -r 198.18.1.9 -w 0 master -b bogus --bogus -x 10
t --stop-daemon master --mcast-group 198.18.0.1 -M 999 --mcast-port 0 -b sh-port --tun-port 6080 -s rr
t -Z -u 198.18.0.1:53 --sync-maxlen x -x -1 -s sh -p --mcast-port 0
t -C -x -1 -w x -c -p 30 --persistent-conn -b mh-port -M 255.255.255.0
t -D -t 198.18.0.1:80 -b bogus -6 backup -w 0 --mcast-ttl 0
t -a -u 198.18.0.1:53 --tun-info --tun-info --stats
t -Z -t 198.18.0.1:99999 -n --tun-type gue --mcast-ttl 0
t --set 0 0 0 --tun-type gue --mcast-group 224.0.0.9 --mcast-ttl 0 backup --pe sip
t -v --tun-remcsum -p 60 -6 --syncid 3 -w x --exact
t -S --mcast-ttl 2 -w 0 --thresholds -s sh --rate -w -1 --mcast-port 9000
t -A -t bad:80 --tun-remcsum --tun-info
t -e -r 198.18.1.1 -b flag-1 --mcast-ttl 0 -6 --mcast-port 9000 --rate --mcast-ttl 0 -b sh-port
t -D -t 198.18.0.1 -b flag-1 --bogus
t -C --syncid 999 --mcast-ttl 2 -b mh-port
t -v -s nosuch --pe sip -g
t --set --pe nosuch -c -w -1 -b flag-1 -w 3 x --persistent-conn
t -e -f 1 -6 -r 198.18.1.2:8080 -s sh backup --daemon
t -Z -t [2001:db8::1]:80 --tun-port 6080 -n -M 64 --tun-nocsum 10 20 30
t -E -t bad:80 -w x --sync-maxlen x -y x --tun-type gue -Q -p x
t -v --mcast-port 9000 -p 30 --syncid 999 -p 60 --tun-info -p 30 -x 10
t --start-daemon --mcast-group 198.18.0.1 --mcast-port 9000 --syncid 999 -Q --daemon -n backup
t -A --tun-port 6080 --pe nosuch --syncid 999
t -e -f 0 -r 198.18.1.1 -b bogus --bogus
t -E --tun-type gue --thresholds -b mh-port
t --start-daemon --mcast-port 9000 -m -m --persistent-conn
t -e -f 1 -r [2001:db8::2]:80 --tun-type bogus --sync-maxlen x -s nosuch -g --tun-type bogus -p 0
t --stop-daemon backup --mcast-port 9000 --daemon --tun-port 6080 --bogus -s wlc
t -C -x 10 --tun-port 0
t -D -t 198.18.0.1:99999 -M 255.255.255.0 -w 0 -o
t -a -t 198.18.0.1 -r [2001:db8::2]:80 -g -s wlc -Q --nosort --mcast-port 9000
t -d -f 1 -6 -r 198.18.1.3:0 -p 30 --daemon backup --bogus --pe nosuch -c --timeout
t -h --tun-csum --syncid 999 --mcast-port 0 -s sh -s sh
t -Z -f 1 -6 -M 64 --mcast-ttl 2 --pe nosuch
t -e -t bad:80 -r bad 10 20 30 --tun-csum -p 30
t --stop-daemon master -t 198.18.0.2:80 -r 198.18.1.9 -s wlc -p 30
t -S --daemon -p 0
t --set 10 20 30 --mcast-interface lo -w 3 -m
t -S --pe sip --syncid 3 -i -x -1 --persistent-conn
t --set 1 2 --tun-nocsum -p 30 -n
t -Sn
t -L --daemon
t -e -f 1 -r bad -p 60 -w 3 --bogus -s mh
t -L -t [2001:db8::1]:80 -p 0 -M 255.255.255.0 --mcast-interface nosuch0 --tun-info
t -a -t 198.18.0.1 -r 198.18.1.2:8080 -M 255.255.255.0 -m -p x --syncid 999
t -D -f 0 --tun-remcsum --mcast-group 224.0.0.9 --mcast-interface lo
t --set 1 2 --daemon -x -1 -m --tun-port 6080
t -Z -u 198.18.0.1:53 --thresholds --sort
t -v -s sh -o --tun-port 6080 -x -1
t -h --syncid 3 -s rr -x 10 --tun-nocsum -M 255.255.255.0 --tun-type bogus --stats
t -C backup -M 255.255.255.0 --rate -g -r 198.18.1.9 -r 198.18.1.9
t --start-daemon bogus -r 198.18.1.9 -x 10 --tun-csum --mcast-ttl 2 --timeout
t -v 10 20 30 --timeout --sync-maxlen 900 -s rr --daemon -p 0 -y 5
t -e -t 198.18.0.1:80 -r [2001:db8::2]:80 --sync-maxlen 900 backup -t 198.18.0.2:80 --mcast-interface lo --rate
t -C -x 10 -M 999 --timeout -M 255.255.255.0
t -D -t 198.18.0.1:99999 -i --tun-remcsum --sync-maxlen 900
t -C --mcast-interface nosuch0 -w x --pe sip -t 198.18.0.2:80 --sort -y x --exact
t -a -f 0 -r 198.18.1.3:0 --rate x
t -A -r 198.18.1.9 -b mh-port
t -d -t 198.18.0.1:80 -r bad --syncid 3 -s wlc --tun-type gue -s wlc
t -D -f 0 --sync-maxlen x --tun-port 6080 -p 60 -s mh --mcast-interface nosuch0 -s wlc
t --set 1 2 x master -b mh-port -w -1 -o
t -L -f 1 -x 10 --mcast-ttl 0 --pe nosuch -b sh-port -g --mcast-port 9000 10 20 30
t -e -t 198.18.0.1:99999 -r 198.18.1.3:0 10 20 30 -b mh-port -y 5 --timeout --mcast-port 0 --persistent-conn
t --set 0 0 0 -b mh-port x
t -e -f 1 -r 198.18.1.2:8080 --tun-port 6080 --rate
t -v -p 30 --exact -b flag-1 --stats master
t -E -t [2001:db8::1]:80 --pe sip --thresholds -M 255.255.255.0 --rate --pe sip
t -S --tun-type bogus -x 10 -w 0 --exact --tun-type bogus -y x -s sh
t -v -x -1 --tun-type bogus -p 30 --thresholds --thresholds --mcast-ttl 2 x
t --stop-daemon -6 -x 10 -w 0
t -v -c backup -b sh-port -x 10 -M 64 --mcast-port 0 -M 255.255.255.0
t -C --syncid 999 -p x --nosort -r 198.18.1.9 -6 -w -1
t -C --rate --timeout x --tun-remcsum
t -D -t [2001:db8::1]:80 --tun-csum -x -1 -s sh -Q -s nosuch --mcast-interface nosuch0 -m
t -d -t bad:80 -r 198.18.1.2:8080 --mcast-port 0 --sort -p 0 -p x --tun-port 6080 -t 198.18.0.2:80
t -C --sort --mcast-ttl 0 -x 10 -o
t -L -t bad:80 --tun-csum --tun-port 0 --mcast-port 0 --mcast-interface lo
t --start-daemon master -w 3 --tun-type gue master -s nosuch
t -d -t 198.18.0.1 -r 198.18.1.1 -s wlc --mcast-ttl 0 --sync-maxlen x --rate --stats --mcast-group 224.0.0.9 --tun-nocsum
t --stop-daemon -n --mcast-group 224.0.0.9 -p 0 --syncid 3 --pe nosuch -w -1 -p 0
t -Z -t [2001:db8::1]:80 master backup --tun-type bogus -o --rate x
t -d -r 198.18.1.3:0 -p x --mcast-ttl 0 -s rr -c
t --start-daemon master backup -y 5 -p 30 --persistent-conn --mcast-ttl 2 --tun-type bogus
t -e -r 198.18.1.2:8080 --tun-nocsum --sync-maxlen 900 -t 198.18.0.2:80 --exact --tun-port 6080 --tun-type gue
t -Z -t 198.18.0.1:99999 --thresholds --daemon --sync-maxlen 900 -w x --mcast-ttl 0
t -E -f 0 --sort -M 999 -c -m -b bogus
t -A -t 198.18.0.1:99999 --timeout --rate -Q -p 60 -n
t --stop-daemon master --syncid 3 -s sh
t --set 1 2 -s nosuch --tun-port 0
t --start-daemon backup --syncid 999 -s wlc -c -w 0 -w -1
t -A -t [2001:db8::1]:80 --persistent-conn -p --sync-maxlen 900 --mcast-interface lo
t -Sn
t -L --daemon
t -a -f 0 -r bad -x 10 --sort --mcast-port 9000 -y 5 -m 10 20 30
t -v --sync-maxlen x -c -p 30 --mcast-group 224.0.0.9 -c -x -1
t -C -w 0 -o --bogus
t -d -u 198.18.0.1:53 -r [2001:db8::2]:80 --mcast-interface lo -i --sync-maxlen x -p 60 -r 198.18.1.9 --tun-port 6080
t -C -x 10 -g --tun-port 0 -M 999
t -d -r bad -c --pe sip -n -s nosuch --mcast-group 224.0.0.9
t -d --mcast-ttl 2 --thresholds -s nosuch --mcast-port 0 --nosort
t --start-daemon backup -y x -y 5 -b sh-port
t -E -t 198.18.0.1:80 -y 5 --exact
t -D -t 198.18.0.1:99999 --tun-info -s mh --rate x --daemon
t --stop-daemon bogus --tun-port 6080 -M 999
t -E -c -y x --sort --stats
t -E -t 198.18.0.1 -s nosuch -Q -b sh-port --mcast-ttl 0 -p x
t -v -y x -b mh-port --tun-port 0 --mcast-port 9000
t -e -f 1 -r 198.18.1.2:8080 -g --daemon -b bogus
t -L -f 0 -w 3 --mcast-ttl 2 --mcast-group 198.18.0.1 --mcast-port 0
t -L -t 198.18.0.1 --mcast-group 198.18.0.1 -y 5 -b flag-1
t -C --rate --sync-maxlen 900
t -a -f 1 -r bad --exact --nosort
t -e -t 198.18.0.1:99999 -r 198.18.1.1 --nosort -w x --tun-port 0
t -v -x 10 -b sh-port -M 255.255.255.0 -c --tun-type bogus
t -d -t bad:80 -r 198.18.1.1 -w 3 -M 255.255.255.0 --mcast-interface nosuch0
t -e -t 198.18.0.1:99999 -r 198.18.1.1 --tun-remcsum -i -c --daemon -p -s mh
t -Z -t 198.18.0.1:99999 --sync-maxlen 900 -x -1 -M 64
t --set 10 20 30 --syncid 999 -p 60 --daemon --sync-maxlen x -n
t --set 0 0 0 -s mh --sync-maxlen x -s rr -w -1
t --start-daemon backup --mcast-interface lo -M 64 -w 3 --pe nosuch --stats --persistent-conn -s nosuch
t -D -f 1 --mcast-ttl 2 --nosort
t -L -t 198.18.0.1:80 -r 198.18.1.9 --thresholds --persistent-conn backup --rate --bogus
t -D -f 1 --mcast-group 224.0.0.9 -w -1
t -A -f 0 --tun-type bogus -Q -x -1 --exact -M 64
t -v -x -1 --tun-type gue -n -p 0 --mcast-group 224.0.0.9 --tun-type gue --mcast-port 9000
t -d -t bad:80 -r 198.18.1.2:8080 --mcast-ttl 2 10 20 30 --tun-info --sync-maxlen 900 -m -w 3 --sync-maxlen 900
t -e -f 1 -6 -r [2001:db8::2]:80 --tun-port 6080 --thresholds
t -D -u 198.18.0.1:53 -M 999 master -p 0 --mcast-group 198.18.0.1 -w -1 --mcast-interface lo --mcast-ttl 0
t -L -t 198.18.0.1 --sort -p x -r 198.18.1.9 -M 64 -Q -b mh-port
t -d -f 1 -6 -r 198.18.1.2:8080 --tun-port 6080 -s wlc
t -h --tun-remcsum --mcast-group 224.0.0.9 --pe nosuch -t 198.18.0.2:80
t --set 10 20 30 -w -1 -c -g --tun-type gue
t -A -t 198.18.0.1:80 x --pe nosuch --rate -p 0 --mcast-group 198.18.0.1 -y x --mcast-group 224.0.0.9
t -e -t bad:80 -r bad -b mh-port -p --tun-port 0
t -v -b sh-port --sort --nosort -b flag-1 -m --tun-remcsum -p 0
t --set --nosort --tun-remcsum --tun-nocsum -p 60 --mcast-port 9000 --mcast-ttl 2 -t 198.18.0.2:80
t -C -n --syncid 3 --sync-maxlen x -x -1 --tun-type bogus -g --tun-type gue
t --set 1 2 x -w 3 --mcast-group 224.0.0.9 -p 0
t -h --mcast-interface lo --tun-remcsum --mcast-port 0
t -d -r 198.18.1.3:0 master --nosort --tun-remcsum -s nosuch --tun-type bogus 10 20 30
t --stop-daemon master -p 0 --tun-type gue -M 64 -c --mcast-group 224.0.0.9
t -v -b mh-port -i --mcast-port 0 --persistent-conn -t 198.18.0.2:80 -p x --mcast-group 198.18.0.1
t -e -t [2001:db8::1]:80 -r bad x -o --stats -s sh
t -Sn
t -L --daemon
t --start-daemon bogus -p --mcast-port 0 -M 64 -y 5 -w 0
t -h --tun-csum --bogus
t -E -t 198.18.0.1 -i --syncid 999
t -v --sync-maxlen x backup --tun-csum
t -A -t bad:80 --mcast-group 198.18.0.1 --tun-csum -x -1
t -e -t [2001:db8::1]:80 -r bad --mcast-port 0 --mcast-port 9000 --stats --mcast-group 224.0.0.9 --tun-port 0
t -a -t 198.18.0.1:99999 -r 198.18.1.2:8080 -w -1 -6 --syncid 999
t -v --sort -s nosuch x
t -e -t bad:80 -r [2001:db8::2]:80 -c --mcast-port 9000 --thresholds -6 --sync-maxlen 900
t -v -b bogus -M 999 --mcast-group 198.18.0.1 -i master -r 198.18.1.9 -g
t -C --persistent-conn --bogus --syncid 3 -6 -t 198.18.0.2:80 --mcast-interface lo
t -v -M 64 --persistent-conn --tun-remcsum -s sh -s rr --bogus
t -a -t 198.18.0.1:80 -r 198.18.1.1 -p 60 --mcast-group 198.18.0.1 -s mh -p 60
t -L -t [2001:db8::1]:80 -w -1 --syncid 3 backup --persistent-conn --mcast-interface lo --syncid 999 --syncid 3
t -e -r [2001:db8::2]:80 --stats -i
t -C --mcast-ttl 2 -M 64
t -E -t 198.18.0.1:99999 -w x -i --tun-port 6080 --rate -M 255.255.255.0
t -e -f 1 -6 -r 198.18.1.3:0 -6 --tun-port 6080
t --start-daemon backup --stats --nosort -s mh -p x --syncid 3 -c
t -a -t 198.18.0.1 -r [2001:db8::2]:80 -s wlc -b flag-1 -s nosuch x -p 60 -c -b mh-port
t -e -t 198.18.0.1 -r 198.18.1.2:8080 x --mcast-group 224.0.0.9 --syncid 3
t -E -t 198.18.0.1 -s wlc --syncid 999 --exact -s rr -Q -w 3
t -v x -M 255.255.255.0
t -d -r bad --sync-maxlen 900 -b sh-port --rate
t --start-daemon bogus --tun-type bogus --tun-type gue --tun-type gue --stats
t -C -b sh-port -t 198.18.0.2:80 -b mh-port --exact
t --set 1 2 -y x --mcast-group 198.18.0.1
t -E -t 198.18.0.1:99999 --persistent-conn -s mh --exact --timeout -b flag-1 -p
t -a -t [2001:db8::1]:80 -r bad --exact -p 60 -y x --mcast-group 224.0.0.9 -i
t -Z -t 198.18.0.1:99999 --pe sip -b bogus -m -b flag-1 --syncid 999
t -e -u 198.18.0.1:53 -r 198.18.1.3:0 --mcast-port 9000 --tun-port 6080 --syncid 999 x master --rate master
t -L -u 198.18.0.1:53 -6 --bogus --mcast-interface nosuch0 --tun-info
t -C -r 198.18.1.9 -Q -6 -Q -M 999
t -D -f 0 --tun-port 6080 -w -1 -b flag-1 --mcast-ttl 0 -p
t -v --tun-port 6080 --pe nosuch --mcast-interface lo
t --stop-daemon master -p -x 10 --mcast-ttl 0 --syncid 3 --persistent-conn
t -S -x -1 -i -b mh-port -m -w 0 --tun-remcsum
t -v --sort -y 5
t --stop-daemon bogus -r 198.18.1.9 --tun-remcsum -p 0
t -a -t bad:80 -r 198.18.1.3:0 -b mh-port --mcast-port 9000 --pe sip -i -b mh-port --mcast-interface lo -p 60
t -e -t 198.18.0.1:99999 -r bad -m --nosort -r 198.18.1.9 -M 999 --mcast-ttl 0 -b flag-1 --stats
t -D --exact -p x -b flag-1 --exact --pe sip --tun-info
t -e -t bad:80 -c -M 64 -x 10 --mcast-interface nosuch0 --mcast-group 224.0.0.9 --rate -t 198.18.0.2:80
t -S --bogus --mcast-interface nosuch0 --mcast-interface nosuch0 --pe nosuch -o --timeout
t -L -u 198.18.0.1:53 --thresholds -i
t -L -t 198.18.0.1 --pe sip -6 backup
t -L -t 198.18.0.1:80 -t 198.18.0.2:80 --tun-nocsum
t -D -u 198.18.0.1:53 -b mh-port --syncid 3 --mcast-ttl 2
t -L -t bad:80 --tun-info -m
t -Z -t 198.18.0.1:99999 -c --persistent-conn -b flag-1 10 20 30 -x -1
t -Sn
t -L --daemon
t -E -f 1 --mcast-interface nosuch0 10 20 30 --sync-maxlen 900 -s sh -w -1
t -S -x 10 -s sh --sync-maxlen 900 --tun-info -w -1
t -L -t 198.18.0.1:99999 -p 0 -w x --tun-nocsum -M 255.255.255.0 -i -m --tun-nocsum
t -A -u 198.18.0.1:53 --mcast-port 9000 --timeout master -w 3 --rate -w -1 -p 0
t -A -f 0 --mcast-interface nosuch0 --daemon
t -C -b mh-port master -M 255.255.255.0 --mcast-ttl 0 -s sh --tun-port 0
t -h -s nosuch -p x -m -x -1
t -v x -w 3 -s nosuch --mcast-interface nosuch0 --mcast-port 0 --daemon
t -e -t 198.18.0.1 -r 198.18.1.1 -y 5 -t 198.18.0.2:80
t -E -t [2001:db8::1]:80 -o -g --mcast-port 9000 -s rr -s nosuch -o
t -a -f 1 -r bad -s wlc -6 -b bogus -w 0 -b mh-port -w 3
t -v --syncid 3 --tun-port 6080 --tun-info
t --stop-daemon -w 0 -s nosuch
t --start-daemon bogus -Q --mcast-group 224.0.0.9 --mcast-interface lo -b bogus
t -d -r bad -y x -t 198.18.0.2:80 -p --tun-info --daemon
t --start-daemon backup x --mcast-interface lo -i --tun-nocsum --tun-type bogus
t -e -r 198.18.1.1 -b bogus -r 198.18.1.9
t -v -x 10 --mcast-group 224.0.0.9 -o --tun-csum -w -1 -y x
t -L -f 0 -w -1 -s rr
t -v -r 198.18.1.9 -c -g --pe nosuch --tun-port 6080
t -A -f 0 --timeout -b mh-port -M 64
t -v master -r 198.18.1.9 -y 5 --tun-type bogus -b sh-port --pe sip -p
t -v backup -s mh -s sh --mcast-interface lo -M 255.255.255.0 -b sh-port
t --stop-daemon backup -M 255.255.255.0 -y 5 -b flag-1 --syncid 999 -p x -y x -x 10
t --set 10 20 30 -i -s mh -p 60 --sync-maxlen x --tun-nocsum -M 255.255.255.0 --thresholds
t -e -t [2001:db8::1]:80 -r 198.18.1.3:0 -b sh-port -r 198.18.1.9
t -v -m -m -6 -o -s mh
t --set 1 2 x -x -1 -Q -b sh-port
t -Z -f 1 --sync-maxlen x backup
t -h --bogus --sync-maxlen 900 -p 30
t -C --sync-maxlen 900 -b bogus --mcast-group 198.18.0.1 -M 255.255.255.0 --rate --sort
t -D -t 198.18.0.1:80 -s rr -M 64 --exact --rate -s mh --sync-maxlen 900
t --set 10 20 30 --bogus -p 0 -b mh-port -w -1 --mcast-port 9000 --tun-csum
t -h --mcast-port 0 --rate -M 255.255.255.0 --syncid 3 -s mh -x -1
t -Z -t bad:80 -M 999 -t 198.18.0.2:80 -c -t 198.18.0.2:80
t -L -u 198.18.0.1:53 -p -Q --mcast-ttl 2
t -S --nosort --tun-type gue
t -a -f 1 -r [2001:db8::2]:80 -w x --syncid 3 -b sh-port master -p x --tun-port 0
t --start-daemon bogus --tun-type bogus --mcast-ttl 2
t --start-daemon bogus --tun-csum --tun-nocsum
t -A -t 198.18.0.1:80 --tun-remcsum -s rr backup -M 64 --mcast-ttl 0 --pe sip --mcast-port 0
t -L -t bad:80 --timeout --rate
t --stop-daemon bogus --rate -M 999 -p
t -S -r 198.18.1.9 -o --sort --tun-type gue
t --start-daemon master --exact --tun-type bogus -6
t -D -t 198.18.0.1:80 --tun-csum -m --daemon x
t -v -s wlc --bogus --tun-nocsum
t -D -t [2001:db8::1]:80 --tun-port 6080 -s nosuch -s wlc
t -v --nosort --mcast-port 0 --pe nosuch --tun-port 6080 -n
t -d -f 1 -6 -r bad -s sh --syncid 3 --tun-type gue -o -b flag-1 -w 3
t -Sn
t -L --daemon
t -A -f 0 --mcast-port 0 -p 30 --tun-remcsum --tun-csum -p 30
t -L -f 0 -y x --pe nosuch --sync-maxlen 900
t -A -t [2001:db8::1]:80 -x 10 -p x -x -1 --tun-csum
t -Z -u 198.18.0.1:53 -w 0 -w 0 --tun-port 0 -m
t -h -M 999 -b sh-port -b mh-port -x -1
t -D -f 0 -x -1 --tun-type bogus -y 5 -y x --syncid 999 -b flag-1 master
t -h --tun-type gue --nosort -w -1 --rate -b flag-1 -b flag-1
t -e -u 198.18.0.1:53 --pe sip -s nosuch --tun-remcsum -p 30 master -w x
t -D -t 198.18.0.1:99999 --stats -g
t -S --mcast-port 0 --tun-port 0 --tun-port 6080
t -D -t [2001:db8::1]:80 -b sh-port --thresholds -s rr -p 60
t -A -t [2001:db8::1]:80 -p x --mcast-group 224.0.0.9 --bogus
t --set --tun-csum -w 0 --tun-nocsum -w x -i
t --set -m --mcast-ttl 0 -p 0 -c
t -C -s mh 10 20 30 -c -t 198.18.0.2:80
t -a -f 1 -6 -r [2001:db8::2]:80 10 20 30 -M 999 -6 -p 60 -s nosuch
t -L -t 198.18.0.1:99999 -m -p 30 --stats -m --mcast-interface nosuch0 --tun-remcsum
t --start-daemon backup -s rr --mcast-group 224.0.0.9 --tun-remcsum -w x --sort
t -E -t 198.18.0.1 --mcast-ttl 2 -b sh-port -M 64
t --start-daemon master -w x -n --tun-port 6080 -b bogus
t -d -t 198.18.0.1:99999 -r bad -o --daemon
t -E -f 1 -p 60 --tun-port 6080
t --set 1 2 -x 10 --stats --pe nosuch -M 64 -s wlc
t -d -t 198.18.0.1:99999 -r 198.18.1.2:8080 -b bogus -s mh --sync-maxlen x --pe sip --persistent-conn
t -D -f 0 --sync-maxlen x backup
t -C -w -1 --tun-remcsum -p x -b mh-port -b mh-port
t -L -u 198.18.0.1:53 -r 198.18.1.9 -s nosuch --daemon --tun-remcsum
t --set 1 2 x -s sh --mcast-port 9000 --mcast-interface nosuch0
t -h -n -b flag-1 --stats -w -1 --tun-info -p
t -A -f 0 --stats -p 60 --thresholds
t -e -f 1 -r 198.18.1.2:8080 -p 0 --syncid 999 -s sh --mcast-interface nosuch0 --pe sip
t -S --mcast-group 224.0.0.9 --bogus --mcast-interface lo -y 5 -y 5
t -E -f 1 --nosort --rate --tun-info -b mh-port -n --thresholds -y 5
t -D -t 198.18.0.1:99999 --sync-maxlen x -b sh-port -6 -c --bogus
t -v -g -b mh-port -i -p 30 --mcast-interface nosuch0
t -e -t bad:80 -r bad -s mh --exact --mcast-ttl 2 -Q
t -d -f 0 -r bad --rate -6 -t 198.18.0.2:80 -n --tun-type bogus -b bogus
t -a -t 198.18.0.1:80 -r 198.18.1.1 --nosort --tun-nocsum --tun-csum -x -1 -s sh
t -L -f 1 -Q --rate -6
t --set 1 2 --sort --mcast-ttl 0 --mcast-port 9000
t -a -Q -b sh-port -b flag-1 10 20 30 -w -1 -c
t --set --mcast-port 0 -p --pe sip
t -e -t 198.18.0.1 -r 198.18.1.1 -p 30 --syncid 3
t -E -t [2001:db8::1]:80 --mcast-group 198.18.0.1 -s sh -g --persistent-conn
t -L -u 198.18.0.1:53 --nosort -6 --tun-nocsum --tun-type gue -o -b bogus -t 198.18.0.2:80
t -h backup --thresholds -s rr -r 198.18.1.9 --syncid 999 -s rr
t -e -f 1 -6 -r bad -m --sync-maxlen x --mcast-ttl 2 -t 198.18.0.2:80 -p 60
t -e -t bad:80 -r [2001:db8::2]:80 --tun-port 6080 -w -1 --bogus
t -D -f 1 --mcast-group 224.0.0.9 --tun-type gue -y x --mcast-interface lo
t -h -y x -c --stats --tun-type bogus --nosort -g
t -Sn
t -L --daemon
t -S -s sh -s sh --timeout --thresholds
t --set 1 2 -M 255.255.255.0 backup -Q -n
t -Z -t 198.18.0.1 --pe sip -s nosuch -b flag-1
t -L -t bad:80 x --tun-type gue -n
t -h -6 -g --timeout -p -w -1 -b flag-1 --nosort
t -L -t 198.18.0.1 --thresholds --tun-type gue --mcast-ttl 0 --tun-type gue -6
t -e -f 0 -r bad --mcast-port 9000 --timeout -M 64
t -S --bogus -m --tun-type gue
t -e -t 198.18.0.1:99999 -r [2001:db8::2]:80 --thresholds -M 255.255.255.0 --mcast-interface lo --rate -i
t -h -p 30 --daemon
t --set -o 10 20 30
t -Z -t bad:80 --persistent-conn --tun-type gue -w 0 -w 3 --persistent-conn -x 10
t -E -u 198.18.0.1:53 -p x -y x
t --stop-daemon master 10 20 30 -p --mcast-ttl 0 --nosort --mcast-port 9000 --mcast-port 9000 --bogus
t -h -x 10 --exact
t --set 1 2 --tun-csum -m -b sh-port --mcast-group 198.18.0.1 -c
t -A -t 198.18.0.1:80 x -w 0 backup -w 0 -y 5 -x -1 -b flag-1
t -a -t 198.18.0.1:99999 -r 198.18.1.3:0 --mcast-interface nosuch0 --mcast-interface lo
t --start-daemon -y x -s mh -w 0 -6 -x 10 --mcast-group 198.18.0.1 --rate
t -e -t bad:80 -r 198.18.1.3:0 -m -s sh -y x
t -e -t [2001:db8::1]:80 -r 198.18.1.3:0 -i -M 64 -b bogus
t -a -t 198.18.0.1:99999 -r 198.18.1.2:8080 --mcast-ttl 0 -M 255.255.255.0 10 20 30 --sync-maxlen x 10 20 30
t --stop-daemon backup -p 0 -Q -p x backup -w x --tun-nocsum --mcast-port 0
t -S --pe sip --rate --nosort -p -w x
t -E -t 198.18.0.1:99999 -w 0 -n --syncid 999 --tun-type gue --sync-maxlen x -n -p 30
t -L -f 1 --thresholds -b mh-port -y x
t -Z -t 198.18.0.1:99999 --tun-type bogus -b sh-port master -y x -s sh
t -d -r 198.18.1.2:8080 -M 999 -p 0 --mcast-group 198.18.0.1 -m --sync-maxlen 900 -x -1
t --set 0 0 0 -w 0 --mcast-interface lo
t -Z -f 0 --persistent-conn -x -1 --nosort -s mh -s rr --syncid 999 --pe nosuch
t --set 1 2 x -b mh-port --mcast-interface nosuch0 -g --mcast-interface lo
t -E -t [2001:db8::1]:80 --exact -w -1 --syncid 999 --sync-maxlen 900 --nosort
t -a -f 1 -6 -r 198.18.1.3:0 -o --syncid 3 -M 64 --tun-csum
t -E -t 198.18.0.1:99999 --tun-csum -x -1 -w x -x 10 -Q --sync-maxlen 900
t -L -t bad:80 --syncid 3 -y x -b sh-port
t --start-daemon backup --pe nosuch master -x 10 --tun-info --mcast-ttl 0
t -Z -t 198.18.0.1 -r 198.18.1.9 -g
t -D -t [2001:db8::1]:80 -y x --mcast-group 198.18.0.1 10 20 30 --sync-maxlen x --tun-nocsum
t --stop-daemon -g --exact --tun-type gue -M 999 -w -1 --tun-type bogus
t -Z -t 198.18.0.1 --tun-remcsum -t 198.18.0.2:80 -p x --rate -s sh -w 0
t -C -m -c -x -1 -b bogus -o
t -A -u 198.18.0.1:53 -s sh -b flag-1
t --set --nosort --sort
t -A -f 0 --persistent-conn -c -s mh --nosort
t --start-daemon bogus --tun-type gue --mcast-group 224.0.0.9 -M 64 --tun-port 6080 -b bogus --syncid 999
t -e -t 198.18.0.1 -r 198.18.1.2:8080 --mcast-interface lo -x 10
t -e -f 1 -6 -r bad -s sh --mcast-group 224.0.0.9 --syncid 3 --sync-maxlen x backup
t -E -t 198.18.0.1 --pe sip --tun-port 6080 --exact -x -1 --mcast-interface lo --stats --stats
t -C x -s nosuch --stats
t -L -t 198.18.0.1:80 --tun-port 6080 -b bogus -x -1 --mcast-port 0 10 20 30 --mcast-interface nosuch0 -y 5
t -Sn
t -L --daemon
t -Sn
t -C
t --stop-daemon master
t --stop-daemon backup
