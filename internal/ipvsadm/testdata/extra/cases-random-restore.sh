# Random -R inputs: lines from a pool of commands, services, destinations and options (fixed seed).
printf -- '--set 10 20 30\n-C -o -m\nipvsadm\n-S\n# -x 10\nipvsadm -w 3 --stats\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-S -y 5 --pe sip\n-L -t 198.18.0.1 10 20 30\n-D -t 198.18.0.1 --stats' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v\n-a -t [2001:db8::1]:80 -r 198.18.1.1 -p\n-h --pe sip\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-e -f 1 -r 198.18.1.1\n#\n-n -g -b sh-port\nipvsadm -p --bogus\n-a -f 1 -6 -r 198.18.1.3:80 -c\n-A -f 1 -s sh\n-A -t [2001:db8::1]:80 -g --nosort\n#' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-Z -t 198.18.0.1\n-d -t 198.18.0.1:80 -r 198.18.1.2:8080 -c \t\nipvsadm -M 64\n# --tun-port 6080 --tun-type gue\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-A -t 198.18.0.1:80\n-A -t 198.18.0.1:80\n-a -t [2001:db8::1]:80 -r 198.18.1.3:80 -M 64\n-h x\n# -x 10 -6' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-D -u 198.18.0.1:53 -x 10\n-S --bogus\nipvsadm    --timeout\n-S --tun-csum -M 255.255.255.0\n-S\n-e -t 198.18.0.1 -r 198.18.1.2:8080\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-e -t 198.18.0.2:80 -r [2001:db8::2]:80\nipvsadm -M 255.255.255.0 --tun-csum\n-D -t [2001:db8::1]:80\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '# -p 30 -6\n-A -f 1 -s nosuch\n-S -w 3\n-D -f 1 -6    -p 30\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-L -t 198.18.0.1 -n\n# -x 10\n# --nosort -x 10\n-h\n-L -t [2001:db8::1]:80 --stats\n--set -x 10   \nipvsadm -y 5\n-S --pe sip\n-d -t 198.18.0.2:80 -r 198.18.1.3:80 --tun-csum\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '#\n-S -w 3\n-A -6 -6\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v --bogus\n# -w 0 --nosort\n-h -b sh-port -s sh' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C    10 20 30\n-A -f 1 --exact\n-S\n-n -m\n-a -t 198.18.0.2:80 -r 198.18.1.3:80 --stats\n-n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-e -f 1 -r 198.18.1.3:80\nipvsadm --pe sip -x 10\n-E -M 64 -6\n-A -t 198.18.0.1:80 \t\n-v --timeout\n-D -f 1 -6 --pe sip\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-d -f 1 -6 -r [2001:db8::2]:80 --tun-csum\n-E -f 1 -6\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v -o -g\n# --nosort -c\n-v\n-n -g\n# --tun-port 6080\nipvsadm -b sh-port\n--set -n\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-E -f 1 -6 -s sh\n-R' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-Z -t [2001:db8::1]:80 --tun-csum\n--set 10 20 30 \t\n# --timeout\n# -m -w 3\n-A -t 198.18.0.1:80 -s sh\n-n -b sh-port x\nipvsadm\n-S -M 64 x\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v -M 64\n-d -g\n-n -s rr\n-d -f 1 -r [2001:db8::2]:80 -w 3\n-A -t 198.18.0.1 -w 3 -s nosuch\n-A -t [2001:db8::1]:80 --nosort -y 5\n-h -g' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '--set x\n-Z -t [2001:db8::1]:80 -M 64 -i\n-A -f 1 -6\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-a -f 1 -6 -r 198.18.1.2:8080 -M 255.255.255.0 --stats\nipvsadm -6\n-h --timeout -s sh\n-L -f 1 -6 --timeout\n-R\n-a -f 1 -6 -r [2001:db8::2]:80 -w 0\n-C -i -p 30\n-D -f 1 --timeout\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v\n-R -c --timeout\n-S -s nosuch\n-a -t 198.18.0.1:80 -r 198.18.1.1 --tun-port 6080\n-a -f 1 -r 198.18.1.3:80 -p 30' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R --tun-port 6080\n-C\n-C --rate\n-D\n# -g --stats\n-h' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C -w 0\n-Z -f 1\n-R --exact --tun-csum\n-D -t 198.18.0.1:80 --nosort\nipvsadm -s rr\n-Z -f 1 --timeout\nipvsadm\n-R -6 -x 10\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-a -f 1 -r [2001:db8::2]:80 --tun-type gue\n-Z -t 198.18.0.1 --stats' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n\n-d -f 1 -r 198.18.1.3:80 -s nosuch\n-a -t 198.18.0.1 -i -y 5\n-d -f 1 -r 198.18.1.2:8080\n-n -o\n-h\n-E --bogus \t\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C --bogus\n-S\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '#\n-n -M 255.255.255.0\n-h\nipvsadm -i\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n\n-S -c\n# --tun-csum\n-a -t [2001:db8::1]:80 -r 198.18.1.3:80\n-e -u 198.18.0.1:53 -r 198.18.1.1 x\n-R\n-v -o\n-C    -6\n--set 10 20 30 -w 0\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '# -M 255.255.255.0\n-d -t 198.18.0.2:80 -r [2001:db8::2]:80\n-R\n-h --exact' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-Z -t [2001:db8::1]:80\n-n -x 10 --stats\n-D -t [2001:db8::1]:80\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-E -u 198.18.0.1:53\n-E -t 198.18.0.2:80 --tun-csum -w 0\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-D -m -s nosuch\n-v    -M 64\n-L -t 198.18.0.1 -w 3 --bogus\n--set 0 0 0 10 20 30\n-h 10 20 30 -w 3\n-R --tun-csum -i\n# --pe sip\n-S -w 3 \t\nipvsadm -s sh\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- 'ipvsadm --pe sip -o\n-R\n# -s rr\n-d -t 198.18.0.2:80 -r [2001:db8::2]:80 x\n-R --stats -w 0\n-n 10 20 30\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-A -f 1 -6 -s rr\n# -b sh-port\nipvsadm -o\n# -p 30 -p\n-L -f 1 -M 64\nipvsadm -s nosuch -o\n-e -u 198.18.0.1:53 -r 198.18.1.1 -M 255.255.255.0 -c\n-A -f 1 -6 --rate\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-h -n\n--set \t -p 30\n-S -M 255.255.255.0 --tun-port 6080\nipvsadm   \n-a -r 198.18.1.1 -s rr\nipvsadm\n-L -6 --tun-port 6080\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-a -f 1 -r 198.18.1.2:8080 -m\n-C -g\n-e -f 1 -r [2001:db8::2]:80 \t --pe sip\n-R --tun-port 6080\n--set 0 0 0\n-C\n-E -f 1 -o\n-e -t 198.18.0.2:80 -r 198.18.1.1 -n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-S -s sh\n-d -t 198.18.0.1:80 -r 198.18.1.2:8080 -o\n-A -t 198.18.0.2:80 -p\n-S --timeout\n-L -t 198.18.0.1 -g\n-v -p 30\n-a -t 198.18.0.1:80 -r [2001:db8::2]:80 --tun-type gue -6\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-E -t 198.18.0.1:80\n#\n-v\n-E -t 198.18.0.1 --bogus\nipvsadm\n-d -r 198.18.1.2:8080\n-C -b sh-port\n-h 10 20 30 -s nosuch' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-e -u 198.18.0.1:53 -r 198.18.1.1 -s sh\n-D\n-d -u 198.18.0.1:53 -r [2001:db8::2]:80' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-E\n-e -f 1 -6 --timeout\n-S --stats' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R -b sh-port --timeout\n-A x\n-A -t 198.18.0.2:80 -b sh-port --exact\n-D -u 198.18.0.1:53 -n\n-R 10 20 30\n-a -t 198.18.0.2:80 -r 198.18.1.3:80 -s rr\n-h -s nosuch\n-E -f 1 -p -s rr\n-C\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-S --exact\n-d -r 198.18.1.1\n-n -s sh\n-n -b sh-port\n-e -t 198.18.0.1:80 -r [2001:db8::2]:80 --nosort\n--set -g -s rr\n-e -t 198.18.0.1:80 -r [2001:db8::2]:80 --tun-type gue\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-E -t [2001:db8::1]:80 -w 0\n-a -f 1 -r 198.18.1.3:80 -M 255.255.255.0 -n\n-a -t [2001:db8::1]:80 -r 198.18.1.3:80\n-A -f 1 -6 --bogus\n-R\n-e -u 198.18.0.1:53 -r 198.18.1.2:8080 -w 0 -p 30\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-Z -t 198.18.0.1:80 --nosort\n--set 1 2   \n# --tun-port 6080\nipvsadm -b sh-port --tun-type gue\n-h -x 10 -o\nipvsadm\n-n -b sh-port\nipvsadm -w 0 -s rr\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '--set 10 20 30\n-a -f 1 -r 198.18.1.3:80 -x 10\n-A -f 1 -w 0\n-D -t 198.18.0.1 -n -M 255.255.255.0\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- 'ipvsadm -c\n-h -m\n-a -f 1 -6 -r [2001:db8::2]:80\n-S -p 30 -M 64\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-a -r 198.18.1.3:80 --stats -w 3\nipvsadm\n-E -u 198.18.0.1:53 -c\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-E -b sh-port\n-d -t [2001:db8::1]:80 -r [2001:db8::2]:80 -b sh-port\n-Z -t [2001:db8::1]:80 --pe sip --exact\n-D -t 198.18.0.1:80\n-a -t 198.18.0.2:80 -r 198.18.1.2:8080 --rate --stats\n-D -t 198.18.0.1 --tun-port 6080\n-e -t 198.18.0.1:80 -r [2001:db8::2]:80\nipvsadm -x 10\n-v --nosort' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- 'ipvsadm -w 0 --tun-csum\n-a -f 1 -r [2001:db8::2]:80   \n-h -g --exact\n-C -g\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-E -t 198.18.0.1:80 -M 64\n-A -t 198.18.0.1:80 --nosort \t\n-C\n-v\nipvsadm -M 64 \t' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-a -r 198.18.1.1\n-a -t 198.18.0.2:80 -r 198.18.1.2:8080 -w 0 -6\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R -y 5\n-d -t 198.18.0.1:80 -r 198.18.1.3:80\n--set 0 0 0 -6\n#\n-L -t 198.18.0.1 -w 0\n-D -u 198.18.0.1:53 -g\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-E -f 1 -6\n-S -6 --tun-type gue\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-D -t 198.18.0.2:80 -M 255.255.255.0\n-E -f 1 -6 --rate\n-h -s nosuch --tun-csum\n-S -p\n-S -c\n-D -f 1 -6 10 20 30 --bogus\n-A -u 198.18.0.1:53 -s nosuch\n-h 10 20 30' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-L -t 198.18.0.1 -o -p\n-d -f 1 -6 -r 198.18.1.2:8080 -m\n-L -u 198.18.0.1:53 -s rr\n-h -M 64 --stats\n-E -t [2001:db8::1]:80 -y 5\n-E -t 198.18.0.2:80 -w 0 -w 0\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '# -x 10\n-S\n-n --tun-type gue\n-h --rate\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-d -f 1 -6 -r 198.18.1.1 \t\n-n 10 20 30\nipvsadm -b sh-port\nipvsadm\n-A -t 198.18.0.2:80 -M 64\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v -w 0 --rate\n-C --stats x\n# -i\n-a -f 1 -6 -r 198.18.1.3:80 --timeout\n-n -o --tun-port 6080\n-S -c 10 20 30\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R -y 5\n-n --pe sip\n-e -r [2001:db8::2]:80 -n\nipvsadm -s rr\n-L -u 198.18.0.1:53 -s nosuch -y 5\n-D -u 198.18.0.1:53\n-v -p\n-A -f 1 10 20 30\n-a -f 1 -6 -p' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-A -t 198.18.0.1 -6 -b sh-port\n-v --tun-port 6080\n-A -f 1 -o -6' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-S -6\n--set 1 2 -g\n-E -t 198.18.0.1:80 --stats\n-S\n# -o\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v --tun-port 6080\n-e -t 198.18.0.1:80 -i\n-v --nosort --exact\n-d -t [2001:db8::1]:80 -r 198.18.1.1 -M 64 --bogus\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R\n-R\n-A -t 198.18.0.1 -6\n-R -i -c\n-C -n\n-R -x 10\n-A -t 198.18.0.1:80 --tun-port 6080 --tun-type gue\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-L -t 198.18.0.1:80 -i -n\n#\n--set 10 20 30 -g\n-v --nosort' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n -c\n# -x 10 -c\n-C --bogus\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-S -6 10 20 30\n-L -t 198.18.0.1 -b sh-port -s rr\n-v\n-e -u 198.18.0.1:53 -i\n-h -6\n-C\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R -y 5\n-h\n-a -u 198.18.0.1:53 -r [2001:db8::2]:80\n-L -f 1 -6\n-d -t 198.18.0.1:80 -r 198.18.1.1\n-A -t 198.18.0.1\n# -o\n-d -t 198.18.0.2:80 -r 198.18.1.1 -n\n-n   \n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '# --tun-csum \t\n-h\n-a -f 1 -6 -r [2001:db8::2]:80 --tun-port 6080 -s nosuch' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '--set 1 2 -6 -m\n-e -t 198.18.0.1:80 -r 198.18.1.2:8080 -s nosuch\n-h -6\n-Z -t [2001:db8::1]:80\n-E -f 1 -6 --exact --bogus\n-C\n-A -f 1 -6\nipvsadm -M 255.255.255.0\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '# -w 0 -g\n-E -u 198.18.0.1:53 -p 30   \n-L -f 1 -M 255.255.255.0\n-h -s sh\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-d -t [2001:db8::1]:80 -r 198.18.1.2:8080 -6 --exact\n-n \t\n-L -t 198.18.0.1:80 -s sh -M 255.255.255.0\n-L -f 1\n-A -t 198.18.0.1:80 -6\n--set 10 20 30\n-C --pe sip\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-A -t 198.18.0.2:80 -n --rate\n# -n -s nosuch\n-h -M 64 -s sh\n-d -t 198.18.0.1:80 -r 198.18.1.2:8080 --bogus\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C\n-C -p 30\n-a -f 1 -6 -r 198.18.1.1 10 20 30\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '--set\nipvsadm -g\n-a -t 198.18.0.1 -r [2001:db8::2]:80 -p -s nosuch\n-h -M 255.255.255.0   ' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-A -f 1 -g\n-d -f 1 -6 -r 198.18.1.2:8080 -w 3 -s nosuch\n-A -t 198.18.0.1:80 -s sh\n-h -o\n-A -t 198.18.0.1:80 x\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '--set 1 2\n-C x -6\n-v\n-C -M 64\n-D -t 198.18.0.2:80 --timeout\n-e -f 1 --tun-port 6080 -s nosuch\n-S --tun-port 6080\n-d -t 198.18.0.1\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '--set 0 0 0 -p 10 20 30\n-e -f 1 -6 -r 198.18.1.3:80 -w 3\n-n\n-e -r 198.18.1.1\n# --pe sip\nipvsadm \t\n-R\n-L -t 198.18.0.2:80 -y 5 \t\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R -m\n-h\n-v\n-Z -u 198.18.0.1:53 --tun-csum -y 5\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-e -t 198.18.0.1:80 -c\n--set 0 0 0\n-A -u 198.18.0.1:53\n-v -p 30\n-h -c\n--set 1 2 -c\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-Z -t 198.18.0.2:80 --rate\n-a -t 198.18.0.2:80 -r [2001:db8::2]:80 -g\n-d -f 1 -6 -r 198.18.1.2:8080 -n\n-L -x 10\n-Z -f 1 -6 --rate\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n --tun-csum --timeout\n-L -t 198.18.0.1 x -M 255.255.255.0\n-Z -u 198.18.0.1:53 -w 3\n#\n-R -b sh-port\n--set 1 2 -i\n-d -t [2001:db8::1]:80\n-a -f 1 -6 -r [2001:db8::2]:80 -g -M 64\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v -g\n-L -f 1 -6 -o 10 20 30\n-R -w 0\n-L -f 1 --stats --pe sip\n-Z -t 198.18.0.1:80 -s nosuch\n-v --timeout\n#   \n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-a -t [2001:db8::1]:80 -r 198.18.1.3:80\n-h -w 3\n-E -u 198.18.0.1:53 -M 255.255.255.0 -i\n-v -6\n-v   \n-n --bogus\n-R -w 0\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '--set -6 --tun-type gue\n-S \t\n-E -t 198.18.0.1 -i\n-v x\n-d -t 198.18.0.2:80 -r [2001:db8::2]:80 -n\n--set 1 2 -s rr\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C\n-n -m\n-d -t 198.18.0.1:80 -n -M 64\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-L -t 198.18.0.1 -c   \n-D -s sh\n-d -t 198.18.0.1 \t\n-h --nosort --tun-port 6080\n-d -f 1 -6 -r 198.18.1.3:80 --tun-port 6080\n-h\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-a -f 1 -r 198.18.1.3:80 --nosort -o\n#\n-h --bogus -M 255.255.255.0\n-E -t [2001:db8::1]:80 -s rr\n--set 1 2 --pe sip\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-h -i -x 10\n-Z -t 198.18.0.1\n-C\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '--set 10 20 30 -o -g\n-C -b sh-port\n-h\n-v -x 10\n-R -g\n-a -t [2001:db8::1]:80 -r 198.18.1.3:80' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-n --rate\nipvsadm -s nosuch -m\n-R -M 64 --tun-type gue\n-h --pe sip -s nosuch\n-v\nipvsadm\n-d -r 198.18.1.3:80 --stats -i\n--set 0 0 0 --bogus\n-S -s rr\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v\n-e -r [2001:db8::2]:80 -w 3\n-h --stats -b sh-port\n-E -t 198.18.0.1:80\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v -M 255.255.255.0\n-R\n-S   \n-h -s sh\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n -6\n-a -t 198.18.0.1:80 -r 198.18.1.2:8080' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C\n-C   \n-C -w 0\n-D -t 198.18.0.2:80 --stats -s nosuch\n# -M 64\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R x --tun-csum\n-v --bogus\n-h\n-e -t [2001:db8::1]:80 -r 198.18.1.2:8080 -c\nipvsadm\n-n --exact --pe sip\n-S -b sh-port\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-e -t 198.18.0.1 -r [2001:db8::2]:80 --exact\n--set 1 2\n-e -t [2001:db8::1]:80 -r [2001:db8::2]:80 -c\n-R   \n-L -f 1 -6\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R -s nosuch --tun-csum\n-E -u 198.18.0.1:53 -M 255.255.255.0\nipvsadm --bogus\n-d -t 198.18.0.1 -r 198.18.1.2:8080 \t\n-h -c\n-v -w 3 --tun-type gue\n-h -c\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-D -t 198.18.0.1 -p 30\n-d -t [2001:db8::1]:80 -r 198.18.1.1\n-Z\n-d -t 198.18.0.1 -r 198.18.1.2:8080 --tun-csum -s nosuch\n-D -f 1 -n --timeout\n-R -n\n--set 1 2\n--set 0 0 0 -M 255.255.255.0 10 20 30\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n\n-e -t 198.18.0.1 -r [2001:db8::2]:80 -o -6\n-C --tun-port 6080\n-A -t 198.18.0.1:80 -c\n-R -i -w 3\n-v 10 20 30\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-L -f 1\n-D -u 198.18.0.1:53 -o\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-a -f 1 -p 30\n-E -t 198.18.0.1 --tun-port 6080\n-R --bogus -M 64\n-a -f 1 -r 198.18.1.3:80\nipvsadm -6\n-n -p 30\n-L -u 198.18.0.1:53 -w 3\n-h --rate x\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C -s rr --pe sip\n-A -u 198.18.0.1:53\n-R\n-Z -t 198.18.0.1:80\n-d -w 0\n--set 1 2\nipvsadm -s sh\n-E -f 1 -6 --pe sip\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '# -M 255.255.255.0\n-E -u 198.18.0.1:53 -s sh\n-C\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R\n-Z -f 1 -6 -M 255.255.255.0\n-A -t 198.18.0.1:80 --stats --nosort\n-d -t 198.18.0.1 -r [2001:db8::2]:80\n-e -f 1 -6 -r 198.18.1.2:8080\n-C -i\n-A -u 198.18.0.1:53 \t\n-a -t 198.18.0.2:80 -p\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-h --nosort --tun-type gue\n-v --tun-port 6080 --bogus\n#\nipvsadm --exact\n-h\n--set 10 20 30 -c\n-E -t 198.18.0.1 -x 10\n-d -t 198.18.0.1:80 -r 198.18.1.1 --timeout\n-E -u 198.18.0.1:53' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-d -t [2001:db8::1]:80 -r 198.18.1.1 -M 255.255.255.0\n-d -t 198.18.0.2:80 -M 64\n-e -t 198.18.0.1:80 -r [2001:db8::2]:80 -p\n-L -t 198.18.0.1:80    -w 3\n# x\n-C\n-d -t [2001:db8::1]:80 -r [2001:db8::2]:80' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '# --tun-csum -n\n-L -u 198.18.0.1:53 -s sh\n-Z -t 198.18.0.1:80    -n\n-n --nosort -y 5\n-a -t [2001:db8::1]:80 -r [2001:db8::2]:80\n-Z\n-L -f 1 -s nosuch \t\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '--set 0 0 0 -s rr\n-A -t 198.18.0.1 -b sh-port\n-a -t 198.18.0.1:80 -r [2001:db8::2]:80 \t\n-S --exact -6\n-n\n-d   \n-a -t 198.18.0.1 -r 198.18.1.2:8080 -6\n-D -t 198.18.0.1:80 -x 10\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-e -t [2001:db8::1]:80 -r 198.18.1.3:80 -s sh \t\n-S \t -w 0\n-L -f 1 -p\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-C --tun-type gue\n-e -t [2001:db8::1]:80 -r [2001:db8::2]:80 \t\n--set 0 0 0 -y 5\n-Z -t 198.18.0.2:80 -w 0\n-d -t 198.18.0.2:80 -r 198.18.1.1 --tun-csum --rate\nipvsadm -w 0 -p' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '# -p 30 -p 30\n-L -t 198.18.0.2:80\n-a -f 1 -6 -r 198.18.1.2:8080 \t -b sh-port\n-R\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-S -n\n-S\n-a -r 198.18.1.1 -w 0\n-D -f 1 -p 30\n-h -m -w 0\n-n -o\n-L -t [2001:db8::1]:80 --nosort --pe sip\n-e -f 1 -6\n-v -i\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-L -f 1 -M 255.255.255.0\n-A -t 198.18.0.1 \t -s nosuch\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- 'ipvsadm --exact\n-Z -f 1 -6 --timeout\n-n -c\n-C -s rr\n-d -u 198.18.0.1:53 -r 198.18.1.2:8080 -y 5\n-D -t 198.18.0.1 10 20 30 --bogus\n-R -M 255.255.255.0\n--set 1 2\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-d -f 1 -6 -r [2001:db8::2]:80 --exact\n--set 10 20 30\n-E -u 198.18.0.1:53 -c\n-R --exact\n-S --pe sip\n-E -t 198.18.0.1 -y 5\n-A -t [2001:db8::1]:80 --stats --stats\n-L -t 198.18.0.1:80\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v\n-a -f 1 -r [2001:db8::2]:80 -x 10\n-v\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-L -f 1 -g\n-n\n-n --tun-port 6080\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R -i\n-C\n-L -f 1 -6 --rate\nipvsadm --timeout\n-L --pe sip\n-D -t 198.18.0.1 -x 10\n# -g' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-d -f 1 -r 198.18.1.3:80 -n\n--set 1 2 --timeout\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- '-A -c\n-n\n-L -t [2001:db8::1]:80 -s rr\n-S\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-S\n-E -t 198.18.0.1:80 -s nosuch\n-S\n-C    --exact\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-Z -u 198.18.0.1:53\nipvsadm\n-n --pe sip --nosort\n-S\n-e -t 198.18.0.2:80 -r 198.18.1.2:8080\n-C --tun-type gue\n-e -t 198.18.0.2:80 -r [2001:db8::2]:80 --timeout -s nosuch\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C -w 0\n-D -u 198.18.0.1:53 -s rr\n-E -f 1   \n-L -t [2001:db8::1]:80 -M 64\n-h --pe sip\n# --bogus\n-Z -f 1 -6\n-n -w 0 --tun-csum\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-a -f 1 -s nosuch\n# --tun-port 6080 x\n-a -f 1 -r 198.18.1.3:80\n-e -f 1 -r 198.18.1.3:80 10 20 30\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-a -t 198.18.0.1:80 -r [2001:db8::2]:80\n-Z --timeout --tun-type gue\nipvsadm --rate\n-v --exact\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R -i\n-h x -x 10\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-h -s nosuch\n-A -f 1 -p 30\n-h --timeout x\n-A\n-R -p 30\n-A -t 198.18.0.1:80\n-v\nipvsadm -w 0\n-E -f 1 x\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-L -s rr\n-L -f 1 -s sh\n-h --timeout -o\n-n -c\n-Z -f 1 -6 --exact --nosort\n-A -t [2001:db8::1]:80 10 20 30\n-n -w 0\n-n\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-L -t [2001:db8::1]:80 -x 10\n-h   \nipvsadm -n\n-S\n-A -f 1 -m' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- 'ipvsadm\nipvsadm -c\n-e -f 1 -r 198.18.1.2:8080 -g\nipvsadm --tun-port 6080 -b sh-port' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n\n--set 10 20 30\n-A\n-A -t 198.18.0.1 -m\nipvsadm -n\n-h -w 3\n-h\n-L -t 198.18.0.2:80\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-Z -t 198.18.0.1 --tun-type gue\n-h -b sh-port\n-v\n--set 10 20 30 -p 30\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-e -t [2001:db8::1]:80 -r 198.18.1.1\n-S -w 3\n-R -s nosuch\n--set 0 0 0 -p\n-a -t [2001:db8::1]:80 -r 198.18.1.2:8080\n-h -x 10\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-Z -u 198.18.0.1:53\n-v -6 --pe sip\n-A -t 198.18.0.2:80 -w 3\n-C x -o\n-A -t 198.18.0.1:80 --pe sip -x 10\n-R\n-e -r [2001:db8::2]:80 -x 10\n-v' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- 'ipvsadm\n-D -u 198.18.0.1:53 -s rr\n-v 10 20 30\n-S -y 5 -n\n#\n-v --rate\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-v -p 30\n-v 10 20 30\n-R --bogus\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n -m\n-e -t [2001:db8::1]:80 -r 198.18.1.3:80 --exact -p 30\n-L -f 1 -6\n-C -m --tun-port 6080\n--set 10 20 30 10 20 30\n-e -t 198.18.0.1:80 -r 198.18.1.2:8080 -m\n-n\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R --rate\n-a -f 1 -6 -r 198.18.1.2:8080 -s rr\n-L -t 198.18.0.1 -6\n-n -c --rate\n# 10 20 30 -n\n-v -n\n-E -t 198.18.0.1:80 -g\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-S -p\nipvsadm -p 30\n-v\n-E -t 198.18.0.2:80 -w 3\n-a -u 198.18.0.1:53 -r [2001:db8::2]:80 -w 3\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
printf -- 'ipvsadm -i\n-h -c\n-C --rate --tun-port 6080\n-Z -f 1 -6 -n\n-Z -f 1 -6 --tun-csum\n-h -p\n-D -t 198.18.0.2:80 --pe sip\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-L -u 198.18.0.1:53 -c -s rr\n-A -u 198.18.0.1:53 -p 30 --exact\n-R -s nosuch --timeout' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C \t --timeout\n# --stats\n-S -w 3 --rate\n-e -f 1\n-d -t 198.18.0.1 -r 198.18.1.3:80 -s nosuch -i\n-L -t 198.18.0.2:80 --stats\n-D -f 1 --nosort\n-L -t 198.18.0.1:80 10 20 30' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n --pe sip x\n-h\n-C    x\n-n\n--set 1 2 -p 30 --tun-type gue\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-C -w 3\n-Z -t 198.18.0.1:80 -y 5 --rate\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-A -t 198.18.0.1:80 -b sh-port -o\n--set 1 2 --bogus\n-d -u 198.18.0.1:53 -r 198.18.1.3:80 -b sh-port\n-n --nosort\n-e -t 198.18.0.2:80 -r 198.18.1.1 -s rr -p 30\n-h\n-S -s rr\n-Z -f 1 --rate --pe sip\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-n -w 0\n-d -u 198.18.0.1:53 -r 198.18.1.1 --rate\n-Z -t [2001:db8::1]:80 --tun-type gue\n-e -f 1 -6 -r [2001:db8::2]:80\n-d -f 1\n#   \nipvsadm\n-E -t 198.18.0.1 -M 64\n-L -f 1 -g\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '# -n -s rr\n-n -p\n-Z -u 198.18.0.1:53 -y 5\nipvsadm --stats\n-e -f 1 -6 -r 198.18.1.1 -n -i\n-v \t\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-h -b sh-port\n--set 1 2\n-R --stats\n--set 10 20 30\n-E -f 1 -s nosuch\n-d -t 198.18.0.2:80 -r 198.18.1.2:8080 --pe sip --tun-type gue\n-h\n-C\n-e -f 1 -6 -y 5' > /tmp/rr
tin /tmp/rr -R
t -Sn
printf -- '-R -i\n-e -f 1 -6 -r 198.18.1.2:8080\nipvsadm\n' > /tmp/rr
tin /tmp/rr -R
t -Sn
t -C
t -C
