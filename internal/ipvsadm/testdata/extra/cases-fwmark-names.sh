# Names without -n in fwmark services: the kernel reports no protocol for
# them, so ipvsadm prints destination ports as numbers, never as service names.
t -A -f 5 -s rr
t -a -f 5 -r 127.0.0.1:22 -m
t -a -f 5 -r 127.0.0.1:80 -m -x 10 -y 5
t -a -f 5 -r 127.0.0.1:53 -m
t -a -f 5 -r 127.0.0.1:0 -m
t -a -f 5 -r 198.18.1.1:443 -i --tun-type gue --tun-port 6080
t -A -f 6 -6 -p 60
t -a -f 6 -6 -r [::1]:80 -m
t -a -f 6 -6 -r [::1]:ssh -m
t -A -t 127.0.0.1:80
t -a -t 127.0.0.1:80 -r 127.0.0.1:22 -m
t -L
t -L --stats
t -L --stats --exact
t -L --rate
t -L --thresholds
t -L --persistent-conn
t -L --tun-info
t -L -f 5
t -L -f 6 -6
t -S
t -Ln
