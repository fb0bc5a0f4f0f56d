// Package realserver prepares a real server for DR and TUN: the VIP on lo
// with the ARP settings LVS needs, and for TUN the tc-ingress BPF
// decapsulator (bpf/decap.c).
package realserver

//go:generate go run github.com/cilium/ebpf/cmd/bpf2go -cc clang -target bpfel -no-strip -cflags "-O2 -g -Wall -mcpu=v3 -I/usr/include/x86_64-linux-gnu" -type xvs_vip decap ../../bpf/decap.c -- -I../../bpf
