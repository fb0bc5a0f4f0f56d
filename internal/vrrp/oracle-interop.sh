#!/bin/bash
# Records how xvsd's VRRP and keepalived 2.2.7 (oracle VM, kernel 6.1) get
# along as peers of one virtual router: keepalived in network namespace k
# (interface vk, 198.18.0.1), xvsd (control plane only, --config) in
# namespace x (interface vx, 198.18.0.2), joined by a veth pair. Both read
# the same keepalived.conf, written by conf() below, for VRRP version 2
# without and with auth_pass, version 3, version 3 over IPv6, version 2
# unicast, preempt_delay when a master drops below the backup (either
# side the backup), a sync group of two instances, and peers that must
# not hear each other (password, version, interval, address list) with
# either side the higher priority. testdata/interop.txt is its output, held to by
# interop_test.go. Run by hand from the repository's root (D: a scratch
# directory; the run takes about 12 minutes under TCG):
#   CGO_ENABLED=0 go build -o $D/xvsd ./cmd/xvsd
#   CGO_ENABLED=0 go build -o $D/ipvsadm-xvs ./cmd/xvsadm
#   run-ipvs.sh -t 1500 internal/vrrp/oracle-interop.sh $D/xvsd $D/ipvsadm-xvs \
#     > internal/vrrp/testdata/interop.txt
# Times are seconds, measured by polling every 50 ms (TCG: they vary by a
# few tenths from run to run).
exec 2>&1
F=/oracle/files
chmod +x $F/xvsd $F/ipvsadm-xvs
ip netns add k
ip netns add x
ip link add vk netns k type veth peer name vx netns x
# addrs NS IF N: the interface's addresses 198.18.0.N, 2001:db8:18::N and
# (the source of IPv6 adverts) fe80::N.
addrs() {
	ip -n $1 addr flush dev $2
	ip -n $1 addr add 198.18.0.$3/24 dev $2
	ip -n $1 addr add fe80::$3/64 dev $2 nodad
	ip -n $1 addr add 2001:db8:18::$3/64 dev $2 nodad
}
ip -n k link set vk addrgenmode none
ip -n x link set vx addrgenmode none
ip -n k link set vk up
ip -n x link set vx up
addrs k vk 1
addrs x vx 2

echo "# keepalived 2.2.7 (namespace k, vk, 198.18.0.1) and xvsd (namespace x, vx, 198.18.0.2) as VRRP peers,"
echo "# recorded by oracle-interop.sh in the oracle VM (kernel 6.1)."

# conf FILE IFACE VERSION AUTH PRIORITY NOPREEMPT FAMILY [SYNC]: one
# instance (or, with SYNC, two in a vrrp_sync_group) of router id 51 (52);
# AUTH is none or the auth_pass; $ADV is advert_int (default 1); with
# $UNICAST the adverts go unicast, to the other side's address; $VIPS
# replaces the virtual addresses (of one instance); $DELAY is
# preempt_delay, $TRACK a track_interface line.
conf() {
	local f=$1 ifc=$2 ver=$3 auth=$4 prio=$5 nopre=$6 fam=$7 sync=$8
	{
		echo "global_defs {"
		echo "    router_id $ifc"
		echo "    vrrp_garp_master_delay 1"
		echo "}"
		if [ -n "$sync" ]; then
			echo "vrrp_sync_group G {"
			echo "    group {"
			echo "        VI_1"
			echo "        VI_2"
			echo "    }"
			echo "}"
		fi
		for i in 1 ${sync:+2}; do
			echo "vrrp_instance VI_$i {"
			echo "    state BACKUP"
			echo "    interface $ifc"
			echo "    virtual_router_id 5$i"
			echo "    priority $prio"
			echo "    advert_int ${ADV:-1}"
			echo "    version $ver"
			[ "$nopre" = nopreempt ] && echo "    nopreempt"
			[ -n "$DELAY" ] && echo "    preempt_delay $DELAY"
			if [ -n "$TRACK" ]; then
				echo "    track_interface {"
				echo "        $TRACK"
				echo "    }"
			fi
			if [ "$auth" != none ]; then
				echo "    authentication {"
				echo "        auth_type PASS"
				echo "        auth_pass $auth"
				echo "    }"
			fi
			if [ -n "$UNICAST" ]; then
				local me=198.18.0.1 peer=198.18.0.2
				[ $ifc = vx ] && me=198.18.0.2 peer=198.18.0.1
				echo "    unicast_src_ip $me"
				echo "    unicast_peer {"
				echo "        $peer"
				echo "    }"
			fi
			echo "    virtual_ipaddress {"
			if [ -n "$VIPS" ]; then
				for v in $VIPS; do echo "        $v"; done
			elif [ "$fam" = 6 ]; then
				echo "        2001:db8:18::20$i/64"
			else
				echo "        198.18.0.20$i/24"
			fi
			echo "    }"
			echo "}"
		done
	} > $f
}

