# SCTP service names, -6 repeats, help and version mixes, daemon and --set errors inside -R.
t -A --sctp-service 127.0.0.1:amqp
t -A --sctp-service 127.0.0.1:http
t -A --sctp-service 127.0.0.1:5673
t -A -t 127.0.0.1:amqp
t -A -u 127.0.0.1:amqp
t -a --sctp-service 127.0.0.1:5672 -r 127.0.0.2:amqp -m
t -a --sctp-service 127.0.0.1:5672 -r 127.0.0.3:80 -m
t -a --sctp-service 127.0.0.1:5673 -r 127.0.0.4:5672 -m
t -L
t -S
t -L --sctp-service localhost:amqp
t -L -t localhost:amqp
ipvsadm -S > /tmp/named
t -C
tin /tmp/named -R
t -Sn
t -C
t -A -f 1 -6 -6
t -A -6 -f 2 -6
t -A -f 3 -6 -f 4
t -A -f 5 -6 -t 198.18.0.1:80
t -L -n -6
t -Sn -6
t -Ln
t -C
t -h -h
t -h -v
t -v -h
t -v -v
t --version --version
t -h -L
t --help --list
t -V -n
t -vn
t -hn
t -nh
t -L -v
t -L --help
t -A -h
t -A -t 198.18.0.1:80 -h
t -h -A -t 198.18.0.1:80
t -Ln
printf -- '-A -t 198.18.0.1:80\n--start-daemon master --mcast-interface nosuch0\n-A -t 198.18.0.2:80\n--stop-daemon backup\n-A -t 198.18.0.3:80\n' > /tmp/m1
tin /tmp/m1 -R
t -Sn
t -C
printf -- '-A -t 198.18.0.1:80\n--set 1 2 x\n-A -t 198.18.0.2:80\n' > /tmp/m2
tin /tmp/m2 -R
t -Sn
t -C
printf -- '-A -t 198.18.0.1:80\n--start-daemon master --mcast-interface lo\n--start-daemon master --mcast-interface lo\n-A -t 198.18.0.2:80\n' > /tmp/m3
tin /tmp/m3 -R
t -L --daemon
t --stop-daemon master
t -Sn
t -C
printf -- '-A -t 198.18.0.1:80\n-D -t 198.18.0.9:80\n' > /tmp/m4
tin /tmp/m4 -R
t -C
printf -- '-D -t 198.18.0.9:80\n-A -t 198.18.0.1:80\n' > /tmp/m5
tin /tmp/m5 -R
t -C
printf -- '-D -t 198.18.0.9:80\n-A -t 198.18.0.1:80\n-L -n -t 198.18.0.9:80\n' > /tmp/m6
tin /tmp/m6 -R
t -C
printf -- '-D -t 198.18.0.9:80\n-Z -t 198.18.0.9:80\n-L --timeout\n' > /tmp/m7
tin /tmp/m7 -R
t -C
printf -- '-A -t 198.18.0.1:80\n-L -n --stats -c\n-A -t 198.18.0.2:80\n' > /tmp/m8
tin /tmp/m8 -R
t -Sn
t -C
printf -- '-A -t 198.18.0.1:80\n-L -n -t 198.18.0.9:80\n-A -t 198.18.0.2:80\n' > /tmp/m9
tin /tmp/m9 -R
t -Sn
t -C
tin /tmp/m9 -R -n
tin /tmp/m9 --restore
tin /tmp/m9 -R -R
tin /tmp/m9 -R -t 198.18.0.1:80
tin /tmp/m9 -R --restore
t -C
