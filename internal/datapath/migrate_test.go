package datapath

import (
	"encoding/binary"
	"path/filepath"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
	"golang.org/x/sys/unix"
)

// upgradeRig is a fresh pin path on its own bpffs, where a test leaves
// the maps of an older datapath, and this datapath's spec.
func upgradeRig(t *testing.T) (string, *ebpf.CollectionSpec) {
	requireRoot(t)
	pin := filepath.Join(t.TempDir(), "bpf", "xvs")
	if err := ensureBPFFS(pin); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Unmount(filepath.Dir(pin), 0) })
	spec, err := loadXvs()
	if err != nil {
		t.Fatal(err)
	}
	return pin, spec
}

// memberTypes are the new value struct's member types by name.
func memberTypes(t *testing.T, typ btf.Type) map[string]btf.Type {
	s, ok := btf.UnderlyingType(typ).(*btf.Struct)
	if !ok {
		t.Fatalf("%v is not a struct", typ)
	}
	out := map[string]btf.Type{}
	for _, m := range s.Members {
		out[m.Name] = m.Type
	}
	return out
}

// TestUpgradeCarriesConnections: pinned connection tables of an older
// layout (members moved, one dropped, one added; or the same size with two
// members swapped) are replaced, and their entries come over member by
// member name; a counts array of another size comes over as it is.
func TestUpgradeCarriesConnections(t *testing.T) {
	pin, spec := upgradeRig(t)
	types := memberTypes(t, spec.Maps["conns4"].Value)

	// conns4 as an older xvs might have had it: 48 bytes, dest_id and
	// svc_id first, no tun_* members, a member this version dropped.
	old4 := &btf.Struct{Name: "xvs_conn", Size: 48, Members: []btf.Member{
		{Name: "expires", Type: types["expires"], Offset: 0},
		{Name: "dest_id", Type: types["dest_id"], Offset: 8 * 8},
		{Name: "svc_id", Type: types["svc_id"], Offset: 12 * 8},
		{Name: "state", Type: types["state"], Offset: 16 * 8},
		{Name: "addr", Type: types["addr"], Offset: 20 * 8},
		{Name: "port", Type: types["port"], Offset: 36 * 8},
		{Name: "flags", Type: types["flags"], Offset: 38 * 8},
		{Name: "fwd", Type: types["fwd"], Offset: 39 * 8},
		{Name: "af", Type: types["af"], Offset: 40 * 8},
		{Name: "legacy", Type: types["flags"], Offset: 41 * 8},
	}}
	m4, err := ebpf.NewMapWithOptions(&ebpf.MapSpec{Name: "conns4", Type: ebpf.Hash, KeySize: 16, ValueSize: 48,
		MaxEntries: 1024, Key: spec.Maps["conns4"].Key, Value: old4, Pinning: ebpf.PinByName},
		ebpf.MapOptions{PinPath: pin})
	if err != nil {
		t.Fatal(err)
	}
	key4 := []byte{198, 19, 0, 2, 198, 18, 0, 100, 0x9c, 0x40, 0, 80, 6, 0, 0, 0}
	v := make([]byte, 48)
	binary.LittleEndian.PutUint64(v[0:], 123456789)
	binary.LittleEndian.PutUint32(v[8:], 7)  // dest_id
	binary.LittleEndian.PutUint32(v[12:], 3) // svc_id
	binary.LittleEndian.PutUint32(v[16:], uint32(xvsXvsStateXVS_S_ESTABLISHED))
	copy(v[20:], []byte{198, 18, 0, 11})
	binary.BigEndian.PutUint16(v[36:], 8080)
	v[39], v[40], v[41] = 0, afInet, 0xee
	if err := m4.Put(key4, v); err != nil {
		t.Fatal(err)
	}
	m4.Close()

	// conns (IPv6) of the same size as now, with dest_id and svc_id swapped:
	// sizes agree, so only the members tell the layouts apart.
	swapped := btf.Copy(spec.Maps["conns"].Value).(*btf.Struct)
	for i, m := range swapped.Members {
		switch m.Name {
		case "dest_id":
			swapped.Members[i].Name = "svc_id"
		case "svc_id":
			swapped.Members[i].Name = "dest_id"
		}
	}
	ms6 := spec.Maps["conns"].Copy()
	ms6.Value = swapped
	m6, err := ebpf.NewMapWithOptions(ms6, ebpf.MapOptions{PinPath: pin})
	if err != nil {
		t.Fatal(err)
	}
	key6 := xvsXvsConnKey{Saddr: [4]uint32{1, 2, 3, 4}, Daddr: [4]uint32{5, 6, 7, 8}, Sport: 1, Dport: 2, Af: afInet6, Proto: 17}
	// Written by the old layout: its svc_id slot is where dest_id is now.
	if err := m6.Put(key6, xvsXvsConn{Expires: 42, DestId: 9, SvcId: 4}); err != nil {
		t.Fatal(err)
	}
	m6.Close()

	// conn_started with fewer slots: the same layout, another size.
	started := spec.Maps["conn_started"].Copy()
	started.MaxEntries = 16
	ms, err := ebpf.NewMapWithOptions(started, ebpf.MapOptions{PinPath: pin})
	if err != nil {
		t.Fatal(err)
	}
	if err := ms.Put(uint32(7), xvsXvsConnCounts{Active: 1, Inactive: 2}); err != nil {
		t.Fatal(err)
	}
	ms.Close()

	d := &Datapath{cfg: Config{PinPath: pin, Logf: t.Logf}}
	if err := d.load(); err != nil {
		t.Fatal(err)
	}
	defer d.objs.Close()
	var got xvsXvsConn
	if err := d.objs.Conns4.Lookup(key4, &got); err != nil {
		t.Fatalf("IPv4 connection not carried over: %v", err)
	}
	want := xvsXvsConn{Expires: 123456789, DestId: 7, SvcId: 3, State: uint32(xvsXvsStateXVS_S_ESTABLISHED),
		Addr: [4]uint32{binary.LittleEndian.Uint32([]byte{198, 18, 0, 11})}, Port: be16(8080), Af: afInet}
	if got != want {
		t.Errorf("IPv4 connection carried over as\n%+v, want\n%+v", got, want)
	}
	if err := d.objs.Conns.Lookup(key6, &got); err != nil {
		t.Fatalf("IPv6 connection not carried over: %v", err)
	}
	if got.DestId != 4 || got.SvcId != 9 || got.Expires != 42 {
		t.Errorf("IPv6 connection carried over as %+v: want dest 4, service 9 (swapped members)", got)
	}
	var counts xvsXvsConnCounts
	if err := d.objs.ConnStarted.Lookup(uint32(7), &counts); err != nil || counts.Active != 1 || counts.Inactive != 2 {
		t.Errorf("counts carried over as %+v (%v)", counts, err)
	}
	if d.objs.ConnStarted.MaxEntries() != spec.Maps["conn_started"].MaxEntries {
		t.Errorf("conn_started keeps %d slots", d.objs.ConnStarted.MaxEntries())
	}

	// A second load finds nothing stale and keeps the pins as they are.
	d.objs.Close()
	d2 := &Datapath{cfg: Config{PinPath: pin, Logf: t.Logf}}
	if err := d2.load(); err != nil {
		t.Fatal(err)
	}
	defer d2.objs.Close()
	if err := d2.objs.Conns4.Lookup(key4, &got); err != nil {
		t.Fatalf("after a second load: %v", err)
	}
}

