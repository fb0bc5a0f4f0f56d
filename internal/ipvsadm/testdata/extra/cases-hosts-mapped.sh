# glibc's files backend with IPv4-mapped and other IPv6 lines: an IPv4
# lookup, by name or by address, takes a mapped line as its IPv4 address
# and ::1 as 127.0.0.1; an IPv6 lookup sees IPv6 lines only, as they are.
# /etc/hosts is testdata/hosts-mapped (an extra file of the recording run)
# for this file only.
cp /etc/hosts /tmp/hosts.vm
cp /oracle/files/hosts-mapped /etc/hosts
for h in mappedhost v4host mappedv4host v6host compathost compatv4 twohost mappedlo lastlo ip6-loopback; do
	t -A -t $h:80
done
t -Ln
t -C
for a in 10.8.8.8 10.9.9.9 127.0.0.1 10.7.7.7 [::1] [::ffff:10.8.8.8] [::10.7.7.7] [2001:db8::5] [::ffff:10.9.9.9] \
	[::ffff:10.7.7.7] [::2] [::ffff:127.0.0.1]; do
	t -A -t $a:80
done
t -a -t 10.8.8.8:80 -r mappedhost:8080 -m
t -a -t [::ffff:10.8.8.8]:80 -r [::ffff:10.9.9.9]:80 -i
t -L
t -S
t -L -t mappedv4host:http
cp /tmp/hosts.vm /etc/hosts
