package datapath

import (
	"errors"

	"github.com/cilium/ebpf"
)

// The connection table is two maps: conns4 (IPv4, 16-byte keys) and conns
// (IPv6). These helpers give xvsd one table with the 40-byte key.

func toKey4(k *xvsXvsConnKey) xvsXvsConnKey4 {
	return xvsXvsConnKey4{Saddr: k.Saddr[0], Daddr: k.Daddr[0], Sport: k.Sport, Dport: k.Dport, Proto: k.Proto}
}

func fromKey4(k4 *xvsXvsConnKey4) xvsXvsConnKey {
	return xvsXvsConnKey{Saddr: [4]uint32{k4.Saddr}, Daddr: [4]uint32{k4.Daddr}, Sport: k4.Sport, Dport: k4.Dport,
		Af: afInet, Proto: k4.Proto}
}

func (d *Datapath) connLookup(k *xvsXvsConnKey, v *xvsXvsConn) error {
	if k.Af == afInet {
		k4 := toKey4(k)
		return d.objs.Conns4.Lookup(&k4, v)
	}
	return d.objs.Conns.Lookup(k, v)
}

func (d *Datapath) connUpdate(k *xvsXvsConnKey, v *xvsXvsConn, flags ebpf.MapUpdateFlags) error {
	if k.Af == afInet {
		k4 := toKey4(k)
		return d.objs.Conns4.Update(&k4, v, flags)
	}
	return d.objs.Conns.Update(k, v, flags)
}

func (d *Datapath) connDelete(k *xvsXvsConnKey) error {
	if k.Af == afInet {
		k4 := toKey4(k)
		return d.objs.Conns4.Delete(&k4)
	}
	return d.objs.Conns.Delete(k)
}

func (d *Datapath) connLookupAndDelete(k *xvsXvsConnKey, v *xvsXvsConn) error {
	if k.Af == afInet {
		k4 := toKey4(k)
		return d.objs.Conns4.LookupAndDelete(&k4, v)
	}
	return d.objs.Conns.LookupAndDelete(k, v)
}

// forEachConn calls fn for every entry of both tables, reading them in
// batches of 4096 (one system call each instead of one per entry: a
// million connections are read in a fraction of a second).
func (d *Datapath) forEachConn(fn func(k *xvsXvsConnKey, v *xvsXvsConn)) error {
	if err := forEachBatch(d.objs.Conns4, func(k4 *xvsXvsConnKey4, v *xvsXvsConn) {
		k := fromKey4(k4)
		fn(&k, v)
	}); err != nil {
		return err
	}
	return forEachBatch(d.objs.Conns, fn)
}

// forEachBatch calls fn for every entry of m, read 4096 at a time (the
// kernel's batch lookup; entry by entry where it has none).
func forEachBatch[K, V any](m *ebpf.Map, fn func(k *K, v *V)) error {
	const batch = 4096
	keys := make([]K, batch)
	vals := make([]V, batch)
	var cursor ebpf.MapBatchCursor
	for {
		n, err := m.BatchLookup(&cursor, keys, vals, nil)
		for i := 0; i < n; i++ {
			fn(&keys[i], &vals[i])
		}
		if errors.Is(err, ebpf.ErrKeyNotExist) {
			return nil // the end of the table
		}
		if errors.Is(err, ebpf.ErrNotSupported) {
			var k K
			var v V
			it := m.Iterate()
			for it.Next(&k, &v) {
				fn(&k, &v)
			}
			return it.Err()
		}
		if err != nil {
			return err
		}
	}
}
