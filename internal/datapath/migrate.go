package datapath

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
)

// An upgrade of xvsd may change the layout of a pinned map. Such a map is
// replaced; the connection tables and their counts (carriedMaps) keep their
// entries across the change: each member of the new key and value layout
// takes the bytes of the old member of the same name and size (found through
// the BTF the old datapath loaded with its maps), and a new member starts at
// zero. The destinations are carried too: they tell which ids are live, so
// that xvsd does not take them for new ones (whose counts start from zero).
// The other maps are configuration xvsd writes again from its table, or
// counters, which start again from zero.
var carriedMaps = []string{"conns", "conns4", "conn_started", "conn_ended", "dests"}

// carried holds a replaced map's entries, already in the new layout.
type carried struct {
	name         string
	keys, values [][]byte
}

// replacedMap is a carried map the old program still writes until Attach
// swaps the new one in: what it wrote meanwhile is taken over then.
type replacedMap struct {
	name string
	spec *ebpf.MapSpec
	old  *ebpf.Map
	at   carried // what was carried at load
}

// replaceStalePins removes the pins of maps whose layout differs from spec's,
// and returns the entries of carriedMaps among them, converted.
func (d *Datapath) replaceStalePins(spec *ebpf.CollectionSpec) ([]carried, error) {
	var out []carried
	for name, ms := range spec.Maps {
		if ms.Pinning != ebpf.PinByName {
			continue
		}
		path := filepath.Join(d.cfg.PinPath, name)
		old, err := ebpf.LoadPinnedMap(path, nil)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("datapath: pinned map %s: %w", name, err)
		}
		why := staleLayout(ms, old)
		if why == "" {
			old.Close()
			continue
		}
		kept := false
		if slices.Contains(carriedMaps, name) {
			c, err := convertEntries(name, ms, old)
			if err != nil {
				d.logf("pinned map %s changed layout (%s) and cannot be carried over (%v): its entries are dropped", name, why, err)
			} else {
				d.logf("pinned map %s changed layout (%s): carrying its %d entries over", name, why, len(c.keys))
				out = append(out, c)
				d.replaced = append(d.replaced, replacedMap{name: name, spec: ms, old: old, at: c})
				kept = true
			}
		} else {
			d.logf("pinned map %s changed layout (%s): replacing it", name, why)
		}
		if !kept {
			old.Close()
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("datapath: %w", err)
		}
	}
	return out, nil
}

// catchUp takes over, once the new program runs, what the old one wrote
// into replaced maps after they were carried: connections it started
// (added where the new program has no entry of its own) and the counts it
// moved (conn_started: the difference is added).
func (d *Datapath) catchUp() error {
	maps := d.carriedTargets()
	var errs []error
	for _, r := range d.replaced {
		now, err := convertEntries(r.name, r.spec, r.old)
		if err != nil {
			errs = append(errs, fmt.Errorf("datapath: take over %s: %w", r.name, err))
			continue
		}
		m := maps[r.name]
		switch r.name {
		case "conn_started":
			errs = append(errs, addCountDeltas(m, r.at, now))
			continue
		case "conn_ended", "dests":
			continue // written by xvsd alone, never by the old program
		}
		n := 0
		for i := range now.keys {
			if err := m.Update(now.keys[i], now.values[i], ebpf.UpdateNoExist); err == nil {
				n++
			}
		}
		if n > 0 {
			d.logf("%s: took over %d entries the old program made while this one loaded", r.name, n)
		}
	}
	for _, r := range d.replaced {
		r.old.Close()
	}
	d.replaced = nil
	return errors.Join(errs...)
}

// addCountDeltas adds to m what each count moved between two readings.
func addCountDeltas(m *ebpf.Map, at, now carried) error {
	before := map[string][]byte{}
	for i := range at.keys {
		before[string(at.keys[i])] = at.values[i]
	}
	for i := range now.keys {
		delta := countsOf(now.values[i]).minus(countsOf(before[string(now.keys[i])]))
		if delta == (xvsXvsConnCounts{}) {
			continue
		}
		var cur xvsXvsConnCounts
		if err := m.Lookup(now.keys[i], &cur); err != nil {
			return fmt.Errorf("datapath: take over connection counts: %w", err)
		}
		cur.Active += delta.Active
		cur.Inactive += delta.Inactive
		cur.Persist += delta.Persist
		if err := m.Put(now.keys[i], cur); err != nil {
			return fmt.Errorf("datapath: take over connection counts: %w", err)
		}
	}
	return nil
}

func countsOf(b []byte) xvsXvsConnCounts {
	var c xvsXvsConnCounts
	if len(b) >= 12 {
		c.Active = binary.NativeEndian.Uint32(b[0:])
		c.Inactive = binary.NativeEndian.Uint32(b[4:])
		c.Persist = binary.NativeEndian.Uint32(b[8:])
	}
	return c
}

func (c xvsXvsConnCounts) minus(o xvsXvsConnCounts) xvsXvsConnCounts {
	return xvsXvsConnCounts{Active: c.Active - o.Active, Inactive: c.Inactive - o.Inactive, Persist: c.Persist - o.Persist}
}

func (d *Datapath) carriedTargets() map[string]*ebpf.Map {
	return map[string]*ebpf.Map{"conns": d.objs.Conns, "conns4": d.objs.Conns4,
		"conn_started": d.objs.ConnStarted, "conn_ended": d.objs.ConnEnded, "dests": d.objs.Dests}
}

