# The command x option matrix: every option with every command.
t -A -t 198.18.0.1:80
t -a -t 198.18.0.1:80 -r 198.18.1.1 -m
for c in "-A -t 198.18.0.2:80" "-E -t 198.18.0.1:80" "-D -t 198.18.0.9:80" "-C" "-a -t 198.18.0.1:80 -r 198.18.1.2" \
	"-e -t 198.18.0.1:80 -r 198.18.1.1" "-d -t 198.18.0.1:80 -r 198.18.1.9" "-L" "-Z" "-S" "--set 900 120 300" \
	"--start-daemon master" "--stop-daemon master"; do
	for o in -n -c "-s rr" "-p 10" "-M 255.255.255.255" "-r 198.18.1.3" -g -i -m "-w 2" "-x 5" "-y 2" \
		"--mcast-interface lo" --timeout --daemon --stats --rate --thresholds --persistent-conn --nosort --sort \
		"--syncid 3" --exact -o "--pe sip" "-b sh-port" "--mcast-group 224.0.0.81" "--mcast-port 8848" "--mcast-ttl 2" \
		"--sync-maxlen 1000" --tun-info "--tun-type ipip" "--tun-port 5555" --tun-nocsum --tun-csum --tun-remcsum -6 \
		"-t 198.18.0.1:80" "-f 1"; do
		t $c $o
	done
	t -C; t --stop-daemon master
	t -A -t 198.18.0.1:80
	t -a -t 198.18.0.1:80 -r 198.18.1.1 -m
done
t -C
