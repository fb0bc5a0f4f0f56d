# popt corners: '--' and arguments after it, '=' on flags, single-dash long names, case.
t -A -t 198.18.0.1:80
t -A -- -t 198.18.0.2:80
t -L foo -n
t -L -n -- foo
t -L -n --
t -L --
t -- -L
t --numeric=1 -L
t -L --numeric=1
t -L --stats=x
t -L --stats=
t -L -n=x
t -Ln=
t -L --tcp-service=
t -L --tcp-service= 198.18.0.1:80
t --LIST
t -list
t -Lnumeric
t ---list
t -L ---numeric
t --list --numeric --tcp-service 198.18.0.1:80
t --list-
t --l
t -L -
t -L -- -
t -A -t 198.18.0.3:80 -s rr --
t -A -t 198.18.0.4:80 -- -s rr
t -A -t 198.18.0.5:80 -s -- rr
t -A -t 198.18.0.6:80 -p --
t -A -t 198.18.0.7:80 -p=
t -A -t 198.18.0.8:80 --persistent -- 5
t -a -t 198.18.0.1:80 -r 198.18.1.1 --masquerading=yes
t -a -t 198.18.0.1:80 -r 198.18.1.1 -m=1
t -a -t 198.18.0.1:80 -r 198.18.1.1 --real-server=198.18.1.2 -m
t -a -t 198.18.0.1:80 --real-server= -m
t -a -t 198.18.0.1:80 -r=198.18.1.3 -m
t -a -t 198.18.0.1:80 -r198.18.1.4 -m
t -a -t 198.18.0.1:80 -r 198.18.1.5 -mgi
t -a -t 198.18.0.1:80 -r 198.18.1.6 -w3x4y2m
t -Sn
t --zero=x
t -Z=x
t --clear
t --clear=x
t -C=x
t --flush
t --help=x
t -h=x
t --version=x
t -v=x
t --save=x
t --restore=x
t --set=1 2 3
t --set 1 2 3=4
t --start-daemon=
t --timeout=x -L
t -L --timeout=x
t -L --daemon=
t -L -c=
t -L --connection
t -L --exact=
t -L --sort=
t -L --nosort=
t -L --tun-info=
t -L -6=
t -A -f 1 --ipv6=
t -A -f 1 --ipv6
t -Sn
t -C
