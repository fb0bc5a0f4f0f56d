# Addresses the kernel takes or refuses, and how ipvsadm prints them.
# IPv4-mapped IPv6 addresses are IPv6 services of their own.
t -A -t [::ffff:1.2.3.4]:80
t -A -t [::ffff:1:2]:85
t -A -u [::ffff:0.0.0.0]:88
t -A -t 1.2.3.4:80
t -A -t [::ffff:1.2.3.4]:80
t -L -n -t [::ffff:1.2.3.4]:80
t -L -n -t 1.2.3.4:80
t -a -t [::ffff:1.2.3.4]:80 -r 10.1.1.2:80 -i
t -a -t [::ffff:1.2.3.4]:80 -r [::ffff:10.1.1.1]:80 -m
t -a -t [::ffff:1.2.3.4]:80 -r [2001:db8::2]:80 -m
t -a -t 1.2.3.4:80 -r [::ffff:10.1.1.1]:80 -i
t -L -n -t [::ffff:1.2.3.4]:80
t -L -t [::ffff:1.2.3.4]:http
t -E -t [::ffff:1.2.3.4]:80 -s rr
t -Z -t [::ffff:1.2.3.4]:80
t -d -t [::ffff:1.2.3.4]:80 -r 10.1.1.2:80
t -D -u [::ffff:0.0.0.0]:88
t -A -f 7 -6
t -a -f 7 -6 -r [::ffff:10.1.1.1]:80 -m
t -a -f 7 -6 -r [::10.1.1.1]:80 -m
# IPv6 destinations: not unicast (::, multicast, mapped) or link-local
# (fe80::/10) is refused unless the address is the director's own; the
# recording VM has only lo (127.0.0.1/8, ::1).
t -A -t [2001:db8::1]:80
for a in fe80::1 fe80::2:1 febf::1 fec0::1 :: ::1 ::2 ::ffff:10.1.1.1 ::ffff:0.0.0.0 ff02::1 ff00::1 fc00::1 e000::1 \
	::1.2.3.4 ::0.1.0.0 ::10.1.1.2 ::255.255.255.255 ::fffe:1.2.3.4 ::ffff:0:1.2.3.4 ::1:0:0 ::1:0:0:0 1::1.2.3.4; do
	t -a -t [2001:db8::1]:80 -r "[$a]:80" -m
done
t -e -t [2001:db8::1]:80 -r [fe80::1]:80 -m
t -a -t [2001:db8::1]:80 -r [fe80::1]:80 -i
t -a -t [2001:db8::1]:80 -r [ff02::1]:80 -g
# IPv4 destinations: inet_addr_type must say local or unicast.
t -A -t 10.0.0.1:80
for a in 0.0.0.0 0.1.2.3 127.0.0.0 127.0.0.1 127.1.2.3 127.255.255.255 1.2.3.255 10.255.255.255 224.0.0.1 \
	239.255.255.255 240.0.0.1 255.255.255.254 255.255.255.255; do
	t -a -t 10.0.0.1:80 -r "$a:80" -m
done
t -A -t [2001:db8::5]:80
t -a -t [2001:db8::5]:80 -r 127.255.255.255 -i
t -a -t [2001:db8::5]:80 -r 224.0.0.1 -i
t -a -t [2001:db8::5]:80 -r 0.1.2.3 -i
# glibc's inet_ntop: the last 32 bits dotted when the first 96 are zero
# (but not for :: and ::1 ... ::0.0.255.255) or the address is IPv4-mapped.
for a in ::2 ::0.1.0.0 ::1.2.3.4 ::0.0.1.0 ::1:0:0 ::1:0:0:0 0:0:0:0:0:fffe:1.2.3.4 ::ffff:0:1.2.3.4 ::255.255.255.255 1::1.2.3.4 \
	::ffff:255.255.255.255 0:0:0:0:1:ffff:1.2.3.4; do
	t -A -t "[$a]:80"
done
t -A -f 8 -6
t -a -f 8 -6 -r [::10.1.1.2]:80 -m
t -a -f 8 -6 -r [::0.0.1.0]:80 -m
t -Ln
t -L
t -Sn
t -Ln --stats
t -Ln --rate
t -Ln --thresholds
t -Ln --persistent-conn
t -Ln --tun-info
t -L -n -t [::1.2.3.4]:80
t -L -n -t [::102:304]:80
t -d -t [2001:db8::1]:80 -r [::10.1.1.2]:80
t -L -n -t [2001:db8::1]:80
