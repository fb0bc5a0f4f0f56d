#!/bin/bash
# Records ipvsadm's answers in the replay format the tests read:
#   ### ipvsadm ARGS   (ARGS shell-quoted)
#   --- stdin          (only with -R: the lines fed to it)
#   --- stdout / --- stderr / --- rc N
# Run it in the oracle VM (ipvsadm 1.31, kernel 6.1):
#   run-ipvs.sh record.sh cases-*.sh ../hosts-mapped > out.txt, then split by "=== FILE"
# (all files in one run: they share the boot's service hash seed).
q() { local out="" a; for a in "$@"; do
        if [[ -z "$a" || "$a" =~ [^A-Za-z0-9_.:/,=@+%^-] ]]; then out+=" '${a//\'/\'\\\'\'}'"; else out+=" $a"; fi
      done; printf '%s' "${out# }"; }
t() { echo "### ipvsadm $(q "$@")"; ipvsadm "$@" >/tmp/o 2>/tmp/e; local rc=$?
      echo "--- stdout"; cat /tmp/o; echo "--- stderr"; cat /tmp/e; echo "--- rc $rc"; }
# tin FILE ARGS: like t, with FILE on stdin
tin() { local f=$1; shift; echo "### ipvsadm $(q "$@")"; echo "--- stdin"; cat "$f"
      ipvsadm "$@" <"$f" >/tmp/o 2>/tmp/e; local rc=$?
      echo "--- stdout"; cat /tmp/o; echo "--- stderr"; cat /tmp/e; echo "--- rc $rc"; }
# The kernel's service hash mixes in the low byte of (size_t)ipvs >> 8, a
# pointer of this boot, and -L --nosort lists by bucket. With one service
# per bucket (proto 6 ^ last byte ^ port 80 ^ seed), the first one listed
# is in bucket 0 and gives the seed away. The replay test reads it from
# each file's header.
for n in $(seq 0 255); do echo "-A -t 10.255.0.$n:80"; done | ipvsadm -R
first=$(ipvsadm -L -n --nosort | sed -n 's/^TCP  10\.255\.0\.\([0-9]*\):80 .*/\1/p' | head -n 1)
seed=$(( (6 ^ first ^ 80) & 255 ))
for f in /oracle/files/cases-*.sh; do
	ipvsadm -C; ipvsadm --set 900 120 300
	ipvsadm --stop-daemon master 2>/dev/null; ipvsadm --stop-daemon backup 2>/dev/null
	echo "=== $(basename "$f" .sh).txt"
	echo "# Recorded from ipvsadm 1.31 on Debian 12's kernel 6.1 (oracle VM) with record.sh and $(basename "$f")."
	echo "# kernel service hash seed: $seed"
	. "$f"
done
