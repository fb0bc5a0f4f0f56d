package datapath

import (
	"fmt"
	"net/netip"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"
	"xvs/internal/model"
)

// TestBPFCost measures the XDP program's cost per packet with
// BPF_PROG_TEST_RUN (the kernel's own timing): a connection-table hit, the
// scheduling path of a new connection, and a packet that is not for a
// service; beside them, plain XDP forwarding (bench's xdp_fwd: a FIB lookup,
// the TTL, the MACs, a devmap redirect) and an empty program (the test run's
// own cost, which every figure includes). A test run's repeats see the packet
// as the previous repeat left it, and a forwarded packet leaves with its TTL
// one less: so every case sends a packet with TTL 255 and repeats it 250
// times in a call (the call copies it in afresh), and checks every call's
// verdict, so that what is timed is the path named. The cases use DR, which
// changes no address, and take turns call by call, so that the machine's
// other tenants fall on all of them alike. A case's figure is the tenth
// percentile of its calls (what the program costs when nothing else runs on
// its CPU: other tenants only ever add time), beside the median. It reports;
// `make bench` collects the figures (XVS_BPF_COST=FILE appends TSV lines),
// and nothing here fails on time.
func TestBPFCost(t *testing.T) {
	const repeat, rounds = 250, 160
	withDirector(t, func(fx *fixture) {
		rs2 := netip.MustParseAddr("198.18.0.12")
		hit := Service{ID: 1, AF: model.AFInet, Protocol: protoUDP, Addr: vip4, Port: 80, Scheduler: "rr",
			Dests: []Dest{{ID: 1, AF: model.AFInet, Addr: rip4, Port: 80, Fwd: model.FwdRoute, Weight: 1}}}
		// A one-packet service schedules every datagram: the new-connection
		// path up to the insert.
		oneShot := Service{ID: 2, AF: model.AFInet, Protocol: protoUDP, Addr: vip4, Port: 81, Scheduler: "wlc", Flags: model.SvcOnePacket,
			Dests: []Dest{{ID: 2, AF: model.AFInet, Addr: rip4, Port: 81, Fwd: model.FwdRoute, Weight: 1},
				{ID: 3, AF: model.AFInet, Addr: rs2, Port: 81, Fwd: model.FwdRoute, Weight: 1}}}
		if err := fx.d.Apply([]Service{hit, oneShot}, Timeouts{}); err != nil {
			t.Fatal(err)
		}
		hitPkt := frame(cip4, vip4, protoUDP, 40001, 80, 0, make([]byte, 18))
		fx.run(hitPkt) // the connection exists from here on
		xdpFwd := loadXDPFwd(t, fx.ifindex)
		empty, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.XDP, License: "GPL",
			Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, xdpPass), asm.Return()}})
		if err != nil {
			t.Fatal(err)
		}
		defer empty.Close()
		xvs := fx.d.objs.XvsXdp
		cases := []struct {
			name    string
			prog    *ebpf.Program
			pkt     []byte
			verdict uint32
		}{ // every packet is sent with TTL 255 (see above)
			{"hit", xvs, hitPkt, xdpTX},
			{"new", xvs, frame(cip4, vip4, protoUDP, 40002, 81, 0, make([]byte, 18)), xdpTX},
			{"not-ours", xvs, frame(cip4, dip4, protoUDP, 40003, 53, 0, make([]byte, 18)), xdpPass},
			{"xdp-fwd", xdpFwd, frame(cip4, rip4, protoUDP, 40004, 80, 0, make([]byte, 18)), xdpRedirect},
			{"empty-program", empty, hitPkt, xdpPass},
		}
		for i := range cases {
			cases[i].pkt = withTTL(cases[i].pkt, 255)
		}
		perCall := make([][]float64, len(cases))
		for range rounds {
			for i, c := range cases {
				ret, per, err := timedRun(c.prog, c.pkt, fx.ifindex, repeat)
				if err != nil {
					t.Fatal(err)
				}
				if ret != c.verdict {
					t.Fatalf("%s: verdict %d, want %d: the timed path is not the one named", c.name, ret, c.verdict)
				}
				perCall[i] = append(perCall[i], float64(per.Nanoseconds()))
			}
		}
		for i, c := range cases {
			ns := perCall[i]
			slices.Sort(ns)
			p10, median := ns[len(ns)/10], ns[len(ns)/2]
			t.Logf("%-13s %.0f ns/packet (tenth percentile of %d calls; median %.0f)", c.name, p10, len(ns), median)
			if f := os.Getenv("XVS_BPF_COST"); f != "" {
				out, _ := os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
				fmt.Fprintf(out, "%s\t%.0f\n%s-median\t%.0f\n", c.name, p10, c.name, median)
				out.Close()
			}
		}
	})
}

// xdpRedirect is XDP_REDIRECT, xdp_fwd's verdict.
const xdpRedirect = 4

