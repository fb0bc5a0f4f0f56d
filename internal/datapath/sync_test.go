package datapath

import (
	"encoding/hex"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"xvs/internal/ipvssync"
	"xvs/internal/model"
)

// synced reads the table as a master does: records by client port, and
// whether each came from a peer.
func (fx *fixture) synced() (map[uint16]ipvssync.Conn, map[uint16]bool) {
	conns, received := map[uint16]ipvssync.Conn{}, map[uint16]bool{}
	err := fx.d.SyncConns(func(c *ipvssync.Conn, left time.Duration, rcvd bool) {
		if left <= 0 {
			fx.t.Errorf("record %+v with %v left", c, left)
		}
		conns[c.CPort], received[c.CPort] = *c, rcvd
	})
	if err != nil {
		fx.t.Fatal(err)
	}
	return conns, received
}

// TestBackupTakesOver: a NAT connection a master synced forwards its next
// segment (no SYN) as the master would, counts as active until then, and
// from that packet on is this director's own (its master would send it).
func TestBackupTakesOver(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		for _, c := range []struct{ cip, vip, rip netip.Addr }{{cip4, vip4, rip4}, {cip6, vip6, rip6}} {
			fx.service(protoTCP, c.vip, 80, Dest{Addr: c.rip, Port: 8080, Fwd: model.FwdMasq}, "rr")
			rec := ipvssync.Conn{Protocol: protoTCP, State: ipvssync.TCPEstablished, Timeout: 900,
				CAddr: c.cip, CPort: 40100, VAddr: c.vip, VPort: 80, DAddr: c.rip, DPort: 8080}
			stray := rec
			stray.CPort, stray.DAddr = 40101, netip.MustParseAddr("198.18.0.99") // no such destination
			before, _ := fx.d.ConnCounts()                                       // the previous family's connection is still there
			if n, err := fx.d.InsertSynced([]ipvssync.Conn{rec, stray}); err != nil || n != 1 {
				t.Fatalf("%s: placed %d: %v", c.vip, n, err)
			}
			if cc, _ := fx.d.ConnCounts(); cc[1].Active != before[1].Active+1 || cc[1].Inactive != before[1].Inactive {
				t.Errorf("%s: counts after the sync %+v (before %+v)", c.vip, cc[1], before[1])
			}
			got, received := fx.synced()
			if w := got[40100]; !received[40100] || w.State != ipvssync.TCPEstablished || w.Flags != 0 || w.Timeout != 900 {
				t.Errorf("%s: synced entry reads %+v received=%v", c.vip, w, received[40100])
			}
			// Failover: the client's next segment arrives here.
			ret, out := fx.run(frame(c.cip, c.vip, protoTCP, 40100, 80, tcpACK, []byte("more")))
			if !fx.expect("taken over", ret, xdpTX) {
				continue
			}
			p := fx.parse("taken over", out)
			if sp, dp := ports(p.l4); p.dst != c.rip || dp != 8080 || sp != 40100 {
				t.Errorf("%s: forwarded to %s:%d", c.vip, p.dst, dp)
			}
			// The server's reply goes back from the VIP (found through nat_vips).
			ret, out = fx.run(ether(macDirector, macRS, etherType(c.rip), ipPacket(c.rip, c.cip, protoTCP,
				l4(protoTCP, c.rip, c.cip, 8080, 40100, tcpACK, []byte("ok")))))
			if fx.expect("reply", ret, xdpTX) {
				if p := fx.parse("reply", out); p.src != c.vip {
					t.Errorf("%s: reply from %s", c.vip, p.src)
				}
			}
			if _, received := fx.synced(); received[40100] {
				t.Errorf("%s: still marked received after a packet", c.vip)
			}
			// A later record moves it on (the master saw the FIN).
			rec.State, rec.Timeout, rec.Flags = ipvssync.TCPCloseWait, 60, ipvssync.FlagInactive
			if n, err := fx.d.InsertSynced([]ipvssync.Conn{rec}); err != nil || n != 1 {
				t.Fatalf("%s: update placed %d: %v", c.vip, n, err)
			}
			if st := fx.connState(c.cip, c.vip, protoTCP, 40100, 80); st != "CLOSE_WAIT" {
				t.Errorf("%s: state after the update %s", c.vip, st)
			}
			if cc, _ := fx.d.ConnCounts(); cc[1].Active != before[1].Active || cc[1].Inactive != before[1].Inactive+1 {
				t.Errorf("%s: counts after the update %+v (before %+v)", c.vip, cc[1], before[1])
			}
		}
	})
}

