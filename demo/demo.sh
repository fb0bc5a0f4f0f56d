#!/bin/bash
# make demo: start xvsd, configure it with the ipvsadm commands operators
# already know, list the table in ipvsadm's formats, save and restore it, and
# show that a restarted daemon comes back with the same table.
#
#   demo/demo.sh          run the demo (the daemon keeps running for you to explore)
#   demo/demo.sh down     stop the daemon and remove its files (make demo-down)
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=/run/xvs-demo
SOCK=$RUN/xvsd.sock
export XVS_SOCKET=$SOCK
ipvsadm() { bin/ipvsadm "$@"; }

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '\033[36m$ %s\033[0m\n' "$*"; "$@" || printf '\033[33m(exit %d)\033[0m\n' $?; }

start() {
	bin/xvsd --socket $SOCK --state-dir $RUN/state >>$RUN/xvsd.log 2>&1 &
	echo $! > $RUN/xvsd.pid
	for _ in $(seq 100); do [ -S $SOCK ] && return; sleep 0.05; done
	echo "xvsd did not start; see $RUN/xvsd.log" >&2; exit 1
}

stop() {
	if [ -f $RUN/xvsd.pid ]; then
		kill "$(cat $RUN/xvsd.pid)" 2>/dev/null || true
		for _ in $(seq 100); do kill -0 "$(cat $RUN/xvsd.pid)" 2>/dev/null || break; sleep 0.05; done
		rm -f $RUN/xvsd.pid
	fi
}

if [ "${1:-}" = down ]; then stop; rm -rf $RUN; echo "demo removed"; exit 0; fi

stop; rm -rf $RUN; mkdir -p $RUN
say "xvsd: the daemon owns the table (socket $SOCK, state in $RUN/state)"
start

say "Services and real servers, with plain ipvsadm commands"
show ipvsadm -A -t 198.18.0.100:80 -s wrr
show ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.11:8080 -m -w 3
show ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.12:8080 -m -w 2
show ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.13:8080 -m -w 1 -x 1000 -y 800
show ipvsadm -A -t 198.18.0.101:443 -s mh -b mh-port -p 600 -M 255.255.255.0
show ipvsadm -a -t 198.18.0.101:443 -r 198.18.0.11 -g
show ipvsadm -a -t 198.18.0.101:443 -r 198.18.0.12 -i --tun-type gue --tun-port 6080 --tun-csum
show ipvsadm -A -u '[2001:db8:18::100]:53' -s sh -b sh-fallback -o
show ipvsadm -a -u '[2001:db8:18::100]:53' -r '[2001:db8:18::11]:53' -m
show ipvsadm -A -f 7 -s rr
show ipvsadm -a -f 7 -r 198.18.0.13:0 -i --tun-type gre

say "Listings, byte for byte as ipvsadm 1.31 prints them"
show ipvsadm -L -n
show ipvsadm -L -n --tun-info
show ipvsadm -L -n --thresholds
show ipvsadm -L -n --stats
show ipvsadm -L -n -t 198.18.0.100:80
show ipvsadm -L

say "Mistakes get ipvsadm's messages and exit codes, and change nothing"
show ipvsadm -A -t 198.18.0.100:80 -s rr
show ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.14 -w -1
show ipvsadm -e -t 198.18.0.100:80 -r 198.18.0.14 -m
show ipvsadm -a -t 198.18.0.100:80 -r 198.18.0.14 -x 10 -y 20
show ipvsadm -L -c -t 198.18.0.100:80

say "Save, clear, restore"
show ipvsadm -S -n
ipvsadm -S -n > $RUN/rules
show ipvsadm -C
show ipvsadm -L -n
printf '\033[36m$ ipvsadm -R < rules\033[0m\n'; ipvsadm -R < $RUN/rules
show ipvsadm --set 600 60 120
show ipvsadm -L --timeout

say "Restart xvsd: the table comes back from $RUN/state"
ipvsadm -S -n > $RUN/before
stop; start
ipvsadm -S -n > $RUN/after
show diff -u $RUN/before $RUN/after && echo "identical: $(wc -l < $RUN/after) rules"

say "The daemon keeps running. Try:  XVS_SOCKET=$SOCK bin/ipvsadm -Ln      Stop it with: make demo-down"
