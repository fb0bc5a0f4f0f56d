# -R: every command inside -R, refusals and parse errors in the middle, odd lines.
r() { printf -- "$1" > /tmp/rin; tin /tmp/rin -R; t -Sn; t -C; }
r '-A -t 198.18.0.1:80\n-a -t 198.18.0.1:80 -r 198.18.1.1 -m\n-a -t 198.18.0.1:80 -r 198.18.1.1 -m\n-a -t 198.18.0.1:80 -r 198.18.1.2 -m\n'
r '-A -t 198.18.0.1:80\n-a -t 198.18.0.9:80 -r 198.18.1.1 -m\n-A -t 198.18.0.2:80\n'
r '-A -t 198.18.0.1:80\n-a -t 198.18.0.1:80 -r 198.18.1.1 -m\n-a -t 198.18.0.1:80 -r 198.18.1.1 -m\n'
r '-A -t 198.18.0.1:80\n-E -t 198.18.0.1:80 -s rr\n-e -t 198.18.0.1:80 -r 198.18.1.1 -m\n-a -t 198.18.0.1:80 -r 198.18.1.1 -m\n-e -t 198.18.0.1:80 -r 198.18.1.1 -g -w 5\n'
r '-A -t 198.18.0.1:80\n-a -t 198.18.0.1:80 -r 198.18.1.1 -m\n-d -t 198.18.0.1:80 -r 198.18.1.1\n-d -t 198.18.0.1:80 -r 198.18.1.1\n-D -t 198.18.0.1:80\n-D -t 198.18.0.1:80\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-C\n-A -t 198.18.0.2:80\n'
r '-A -t 198.18.0.1:80\n-Z\n-Z -t 198.18.0.1:80\n-Z -t 198.18.0.9:80\n-A -t 198.18.0.2:80\n'
r '-A -t 198.18.0.1:80\n--set 10 20 30\n-L --timeout\n-A -t 198.18.0.2:80\n'
r '-A -t 198.18.0.1:80\n--start-daemon master --mcast-interface lo\n-L --daemon\n--stop-daemon master\n-A -t 198.18.0.2:80\n'
r '-A -t 198.18.0.1:80\n-L -n\n-a -t 198.18.0.1:80 -r 198.18.1.1 -m\n-L -n --stats\n-l -n\n'
r '-A -t 198.18.0.1:80\n-Lnc\n-A -t 198.18.0.2:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80 -s nosuch\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80 -p 5 -p 6\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80 -w 3\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80 extra\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80 --pe nosuch -p\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-type foo\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80 -b foo -s sh\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80 -b sh-port\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80 -b ,\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.1:80\n-A -t 198.18.0.3:80\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.1:80\n-A -t 198.18.0.3:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.1:80\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.1:80\n-L -n\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.1:80\n--bogus\n'
r '-A -t 198.18.0.1:80\n-A -u 198.18.0.1:80 -x\n'
r 'ipvsadm\n-A -t 198.18.0.1:80\n'
r 'ipvsadm ipvsadm -A -t 198.18.0.1:80 ipvsadm\n'
r '-\n-A -t 198.18.0.1:80\n'
r '--\n-A -t 198.18.0.1:80\n'
r '-A\n-A -t 198.18.0.1:80\n'
r '-A -t 198.18.0.1:80 -s rr # comment\n-A -t 198.18.0.2:80\n'
r '#-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80\n'
r '\n\n\n-A -t 198.18.0.1:80\n\n\n'
r '\r\n-A -t 198.18.0.1:80\r\n\r\n-A -t 198.18.0.2:80\r\n'
r '\t-A\t-t\t198.18.0.1:80\t\n'
r '-A -t 198.18.0.1:80\n-A -t 198.18.0.2:80 -s rr\n-A -t 198.18.0.3:80' 
r '-A -t 198.18.0.1:80 -p 10 -M 255.255.255.0 -s wrr\n-a -t 198.18.0.1:80 -r 198.18.1.1:80 -g -w 3 -x 10 -y 2\n-a -t 198.18.0.1:80 -r 198.18.1.2:81 -m -w 0\n-a -t 198.18.0.1:80 -r 198.18.1.3 -i --tun-type gue --tun-port 6080 --tun-remcsum\n-a -t 198.18.0.1:80 -r 198.18.1.4 -i --tun-type gre --tun-csum\n-a -t 198.18.0.1:80 -r 198.18.1.5 -i --tun-type gue --tun-port 1 --tun-nocsum\n-A -f 7 -6 -p 30 -M 48 -s mh -b mh-fallback,mh-port\n-a -f 7 -6 -r [2001:db8::5]:80 -m\n-a -f 7 -6 -r 2001:db8::6 -i --tun-type gue --tun-port 5 --tun-csum\n-A -u [2001:db8::1]:53 -s sh -b sh-port -o\n-A --sctp-service 198.18.0.9:5000 -s fo -b flag-3 -p 5 --pe sip\n-A -f 1 -s ovf\n-a -f 1 -r 198.18.1.9 -x 1 -y 1 -w 1\n'
printf -- '-A -t 198.18.0.1:80 -p 10 -M 255.255.255.0 -s wrr\n-a -t 198.18.0.1:80 -r 198.18.1.1:80 -g -w 3 -x 10 -y 2\n-a -t 198.18.0.1:80 -r 198.18.1.3 -i --tun-type gue --tun-port 6080 --tun-remcsum\n-a -t 198.18.0.1:80 -r 198.18.1.4 -i --tun-type gre --tun-csum\n-A -f 7 -6 -p 30 -M 48 -s mh -b mh-fallback,mh-port\n-a -f 7 -6 -r 2001:db8::6 -i --tun-type gue --tun-port 5 --tun-csum\n-A -u [2001:db8::1]:53 -s sh -b sh-port -o\n-A --sctp-service 198.18.0.9:5000 -s fo -b flag-3 -p 5 --pe sip\n-a -u [2001:db8::1]:53 -r [2001:db8::7]:5353 -x 3\n' > /tmp/rt
tin /tmp/rt -R
ipvsadm -Sn > /tmp/rt1; ipvsadm -S > /tmp/rt2
t -Sn
t -S
t -Ln --tun-info
t -Ln --thresholds
t -Ln --persistent-conn
t -Ln --stats --exact
t -Ln --rate --exact
t -C
tin /tmp/rt1 -R
t -Sn
t -C
tin /tmp/rt2 -R
t -Sn
t -S -n -f 7 -6
t -S -n -u [2001:db8::1]:53
t -S -t 198.18.0.1:80 -n
t -C