// TestSyncedTemplateAndReplacement: a synced template sends a new client
// connection to its server; a record of the same tuple on another server
// replaces an active connection but not when it is the old one's
// inactive end.
func TestSyncedTemplateAndReplacement(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		rip2 := netip.MustParseAddr("198.18.0.12")
		svc := Service{ID: 1, AF: model.AFInet, Protocol: protoTCP, Addr: vip4, Port: 80, Scheduler: "rr",
			Flags: model.SvcPersistent, Timeout: 300, Netmask: 0xffffffff, Dests: []Dest{
				{ID: 1, AF: model.AFInet, Addr: rip4, Port: 80, Fwd: model.FwdRoute, Weight: 1},
				{ID: 2, AF: model.AFInet, Addr: rip2, Port: 80, Fwd: model.FwdRoute, Weight: 1}}}
		if err := fx.d.Apply([]Service{svc}, Timeouts{}); err != nil {
			t.Fatal(err)
		}
		// rr would pick destination 1 (newest first); the template says 2.
		tpl := ipvssync.Conn{Protocol: protoTCP, Flags: ipvssync.FlagTemplate | ipvssync.FlagInactive | ipvssync.FlagRoute | ipvssync.FlagNoOutput,
			Timeout: 300, CAddr: cip4, VAddr: vip4, VPort: 80, DAddr: rip2, DPort: 80}
		if n, err := fx.d.InsertSynced([]ipvssync.Conn{tpl}); err != nil || n != 1 {
			t.Fatalf("template placed %d: %v", n, err)
		}
		ret, out := fx.run(frame(cip4, vip4, protoTCP, 40200, 80, tcpSYN, nil))
		if fx.expect("SYN under the template", ret, xdpTX) {
			if p := fx.parse("template", out); p.dstMAC != macRS || fx.connDest(cip4, 40200) != 2 {
				t.Errorf("new connection went to destination %d", fx.connDest(cip4, 40200))
			}
		}
		if cc, _ := fx.d.ConnCounts(); cc[2].Persist != 1 {
			t.Errorf("template count %+v", cc[2])
		}
		// The master's connection 40300 is on destination 1 here, and on 2 there.
		fx.run(frame(cip4, vip4, protoTCP, 40300, 80, tcpSYN, nil))
		moved := ipvssync.Conn{Protocol: protoTCP, State: ipvssync.TCPEstablished, Timeout: 900, Flags: ipvssync.FlagRoute | ipvssync.FlagNoOutput,
			CAddr: cip4, CPort: 40300, VAddr: vip4, VPort: 80, DAddr: rip4, DPort: 80}
		was := fx.connDest(cip4, 40300)
		moved.DAddr = map[uint32]netip.Addr{1: rip2, 2: rip4}[was]
		stale := moved
		stale.Flags |= ipvssync.FlagInactive
		stale.State = ipvssync.TCPTimeWait
		fx.d.InsertSynced([]ipvssync.Conn{stale})
		if fx.connDest(cip4, 40300) != was {
			t.Errorf("an inactive record replaced the live connection")
		}
		fx.d.InsertSynced([]ipvssync.Conn{moved})
		if fx.connDest(cip4, 40300) == was {
			t.Errorf("an active record on another server did not replace the connection")
		}
	})
}

