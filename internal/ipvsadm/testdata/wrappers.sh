#!/bin/bash
# ipvsadm 1.31's wrappers, ipvsadm-save and ipvsadm-restore, run in the
# oracle VM (run-ipvs.sh wrappers.sh); the output is wrappers.txt: each case
# is "=== NAME", what it printed (stdout and stderr in one pipe) and
# "=== rc N". TestWrappers feeds the same inputs.
w() { local name=$1 in=$2; shift 2; echo "=== $name"; printf -- "$in" | "$@" 2>&1 | cat; echo "=== rc ${PIPESTATUS[1]}"; }
ipvsadm -C
w restore '# saved\n-A -t 198.18.0.1:80 -s rr\n#-A -t 198.18.0.2:80\n-a -t 198.18.0.1:80 -r 198.18.1.1 -m\n\n\n' ipvsadm-restore
w save '' ipvsadm-save
w save-n '' ipvsadm-save -n
w save-n-n-extra '' ipvsadm-save -n foo -n
w save-x '' ipvsadm-save -x
w save-help '' ipvsadm-save --help
w save-dash '' ipvsadm-save -
w restore-again '-A -t 198.18.0.3:80\n' ipvsadm-restore -x foo
w after '' ipvsadm -Sn
w restore-empty '' ipvsadm-restore
w after-empty '' ipvsadm -Sn
w restore-error '-A -t 198.18.0.4:80\n #-A -t 198.18.0.5:80\n-A -t 198.18.0.6:80\n' ipvsadm-restore
w after-error '' ipvsadm -Sn
w restore-refused '-A -t 198.18.0.4:80\n-A -t 198.18.0.4:80' ipvsadm-restore
w restore-comment-last '-A -t 198.18.0.7:80\n# end' ipvsadm-restore
w after-last '' ipvsadm -Sn
ipvsadm -C
