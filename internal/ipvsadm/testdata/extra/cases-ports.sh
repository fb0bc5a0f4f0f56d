# Destination ports by forwarding method on fwmark, port-zero and port services; netmasks without -p.
t -A -f 5
for m in -g -i -m; do
	for p in "" :0 :8080; do
		t -a -f 5 -r 198.18.1.1$p $m
		t -Ln -f 5
		t -d -f 5 -r 198.18.1.1$p
		t -d -f 5 -r 198.18.1.1:8080
		t -d -f 5 -r 198.18.1.1
	done
done
t -A -t 198.18.0.1:80
for m in -g -i -m; do
	for p in "" :0 :8080 :80; do
		t -a -t 198.18.0.1:80 -r 198.18.1.1$p $m
		t -Ln -t 198.18.0.1:80
		t -e -t 198.18.0.1:80 -r 198.18.1.1$p -m -w 2
		t -Ln -t 198.18.0.1:80
		t -d -t 198.18.0.1:80 -r 198.18.1.1:8080
		t -d -t 198.18.0.1:80 -r 198.18.1.1
		t -d -t 198.18.0.1:80 -r 198.18.1.1:80
	done
done
t -A -t 198.18.0.2:0 -p
for m in -g -i -m; do
	for p in "" :0 :8080; do
		t -a -t 198.18.0.2:0 -r 198.18.1.2$p $m
		t -Ln -t 198.18.0.2:0
		t -d -t 198.18.0.2:0 -r 198.18.1.2$p
		t -d -t 198.18.0.2:0 -r 198.18.1.2
	done
done
t -A -t [2001:db8::1]:80 -M 64
t -A -f 6 -M 255.255.255.0
t -A -f 7 -6 -M 64
t -A -t 198.18.0.3:80 -M 255.255.0.0
t -E -t 198.18.0.3:80 -M 255.255.255.0
t -E -t 198.18.0.3:80 -p -M 255.255.255.0
t -E -t 198.18.0.3:80 -M 255.0.0.0
t -Sn
t -A -t 198.18.0.4:80
t -A -u 198.18.0.4:80
t -A --sctp-service 198.18.0.4:80
t -a -u 198.18.0.4:80 -r 198.18.1.4 -m
t -D -u 198.18.0.4:80
t -Z -u 198.18.0.4:80
t -Z --sctp-service 198.18.0.4:80
t -d -u 198.18.0.4:80 -r 198.18.1.4
t -Ln
t -C
