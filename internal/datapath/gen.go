// Package datapath loads xvs's XDP director program (bpf/xvs.c), attaches it,
// pins it and keeps its maps in step with the control plane's table.
package datapath

//go:generate go run github.com/cilium/ebpf/cmd/bpf2go -cc clang -target bpfel -no-strip -cflags "-O2 -g -Wall -mcpu=v3 -I/usr/include/x86_64-linux-gnu" -type xvs_svc_key -type xvs_svc -type xvs_svc_dest_key -type xvs_dest -type xvs_conn_key -type xvs_conn -type xvs_counters -type xvs_conn_counts -type xvs_sched_state -type xvs_sched -type xvs_state -type xvs_event -type xvs_mark_rule -type xvs_conn_key4 -type xvs_nat_key -type xvs_nat_vips -type xvs_addr_slot xvs ../../bpf/xvs.c -- -I../../bpf