// connDest is the destination id of the client's connection to vip4:80.
func (fx *fixture) connDest(cip netip.Addr, cport uint16) uint32 {
	k := xvsXvsConnKey{Saddr: addrWords(cip), Daddr: addrWords(vip4), Sport: be16(cport), Dport: be16(80), Af: afInet, Proto: protoTCP}
	var v xvsXvsConn
	if err := fx.d.connLookup(&k, &v); err != nil {
		return 0
	}
	return v.DestId
}

// masterEntries are table entries of a master, as the datapath keeps
// them, for the records of testdata/xvs-master.txt.
func masterEntries() []struct {
	k xvsXvsConnKey
	v xvsXvsConn
} {
	a := netip.MustParseAddr
	conn := func(proto uint8, cip string, cport uint16, vip string, vport uint16, rip string, rport uint16,
		fwd uint8, state xvsXvsState, flags uint8) struct {
		k xvsXvsConnKey
		v xvsXvsConn
	} {
		c, v, r := a(cip), a(vip), a(rip)
		return struct {
			k xvsXvsConnKey
			v xvsXvsConn
		}{
			xvsXvsConnKey{Saddr: addrWords(c), Daddr: addrWords(v), Sport: be16(cport), Dport: be16(vport), Af: afOf(v), Proto: proto},
			xvsXvsConn{Addr: addrWords(r), Port: be16(rport), Af: afOf(r), Fwd: fwd, State: uint32(state), Flags: flags, SvcId: 1},
		}
	}
	return append([]struct {
		k xvsXvsConnKey
		v xvsXvsConn
	}{},
		conn(protoTCP, "198.19.0.2", 40001, "198.18.0.100", 80, "198.18.0.11", 80, 0, xvsXvsStateXVS_S_ESTABLISHED, 0),
		conn(protoTCP, "198.19.0.2", 40002, "198.18.0.100", 80, "198.18.0.12", 80, 0, xvsXvsStateXVS_S_CLOSE_WAIT, 0),
		conn(protoTCP, "198.19.0.2", 0, "198.18.0.100", 81, "198.18.0.11", 81, 0, xvsXvsStateXVS_S_NONE, xvsConnFTemplate),
		conn(protoTCP, "198.19.0.2", 40003, "198.18.0.100", 81, "198.18.0.11", 81, 0, xvsXvsStateXVS_S_ESTABLISHED, 0),
		conn(protoUDP, "198.19.0.2", 40004, "198.18.0.100", 53, "198.18.0.11", 53, 0, xvsXvsStateXVS_S_UDP, 0),
		conn(protoTCP, "198.19.0.2", 40005, "198.18.0.101", 80, "198.18.0.13", 80, 3, xvsXvsStateXVS_S_ESTABLISHED, xvsConnFNoOutput),
		conn(protoTCP, "2001:db8:19::2", 40006, "2001:db8:18::100", 80, "2001:db8:18::11", 80, 0, xvsXvsStateXVS_S_ESTABLISHED, 0),
	)
}

