#!/bin/bash
# make demo: a client, a one-arm xvs director and three real servers in
# network namespaces (test/testbed.sh), with NAT, DR and TUN services set up
# by plain ipvsadm commands, real HTTP and UDP traffic, and the listings.
#
#   demo/demo.sh          run the demo and leave the testbed up for you to explore
#   demo/demo.sh down     remove it (make demo-down)
set -euo pipefail
cd "$(dirname "$0")/.."
P=xvsdemo
RUN=/run/xvs-demo
SOCK=$RUN/xvsd.sock
export XVS_SOCKET=$SOCK

d() { ip netns exec $P-d "$@"; }
c() { ip netns exec $P-c "$@"; }
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '\033[36m# %s\033[0m\n' "$*"; "$@"; }

down() {
	if [ -f $RUN/xvsd.pid ]; then
		kill "$(cat $RUN/xvsd.pid)" 2>/dev/null || true
		sleep 0.5
	fi
	[ -d /var/run/netns ] && ip netns list | grep -q "^$P-d" && d bin/xvsd --detach --pin-path $RUN/bpf/xvs 2>/dev/null || true
	bash test/testbed.sh down $P
	umount $RUN/bpf 2>/dev/null || true
	rm -rf $RUN
}

if [ "${1:-}" = down ]; then down; echo "demo removed"; exit 0; fi

trap 'echo "demo failed; cleaning up" >&2; down' ERR
down
mkdir -p $RUN/bpf
# The datapath's pins must outlive xvsd (a restart keeps every connection);
# `ip netns exec` gives each process a mount namespace of its own, so the
# bpffs is mounted here, in the host's.
mount -t bpf bpffs $RUN/bpf
say "Testbed: client $P-c (198.19.0.2), director $P-d (198.18.0.1), real servers $P-r1..3 (198.18.0.11-13)"
bash test/testbed.sh up $P

say "Real servers: VIPs on lo for DR and TUN, the BPF decapsulator for TUN (xvs-rs)"
for i in 1 2 3; do
	show ip netns exec $P-r$i bin/xvs-rs dr --vip 198.18.0.101
	show ip netns exec $P-r$i bin/xvs-rs tun --vip 198.18.0.102 --type ipip --dev eth0
	show ip netns exec $P-r$i bin/xvs-rs tun --vip 198.18.0.103 --type gue --port 6080 --dev eth0
	show ip netns exec $P-r$i bin/xvs-rs tun --vip 198.18.0.104 --type gre --dev eth0
done

say "Real servers: HTTP and UDP servers answering with their name"
for i in 1 2 3; do
	ip netns exec $P-r$i bin/xvs-backend -name rs$i \
		-listen 198.18.0.1$i:80 -listen 198.18.0.101:80 -listen 198.18.0.102:80 -listen 198.18.0.103:80 \
		-listen 198.18.0.104:80 -listen "[2001:db8:18::1$i]:80" >/dev/null 2>&1 &
done

say "Director: xvsd with the XDP datapath on eth0 (its log says how frames leave)"
d bin/xvsd --socket $SOCK --state-dir $RUN/state --attach eth0 --pin-path $RUN/bpf/xvs --metrics 127.0.0.1:9469 >$RUN/xvsd.log 2>&1 &
echo $! > $RUN/xvsd.pid
for _ in $(seq 50); do [ -S $SOCK ] && break; sleep 0.1; done
cat $RUN/xvsd.log

say "Services, configured with ipvsadm"
show bin/ipvsadm -A -t 198.18.0.100:80 -s rr
for i in 1 2 3; do show bin/ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.1$i:80 -m; done
show bin/ipvsadm -A -u 198.18.0.100:80 -s rr
for i in 1 2 3; do show bin/ipvsadm -a -u 198.18.0.100:80 -r 198.18.0.1$i:80 -m; done
show bin/ipvsadm -A -t 198.18.0.101:80 -s rr
for i in 1 2 3; do show bin/ipvsadm -a -t 198.18.0.101:80 -r 198.18.0.1$i -g; done
show bin/ipvsadm -A -t 198.18.0.102:80 -s rr
for i in 1 2 3; do show bin/ipvsadm -a -t 198.18.0.102:80 -r 198.18.0.1$i -i; done
show bin/ipvsadm -A -t 198.18.0.103:80 -s rr
for i in 1 2 3; do show bin/ipvsadm -a -t 198.18.0.103:80 -r 198.18.0.1$i -i --tun-type gue --tun-port 6080; done
show bin/ipvsadm -A -t 198.18.0.104:80 -s wlc
for i in 1 2 3; do show bin/ipvsadm -a -t 198.18.0.104:80 -r 198.18.0.1$i -i --tun-type gre -w $i; done
show bin/ipvsadm -A -t '[2001:db8:18::100]:80' -s rr
for i in 1 2 3; do show bin/ipvsadm -a -t '[2001:db8:18::100]:80' -r "[2001:db8:18::1$i]:80" -m; done
show bin/ipvsadm -Ln

spread() { # spread LABEL CMD...: run CMD 30 times from the client, count the answers
	local label=$1; shift
	printf '%-28s' "$label"
	for _ in $(seq 30); do c "$@" 2>/dev/null || echo "no answer"; done | sort | uniq -c | tr -s ' \n' ' '
	echo
}
say "Traffic from the client: 30 requests each, answers counted by real server"
spread "NAT  TCP 198.18.0.100:80" curl -s -m 2 http://198.18.0.100/
spread "NAT  UDP 198.18.0.100:80" bin/xvs-backend -ask 198.18.0.100:80
spread "DR   TCP 198.18.0.101:80" curl -s -m 2 http://198.18.0.101/
spread "TUN  TCP 198.18.0.102:80 ipip" curl -s -m 2 http://198.18.0.102/
spread "TUN  TCP 198.18.0.103:80 gue" curl -s -m 2 http://198.18.0.103/
spread "TUN  TCP 198.18.0.104:80 gre" curl -s -m 2 http://198.18.0.104/
spread "NAT6 TCP [2001:db8:18::100]:80" curl -s -m 2 'http://[2001:db8:18::100]/'

sleep 2.5
say "Counters (folded in every 2 s, as IPVS does)"
show bin/ipvsadm -Ln --stats
show bin/ipvsadm -Ln --rate
show bin/ipvsadm -Lcn
say "The datapath's events, and the Prometheus endpoint (xvsd --metrics, in the director's namespace)"
show bin/ipvsadm -L --events
printf '\033[36m# %s\033[0m\n' "curl -s http://127.0.0.1:9469/metrics | grep '^xvs_backend_connections_total{.*TCP'"
d curl -s http://127.0.0.1:9469/metrics | grep '^xvs_backend_connections_total{.*TCP'

trap - ERR
say "The testbed stays up. Try:  XVS_SOCKET=$SOCK bin/ipvsadm -Ln   or   ip netns exec $P-c curl http://198.18.0.100/"
echo "Metrics: ip netns exec $P-d curl -s http://127.0.0.1:9469/metrics"
echo "Remove it with: make demo-down"
