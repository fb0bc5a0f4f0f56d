package datapath

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/cilium/ebpf"

	"xvs/internal/model"
)

// SetMarkRules loads xvs's mark rules: one LPM entry per destination prefix
// with its rules in order, and the count that switches the lookup on.
func (d *Datapath) SetMarkRules(rules []model.MarkRule) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	byPrefix := map[netip.Prefix][]model.MarkRule{}
	var order []netip.Prefix
	for _, r := range rules {
		if _, ok := byPrefix[r.Prefix]; !ok {
			order = append(order, r.Prefix)
		}
		byPrefix[r.Prefix] = append(byPrefix[r.Prefix], r)
	}
	want := map[xvsXvsMarkKey]xvsXvsMarkRules{}
	for _, p := range order {
		rs := byPrefix[p]
		if len(rs) > len(xvsXvsMarkRules{}.R) {
			return fmt.Errorf("datapath: more than %d mark rules for %s", len(xvsXvsMarkRules{}.R), p)
		}
		var v xvsXvsMarkRules
		v.N = uint32(len(rs))
		for i, r := range rs {
			v.R[i] = xvsXvsMarkRule{Proto: r.Protocol, PortLo: r.PortLo, PortHi: r.PortHi, Mark: r.Mark}
		}
		want[markKey(p)] = v
	}
	for k, v := range want {
		if err := d.objs.MarkRules.Put(k, v); err != nil {
			return fmt.Errorf("datapath: mark rules: %w", err)
		}
	}
	for k := range d.marks {
		if _, ok := want[k]; !ok {
			if err := d.objs.MarkRules.Delete(k); err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
				return fmt.Errorf("datapath: mark rules: %w", err)
			}
		}
	}
	d.marks = want
	return d.objs.Settings.Put(uint32(0), uint32(len(rules)))
}

func markKey(p netip.Prefix) xvsXvsMarkKey {
	af := afInet
	if p.Addr().Is6() {
		af = afInet6
	}
	return xvsXvsMarkKey{Prefixlen: uint32(32 + p.Bits()), Af: af, Addr: addrWords(p.Addr())}
}

// loadMarks reads the pinned mark rules back (restart).
func (d *Datapath) loadMarks() error {
	d.marks = map[xvsXvsMarkKey]xvsXvsMarkRules{}
	var k xvsXvsMarkKey
	var v xvsXvsMarkRules
	it := d.objs.MarkRules.Iterate()
	for it.Next(&k, &v) {
		d.marks[k] = v
	}
	return it.Err()
}