// TestMasterRecordsKernelTakes: xvs's master turns its table into the
// datagrams of testdata/xvs-master.txt, which a kernel 6.1 backup took as
// the connections its -Lcn then listed (oracle-sync-backup.sh recorded
// that). XVS_UPDATE=1 rewrites the datagrams (then record the kernel anew).
func TestMasterRecordsKernelTakes(t *testing.T) {
	const golden = "../ipvssync/testdata/xvs-master.txt"
	timeouts := make([]uint32, xvsStateLast)
	copy(timeouts, tcpDefaultTimeouts[:])
	timeouts[xvsXvsStateXVS_S_UDP] = 300
	svc := xvsXvsSvc{Id: 1, Timeout: 300}
	e := ipvssync.NewEncoder(7, 1472)
	var records []ipvssync.Conn
	for _, en := range masterEntries() {
		c := wireConn(&en.k, &en.v, &svc, timeouts)
		records = append(records, c)
		e.Add(&c)
	}
	var want strings.Builder
	for _, m := range e.Messages() {
		fmt.Fprintf(&want, "hex %x\n", m)
	}
	if os.Getenv("XVS_UPDATE") == "1" {
		os.WriteFile(golden, []byte(want.String()), 0o644)
	}
	got, err := os.ReadFile(golden)
	if err != nil || string(got) != want.String() {
		t.Fatalf("datagrams %v:\n%s\nrecorded:\n%s", err, want.String(), got)
	}
	listing, err := os.ReadFile("../ipvssync/testdata/kernel-backup.txt")
	if err != nil {
		t.Fatal(err)
	}
	states := map[uint16]string{1: "ESTABLISHED", 7: "CLOSE_WAIT"}
	for _, c := range records {
		state := states[c.State]
		proto := map[uint8]string{protoTCP: "TCP", protoUDP: "UDP"}[c.Protocol]
		switch {
		case c.Template():
			state = "NONE"
		case c.Protocol == protoUDP:
			state = "UDP"
		}
		line := fmt.Sprintf("%s %s %s %s", state, hostPortOf(c.CAddr, c.CPort), hostPortOf(c.VAddr, c.VPort), hostPortOf(c.DAddr, c.DPort))
		found := false
		for _, l := range strings.Split(string(listing), "\n") {
			if f := strings.Fields(l); len(f) == 6 && f[0] == proto && strings.Join(f[2:], " ") == line {
				found = true
			}
		}
		if !found {
			t.Errorf("the kernel backup did not list %s %s:\n%s", proto, line, listing)
		}
	}
}

func hostPortOf(a netip.Addr, port uint16) string {
	if a.Is6() {
		return fmt.Sprintf("[%s]:%d", a, port)
	}
	return fmt.Sprintf("%s:%d", a, port)
}

// TestBackupCountsAsKernel: xvs's backup, given the datagrams a kernel
// backup took (testdata/xvs-master.txt), places every connection and
// counts each server's active and inactive connections as the kernel's
// -Ln did (testdata/kernel-backup.txt).
func TestBackupCountsAsKernel(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		a := netip.MustParseAddr
		nat := func(id uint32, rip string, port uint16) Dest {
			return Dest{ID: id, AF: uint16(afOf(a(rip))), Addr: a(rip), Port: port, Fwd: model.FwdMasq, Weight: 1}
		}
		svcs := []Service{
			{ID: 1, AF: model.AFInet, Protocol: protoTCP, Addr: vip4, Port: 80, Scheduler: "rr",
				Dests: []Dest{nat(2, "198.18.0.12", 80), nat(1, "198.18.0.11", 80)}},
			{ID: 2, AF: model.AFInet, Protocol: protoTCP, Addr: vip4, Port: 81, Scheduler: "rr", Flags: model.SvcPersistent,
				Timeout: 300, Netmask: 0xffffffff, Dests: []Dest{nat(3, "198.18.0.11", 81)}},
			{ID: 3, AF: model.AFInet, Protocol: protoUDP, Addr: vip4, Port: 53, Scheduler: "rr", Dests: []Dest{nat(4, "198.18.0.11", 53)}},
			{ID: 4, AF: model.AFInet, Protocol: protoTCP, Addr: a("198.18.0.101"), Port: 80, Scheduler: "rr",
				Dests: []Dest{{ID: 5, AF: model.AFInet, Addr: a("198.18.0.13"), Port: 80, Fwd: model.FwdRoute, Weight: 1}}},
			{ID: 5, AF: model.AFInet6, Protocol: protoTCP, Addr: vip6, Port: 80, Scheduler: "rr", Dests: []Dest{nat(6, "2001:db8:18::11", 80)}},
		}
		if err := fx.d.Apply(svcs, Timeouts{}); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile("../ipvssync/testdata/xvs-master.txt")
		if err != nil {
			t.Fatal(err)
		}
		var records []ipvssync.Conn
		for _, l := range strings.Fields(strings.ReplaceAll(string(raw), "hex ", "")) {
			b, _ := hex.DecodeString(l)
			m, err := ipvssync.Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			records = append(records, m.Conns...)
		}
		if n, err := fx.d.InsertSynced(records); err != nil || n != len(records) {
			t.Fatalf("placed %d of %d: %v", n, len(records), err)
		}
		counts, err := fx.d.ConnCounts()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, s := range svcs {
			for _, d := range s.Dests {
				c := counts[d.ID]
				got[fmt.Sprintf("%s %s", hostPortOf(s.Addr, s.Port), hostPortOf(d.Addr, d.Port))] = fmt.Sprintf("%d %d", c.Active, c.Inactive)
			}
		}
		listing, _ := os.ReadFile("../ipvssync/testdata/kernel-backup.txt")
		want, svc := map[string]string{}, ""
		for _, l := range strings.Split(string(listing), "\n") {
			f := strings.Fields(l)
			switch {
			case len(f) >= 3 && (f[0] == "TCP" || f[0] == "UDP"):
				svc = f[1]
			case len(f) == 6 && f[0] == "->" && svc != "" && f[1] != "RemoteAddress:Port":
				want[svc+" "+f[1]] = f[4] + " " + f[5]
			}
		}
		if len(want) != 6 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("active/inactive by server:\n got %v\nkernel %v", got, want)
		}
	})
}

