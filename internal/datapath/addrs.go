package datapath

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cilium/ebpf"
)

// The addresses the datapath looks at (VIPs, NAT real servers) live in two
// maps: addrs4 holds IPv4 addresses by a 4-byte key, which the lookup every
// packet makes hashes in a quarter of the work of addrs's 20-byte key, and
// addrs the IPv6 ones; addr_slots fronts addrs4 (most packets need no hash
// lookup at all). The state keeps both under xvsXvsAddrKey.

// pinIsNew says whether the load about to happen creates map name: what is
// pinned comes from a datapath without it.
func (d *Datapath) pinIsNew(name string) bool {
	_, err := os.Stat(filepath.Join(d.cfg.PinPath, name))
	return errors.Is(err, os.ErrNotExist)
}

func addr4Key(k xvsXvsAddrKey) uint32 { return k.Addr[0] }

// addr_slots (bpf/xvs_maps.h) fronts addrs4: a slot holds the one address
// that falls there, or says that two do.
const xvsAddrShared = 0x80000000 // XVS_ADDR_SHARED

// addrSlot is XVS_ADDR_SLOT.
func addrSlot(a uint32) uint32 { return (a * 2654435761) >> 16 }

func (d *Datapath) addrPut(k xvsXvsAddrKey, f uint32) error {
	if k.Af != afInet {
		return d.objs.Addrs.Put(k, f)
	}
	a := addr4Key(k)
	if err := d.objs.Addrs4.Put(a, f); err != nil {
		return err
	}
	return d.setSlot(a, f, true) // after addrs4: a shared slot sends lookups there
}

func (d *Datapath) addrDelete(k xvsXvsAddrKey) error {
	if k.Af != afInet {
		return d.objs.Addrs.Delete(k)
	}
	a := addr4Key(k)
	if err := d.setSlot(a, 0, false); err != nil { // before addrs4: the slot stops naming it first
		return err
	}
	return d.objs.Addrs4.Delete(a)
}

// setSlot records that address a has flags f (or is gone) and rewrites its
// slot.
func (d *Datapath) setSlot(a, f uint32, present bool) error {
	if d.slots == nil {
		d.slots = map[uint32]map[uint32]uint32{}
	}
	i := addrSlot(a)
	m := d.slots[i]
	if m == nil {
		m = map[uint32]uint32{}
		d.slots[i] = m
	}
	if present {
		m[a] = f
	} else {
		delete(m, a)
	}
	var v xvsXvsAddrSlot
	switch len(m) {
	case 0:
		delete(d.slots, i)
	case 1:
		for a, f := range m {
			v = xvsXvsAddrSlot{Addr: a, Flags: f}
		}
	default:
		v.Flags = xvsAddrShared
	}
	return d.objs.AddrSlots.Put(i, v)
}

// loadAddrs reads the pinned addresses into st. IPv4 addresses an older
// datapath kept in addrs move to a new addrs4 here, before the new program
// runs (the old one reads them where they were until Attach swaps it out;
// dropLegacyAddrs4 removes them then).
func (d *Datapath) loadAddrs(st *tables) error {
	var k xvsXvsAddrKey
	var f uint32
	it := d.objs.Addrs.Iterate()
	for it.Next(&k, &f) {
		if k.Af != afInet {
			st.addrs[k] = f
			continue
		}
		if !d.addrs4Created {
			continue // left behind by an upgrade: addrs4 has the current ones
		}
		if err := d.objs.Addrs4.Put(addr4Key(k), f); err != nil {
			return fmt.Errorf("datapath: move IPv4 addresses: %w", err)
		}
		st.addrs[k] = f
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("datapath: read addresses: %w", err)
	}
	if !d.addrs4Created {
		var a uint32
		it4 := d.objs.Addrs4.Iterate()
		for it4.Next(&a, &f) {
			st.addrs[xvsXvsAddrKey{Addr: [4]uint32{a}, Af: afInet}] = f
		}
		if err := it4.Err(); err != nil {
			return fmt.Errorf("datapath: read IPv4 addresses: %w", err)
		}
	}
	return d.writeSlots(st)
}

// writeSlots makes addr_slots say what st's IPv4 addresses say (a new map is
// empty: every address would read as not ours), before the program runs.
func (d *Datapath) writeSlots(st *tables) error {
	d.slots = nil
	for k, f := range st.addrs {
		if k.Af == afInet {
			if err := d.setSlot(addr4Key(k), f, true); err != nil {
				return fmt.Errorf("datapath: address slots: %w", err)
			}
		}
	}
	return nil
}

// dropLegacyAddrs4 deletes the IPv4 entries of addrs an older datapath
// wrote, once its program no longer runs.
func (d *Datapath) dropLegacyAddrs4() error {
	var stale []xvsXvsAddrKey
	var k xvsXvsAddrKey
	var f uint32
	it := d.objs.Addrs.Iterate()
	for it.Next(&k, &f) {
		if k.Af == afInet {
			stale = append(stale, k)
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("datapath: read addresses: %w", err)
	}
	for _, k := range stale {
		if err := d.objs.Addrs.Delete(k); err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
			return fmt.Errorf("datapath: addresses: %w", err)
		}
	}
	return nil
}
