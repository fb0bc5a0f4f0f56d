# Names without -n: /etc/hosts and /etc/services of the VM.
cat /etc/hosts >&2
t -A -t localhost:http
t -A -u 127.0.0.1:domain
t -A -t 127.0.0.1:ssh -p
t -A --sctp-service 127.0.0.2:80
t -A -t 198.18.0.1:12345
t -A -t [::1]:https
t -a -t localhost:http -r localhost -m
t -a -t localhost:http -r 198.18.1.1:smtp -m
t -a -t localhost:http -r 127.0.0.1:8080 -m
t -a -t [::1]:https -r [::1]:443 -m
t -a -u 127.0.0.1:53 -r 198.18.1.1:domain -m
t -a -t localhost:80 -r 198.18.1.1:domain -m
t -L
t
t -S
t -L -t localhost:http
t -L --stats
t -A -t 198.18.0.1:noport
t -A -u 198.18.0.1:ssh
t -A -u 198.18.0.1:sunrpc
t -Ln