// TestBackupTakesKernelMaster: the datagrams a kernel 6.1 master sent
// (testdata/kernel-master.txt) end in xvs's table as the kernel's last
// word on each connection: TIME_WAIT for the closed ones, the template.
func TestBackupTakesKernelMaster(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		nat := func(id uint32, rip netip.Addr, port uint16) []Dest {
			return []Dest{{ID: id, AF: uint16(afOf(rip)), Addr: rip, Port: port, Fwd: model.FwdMasq, Weight: 1}}
		}
		svcs := []Service{
			{ID: 1, AF: model.AFInet, Protocol: protoTCP, Addr: vip4, Port: 80, Scheduler: "rr", Dests: nat(1, rip4, 80)},
			{ID: 2, AF: model.AFInet, Protocol: protoTCP, Addr: vip4, Port: 81, Scheduler: "rr", Flags: model.SvcPersistent,
				Timeout: 300, Netmask: 0xffffffff, Dests: nat(2, rip4, 81)},
			{ID: 3, AF: model.AFInet6, Protocol: protoTCP, Addr: vip6, Port: 80, Scheduler: "rr", Dests: nat(3, rip6, 80)},
		}
		if err := fx.d.Apply(svcs, Timeouts{}); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile("../ipvssync/testdata/kernel-master.txt")
		for _, l := range strings.Split(string(raw), "\n") {
			if h, ok := strings.CutPrefix(l, "hex "); ok {
				b, _ := hex.DecodeString(h)
				m, err := ipvssync.Decode(b)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := fx.d.InsertSynced(m.Conns); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, c := range []struct {
			cip, vip netip.Addr
			cport    uint16
			vport    uint16
			want     string
		}{{cip4, vip4, 40001, 80, "TIME_WAIT"}, {cip4, vip4, 40002, 81, "TIME_WAIT"}, {cip6, vip6, 40003, 80, "TIME_WAIT"},
			{cip4, vip4, 0, 81, "ASSURED"}} {
			if st := fx.connState(c.cip, c.vip, protoTCP, c.cport, c.vport); st != c.want {
				t.Errorf("%s:%d: %s, want %s", c.cip, c.cport, st, c.want)
			}
		}
		if cc, _ := fx.d.ConnCounts(); cc[2].Persist != 1 || cc[1].Inactive != 1 || cc[1].Active != 0 {
			t.Errorf("counts %+v", cc)
		}
	})
}
