# Listings in every format, sorting, -S and -R.
t -A -t 198.18.0.10:80 -s rr
t -A -t 198.18.0.2:80 -s wrr -p 60 -M 255.255.255.0
t -A -u 198.18.0.2:53 -s sh -b sh-fallback,sh-port -o
t -A -t 198.18.0.2:443 -s mh -b mh-port -p
t -A -f 5 -s wlc -p 120 --pe sip
t -A -f 3 -6 -s lc -p 10 -M 64
t -A -t [2001:db8::10]:80 -s sed -p -M 96
t -A --sctp-service 198.18.0.3:9000 -s nq
t -A -t 198.18.0.4:0 -s fo -p 30 -b flag-2,flag-3
t -A -t 10.0.0.1:80 -s ovf
t -A -t 200.0.0.1:80 -s dh
t -A -t 198.18.0.5:8080 -s lblc
t -A -t 198.18.0.6:22 -s lblcr
t -a -t 198.18.0.10:80 -r 198.18.1.3:8080 -m -w 3 -x 100 -y 50
t -a -t 198.18.0.10:80 -r 198.18.1.1 -g -w 0
t -a -t 198.18.0.10:80 -r 198.18.1.2:8080 -i
t -a -t 198.18.0.10:80 -r 198.18.1.4 -i --tun-type gue --tun-port 6080 --tun-csum
t -a -t 198.18.0.10:80 -r 198.18.1.5 -i --tun-type gre --tun-csum
t -a -t 198.18.0.10:80 -r 198.18.1.6 -i --tun-type gue --tun-port 6081 --tun-remcsum
t -a -t 198.18.0.10:80 -r 198.18.1.7 -i --tun-type gre
t -a -t 198.18.0.10:80 -r 2001:db8::7 -i
t -a -t 198.18.0.10:80 -r 10.1.1.1:80 -m
t -a -t 198.18.0.10:80 -r 200.1.1.1:80 -m
t -a -t 198.18.0.10:80 -r 198.18.1.3:8080 -m
t -a -f 5 -r 198.18.1.8 -w 7
t -a -f 5 -r 198.18.1.9:81 -m -w 2
t -a -f 3 -6 -r [2001:db8::20]:80 -m
t -a -t [2001:db8::10]:80 -r [2001:db8::21]:8080 -m -w 4
t -a -t [2001:db8::10]:80 -r 2001:db8::22
t -a -u 198.18.0.2:53 -r 198.18.1.10 -w 9
t -a --sctp-service 198.18.0.3:9000 -r 198.18.1.11:9001 -m
t -Ln
t -L -n --nosort
t -Ln --sort
t -Ln --stats
t -Ln --stats --exact
t -Ln --rate
t -Ln --thresholds
t -Ln --persistent-conn
t -Ln --tun-info
t -L -n -t 198.18.0.10:80
t -L -n -f 5
t -L -n -f 3 -6
t -L -n -u 198.18.0.2:53 --stats
t -L -n -t [2001:db8::10]:80 --tun-info
t -L -n --sctp-service 198.18.0.3:9000
t -Sn
t -S -n --nosort
t -e -t 198.18.0.10:80 -r 198.18.1.3:8080
t -E -t 198.18.0.2:80
t -Ln -t 198.18.0.10:80
t -Ln -t 198.18.0.2:80
t -d -t 198.18.0.10:80 -r 198.18.1.2:8080
t -d -t 198.18.0.10:80 -r 198.18.1.2
t -d -t 198.18.0.10:80 -r 198.18.1.99
t -D -f 5
t -Z
t -Z -t 198.18.0.10:80
t -Z -f 99
t -L -n --timeout
t --set 10 0 20
t -L --timeout
t -Lnc
t -L -c -n --persistent-conn
ipvsadm -Sn > /tmp/saved
t -C
tin /tmp/saved -R
t -Sn
t -A -f 2147483648
t -A -f 4294967295 -6
t -Ln
t -Sn
t -C
t -A -t 255.255.255.255:80
t -A -t 1.0.0.1:80
t -A -t 128.0.0.1:80
t -A -t 129.0.0.1:80
t -A -t 0.0.0.1:80
t -Ln
