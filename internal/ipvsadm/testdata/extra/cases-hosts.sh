# Host names from /etc/hosts (Debian 12: "::1 localhost ip6-localhost
# ip6-loopback"): glibc's files backend takes the ::1 line for an IPv4
# lookup as 127.0.0.1 (and an IPv4-mapped line as its IPv4 address).
cat /etc/hosts >&2
t -A -t ip6-localhost:80
t -A -t ip6-loopback:81
t -A -t localhost:82
t -A -t [ip6-localhost]:83
t -A -t [ip6-localhost]:83 -p
t -A -t [localhost]:84
t -A -t ip6-localhost
t -A -t ip6-localhost:http
t -A -u ip6-loopback:domain
t -a -t localhost:82 -r ip6-localhost -m
t -a -t localhost:82 -r ip6-loopback:8080 -m
t -a -t localhost:82 -r [ip6-loopback]:8081 -m
t -a -t ip6-localhost:80 -r localhost:80 -m
t -A -t 10.0.0.1:80 -p -M ip6-localhost
t -A -t 10.0.0.2:80 -p -M ip6-loopback
t -a -t [::1]:80 -r ip6-localhost -i
t -A -t [ip6-localhost]:80
t -L
t -Ln
t -S
t -L -t ip6-localhost:80
t -L -t ip6-loopback:http
t -D -t ip6-loopback:81
t -Ln