// writeCarried puts carried entries into the freshly loaded maps.
func (d *Datapath) writeCarried(cs []carried, maps map[string]*ebpf.Map) error {
	for _, c := range cs {
		m := maps[c.name]
		if m == nil {
			continue
		}
		for i := range c.keys {
			if err := m.Put(c.keys[i], c.values[i]); err != nil {
				return fmt.Errorf("datapath: carry %s over: %w", c.name, err)
			}
		}
	}
	return nil
}

// staleLayout says why a pinned map cannot serve as spec's map ("" if it
// can): what MapSpec.Compatible checks, and the members of its key and value
// (a reordered struct of the same size is a different layout too).
func staleLayout(ms *ebpf.MapSpec, old *ebpf.Map) string {
	if err := ms.Compatible(old); err != nil {
		return err.Error()
	}
	oldKey, oldValue, err := pinnedTypes(old, ms)
	if err != nil {
		return "" // no BTF to compare: sizes agree, take it as it is
	}
	if oldKey != nil && !sameLayout(oldKey, ms.Key) {
		return "key members changed"
	}
	if oldValue != nil && !sameLayout(oldValue, ms.Value) {
		return "value members changed"
	}
	return ""
}

// pinnedTypes finds the old map's key and value types by the names of
// spec's, in the BTF the map was created with.
func pinnedTypes(old *ebpf.Map, ms *ebpf.MapSpec) (key, value btf.Type, err error) {
	info, err := old.Info()
	if err != nil {
		return nil, nil, err
	}
	id, ok := info.BTFID()
	if !ok {
		return nil, nil, errors.New("no BTF")
	}
	h, err := btf.NewHandleFromID(id)
	if err != nil {
		return nil, nil, err
	}
	defer h.Close()
	spec, err := h.Spec(nil)
	if err != nil {
		return nil, nil, err
	}
	find := func(t btf.Type) (btf.Type, error) {
		if _, isStruct := btf.UnderlyingType(t).(*btf.Struct); !isStruct {
			return nil, nil // an integer or array: compared by size alone
		}
		return spec.AnyTypeByName(t.TypeName())
	}
	if key, err = find(ms.Key); err != nil {
		return nil, nil, err
	}
	if value, err = find(ms.Value); err != nil {
		return nil, nil, err
	}
	return key, value, nil
}

// member is a struct member's place.
type member struct{ off, size int }

// members lists a struct's members by name; ok is false for a type that is
// not a struct or has bitfields.
func members(t btf.Type) (map[string]member, int, bool) {
	size, err := btf.Sizeof(t)
	if err != nil {
		return nil, 0, false
	}
	s, isStruct := btf.UnderlyingType(t).(*btf.Struct)
	if !isStruct {
		return nil, size, false
	}
	out := make(map[string]member, len(s.Members))
	for _, m := range s.Members {
		msize, err := btf.Sizeof(m.Type)
		if err != nil || m.BitfieldSize != 0 || m.Offset%8 != 0 || m.Name == "" {
			return nil, size, false
		}
		out[m.Name] = member{off: int(m.Offset / 8), size: msize}
	}
	return out, size, true
}

func sameLayout(a, b btf.Type) bool {
	am, as, aok := members(a)
	bm, bs, bok := members(b)
	if as != bs || aok != bok {
		return false
	}
	if len(am) != len(bm) {
		return false
	}
	for name, m := range am {
		if bm[name] != m {
			return false
		}
	}
	return true
}

// converter turns a value of type from (fromSize bytes; nil: not a struct)
// into one of type to, member by member name. What is not a struct converts
// only to the same size, unchanged.
func converter(from btf.Type, fromSize int, to btf.Type) (func([]byte) []byte, error) {
	tm, tsize, tok := members(to)
	fm, _, fok := members(from)
	if from == nil || !fok || !tok {
		if fromSize != tsize || from != nil && fok != tok {
			return nil, fmt.Errorf("%d bytes do not convert to %v", fromSize, to)
		}
		return func(b []byte) []byte { return b }, nil
	}
	type move struct{ from, to, size int }
	var moves []move
	for name, t := range tm {
		if f, ok := fm[name]; ok && f.size == t.size {
			moves = append(moves, move{f.off, t.off, t.size})
		}
	}
	if len(moves) == 0 {
		return nil, fmt.Errorf("%v and %v share no member", from, to)
	}
	return func(b []byte) []byte {
		out := make([]byte, tsize)
		for _, m := range moves {
			if m.from+m.size <= len(b) {
				copy(out[m.to:m.to+m.size], b[m.from:m.from+m.size])
			}
		}
		return out
	}, nil
}

// convertEntries reads every entry of the old map into spec's layout.
func convertEntries(name string, ms *ebpf.MapSpec, old *ebpf.Map) (carried, error) {
	c := carried{name: name}
	oldKey, oldValue, err := pinnedTypes(old, ms)
	if err != nil {
		return c, err
	}
	convKey, err := converter(oldKey, int(old.KeySize()), ms.Key)
	if err != nil {
		return c, fmt.Errorf("key: %w", err)
	}
	convValue, err := converter(oldValue, int(old.ValueSize()), ms.Value)
	if err != nil {
		return c, fmt.Errorf("value: %w", err)
	}
	var k, v []byte
	it := old.Iterate()
	for it.Next(&k, &v) {
		if ms.Type == ebpf.Array && zeroBytes(v) {
			continue // an array's untouched slot: nothing to carry
		}
		c.keys = append(c.keys, convKey(slices.Clone(k)))
		c.values = append(c.values, convValue(slices.Clone(v)))
		if uint32(len(c.keys)) >= ms.MaxEntries {
			break // a smaller table keeps what fits
		}
	}
	return c, it.Err()
}

func zeroBytes(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}
