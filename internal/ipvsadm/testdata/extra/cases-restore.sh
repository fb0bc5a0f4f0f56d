# -R: line splitting, comments, errors in the middle, nesting.
printf '# comment\n-A -t 198.18.0.5:80\n' > /tmp/in1
tin /tmp/in1 -R
t -Sn
printf '\n  \t \n-A -t 198.18.0.6:80   -s rr\nipvsadm -a -t 198.18.0.6:80 -r 198.18.1.5 ipvsadm -m\n\n' > /tmp/in2
tin /tmp/in2 -R
t -Sn
printf -- '-A -t 198.18.0.7:80\n-A -t 198.18.0.7:80\n' > /tmp/in3
tin /tmp/in3 -R
printf -- '-A -t 198.18.0.8:80\n-A -t 198.18.0.8:80\n-A -t 198.18.0.9:80\n' > /tmp/in4
tin /tmp/in4 -R
printf -- '-A -t 198.18.0.10:80\n-A -t 198.18.0.10\n-A -t 198.18.0.11:80\n' > /tmp/in5
tin /tmp/in5 -R
printf -- '-A -t 198.18.0.12:80\n-L -n\n-R\n-A -t 198.18.0.13:80\n' > /tmp/in6
tin /tmp/in6 -R
printf -- '-A -t 198.18.0.14:80 -x\n' > /tmp/in7
tin /tmp/in7 -R
printf -- '-A -t 198.18.0.15:80 --bogus\n-A -t 198.18.0.16:80\n' > /tmp/in8
tin /tmp/in8 -R
printf -- '-A -t 198.18.0.17:80\n-h\n-A -t 198.18.0.18:80\n' > /tmp/in9
tin /tmp/in9 -R
printf -- '-A -t 198.18.0.19:80\n-A -t 198.18.0.20:80 -s rr\r\n-A -t 198.18.0.21:80' > /tmp/in10
tin /tmp/in10 -R
printf -- '-A -t 198.18.0.22:80\n-a -t 198.18.0.22:80 -r 198.18.1.1 -m\n-a -t 198.18.0.22:80 -r 198.18.1.1 -m\n-S -n\n' > /tmp/in11
tin /tmp/in11 -R
printf -- '-C\n-v\n' > /tmp/in12
tin /tmp/in12 -R
t -Sn
printf '' > /tmp/in13
tin /tmp/in13 -R
printf -- '-A -t 198.18.0.30:80\n-A -t 198.18.0.31:80  \t' > /tmp/in14
tin /tmp/in14 -R
t -Sn
