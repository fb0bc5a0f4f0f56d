package model

import (
	"fmt"
	"net/netip"
	"slices"
	"syscall"
	"time"
)

// Table is the whole IPVS configuration: services in the order they were
// added, global timeouts, running sync daemons and the destination trash.
// Every mutating method validates completely before it changes anything, so
// a refused operation leaves the table exactly as it was.
type Table struct {
	Services []*Service    `json:"services"`
	Timeouts Timeouts      `json:"timeouts"`
	Daemons  []SyncDaemon  `json:"daemons"`
	Trash    []TrashedDest `json:"trash"`
	// MarkRules mark packets for fwmark services (xvs's own, see MarkRule).
	MarkRules []MarkRule `json:"mark_rules,omitempty"`

	index   map[ServiceKey]*Service
	trashAt map[trashKey]int // position in Trash
	svcIDs  idAlloc
	destIDs idAlloc
	// Now is the clock (the trash expires against it); tests replace it.
	Now func() time.Time `json:"-"`
	// SchedulerKnown tells whether a scheduler module exists.
	SchedulerKnown func(name string) bool `json:"-"`
	// InterfaceMTU looks up a network interface for the sync daemon.
	InterfaceMTU func(name string) (int, error) `json:"-"`
	// LocalAddrs lists the director's addresses with their prefix lengths
	// (which destination addresses the kernel refuses depends on them).
	LocalAddrs func() []netip.Prefix `json:"-"`
}

// TrashedDest is a deleted destination, kept while connections still use
// it and DestTrashSeconds after that: re-adding it to the same service
// revives it with its counters (ip_vs_trash_get_dest), and its id is not
// handed out again while connections of it live.
type TrashedDest struct {
	Service ServiceKey `json:"service"`
	Dest    Dest       `json:"dest"`
	Since   time.Time  `json:"since"` // deleted, or last seen in use by a connection
}

// trashKey is what a trashed destination is found by: its service and its own key.
type trashKey struct {
	svc  ServiceKey // canonical
	dest DestKey
}

func (td *TrashedDest) key() trashKey { return trashKey{canonical(td.Service), td.Dest.DestKey} }

// NewTable returns an empty table with the kernel's defaults.
func NewTable() *Table {
	t := &Table{Timeouts: DefaultTimeouts()}
	t.reindex()
	return t
}

func (t *Table) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

// canonical drops the fields that do not identify a service, so keys can be map keys.
func canonical(k ServiceKey) ServiceKey {
	if k.IsFWMark() {
		return ServiceKey{AF: k.AF, FWMark: k.FWMark}
	}
	return ServiceKey{AF: k.AF, Protocol: k.Protocol, Addr: k.Addr, Port: k.Port}
}

// reindex rebuilds the lookup index and the id allocators from the exported
// fields (after a restore from disk or a clone).
func (t *Table) reindex() {
	t.index = make(map[ServiceKey]*Service, len(t.Services))
	t.svcIDs, t.destIDs = newIDAlloc(), newIDAlloc()
	for _, s := range t.Services {
		t.index[canonical(s.ServiceKey)] = s
		t.svcIDs.take(s.ID)
		for _, d := range s.Dests {
			t.destIDs.take(d.ID)
		}
	}
	for _, td := range t.Trash {
		t.destIDs.take(td.Dest.ID)
	}
	t.reindexTrash()
}

func (t *Table) reindexTrash() {
	t.trashAt = make(map[trashKey]int, len(t.Trash))
	for i := range t.Trash {
		t.trashAt[t.Trash[i].key()] = i
	}
}

// Service finds a service by key.
func (t *Table) Service(k ServiceKey) *Service {
	if t.index == nil {
		t.reindex()
	}
	return t.index[canonical(k)]
}

// Clone returns a deep copy (hooks included) so a caller can try a change and roll back.
func (t *Table) Clone() *Table {
	c := *t
	c.Services = make([]*Service, len(t.Services))
	for i, s := range t.Services {
		c.Services[i] = s.clone()
	}
	c.Daemons = slices.Clone(t.Daemons)
	c.Trash = slices.Clone(t.Trash)
	c.MarkRules = slices.Clone(t.MarkRules)
	c.reindex()
	return &c
}

func (s *Service) clone() *Service {
	c := *s
	c.Dests = make([]*Dest, len(s.Dests))
	for i, d := range s.Dests {
		dc := *d
		c.Dests[i] = &dc
	}
	return &c
}

