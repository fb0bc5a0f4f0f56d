# Odd forms: numeric address forms (inet_aton), bundles, '=' forms, name lengths, edits of edge tables.
for a in 198.18.0.010 198.18.1 3323068417 0xc6.0x12.0.2 0306.022.0.3 198.18.0.4. 198.18.0.256 '198.18.0.5 ' ' 198.18.0.6' \
	[198.18.0.7] 198.18.0.08 198.018.0.9 0x 1.2.3.4.5; do
	t -A -t "$a:80"
done
for p in +80 ' 81' '82 ' 0x53 0X54 0125 99999999999 -0 00; do
	t -A -t "198.18.0.20:$p"
done
t -A -t 2001:db8::8:80
t -A -t [2001:db8::9]80
t -A -t '[2001:db8::10]:'
t -A -t '[2001:db8::11'
t -A -t '2001:db8::12]:80'
t -A -t '[2001:db8::13]:80:90'
t -A -t '[[2001:db8::14]]:80'
t -A -t '[fe80::1%lo]:80'
t -A -t '[]:80'
t -Ln
t -C
for m in 0xffffff00 255.255.255 4294967040 0 1 31 33 -1 ' 24' 24x 0377.0377.0377.0 255.255.255.255.0 ''; do
	t -A -t 198.18.0.30:80 -p -M "$m"
	t -D -t 198.18.0.30:80
done
for m in 0 1 127 128 129 64x ' 64' ffff:ffff:: 0x40 -1 ''; do
	t -A -t [2001:db8::30]:80 -p -M "$m"
	t -D -t [2001:db8::30]:80
