// Command pktgen drives the packet-rate benchmark: it sends frames with the
// kernel's XDP live-frames test run (bpf/pktgen.c), and installs and reads
// the counting sink on the real servers' side.
//
//	pktgen send  --dev IF --src-mac M --dst-mac M --src IP --dst IP --dport N --flows N --count N --size N
//	pktgen sink  --dev IF        attach the counting XDP sink
//	pktgen count --dev IF        print what the sink counted
//	pktgen xdpfwd --dev IF --out IF   attach plain XDP forwarding (the ceiling)
package main

//go:generate go run github.com/cilium/ebpf/cmd/bpf2go -cc clang -target bpfel -no-strip -cflags "-O2 -g -Wall -mcpu=v3 -I/usr/include/x86_64-linux-gnu" pktgen ../../bpf/pktgen.c -- -I../../bpf