up() { awk '{print $1}' /proc/uptime; }
since() { awk -v a="$(up)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }
# states LOG: the state lines of a log ("(VI_1) Entering MASTER STATE").
states() { sed -n 's/.*\((VI_[0-9]*) Entering [A-Z]* STATE\).*/\1/p' "$1"; }
count() { states "$1" | grep -c "$2"; }
# mark LOG; waitfor LOG PATTERN N SECONDS: until the log has N more state
# lines matching PATTERN than when marked; prints the seconds since the
# mark, or "none".
mark() { M=$(up); MC=$(count "$1" .); }
waitfor() {
	while [ "$(states "$1" | tail -n +$((MC + 1)) | grep -c "$2")" -lt "$3" ]; do
		if [ "$(since $M | cut -d. -f1)" -ge "$4" ]; then
			echo none
			return
		fi
		sleep 0.05
	done
	since $M
}
# block NS / unblock NS: the namespace drops (takes again) the VRRP
# adverts that arrive.
block() {
	ip netns exec $1 nft add table inet f
	ip netns exec $1 nft add chain inet f in '{ type filter hook input priority 0; }'
	ip netns exec $1 nft add rule inet f in meta l4proto 112 drop
}
unblock() { ip netns exec $1 nft delete table inet f; }

KA=
XV=
startka() {
	ip netns exec k keepalived -n -l -D -f "$1" -p /run/ka.pid -r /run/ka-vrrp.pid -c /run/ka-check.pid >> /root/ka.log 2>&1 &
	KA=$!
}
# stopka [KILL]: SIGTERM, or SIGKILL to keepalived and its VRRP child at
# once (killed alone, the parent's child still leaves with priority 0).
stopka() {
	if [ "$1" = KILL ]; then
		kill -KILL $(cat /run/ka-vrrp.pid) $KA
	else
		kill -TERM $KA
	fi
	wait $KA 2>/dev/null
	KA=
}
startxv() {
	rm -rf /root/xs
	ip netns exec x $F/xvsd --socket /root/x.sock --state-dir /root/xs --config "$1" >> /root/xv.log 2>&1 &
	XV=$!
}
stopxv() { kill -${1:-TERM} $XV; wait $XV 2>/dev/null; XV=; }

# show: both sides' states and virtual addresses.
show() {
	echo "-- keepalived states"
	states /root/ka.log
	echo "-- xvsd states"
	states /root/xv.log
	echo "-- ipvsadm-xvs -L --vrrp"
	XVS_SOCKET=/root/x.sock $F/ipvsadm-xvs -L --vrrp 2>&1 | sed 's/ 20[0-9-]* [0-9:]* / SINCE               /'
	echo "-- addresses k"
	ip -n k -o addr show dev vk | awk '$3 != "inet6" || $4 !~ /^fe80/ {print $3, $4}'
	echo "-- addresses x"
	ip -n x -o addr show dev vx | awk '$3 != "inet6" || $4 !~ /^fe80/ {print $3, $4}'
}
# other: what else either side logged about the peer's adverts.
other() {
	echo "-- keepalived: other VRRP lines"
	sed -n 's/^[^(]*\((VI_[0-9]*)\)/\1/p' /root/ka.log | grep -v 'Entering [A-Z]* STATE' | sort | uniq -c | sed 's/^ *//'
	echo "-- xvsd: other VRRP lines"
	sed -n 's/^[^(]*\((VI_[0-9]*)\)/\1/p' /root/xv.log | grep -v 'Entering [A-Z]* STATE' | sort | uniq -c | sed 's/^ *//'
}
fresh() { : > /root/ka.log; : > /root/xv.log; }

# variant NAME VERSION AUTH FAMILY [NOEQUAL]
variant() {
	local n=$1 ver=$2 auth=$3 fam=$4 noequal=$5
	conf /root/k100.conf vk $ver $auth 100 - $fam
	conf /root/k150.conf vk $ver $auth 150 - $fam
	conf /root/x150.conf vx $ver $auth 150 - $fam
	conf /root/x100.conf vx $ver $auth 100 - $fam
	conf /root/x150np.conf vx $ver $auth 150 nopreempt $fam

	echo "=== $n 1 xvs 150, keepalived 100: both started"
	fresh
	startka /root/k100.conf
	startxv /root/x150.conf
	sleep 8
	show
	local c=$(states /root/ka.log | wc -l)
	sleep 10
	echo "-- keepalived state changes in the next 10 s: $(($(states /root/ka.log | wc -l) - c))"

	echo "=== $n 2 xvsd stopped (SIGTERM)"
	mark /root/ka.log
	stopxv
	echo "-- keepalived MASTER after: $(waitfor /root/ka.log MASTER 1 10)"
	sleep 1
	show

	echo "=== $n 3 xvsd started again (priority 150)"
	mark /root/ka.log
	startxv /root/x150.conf
	echo "-- keepalived BACKUP again after: $(waitfor /root/ka.log BACKUP 1 15)"
	sleep 2
	show

	echo "=== $n 3b xvsd stopped, started again with nopreempt"
	mark /root/ka.log
	stopxv
	echo "-- keepalived MASTER after: $(waitfor /root/ka.log MASTER 1 10)"
	startxv /root/x150np.conf
	sleep 8
	show
	stopxv
	stopka

	echo "=== $n 4 keepalived 150, xvs 100: xvsd started once keepalived is BACKUP"
	fresh
	mark /root/ka.log
	startka /root/k150.conf
	waitfor /root/ka.log BACKUP 1 10 > /dev/null
	startxv /root/x100.conf
	sleep 8
	show
	echo "=== $n 4b keepalived stopped (SIGTERM)"
	mark /root/xv.log
	stopka
	echo "-- xvsd MASTER after: $(waitfor /root/xv.log MASTER 1 10)"
	sleep 1.5
	show
	echo "=== $n 4c keepalived started again (priority 150)"
	mark /root/xv.log
	startka /root/k150.conf
	echo "-- xvsd BACKUP again after: $(waitfor /root/xv.log BACKUP 1 15)"
	sleep 2
	show
	echo "=== $n 4d keepalived and its VRRP process killed (SIGKILL: no priority-0 advert)"
	mark /root/xv.log
	stopka KILL
	echo "-- xvsd MASTER after: $(waitfor /root/xv.log MASTER 1 10)"
	sleep 1
	show
	addrs k vk 1 # the addresses the killed keepalived left
	other
	stopxv

	[ -n "$noequal" ] && return
	equal 5 "keepalived .1 < xvs .2"
	addrs k vk 3
	equal 5b "keepalived .3 > xvs .2"
	addrs k vk 1
}

# equal N TITLE: both of priority 100, both master while the adverts are
# dropped, then the adverts flow.
equal() {
	echo "=== $n $1 equal priorities (100), $2: both master apart, then joined"
	fresh
	block k
	block x
	startka /root/k100.conf
	startxv /root/x100.conf
	sleep 7
	show
	mark /root/ka.log
	unblock k
	unblock x
	sleep 4
	echo "-- after joining"
	show
	other
	stopxv
	stopka
}

variant v2 2 none 4
variant v2pass 2 secret 4
variant v3 3 none 4
variant v3ipv6 3 none 6
UNICAST=1 variant v2unicast 2 none 4 noequal

# mismatch TITLE KA-CONF KA-ARGS XVS-CONF XVS-ARGS: peers that must not
# hear each other (keepalived drops the other's adverts, so must xvsd),
# with either side of the higher priority: both end MASTER. The ARGS are
# conf's VERSION AUTH (the priorities follow) and FAMILY.
mismatch() {
	local t=$1 kc=$2 ka=$3 xc=$4 xa=$5
	for p in "150 100" "100 150"; do
		set -- $p
		echo "=== mismatch $t, keepalived $1, xvs $2"
		eval "$kc /root/k.conf vk $(echo $ka | sed "s/ P / $1 /")"
		eval "$xc /root/x.conf vx $(echo $xa | sed "s/ P / $2 /")"
		fresh
		startka /root/k.conf
		startxv /root/x.conf
		sleep 10
		show
		other
		stopxv
		stopka
	done
}
mismatch "auth_pass secret vs none" conf "2 secret P - 4" conf "2 none P - 4"
mismatch "auth_pass secret vs other" conf "2 secret P - 4" conf "2 other P - 4"
mismatch "version 2 vs 3" conf "2 none P - 4" conf "3 none P - 4"
mismatch "version 2 advert_int 2 vs 1" "ADV=2 conf" "2 none P - 4" conf "2 none P - 4"
mismatch "virtual_ipaddress .201 vs .202" conf "2 none P - 4" "VIPS=198.18.0.202/24 conf" "2 none P - 4"
mismatch "virtual_ipaddress .201 vs .201 .203" conf "2 none P - 4" "VIPS='198.18.0.201/24 198.18.0.203/24' conf" "2 none P - 4"
mismatch "virtual_ipaddress .201 .203 vs .203 .201" "VIPS='198.18.0.201/24 198.18.0.203/24' conf" "2 none P - 4" "VIPS='198.18.0.203/24 198.18.0.201/24' conf" "2 none P - 4"

# tracked_up, tracked_down: the dummy interface d0 both sides may track.
tracked_up() {
	for ns in k x; do
		ip -n $ns link add d0 type dummy
		ip -n $ns link set d0 up
	done
}
tracked_down() {
	for ns in k x; do ip -n $ns link del d0; done
}

# preempt NAME BACKUP-SIDE: the backup (priority 100, preempt_delay 4)
# hears the master (150) for long after its start; then the master's
# tracked interface d0 goes down (weight -100: priority 50). keepalived
# restarts the delay at the first lower advert.
preempt() {
	echo "=== preempt $1 backup with preempt_delay 4, master 150 drops to 50"
	tracked_up
	if [ $2 = k ]; then
		DELAY=4 conf /root/k.conf vk 2 none 100 - 4
		TRACK="d0 weight -100" conf /root/x.conf vx 2 none 150 - 4
		log=/root/ka.log ns=x
	else
		TRACK="d0 weight -100" conf /root/k.conf vk 2 none 150 - 4
		DELAY=4 conf /root/x.conf vx 2 none 100 - 4
		log=/root/xv.log ns=k
	fi
	fresh
	if [ $2 = k ]; then startxv /root/x.conf; sleep 1; startka /root/k.conf; else startka /root/k.conf; sleep 1; startxv /root/x.conf; fi
	sleep 12
	show
	mark $log
	ip -n $ns link set d0 down
	echo "-- backup MASTER after: $(waitfor $log MASTER 1 15)"
	sleep 1
	show
	other
	stopxv
	stopka
	tracked_down
}
preempt keepalived k
preempt xvsd x

# fault NAME MASTER-SIDE: the master (150) tracks d0 (no weight: down is
# FAULT); d0 goes down, then up again.
fault() {
	echo "=== fault-down $1: the master (150) tracks d0, which goes down"
	tracked_up
	if [ $2 = k ]; then
		TRACK=d0 conf /root/k.conf vk 2 none 150 - 4
		conf /root/x.conf vx 2 none 100 - 4
		mlog=/root/ka.log blog=/root/xv.log
	else
		conf /root/k.conf vk 2 none 100 - 4
		TRACK=d0 conf /root/x.conf vx 2 none 150 - 4
		mlog=/root/xv.log blog=/root/ka.log
	fi
	fresh
	if [ $2 = k ]; then startka /root/k.conf; sleep 1; startxv /root/x.conf; else startxv /root/x.conf; sleep 1; startka /root/k.conf; fi
	sleep 8
	show
	mark $blog
	ip -n $2 link set d0 down
	echo "-- backup MASTER after: $(waitfor $blog MASTER 1 10)"
	sleep 1
	show
	echo "=== fault-up $1: d0 up again"
	mark $mlog
	ip -n $2 link set d0 up
	echo "-- master MASTER again after: $(waitfor $mlog MASTER 1 15)"
	sleep 1
	show
	other
	stopxv
	stopka
	tracked_down
}
fault keepalived k
fault xvsd x

echo "=== sync 1 sync group G {VI_1 VI_2}, xvs 150, keepalived 100: both started"
conf /root/k100.conf vk 2 none 100 - 4 sync
conf /root/x150.conf vx 2 none 150 - 4 sync
fresh
startka /root/k100.conf
startxv /root/x150.conf
sleep 8
show
echo "=== sync 2 xvsd stopped (SIGTERM)"
mark /root/ka.log
stopxv
echo "-- keepalived MASTER (both) after: $(waitfor /root/ka.log MASTER 2 10)"
sleep 1
show
echo "=== sync 3 xvsd started again"
mark /root/ka.log
startxv /root/x150.conf
echo "-- keepalived BACKUP (both) again after: $(waitfor /root/ka.log BACKUP 2 15)"
sleep 2
show
other
stopxv
stopka
true
