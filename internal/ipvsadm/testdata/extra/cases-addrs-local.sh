# Destination addresses against the director's own: a veth that is up with
# 10.5.0.1/24, 10.6.0.1/31, 10.7.0.1/30, fe80::51 and 2001:db8:9::1, and one
# left down with 10.8.0.1/24 and fe80::58 (the replay test knows them).
# No other file uses these addresses: the kernel may take the IPv6 ones as
# local for a while after the veths are gone.
# A local subnet's broadcast address is refused (while its interface is
# up); a link-local, mapped or multicast IPv6 address is refused unless it
# is the director's own.
ip link add v0 type veth peer name v0p; ip link set v0 up; ip link set v0p up
ip addr add 10.5.0.1/24 dev v0; ip addr add 10.6.0.1/31 dev v0; ip addr add 10.7.0.1/30 dev v0
ip -6 addr add fe80::51/64 dev v0 nodad; ip -6 addr add 2001:db8:9::1/64 dev v0 nodad
ip link add v1 type veth peer name v1p; ip addr add 10.8.0.1/24 dev v1; ip -6 addr add fe80::58/64 dev v1 nodad
t -A -t [2001:db8::1]:80
for a in fe80::51 fe80::52 fe80::58 2001:db8:9:: 2001:db8:9::1 ::ffff:10.5.0.1 ::ffff:127.0.0.1 ff02::1; do
	t -a -t [2001:db8::1]:80 -r "[$a]:80" -m
done
t -A -t 10.0.0.1:80
for a in 10.5.0.255 10.5.0.0 10.5.0.1 10.6.0.0 10.6.0.1 10.7.0.3 10.7.0.0 10.8.0.255 10.8.0.0; do
	t -a -t 10.0.0.1:80 -r "$a:80" -m
done
t -Ln
t -C
ip link del v0; ip link del v1