func (t *Table) schedulerKnown(name string) bool {
	if t.SchedulerKnown == nil {
		return true
	}
	return t.SchedulerKnown(name)
}

// checkServiceConfig is what ip_vs_add_service/ip_vs_edit_service refuse.
func (t *Table) checkServiceConfig(op Op, c *ServiceConfig) error {
	if c.Scheduler != "none" && !t.schedulerKnown(c.Scheduler) {
		return fail(op, syscall.ENOENT)
	}
	if c.PE != "" && c.PE != "sip" {
		return fail(op, syscall.ENOENT)
	}
	if c.AF == AFInet6 && (c.Netmask < 1 || c.Netmask > 128) {
		return fail(op, syscall.EINVAL)
	}
	return nil
}

func checkAF(op Op, af uint16, addr netip.Addr, fwmark bool) error {
	switch af {
	case AFInet:
		if !fwmark && !addr.Is4() {
			return fail(op, syscall.EAFNOSUPPORT)
		}
	case AFInet6:
		// IPv4-mapped addresses are IPv6 addresses like any other here.
		if !fwmark && !addr.Is6() {
			return fail(op, syscall.EAFNOSUPPORT)
		}
	default:
		return fail(op, syscall.EAFNOSUPPORT)
	}
	return nil
}

func checkProtocol(op Op, k ServiceKey) error {
	if k.IsFWMark() {
		return nil
	}
	switch k.Protocol {
	case ProtoTCP, ProtoUDP, ProtoSCTP:
		return nil
	}
	return fail(op, syscall.EFAULT)
}

// AddService adds a virtual service (ipvsadm -A).
func (t *Table) AddService(c ServiceConfig) (*Service, error) {
	if err := checkAF(OpAddService, c.AF, c.Addr, c.IsFWMark()); err != nil {
		return nil, err
	}
	if err := checkProtocol(OpAddService, c.ServiceKey); err != nil {
		return nil, err
	}
	if t.Service(c.ServiceKey) != nil {
		return nil, fail(OpAddService, syscall.EEXIST)
	}
	if err := t.checkServiceConfig(OpAddService, &c); err != nil {
		return nil, err
	}
	if c.IsFWMark() {
		c.Addr, c.Port = netip.Addr{}, 0
	}
	c.Flags |= SvcHashed
	s := &Service{ServiceConfig: c, ID: t.svcIDs.alloc()}
	t.Services = append(t.Services, s)
	t.index[canonical(c.ServiceKey)] = s
	return s, nil
}

// EditService replaces a service's attributes (ipvsadm -E).
func (t *Table) EditService(c ServiceConfig) error {
	s := t.Service(c.ServiceKey)
	if s == nil {
		return fail(OpEditService, syscall.ESRCH)
	}
	if err := t.checkServiceConfig(OpEditService, &c); err != nil {
		return err
	}
	s.Scheduler, s.PE, s.Timeout, s.Netmask = c.Scheduler, c.PE, c.Timeout, c.Netmask
	s.Flags = c.Flags | SvcHashed
	return nil
}

// DelService deletes a service; its destinations go to the trash.
func (t *Table) DelService(k ServiceKey) error {
	s := t.Service(k)
	if s == nil {
		return fail(OpDelService, syscall.ESRCH)
	}
	t.removeService(s)
	return nil
}

func (t *Table) removeService(s *Service) {
	for _, d := range s.Dests {
		t.trash(s, d)
	}
	t.Services = slices.DeleteFunc(t.Services, func(x *Service) bool { return x == s })
	delete(t.index, canonical(s.ServiceKey))
	t.svcIDs.free(s.ID)
}

// Flush deletes every service (ipvsadm -C), newest first as one by one
// would, in one pass.
func (t *Table) Flush() {
	if t.trashAt == nil {
		t.reindex() // before any id is freed: reindex takes every id in use
	}
	for i := len(t.Services) - 1; i >= 0; i-- {
		s := t.Services[i]
		for _, d := range s.Dests {
			t.trash(s, d)
		}
		t.svcIDs.free(s.ID)
	}
	t.Services = nil
	clear(t.index)
}

