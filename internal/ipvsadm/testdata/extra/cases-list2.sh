# Listings: one service, missing services, every format option and their mixes; --set and --timeout.
t -A -t 198.18.0.1:80 -s wrr -p 300 -M 255.255.0.0
t -a -t 198.18.0.1:80 -r 198.18.1.1:8080 -m -w 5 -x 100 -y 10
t -a -t 198.18.0.1:80 -r 198.18.1.2:8080 -i --tun-type gue --tun-port 6080 --tun-csum
t -A -u 198.18.0.1:53 -s sh -b sh-port,sh-fallback -o
t -a -u 198.18.0.1:53 -r 198.18.1.3 -w 0
t -A -f 42 -s mh -b mh-port
t -a -f 42 -r 198.18.1.4 -g
t -A -f 42 -6 -s rr -p -M 112
t -a -f 42 -6 -r 2001:db8::4 -m -x 7
for o in "" --stats --rate --thresholds --persistent-conn --exact "--stats --exact" "--rate --exact" --sort --nosort --tun-info \
	"--tun-info --exact" "--thresholds --exact" "--persistent-conn --exact" "--stats --nosort" "--thresholds --sort"; do
	t -L -n $o
	t -L -n -t 198.18.0.1:80 $o
	t -L -n -u 198.18.0.1:53 $o
	t -L -n -f 42 $o
	t -L -n -f 42 -6 $o
	t -l -n -f 42 -6 $o
done
t -L -n -t 198.18.0.1:81
t -L -n -u 198.18.0.1:80
t -L -n --sctp-service 198.18.0.1:80
t -L -n -f 43
t -L -n -f 43 -6
t -L -n -t [2001:db8::1]:80
t -L -n -t 198.18.0.1:80 -c
t -L -n -c
t -L -n -c --exact
t -L -n -c --sort
t -L -n -c --nosort
t -L -c -n --persistent-conn --exact
t -L -n -t 198.18.0.1:80 --daemon
t -L -n -t 198.18.0.1:80 --timeout
t -L --timeout -n
t -L --timeout --exact
t -L --daemon -n
t -L --daemon --exact
t -S -n --stats
t -S -n --exact
t -S -n -c
t -S -n --tun-info
t -Z -t 198.18.0.1:80
t -Z -u 198.18.0.1:53
t -Z -f 42 -6
t -Z -f 42
t -Z -f 43
t -Z -t 198.18.0.1:80 -r 198.18.1.1
t -Z -n
t --zero
t --zero --tcp-service 198.18.0.1:80
for s in "0 0 0" "1 1 1" "10 0 0" "0 20 0" "0 0 30" "2678400 2678400 2678400" "2678401 0 0" "0 2678401 0" "0 0 2678401" \
	"-1 0 0" "x 0 0" "1 2" "1 2 3 4" "05 06 07" "0x10 0 0" "' 5' 0 0" "4294967296 0 0" "1.5 0 0"; do
	eval t --set $s
	t -L --timeout
done
t --set
t --set 1
t -L --timeout -n --exact
t -C
t -L -n
t -L -n --stats
t -L -n --rate
t -L -n --thresholds
t -L -n --persistent-conn
t -L -n --tun-info
t -L -n -c