// loadXDPFwd loads bench's plain XDP forwarder (bpf/pktgen.c) with its
// devmap sending to ifindex, for a baseline measured beside xvs.
func loadXDPFwd(t *testing.T, ifindex int) *ebpf.Program {
	spec, err := ebpf.LoadCollectionSpec("../../bench/pktgen/pktgen_bpfel.o")
	if err != nil {
		t.Fatal(err)
	}
	var objs struct {
		Prog  *ebpf.Program `ebpf:"xvs_xdp_fwd"`
		Ports *ebpf.Map     `ebpf:"fwd_ports"`
	}
	if err := spec.LoadAndAssign(&objs, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { objs.Prog.Close(); objs.Ports.Close() })
	if err := objs.Ports.Put(uint32(ifindex), uint32(ifindex)); err != nil {
		t.Fatal(err)
	}
	return objs.Prog
}

// timedRun is BPF_PROG_TEST_RUN with repeats and the context of a packet
// arriving on ifindex (cilium/ebpf's Benchmark passes no context: the
// program would run as for an unknown interface). It returns the verdict
// and the kernel's time per repeat.
func timedRun(prog *ebpf.Program, pkt []byte, ifindex, repeat int) (uint32, time.Duration, error) {
	ctx := xdpMD{DataEnd: uint32(len(pkt)), IngressIfindex: uint32(ifindex)}
	out := make([]byte, len(pkt)+512)
	attr := struct {
		progFD, retval, dataSizeIn, dataSizeOut uint32
		dataIn, dataOut                         uint64
		repeat, duration                        uint32
		ctxSizeIn, ctxSizeOut                   uint32
		ctxIn, ctxOut                           uint64
		flags, cpu, batchSize, _                uint32
	}{progFD: uint32(prog.FD()), dataSizeIn: uint32(len(pkt)), dataSizeOut: uint32(len(out)),
		dataIn: uint64(uintptr(unsafe.Pointer(&pkt[0]))), dataOut: uint64(uintptr(unsafe.Pointer(&out[0]))),
		repeat: uint32(repeat), ctxSizeIn: uint32(unsafe.Sizeof(ctx)), ctxIn: uint64(uintptr(unsafe.Pointer(&ctx)))}
	const bpfProgTestRun = 10 // BPF_PROG_TEST_RUN
	var errno unix.Errno
	for { // a signal (Go's preemption) interrupts the repeats: run them again
		_, _, errno = unix.Syscall(unix.SYS_BPF, bpfProgTestRun, uintptr(unsafe.Pointer(&attr)), unsafe.Sizeof(attr))
		if errno != unix.EINTR {
			break
		}
	}
	runtime.KeepAlive(pkt)
	runtime.KeepAlive(out)
	runtime.KeepAlive(&ctx)
	if errno != 0 {
		return 0, 0, fmt.Errorf("test run: %w", errno)
	}
	return attr.retval, time.Duration(attr.duration), nil
}

// TestConnMemory reports what a tracked connection costs in kernel memory:
// each connection table's memlock (preallocated: keys, values and the hash
// table's per-element overhead) divided by its entries. A connection is one
// entry (TestNATOneEntry counts them), but for a NAT connection of a fwmark
// or port-0 service, which has a reverse entry too. IPv4 connections have
// their own table with a 16-byte key.
func TestConnMemory(t *testing.T) {
	objs := loadObjects(t)
	report := func(name string, fd int) float64 {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/self/fdinfo/%d", fd))
		if err != nil {
			t.Fatal(err)
		}
		var memlock, entries uint64
		for _, line := range strings.Split(string(raw), "\n") {
			if v, ok := strings.CutPrefix(line, "memlock:"); ok {
				memlock, _ = strconv.ParseUint(strings.TrimSpace(v), 10, 64)
			}
			if v, ok := strings.CutPrefix(line, "max_entries:"); ok {
				entries, _ = strconv.ParseUint(strings.TrimSpace(v), 10, 64)
			}
		}
		if memlock == 0 || entries == 0 {
			t.Fatalf("fdinfo without memlock/max_entries:\n%s", raw)
		}
		per := float64(memlock) / float64(entries)
		t.Logf("%s: %d entries, %d bytes: %.0f bytes per entry", name, entries, memlock, per)
		return per
	}
	v4 := report("conns4", objs.Conns4.FD())
	v6 := report("conns", objs.Conns.FD())
	if f := os.Getenv("XVS_BPF_COST"); f != "" {
		out, _ := os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		// A million entries of b bytes are b MiB.
		fmt.Fprintf(out, "bytes-per-conn-ipv4\t%.0f\nbytes-per-conn-ipv6\t%.0f\nbytes-per-conn-ipv4-nat-fwmark\t%.0f\ntable-1M-ipv4-MiB\t%.0f\n",
			v4, v6, 2*v4, v4)
		out.Close()
	}
}
