#!/bin/bash
# Records ipvsadm's answers in the replay format the tests read:
#   ### ipvsadm ARGS   (ARGS shell-quoted)
#   --- stdin          (only with -R: the lines fed to it)
#   --- stdout / --- stderr / --- rc N
# Run it in the oracle VM (ipvsadm 1.31, kernel 6.1):
#   run-ipvs.sh record.sh cases-*.sh ../hosts-mapped > out.txt, then split by "=== FILE".
q() { local out="" a; for a in "$@"; do
        if [[ -z "$a" || "$a" =~ [^A-Za-z0-9_.:/,=@+%^-] ]]; then out+=" '${a//\'/\'\\\'\'}'"; else out+=" $a"; fi
      done; printf '%s' "${out# }"; }
t() { echo "### ipvsadm $(q "$@")"; ipvsadm "$@" >/tmp/o 2>/tmp/e; local rc=$?
      echo "--- stdout"; cat /tmp/o; echo "--- stderr"; cat /tmp/e; echo "--- rc $rc"; }
# tin FILE ARGS: like t, with FILE on stdin
tin() { local f=$1; shift; echo "### ipvsadm $(q "$@")"; echo "--- stdin"; cat "$f"
      ipvsadm "$@" <"$f" >/tmp/o 2>/tmp/e; local rc=$?
      echo "--- stdout"; cat /tmp/o; echo "--- stderr"; cat /tmp/e; echo "--- rc $rc"; }
for f in /oracle/files/cases-*.sh; do
	ipvsadm -C; ipvsadm --set 900 120 300
	ipvsadm --stop-daemon master 2>/dev/null; ipvsadm --stop-daemon backup 2>/dev/null
	echo "=== $(basename "$f" .sh).txt"
	. "$f"
done