// TestUpgradeMovesIPv4Addresses: an older datapath kept IPv4 addresses in
// addrs; the load moves them to addrs4 before the new program runs, keeps
// the IPv6 ones, and the stale entries go once it runs. A later load reads
// addrs4 and ignores IPv4 entries left in addrs.
func TestUpgradeMovesIPv4Addresses(t *testing.T) {
	pin, spec := upgradeRig(t)
	old, err := ebpf.NewMapWithOptions(spec.Maps["addrs"], ebpf.MapOptions{PinPath: pin})
	if err != nil {
		t.Fatal(err)
	}
	k4 := addrKey(uint16(afInet), vip4)
	k6 := addrKey(uint16(afInet6), vip6)
	if err := old.Put(k4, uint32(xvsAddrVIP)); err != nil {
		t.Fatal(err)
	}
	if err := old.Put(k6, uint32(xvsAddrNATRIP)); err != nil {
		t.Fatal(err)
	}
	old.Close()

	open := func() *Datapath {
		d := &Datapath{cfg: Config{PinPath: pin, Logf: t.Logf}}
		if err := d.load(); err != nil {
			t.Fatal(err)
		}
		st := newTables()
		if err := d.loadAddrs(&st); err != nil {
			t.Fatal(err)
		}
		if st.addrs[k4] != xvsAddrVIP || st.addrs[k6] != xvsAddrNATRIP || len(st.addrs) != 2 {
			t.Errorf("addresses read as %v", st.addrs)
		}
		return d
	}
	d := open()
	var f uint32
	if err := d.objs.Addrs4.Lookup(k4.Addr[0], &f); err != nil || f != xvsAddrVIP {
		t.Errorf("IPv4 address not moved to addrs4: %d %v", f, err)
	}
	if err := d.dropLegacyAddrs4(); err != nil {
		t.Fatal(err)
	}
	if err := d.objs.Addrs.Lookup(k4, &f); err == nil {
		t.Errorf("the IPv4 entry stayed in addrs")
	}
	if err := d.objs.Addrs.Lookup(k6, &f); err != nil {
		t.Errorf("the IPv6 entry left addrs: %v", err)
	}
	// A stale IPv4 entry in addrs is not read back on the next load.
	if err := d.objs.Addrs.Put(addrKey(uint16(afInet), rip4), uint32(xvsAddrVIP)); err != nil {
		t.Fatal(err)
	}
	d.objs.Close()
	open().objs.Close()
}
