#!/bin/bash
# Stdout and stderr of ipvsadm -R into one pipe: stdout goes out in blocks
# of 4096 bytes (stdio's buffer for a pipe), stderr at once. Run in the
# oracle VM (run-ipvs.sh stdio-order.sh); the output is stdio-order.txt.
ipvsadm -C
printf -- '-A -t 198.18.0.1:80\n-L -n\n-A -t 198.18.0.1:80\n-S -n\n-A -t 198.18.0.1:80\n' > /tmp/r1
echo "=== small"; ipvsadm -R < /tmp/r1 2>&1 | cat; echo "=== rc ${PIPESTATUS[0]}"
ipvsadm -C
for i in $(seq 1 100); do echo "-A -t 198.18.1.$i:80"; done > /tmp/r2
printf -- '-L -n\n-A -t 198.18.1.1:80\n-L -n\n-A -t 198.18.1.1:80\n' >> /tmp/r2
echo "=== big"; ipvsadm -R < /tmp/r2 2>&1 | cat; echo "=== rc ${PIPESTATUS[0]}"
ipvsadm -C
