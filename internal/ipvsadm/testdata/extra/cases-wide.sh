# Column overflows: the widest addresses, ports, weights, thresholds, marks in every format; popt taking values; sort order.
t -A -t [2001:db8:ffff:ffff:ffff:ffff:ffff:ffff]:65535 -s wrr -p 2678400 -M 128
t -a -t [2001:db8:ffff:ffff:ffff:ffff:ffff:ffff]:65535 -r [2001:db8:ffff:ffff:ffff:ffff:ffff:fffe]:65535 -m -w 2147483647 -x 4294967295 -y 4294967295
t -a -t [2001:db8:ffff:ffff:ffff:ffff:ffff:ffff]:65535 -r [2001:db8:ffff:ffff:ffff:ffff:ffff:fffd]:65535 -i --tun-type gue --tun-port 65535 --tun-csum -w 65536
t -a -t [2001:db8:ffff:ffff:ffff:ffff:ffff:ffff]:65535 -r [2001:db8:ffff:ffff:ffff:ffff:ffff:fffc]:65535 -i --tun-type gre --tun-remcsum -w 0
t -A -f 4294967295 -6 -s mh -b mh-fallback,mh-port -p 1 -M 1
t -a -f 4294967295 -6 -r [2001:db8:ffff:ffff:ffff:ffff:ffff:fffb]:65535 -m -x 1000000
t -A --sctp-service 198.118.255.255:65535 -s sh -b sh-fallback,sh-port,flag-3 -p 100000 -M 255.255.255.254 --pe sip -o
t -a --sctp-service 198.118.255.255:65535 -r 198.19.255.254:65535 -m -w 99999 -x 123456789 -y 98765432
t -A -f 2147483648 -s fo
t -a -f 2147483648 -r 198.19.255.253 -g -w 1000000000
for o in "" --stats --rate --thresholds --persistent-conn --tun-info "--stats --exact" "--rate --exact"; do
	t -L -n $o
done
t -Sn
t -C
t -A -t 198.18.0.1:80 -s -p
t -A -t -s rr
t -A -t 198.18.0.2:80 -p rr
t -A -t 198.18.0.3:80 -p -s rr
t -A -t 198.18.0.4:80 -p ''
t -A -t 198.18.0.5:80 -p 30s
t -A -t 198.18.0.6:80 -p 30 -s rr
t -A -t 198.18.0.7:80 -p -M 255.255.255.0 -s rr
t -A -t 198.18.0.8:80 -p -- -s rr
t -A -t 198.18.0.9:80 -M -p
t -a -t 198.18.0.6:80 -r 198.18.1.1 -w -m
t -a -t 198.18.0.6:80 -r -m
t -a -t 198.18.0.6:80 -r 198.18.1.2 -w -3
t -a -t 198.18.0.6:80 -r 198.18.1.3 -x -y 3
t -A -t 198.18.0.10:80 --pe -p
t -A -t 198.18.0.11:80 -b -s sh
t --start-daemon --mcast-interface lo
t --start-daemon master --mcast-interface --syncid 3
t --start-daemon master --syncid --mcast-interface lo
t -L -n -t
t -L -n -t -n
t -Sn
t -C
# Sort order: addresses, ports, protocols, fwmarks of both families.
for s in "-u 198.18.0.5:80" "-t 198.18.0.5:80" "--sctp-service 198.18.0.5:80" "-t 198.18.0.5:8" "-t 198.18.0.5:800" "-u 198.18.0.5:7" \
	"-t 198.18.0.40:80" "-t 198.18.0.4:80" "-t [2001:db8::5]:80" "-u [2001:db8::5]:80" "-t [2001:db8::4]:81" "-f 5" "-f 5 -6" "-f 4 -6" "-f 6" \
	"--sctp-service [2001:db8::5]:79" "-t 198.18.0.5:0" "-t 0.0.0.0:0" "-t [::]:0"; do
	t -A $s
done
for r in 198.18.1.5:80 198.18.1.5:8 198.18.1.5:800 198.18.1.40 198.18.1.4 198.18.1.4:79 198.18.1.6:1 2001:db8::1; do
	t -a -t 198.18.0.5:80 -r $r -m
done
t -L -n
t -L -n --sort
t -S -n
t -L -n --stats
t -L -n -t 198.18.0.5:80
t -C