func (t *Table) trash(s *Service, d *Dest) {
	if t.trashAt == nil {
		t.reindex()
	}
	t.Trash = append(t.Trash, TrashedDest{Service: canonical(s.ServiceKey), Dest: *d, Since: t.now()})
	t.trashAt[t.Trash[len(t.Trash)-1].key()] = len(t.Trash) - 1
}

// TrashIDs are the ids of the destinations in the trash.
func (t *Table) TrashIDs() []uint32 {
	ids := make([]uint32, len(t.Trash))
	for i := range t.Trash {
		ids[i] = t.Trash[i].Dest.ID
	}
	return ids
}

// ExpireTrash forgets destinations idle in the trash for DestTrashSeconds,
// as ip_vs_dest_trash_expire does: one that inUse says connections still
// refer to starts its idle time again.
func (t *Table) ExpireTrash(inUse func(id uint32) bool) {
	now := t.now()
	limit := now.Add(-DestTrashSeconds * time.Second)
	n := len(t.Trash)
	t.Trash = slices.DeleteFunc(t.Trash, func(td TrashedDest) bool {
		if td.Since.Before(limit) {
			t.destIDs.free(td.Dest.ID)
			return true
		}
		return false
	})
	if len(t.Trash) != n {
		t.reindexTrash()
	}
	for i := range t.Trash {
		if inUse != nil && inUse(t.Trash[i].Dest.ID) {
			t.Trash[i].Since = now
		}
	}
}

// normalizeDest applies the rules ipvsadm and the kernel apply before a
// destination is looked up: DR and TUN cannot change the port.
func normalizeDest(s *Service, d *DestConfig) {
	if d.AF == 0 {
		d.AF = s.AF
	}
	if !s.IsFWMark() && (d.Fwd == FwdRoute || d.Fwd == FwdTunnel) {
		d.Port = s.Port
	}
	if d.Fwd != FwdTunnel {
		d.TunType, d.TunPort, d.TunFlags = 0, 0, 0
	}
}

// checkDest is what ip_vs_genl_set_cmd and ip_vs_add_dest/ip_vs_edit_dest refuse.
func (t *Table) checkDest(op Op, s *Service, d *DestConfig) error {
	if err := checkAF(op, d.AF, d.Addr, false); err != nil {
		return err
	}
	if d.AF != s.AF {
		// The sync protocol cannot carry mixed families; only tunnels can forward them.
		if len(t.Daemons) > 0 || d.Fwd != FwdTunnel {
			return fail(op, syscall.EINVAL)
		}
	}
	switch d.Fwd {
	case FwdMasq, FwdLocal, FwdTunnel, FwdRoute:
	default:
		return fail(op, syscall.EINVAL)
	}
	if d.Weight < 0 || d.LThreshold > d.UThreshold {
		return fail(op, syscall.ERANGE)
	}
	if d.Fwd == FwdTunnel {
		if d.TunType > TunGRE || d.TunFlags&^(TunFlagCsum|TunFlagRemCsum) != 0 {
			return fail(op, syscall.EINVAL)
		}
		if d.TunType == TunGUE && d.TunPort == 0 {
			return fail(op, syscall.EINVAL)
		}
	}
	return nil
}

func findDest(s *Service, k DestKey) int {
	return slices.IndexFunc(s.Dests, func(d *Dest) bool { return d.DestKey == k })
}

// AddDest adds a destination at the head of the service's list (ipvsadm -a),
// reviving it from the trash when it was deleted recently.
func (t *Table) AddDest(k ServiceKey, d DestConfig) (*Dest, error) {
	s := t.Service(k)
	if s == nil {
		return nil, fail(OpAddDest, syscall.ESRCH)
	}
	normalizeDest(s, &d)
	if err := t.checkDest(OpAddDest, s, &d); err != nil {
		return nil, err
	}
	if findDest(s, d.DestKey) >= 0 {
		return nil, fail(OpAddDest, syscall.EEXIST)
	}
	dest := t.reviveFromTrash(s, d.DestKey)
	if dest == nil {
		if !t.destAddrAllowed(d.Addr) {
			return nil, fail(OpAddDest, syscall.EINVAL)
		}
		dest = &Dest{ID: t.destIDs.alloc()}
	}
	setDestConfig(dest, d)
	s.Dests = slices.Insert(s.Dests, 0, dest)
	return dest, nil
}

