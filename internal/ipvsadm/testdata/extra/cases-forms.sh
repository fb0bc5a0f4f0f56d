# Option forms: long names, abbreviations, --opt=value, attached short values, bundles, repeats.
t --add-service --tcp-service 198.18.0.1:80 --scheduler rr
t --add-service --tcp-service=198.18.0.2:80 --scheduler=wrr --persistent=60 --netmask=255.255.255.0
t -A -t198.18.0.3:80 -srr -p30
t -A -t 198.18.0.4:80 -p=30
t -A -t 198.18.0.5:80 -p 30 -p 40
t -A -t 198.18.0.6:80 -p -p
t --add -t 198.18.0.7:80
t --add-serv -t 198.18.0.7:80
t --tcp 198.18.0.7:80 -A
t -A --tcp-serv 198.18.0.7:80
t -A -t 198.18.0.8:80 --sched rr
t -A -t 198.18.0.9:80 --persistent
t -A -t 198.18.0.10:80 --persistent=
t -A -t 198.18.0.11:80 -s=rr
t -A -t 198.18.0.12:80 -s ''
t -A -t 198.18.0.13:80 -t 198.18.0.14:80
t -A -t 198.18.0.15:80 -u 198.18.0.15:80
t -A -t 198.18.0.16:80 -f 3
t -A -f 3 -f 4
t -A -t 198.18.0.17:80 -M 255.255.255.0
t -A -t 198.18.0.18:80 -p -M 0.0.0.0
t -A -t 198.18.0.19:80 -p -M 255.0.255.0
t -A -t 198.18.0.20:80 -p -M 24
t -A -t 198.18.0.21:80 -p -M 255.255.255.128
t -A -t [2001:db8::1]:80 -p -M 255.255.255.0
t -A -t [2001:db8::2]:80 -p -M 64
t -A -t [2001:db8::3]:80 -p -M 129
t -A -t [2001:db8::4]:80 -p -M 128
t -A -t [2001:db8::5]:80 -p -M 0
t -A -t 198.18.0.22:80 -p -M 32
t -A -t 198.18.0.23:80 -p 0
t -A -t 198.18.0.24:80 -p 1
t -A -t 198.18.0.25:80 -p 2678400
t -A -t 198.18.0.26:80 -p 01
t -A -t 198.18.0.27:80 -p 0x10
t -A -t 198.18.0.28:80 -p ' 5'
t -A -t 198.18.0.29:80 -p 5x
t -A -t 198.18.0.30:80 -p -5
t -A -t 198.18.0.31:80 -s RR
t -A -t 198.18.0.32:80 -s rr -b sh-port
t -A -t 198.18.0.33:80 -s sh -b sh-port,sh-port
t -A -t 198.18.0.34:80 -s sh -b ''
t -A -t 198.18.0.35:80 -s sh -b ,
t -A -t 198.18.0.36:80 -s sh -b sh-fallback, 
t -A -t 198.18.0.37:80 -s mh -b mh-fallback,mh-port,flag-3
t -A -t 198.18.0.38:80 -s sh -b flag-1,flag-2,flag-3
t -A -t 198.18.0.39:80 -s sh -b sh-port -b sh-fallback
t -A -t 198.18.0.40:80 --pe sip
t -A -t 198.18.0.41:80 -p --pe SIP
t -A -t 198.18.0.42:80 -p --pe ''
t -A -t 198.18.0.43:80 -p --pe sip --pe sip
t -A -u 198.18.0.44:5060 -p --pe sip
t -A -t 198.18.0.45:80 -o
t -A -u 198.18.0.46:80 -o -s sh
t -A -t 198.18.0.47:65535
t -A -t 198.18.0.48:65536
t -A -t 198.18.0.49:0
t -A -t 198.18.0.50:-1
t -A -t 198.18.0.51:080
t -A -t 198.18.0.52:0x50
t -A -t 198.18.0.53:
t -A -t :80
t -A -t 198.18.0.54:80:90
t -A -t [2001:db8::6]
t -A -t [2001:db8::7]:
t -A -t 2001:db8::8
t -A -t [2001:db8::9]:80 -6
t -A -t 198.18.0.55:80 -6
t -A -f 9 -6 -M 64
t -A -f 10 -M 64
t -A -f 11 -M 255.255.0.0
t -A -f 12 -6 -M 255.255.0.0
t -A -f 13 -p -M 255.255.0.0
t -A -f 14 -6 -p -M 64
t -A -f 0x10
t -A -f 017
t -A -f 1e3
t -A -f ' 7'
t -Sn
t -Ln
t -a -t 198.18.0.1:80 -r 198.18.1.1 -w 0
t -a -t 198.18.0.1:80 -r 198.18.1.2 -w 65535
t -a -t 198.18.0.1:80 -r 198.18.1.3 -w 65536
t -a -t 198.18.0.1:80 -r 198.18.1.4 -w 2147483647
t -a -t 198.18.0.1:80 -r 198.18.1.5 -w 1 -w 2
t -a -t 198.18.0.1:80 -r 198.18.1.6 -x 0 -y 0
t -a -t 198.18.0.1:80 -r 198.18.1.7 -x 10 -y 20
t -a -t 198.18.0.1:80 -r 198.18.1.8 -x 4294967295
t -a -t 198.18.0.1:80 -r 198.18.1.9 -x 4294967296
t -a -t 198.18.0.1:80 -r 198.18.1.10 -y 2147483648
t -a -t 198.18.0.1:80 -r 198.18.1.11 -g -m
t -a -t 198.18.0.1:80 -r 198.18.1.12 -m -m
t -a -t 198.18.0.1:80 -r 198.18.1.13:0 -m
t -a -t 198.18.0.1:80 -r 198.18.1.14:65536 -m
t -a -t 198.18.0.1:80 -r 198.18.1.15: -m
t -a -t 198.18.0.1:80 -r 198.18.1.16 -r 198.18.1.17 -m
t -a -t 198.18.0.1:80 -r [2001:db8::1]:80 -m
t -a -t 198.18.0.1:80 -r 198.18.1.18 --gatewaying
t -a -t 198.18.0.1:80 -r 198.18.1.19 --ipip
t -a -t 198.18.0.1:80 -r 198.18.1.20 --masquerading --weight=4 --u-threshold=9 --l-threshold=3
t -a -t 198.18.0.1:80 -r 198.18.1.21 -g --tun-type gue --tun-port 1
t -a -t 198.18.0.1:80 -r 198.18.1.22 -m --tun-csum
t -a -t 198.18.0.1:80 -r 198.18.1.23 --tun-type ipip
t -a -t 198.18.0.1:80 -r 198.18.1.24 -i --tun-type ipip --tun-port 5
t -a -t 198.18.0.1:80 -r 198.18.1.25 -i --tun-type ipip --tun-csum
t -a -t 198.18.0.1:80 -r 198.18.1.26 -i --tun-type ipip --tun-nocsum
t -a -t 198.18.0.1:80 -r 198.18.1.27 -i --tun-type gue
t -a -t 198.18.0.1:80 -r 198.18.1.28 -i --tun-type gue --tun-port 65535 --tun-remcsum --tun-csum
t -a -t 198.18.0.1:80 -r 198.18.1.29 -i --tun-type gue --tun-port 65536
t -a -t 198.18.0.1:80 -r 198.18.1.30 -i --tun-type gue --tun-port abc
t -a -t 198.18.0.1:80 -r 198.18.1.31 -i --tun-type gre --tun-port 5
t -a -t 198.18.0.1:80 -r 198.18.1.32 -i --tun-type gre --tun-nocsum
t -a -t 198.18.0.1:80 -r 198.18.1.33 -i --tun-type GUE --tun-port 5
t -a -t 198.18.0.1:80 -r 198.18.1.34 -i --tun-type gue --tun-port 5 --tun-type gre
t -a -t 198.18.0.1:80 -r 198.18.1.35 -i --tun-type gue --tun-port 5 --tun-nocsum
t -a -t 198.18.0.1:80 -r 198.18.1.36 -i --tun-port 5 --tun-type gue
t -Ln --tun-info
t -Sn
t -e -t 198.18.0.1:80 -r 198.18.1.27 -i --tun-type gre --tun-csum
t -e -t 198.18.0.1:80 -r 198.18.1.27 -m
t -e -t 198.18.0.1:80 -r 198.18.1.99 -m
t -e -t 198.18.0.1:80 -r 198.18.1.28 -i
t -Ln --tun-info
t -E -t 198.18.0.1:80
t -E -t 198.18.0.1:80 -s sh -b sh-port
t -E -t 198.18.0.1:80 -p 100 -M 255.255.0.0
t -E -t 198.18.0.1:80 -s rr
t -E -t 198.18.0.1:80 -o
t -E -t 198.18.0.1:80 --pe sip
t -E -t 198.18.0.99:80 -s rr
t -E -f 99 -s rr
t -Ln -t 198.18.0.1:80
t -S -n -t 198.18.0.1:80
t -L -n -t 198.18.0.99:80
t -L -n -f 99
t -L -n -t 198.18.0.1:80 --stats
t -L -n -t 198.18.0.1:80 --rate
t -L -n -t 198.18.0.1:80 --thresholds
t -L -n -t 198.18.0.1:80 --persistent-conn
t -L -n -t 198.18.0.1:80 --exact --stats
t -L -n -t 198.18.0.1:80 --sort
t -L -n -t 198.18.0.1:80 --nosort
t -L -n --exact
t -L -n --sort --nosort
t -L -n --stats --thresholds
t -L -n --rate --persistent-conn
t -L -n --tun-info --stats
t -L -n --tun-info --thresholds
t -L -n --daemon --timeout
t -L -n -c --exact
t -L -n -c --persistent-conn --stats
t -l -n
t -l -n --stats
t --list -n --rate
t -Z -t 198.18.0.1:80
t -Z -t 198.18.0.99:80
t -Z -f 1
t -Z -u 198.18.0.1:80
t -d -t 198.18.0.1:80 -r 198.18.1.1:80
t -d -t 198.18.0.1:80 -r 198.18.1.1:81
t -d -t 198.18.0.99:80 -r 198.18.1.1
t -D -t 198.18.0.99:80
t -D -f 99
t -C
t -C -C
t -h -n
t -n -h
t --help
t -v
t --version
t -v -n
t -V
t -L --version
t -h foo
