# -R reads words of at most 4096 characters (config_stream.c: fscanf
# "%4096[^ \t\n\r]%1[ \t\n\r]"): a longer word goes on as the next word of
# the same line, unless the delimiter read last was a newline (fscanf's
# second buffer is not cleared between lines), which ends the line there.
long() { head -c "$1" /dev/zero | tr '\0' "$2"; }
for n in 4094 4095 4096 4097 8192 8193; do
  { printf -- '-A -t 10.0.0.1:80 -p '; long $n 0; printf '30\n-A -t 10.0.0.2:80\n'; } > /tmp/l1
  tin /tmp/l1 -R
  t -Sn
  t -C
done
{ printf -- '-A -t 10.0.0.1:80 -p'; long 4094 0; printf '30\n'; } > /tmp/l2
tin /tmp/l2 -R
t -C
for n in 4095 4096 4097 8192 8193; do
  { printf -- '-A -t 10.0.0.1:80 -s '; long $n r; printf '\n-A -t 10.0.0.2:80\n'; } > /tmp/l3
  tin /tmp/l3 -R
  t -C
  { printf -- '-A -t 10.0.0.1:80 -s '; long $n r; } > /tmp/l4
  tin /tmp/l4 -R
  t -C
done
for n in 4095 4096 4097 8192; do
  { printf -- '-A -t 10.0.0.3:80\n'; long $n a; printf ' -A -t 10.0.0.1:80\n-A -t 10.0.0.2:80\n'; } > /tmp/l5
  tin /tmp/l5 -R
  t -Sn
  t -C
  { printf -- '-A -t 10.0.0.3:80 \n'; long $n a; printf ' -A -t 10.0.0.1:80\n-A -t 10.0.0.2:80\n'; } > /tmp/l6
  tin /tmp/l6 -R
  t -Sn
  t -C
  { long $n a; printf ' -A -t 10.0.0.1:80\n-A -t 10.0.0.2:80\n'; } > /tmp/l7
  tin /tmp/l7 -R
  t -Sn
  t -C
done
{ printf -- '-A -t 10.0.0.1:80 -s '; long 4092 x; printf 'ipvsadm rr\n'; } > /tmp/l8
tin /tmp/l8 -R
{ printf -- '-A -t 10.0.0.1:80 '; long 5000 ' '; printf -- '-s rr\n-A -t 10.0.0.2:80'; long 5000 ' '; printf '\n'; } > /tmp/l9
tin /tmp/l9 -R
t -Sn