// reviveFromTrash takes a destination of s out of the trash (order there
// does not matter: a key is in it at most once, as in the kernel's list).
func (t *Table) reviveFromTrash(s *Service, k DestKey) *Dest {
	if t.trashAt == nil {
		t.reindex()
	}
	key := trashKey{canonical(s.ServiceKey), k}
	i, ok := t.trashAt[key]
	if !ok {
		return nil
	}
	d := t.Trash[i].Dest
	last := len(t.Trash) - 1
	if i != last {
		t.Trash[i] = t.Trash[last]
		t.trashAt[t.Trash[i].key()] = i
	}
	t.Trash = t.Trash[:last]
	delete(t.trashAt, key)
	return &d
}

func setDestConfig(dest *Dest, d DestConfig) {
	dest.DestConfig = d
	if d.Weight > 0 {
		dest.LastWeight = d.Weight
	}
}

// EditDest replaces a destination's attributes (ipvsadm -e).
func (t *Table) EditDest(k ServiceKey, d DestConfig) error {
	s := t.Service(k)
	if s == nil {
		return fail(OpEditDest, syscall.ESRCH)
	}
	normalizeDest(s, &d)
	if err := t.checkDest(OpEditDest, s, &d); err != nil {
		return err
	}
	i := findDest(s, d.DestKey)
	if i < 0 {
		return fail(OpEditDest, syscall.ENOENT)
	}
	setDestConfig(s.Dests[i], d)
	return nil
}

// DelDest deletes a destination (ipvsadm -d); it goes to the trash.
func (t *Table) DelDest(k ServiceKey, dk DestKey) error {
	s := t.Service(k)
	if s == nil {
		return fail(OpDelDest, syscall.ESRCH)
	}
	if dk.AF == 0 {
		dk.AF = s.AF
	}
	i := findDest(s, dk)
	if i < 0 {
		return fail(OpDelDest, syscall.ENOENT)
	}
	t.trash(s, s.Dests[i])
	s.Dests = slices.Delete(s.Dests, i, i+1)
	return nil
}

// Zero checks that the service to zero exists (nil = all) and returns it.
func (t *Table) Zero(k *ServiceKey) ([]*Service, error) {
	if k == nil {
		return t.Services, nil
	}
	s := t.Service(*k)
	if s == nil {
		return nil, fail(OpZero, syscall.ESRCH)
	}
	return []*Service{s}, nil
}

// SetTimeouts sets the --set values; a zero keeps the current value.
func (t *Table) SetTimeouts(v Timeouts) error {
	for _, x := range []uint32{v.TCP, v.TCPFin, v.UDP} {
		if x > MaxTimeout {
			return fail(OpSetTimeout, syscall.EINVAL)
		}
	}
	keep := func(cur *uint32, v uint32) {
		if v != 0 {
			*cur = v
		}
	}
	keep(&t.Timeouts.TCP, v.TCP)
	keep(&t.Timeouts.TCPFin, v.TCPFin)
	keep(&t.Timeouts.UDP, v.UDP)
	return nil
}

// Check verifies a table read from disk: keys unique and valid, ids unique.
func (t *Table) Check() error {
	t.index = nil
	seen := map[ServiceKey]bool{}
	svcIDs := map[uint32]bool{}
	destIDs := map[uint32]bool{}
	for _, s := range t.Services {
		k := canonical(s.ServiceKey)
		if seen[k] {
			return fmt.Errorf("service %v listed twice", k)
		}
		seen[k] = true
		if err := checkAF(OpAddService, s.AF, s.Addr, s.IsFWMark()); err != nil {
			return fmt.Errorf("service %v: bad address family", k)
		}
		if s.ID == 0 || svcIDs[s.ID] {
			return fmt.Errorf("service %v: bad or duplicate id %d", k, s.ID)
		}
		svcIDs[s.ID] = true
		for _, d := range s.Dests {
			if d.ID == 0 || destIDs[d.ID] {
				return fmt.Errorf("destination %v: bad or duplicate id %d", d.DestKey, d.ID)
			}
			destIDs[d.ID] = true
		}
	}
	for _, td := range t.Trash {
		if td.Dest.ID == 0 || destIDs[td.Dest.ID] {
			return fmt.Errorf("trashed destination %v: bad or duplicate id %d", td.Dest.DestKey, td.Dest.ID)
		}
		destIDs[td.Dest.ID] = true
	}
	t.reindex()
	return nil
}
