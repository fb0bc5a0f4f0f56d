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
// addrs the IPv6 ones. The state keeps both under xvsXvsAddrKey.

// pinIsNew says whether the load about to happen creates map name: what is
// pinned comes from a datapath without it.
func (d *Datapath) pinIsNew(name string) bool {
	_, err := os.Stat(filepath.Join(d.cfg.PinPath, name))
	return errors.Is(err, os.ErrNotExist)
}

func addr4Key(k xvsXvsAddrKey) uint32 { return k.Addr[0] }

func (d *Datapath) addrPut(k xvsXvsAddrKey, f uint32) error {
	if k.Af == afInet {
		return d.objs.Addrs4.Put(addr4Key(k), f)
	}
	return d.objs.Addrs.Put(k, f)
}

func (d *Datapath) addrDelete(k xvsXvsAddrKey) error {
	if k.Af == afInet {
		return d.objs.Addrs4.Delete(addr4Key(k))
	}
	return d.objs.Addrs.Delete(k)
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
	if d.addrs4Created {
		return nil
	}
	var a uint32
	it4 := d.objs.Addrs4.Iterate()
	for it4.Next(&a, &f) {
		st.addrs[xvsXvsAddrKey{Addr: [4]uint32{a}, Af: afInet}] = f
	}
	if err := it4.Err(); err != nil {
		return fmt.Errorf("datapath: read IPv4 addresses: %w", err)
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