done
t -At 198.18.0.40:80
t -At198.18.0.41:80
t -Ats 198.18.0.42:80 rr
t -Ast rr 198.18.0.43:80
t -Ap -t 198.18.0.44:80
t -Apt 198.18.0.45:80
t -A -pt 198.18.0.46:80
t -A -t 198.18.0.47:80 -ps rr
t -a -t 198.18.0.40:80 -mr 198.18.1.1
t -a -t 198.18.0.40:80 -r 198.18.1.2 -mw3
t -a -t 198.18.0.40:80 -r 198.18.1.3 -mw 3 -x5y2
t -a -t 198.18.0.40:80 -rm 198.18.1.4
t -Lnt 198.18.0.40:80
t -nL
t -Ln6f 1
t -ZL
t -CA
t -Lc
t -Lcn
t -Ln -t=198.18.0.40:80
t -a -t 198.18.0.40:80 -r 198.18.1.5 -w=3
t -a -t 198.18.0.40:80 -r 198.18.1.6 --weight=
t -a -t 198.18.0.40:80 -r 198.18.1.7 --weight= 3
t -A -t 198.18.0.48:80 --scheduler=
t -A -t 198.18.0.49:80 -s=
t -A -t 198.18.0.50:80 -s rrrrrrrrrrrrrrr
t -A -t 198.18.0.51:80 -s rrrrrrrrrrrrrrrr
t -A -t 198.18.0.52:80 -s rrrrrrrrrrrrrrrrr
t -A -t 198.18.0.53:80 -s 'r r'
t -A -t 198.18.0.54:80 -s wlc -s
t -A -t 198.18.0.55:80 -p --pe sipsipsipsipsips
t -A -t 198.18.0.56:80 -p --pe sipsipsipsipsipsi
t -A -t 198.18.0.57:80 -p --pe sipsipsipsipsipsip
t -A -t 198.18.0.58:80 -s é
t -A -f 1 -p --pe sip
t -A -f 1 -6
t -A -f 1
t -a -f 1 -r 198.18.1.1 -m
t -a -f 1 -6 -r 198.18.1.1 -m
t -a -f 1 -6 -r 2001:db8::1 -m
t -a -f 1 -r 2001:db8::2 -m
t -L -n -f 1
t -L -n -f 1 -6
t -D -f 1
t -L -n -f 1
t -D -f 1
t -L -n -f 1 -6
t -E -f 1 -6 -p 20 -M 32
t -E -f 1 -6 -p 20 -M 255.255.0.0
t -E -f 1 -6 -M 96
t -L -n -f 1 -6
t -A -t 198.18.0.60:80 -p --pe sip
t -E -t 198.18.0.60:80 -p
t -Ln -t 198.18.0.60:80
t -E -t 198.18.0.60:80 --pe sip
t -Ln -t 198.18.0.60:80
t -E -t 198.18.0.60:80 -p 7 --pe sip -s sh -b sh-port -o
t -Ln -t 198.18.0.60:80
t -E -t 198.18.0.60:80
t -Ln -t 198.18.0.60:80
t -A -t 198.18.0.61:80
t -a -t 198.18.0.61:80 -r 198.18.1.1:8080 -g
t -a -t 198.18.0.61:80 -r 198.18.1.1:9090 -g
t -a -t 198.18.0.61:80 -r 198.18.1.1:9090 -m
t -a -t 198.18.0.61:80 -r 198.18.1.1:80 -m
t -a -t 198.18.0.61:80 -r 198.18.1.2:8080 -m -x 5 -y 10
t -a -t 198.18.0.61:80 -r 198.18.1.2:8081 -m
t -Ln -t 198.18.0.61:80
t -d -t 198.18.0.61:80 -r 198.18.1.2:8081
t -d -t 198.18.0.61:80 -r 198.18.1.1:9090
t -Ln -t 198.18.0.61:80
t -e -t 198.18.0.61:80 -r 198.18.1.2:8080
t -Ln -t 198.18.0.61:80
t -e -t 198.18.0.61:80 -r 198.18.1.2:8080 -m -w 0 -x 1
t -e -t 198.18.0.61:80 -r 198.18.1.2:8080 -m -w 2 -y 1
t -e -t 198.18.0.61:80 -r 198.18.1.2:8080 -i --tun-type gue --tun-port 7
t -e -t 198.18.0.61:80 -r 198.18.1.2:80 -i --tun-type gue --tun-port 7
t -Ln -t 198.18.0.61:80 --tun-info
t -Ln -t 198.18.0.61:80 --thresholds
t -e -t 198.18.0.61:80 -r 198.18.1.2:80 -i
t -Ln -t 198.18.0.61:80 --tun-info
t -A -t 198.18.0.62:0 -p
t -a -t 198.18.0.62:0 -r 198.18.1.1 -m
t -a -t 198.18.0.62:0 -r 198.18.1.2:80 -m
t -a -t 198.18.0.62:0 -r 198.18.1.3:80 -g
t -Ln -t 198.18.0.62:0
t -A -t 198.18.0.63:0
t -Sn
t -L -n --sort
t -C
printf -- '-A -t 198.18.0.1:80\0 -s rr\n-A -t 198.18.0.2:80 -s\0rr\n-A -t 198.18.0.3:80\n' > /tmp/nul1
tin /tmp/nul1 -R
t -Sn
t -C
printf -- '-A -t 198.18.0.4:80 \0-s rr\n\0\n-A -t 198.18.0.5:80\n' > /tmp/nul2
tin /tmp/nul2 -R
t -Sn
t -C
{ for i in $(seq 300); do printf 'ipvsadm '; done; printf -- '-A -t 198.18.0.6:80\n'; } > /tmp/many1
tin /tmp/many1 -R
{ printf -- '-A -t 198.18.0.7:80'; for i in $(seq 300); do printf ' -n'; done; printf '\n-A -t 198.18.0.8:80\n'; } > /tmp/many2
tin /tmp/many2 -R
{ printf -- '-L'; for i in $(seq 300); do printf ' x%d' $i; done; printf '\n-A -t 198.18.0.9:80\n'; } > /tmp/many3
tin /tmp/many3 -R
t -Sn
t -C
