package datapath

import (
	"fmt"
	"net/netip"
	"os"
	"testing"

	"xvs/internal/model"
)

// TestBPFCost measures the XDP program's cost per packet with
// BPF_PROG_TEST_RUN (many repeats, the kernel's own timing): a
// connection-table hit, the scheduling path of a new connection, and a
// packet that is not for a service. Repeated runs see the packet as the
// previous run left it, so the cases use DR, which leaves the IP packet
// unchanged. It reports; `make bench` collects the figures (XVS_BPF_COST=FILE
// appends TSV lines), and nothing here fails on time.
func TestBPFCost(t *testing.T) {
	const repeat = 1000000
	withDirector(t, func(fx *fixture) {
		measure := func(name string, pkt []byte) {
			_, per, err := fx.d.objs.XvsXdp.Benchmark(pkt, repeat, nil)
			if err != nil {
				t.Fatal(err)
			}
			ns := float64(per.Nanoseconds())
			t.Logf("%-10s %.0f ns/packet", name, ns)
			if f := os.Getenv("XVS_BPF_COST"); f != "" {
				out, _ := os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
				fmt.Fprintf(out, "%s\t%.0f\n", name, ns)
				out.Close()
			}
		}
		fx.service(protoUDP, vip4, 80, Dest{Addr: rip4, Port: 80, Fwd: model.FwdRoute}, "rr")
		pkt := frame(cip4, vip4, protoUDP, 40001, 80, 0, make([]byte, 18))
		fx.run(pkt) // the connection exists from here on
		measure("hit", pkt)
		// A one-packet service schedules every datagram: the new-connection
		// path up to the insert.
		fx.noServices()
		s := Service{ID: 1, AF: model.AFInet, Protocol: protoUDP, Addr: vip4, Port: 80, Scheduler: "wlc", Flags: model.SvcOnePacket,
			Dests: []Dest{{ID: 1, AF: model.AFInet, Addr: rip4, Port: 80, Fwd: model.FwdRoute, Weight: 1},
				{ID: 2, AF: model.AFInet, Addr: netip.MustParseAddr("198.18.0.12"), Port: 80, Fwd: model.FwdRoute, Weight: 1}}}
		if err := fx.d.Apply([]Service{s}, Timeouts{}); err != nil {
			t.Fatal(err)
		}
		measure("new", frame(cip4, vip4, protoUDP, 40002, 80, 0, make([]byte, 18)))
		measure("not-ours", frame(cip4, dip4, protoUDP, 40003, 53, 0, make([]byte, 18)))
	})
}
