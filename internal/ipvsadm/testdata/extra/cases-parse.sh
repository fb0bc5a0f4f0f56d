# Parsing: popt, the command word, option values and the command x option matrix.
t
t -L -A
t -Lq
t -L --foo
t -L --foo=bar
t -A -t
t -L=x
t --list=x
t -n -L
t foo
t -L -n foo
t -L -n -- -x
t -L -n -
t -L -Z
t -L -h
t -L -c -t 198.18.0.1:80
t -L --timeout --daemon
t -L --stats --rate
t -L -c --stats
t -L --daemon --persistent-conn
t -L --timeout --stats
t -L -n -n
t -A -t 198.18.0.1:80 -w 5
t -A -t 198.18.0.1:80 -s rr -s wlc
t -A -t 198.18.0.1
t -A -u 198.18.0.1:53 -o -t 198.18.0.1:53
t -A -t 198.18.0.1:53 -o
t -A -t 198.18.0.1:http -p 0
t -A -t 198.18.0.1:80 -p 2678401
t -A -t 198.18.0.1:80 -p abc
t -A -t 198.18.0.1:80 -M 255.255.255.0
t -A -t 198.18.0.1:80 -p -M 1.2.3.4.5
t -A -t 198.18.0.1:80 -b sh-port
t -A -t 198.18.0.1:80 -b foo
t -A -t 198.18.0.1:80 -b flag-1,mh-port -s mh
t -A -t 198.18.0.1:noport
t -A -t 80
t -A -t '[2001:db8::1]'
t -A -f 0
t -A -f -1
t -A -f 4294967296
t -A -f abc
t -A -6 -f 1
t -A -f 1 -6 -M 129
t -A -f 1 -6 -M 0
t -a -t 198.18.0.1:80
t -a -t 198.18.0.1:80 -r 198.18.1.1 -w -1
t -a -t 198.18.0.1:80 -r 198.18.1.1 -w abc
t -a -t 198.18.0.1:80 -r 198.18.1.1 -w 2147483648
t -a -t 198.18.0.1:80 -r 198.18.1.1 -x -1
t -a -t 198.18.0.1:80 -r 198.18.1.1 -y abc
t -a -t 198.18.0.1:80 -r 198.18.1.1 -m -g
t -a -t 198.18.0.1:80 -r 2001:db8::1
t -a -t 198.18.0.1:80 -r 198.18.1.1 --tun-type gue
t -a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-type gue
t -a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-type foo
t -a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-port 0
t -a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-port 5555
t -a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-type gre --tun-remcsum
t -a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-type gue --tun-port 5555 --tun-csum --tun-nocsum
t -a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-csum
t -a -t 198.18.0.1:80 -r foo.invalid
t -d -t 198.18.0.1:80
t -D -t 198.18.0.1:80 -r 198.18.1.1
t -C -n
t -Z -n
t -S -c
t -R -n
t --set 1 2
t --set 1 2 3 4
t --set 1 2 x
t --set 1 2 2678401
t --start-daemon foo
t --stop-daemon foo
t --start-daemon
t --start-daemon master --syncid 256
t --start-daemon master --mcast-port 0
t --start-daemon master --mcast-ttl 256
t --start-daemon master --sync-maxlen 65508
t --start-daemon master --mcast-group 198.18.0.1
t --start-daemon master --mcast-group ff02::zz
t --start-daemon master --mcast-group 2001:db8::1
t --stop-daemon master --mcast-ttl 2
t -E -t 198.18.0.1:80
t -e -t 198.18.0.1:80 -r 198.18.1.1
t -D -t 198.18.0.1:80
t -d -t 198.18.0.1:80 -r 198.18.1.1
t -Z -t 198.18.0.1:80
t -L -t 198.18.0.1:80
t -L -f 7
t --stop-daemon master
t -A -t 198.18.0.1:80 -s nosuch
t -A -t 198.18.0.1:80 --pe nosuch -p
t -V
t -Ln -X
