#!/bin/bash
# How keepalived 2.2.7's checkers drive IPVS (kernel 6.1) over time, for
# each scenario in testdata/runtime/NAME: keepalived.conf, the servers it
# checks (run by testdata/ksrv) and the steps (kills, file writes, a
# reload) at given seconds. Every half second the table is listed. Runs in
# the oracle VM (oracle-record.sh); the tests replay the same scenarios
# against xvs and compare where keepalived's table held still.
set -u
work=$(mktemp -d) # inside the VM
cd /oracle/files && tar -xzf testdata.tgz || exit 1
ksrv=/oracle/files/ksrv
chmod +x "$ksrv"
ip link set lo up
echo "# keepalived 2.2.7 on kernel 6.1 (the oracle VM), recorded with ../oracle-runtime.sh: for each"
echo "# scenario in runtime/, \"--- t=SECONDS\" is ipvsadm -S -n (sorted) that long after keepalived"
echo "# started, \"@ t=SECONDS\" a step of the scenario, \"# ka| \" keepalived's log, \"# srv| \""
echo "# what the servers were asked (with counts), \"# events| \" what the scenario's scripts wrote."

uptime_cs() { read -r up _ < /proc/uptime; echo "${up/./}"; }

start_server() { # ADDRESS
	local mode addr arg
	while read -r mode addr arg; do
		[ "$addr" = "$1" ] || continue
		"$ksrv" "$mode" "$addr" $arg >>"$dir/srv.log" 2>&1 &
		echo $! >"$dir/pid-$addr"
	done <"$dir/servers.list"
}

step() { # ACTION ARGUMENTS...
	local action=$1
	shift
	case $action in
	write) echo "$2" >"$dir/$1" ;;
	kill) kill "$(cat "$dir/pid-$1")" ;;
	start) start_server "$1" ;;
	reload) cp "$dir/$1" "$dir/keepalived.conf" && kill -HUP "$kpid" ;;
	end) ;;
	esac
}

for scenario in testdata/runtime/*/; do
	name=$(basename "$scenario")
	dir=$work/rt-$name
	rm -rf "$dir"
	cp -r "$scenario" "$dir"
	sed -i "s|%DIR%|$dir|g" "$dir"/*.conf "$dir/servers"
	chmod +x "$dir"/*.sh 2>/dev/null
	echo "=== $name"
	grep -v '^#' "$dir/servers" >"$dir/servers.list"
	grep -v '^#' "$dir/steps" >"$dir/steps.list"
	while read -r t action args; do
		[ "$t" = 0 ] && step "$action" $args
	done <"$dir/steps.list"
	: >"$dir/srv.log"
	while read -r mode addr arg; do start_server "$addr"; done <"$dir/servers.list"
	sleep 0.5
	end=$(awk '$2 == "end" {print $1}' "$dir/steps")
	ipvsadm -C
	keepalived -n -l -C -f "$dir/keepalived.conf" -p $work/k.pid -c $work/c.pid >"$dir/k.log" 2>&1 &
	kpid=$!
	t0=$(uptime_cs)
	for ((half = 1; half <= 2 * end; half++)); do
		while (($(uptime_cs) - t0 < half * 50)); do sleep 0.05; done
		t=$((half / 2)).$((half % 2 * 5))
		echo "--- t=$t"
		ipvsadm -S -n | sort
		if ((half % 2 == 0)); then
			while read -r st action args; do
				[ "$st" = $((half / 2)) ] || continue
				echo "@ t=$st $action $args"
				step "$action" $args
			done <"$dir/steps.list"
		fi
	done
	kill "$kpid"
	wait "$kpid"
	echo "--- after keepalived stopped"
	ipvsadm -S -n | sort
	for p in "$dir"/pid-*; do kill "$(cat "$p")" 2>/dev/null; done
	sed "s/^.* 20[0-9][0-9]: //" "$dir/k.log" |
		grep -v "Starting\|Running on\|Command line\|Opening file\|Configuration file\|Stopped\|Stopping\|pid\|Remove a zombie\|Initializing ipvs\|Registering\|Kernel\|Startup complete\|max_auto_priority\|Healthcheck child\|Script user\|SECURITY VIOLATION\|^ *'$work" |
		sed "s|$dir/||g; s/^/# ka| /"
	sort "$dir/srv.log" | uniq -c | sed "s|$dir/||g; s/^ */# srv| /"
	if [ -f "$dir/events" ]; then sed 's/^/# events| /' "$dir/events"; fi
done
