package datapath

import (
	"errors"

	"github.com/cilium/ebpf"
)

// forEachConn calls fn for every entry of the connection table, reading it
// in batches of 4096 (one system call each instead of one per entry: a
// million connections are read in a fraction of a second).
func (d *Datapath) forEachConn(fn func(k *xvsXvsConnKey, v *xvsXvsConn)) error {
	const batch = 4096
	keys := make([]xvsXvsConnKey, batch)
	vals := make([]xvsXvsConn, batch)
	var cursor ebpf.MapBatchCursor
	for {
		n, err := d.objs.Conns.BatchLookup(&cursor, keys, vals, nil)
		for i := 0; i < n; i++ {
			fn(&keys[i], &vals[i])
		}
		if errors.Is(err, ebpf.ErrKeyNotExist) {
			return nil // the end of the table
		}
		if errors.Is(err, ebpf.ErrNotSupported) {
			return d.forEachConnSlow(fn)
		}
		if err != nil {
			return err
		}
	}
}

func (d *Datapath) forEachConnSlow(fn func(k *xvsXvsConnKey, v *xvsXvsConn)) error {
	var k xvsXvsConnKey
	var v xvsXvsConn
	it := d.objs.Conns.Iterate()
	for it.Next(&k, &v) {
		fn(&k, &v)
	}
	return it.Err()
}
