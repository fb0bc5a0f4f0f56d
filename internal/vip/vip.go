// Package vip makes the director own its virtual addresses, so that the
// kernel answers ARP and NDP for them and delivers locally what the XDP
// program passes up:
//
//   - an IPv4 VIP goes on lo as /32: Linux answers ARP for a local address on
//     any interface (arp_ignore=0), which is what a director wants;
//   - an IPv6 VIP goes as /128 (no DAD) on every interface the datapath is
//     attached to: Linux answers neighbour solicitations only for addresses
//     of the interface they arrive on, so lo would keep it silent.
//
// Addresses that were already there are the operator's and are never
// removed; those xvs added are recorded in a file and removed when no
// service uses them any more.
package vip

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"

	"github.com/vishvananda/netlink"
)

// Owned is one address xvs added to one link.
type Owned struct {
	Addr netip.Addr `json:"addr"`
	Link string     `json:"link"`
}

// Manager keeps the VIPs in place.
type Manager struct {
	file   string   // where the owned addresses are recorded
	ifaces []string // interfaces the datapath is attached to

	mu      sync.Mutex
	owned   []Owned
	wanted  []netip.Addr        // the services' VIPs, as Sync last heard them
	synced  bool                // Sync was called: wanted is the table's
	managed map[netip.Addr]bool // held by VRRP instances: theirs to place
}

// New reads the record of owned addresses from stateDir.
func New(stateDir string, ifaces []string) (*Manager, error) {
	m := &Manager{file: filepath.Join(stateDir, "vips.json"), ifaces: ifaces}
	b, err := os.ReadFile(m.file)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err == nil {
		if err := json.Unmarshal(b, &m.owned); err != nil {
			return nil, fmt.Errorf("VIP record %s is corrupt: %v", m.file, err)
		}
	}
	return m, nil
}

// placements says on which links an address belongs: none for an
// IPv4-mapped IPv6 address, which Linux does not take as an interface
// address (such a VIP is ipvsadm's to accept, the network's to route), and
// none for a virtual address of a VRRP instance, which its master holds
// (a backup must not answer ARP for it).
func (m *Manager) placements(a netip.Addr) []string {
	switch {
	case m.managed[a]:
		return nil
	case a.Is4():
		return []string{"lo"}
	case a.Is4In6():
		return nil
	}
	return m.ifaces
}

// SetManaged names the addresses VRRP instances hold: xvs puts none of
// them on lo or the attached interfaces (and takes away those it had).
func (m *Manager) SetManaged(addrs []netip.Addr) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.managed = map[netip.Addr]bool{}
	for _, a := range addrs {
		m.managed[a] = true
	}
	if !m.synced {
		return nil // the first Sync places the rest
	}
	return m.sync(m.wanted)
}

// Sync makes exactly the given VIPs present (plus whatever the operator had).
func (m *Manager) Sync(vips []netip.Addr) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.wanted, m.synced = slices.Clone(vips), true
	return m.sync(vips)
}

func (m *Manager) sync(vips []netip.Addr) error {
	want := map[Owned]bool{}
	for _, a := range vips {
		for _, l := range m.placements(a) {
			want[Owned{Addr: a, Link: l}] = true
		}
	}
	var errs []error
	kept := m.owned[:0:0]
	for _, o := range m.owned {
		if want[o] {
			kept = append(kept, o)
			continue
		}
		if err := delAddr(o); err != nil {
			errs = append(errs, err)
			kept = append(kept, o)
		}
	}
	m.owned = kept
	for o := range want {
		if slices.Contains(m.owned, o) {
			continue
		}
		added, err := addAddr(o)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if added {
			m.owned = append(m.owned, o)
		}
	}
	if err := m.save(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Remove takes away every address xvs added (xvsd --detach).
func (m *Manager) Remove() error { return m.Sync(nil) }

func (m *Manager) save() error {
	b, err := json.Marshal(m.owned)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(m.file), 0o700); err != nil {
		return err
	}
	tmp := m.file + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, m.file)
}

func netlinkAddr(a netip.Addr) *netlink.Addr {
	bits := 32
	if a.Is6() {
		bits = 128
	}
	return &netlink.Addr{IPNet: &net.IPNet{IP: a.AsSlice(), Mask: net.CIDRMask(bits, bits)}, Flags: nodadFlag(a)}
}

func nodadFlag(a netip.Addr) int {
	if a.Is6() {
		return syscall.IFA_F_NODAD
	}
	return 0
}

// addAddr adds the address unless it is already there; it reports whether
// it added it (and so owns it).
func addAddr(o Owned) (bool, error) {
	link, err := netlink.LinkByName(o.Link)
	if err != nil {
		return false, fmt.Errorf("VIP %s: %w", o.Addr, err)
	}
	err = netlink.AddrAdd(link, netlinkAddr(o.Addr))
	if errors.Is(err, syscall.EEXIST) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("add VIP %s to %s: %w", o.Addr, o.Link, err)
	}
	return true, nil
}

func delAddr(o Owned) error {
	link, err := netlink.LinkByName(o.Link)
	if err != nil {
		var nf netlink.LinkNotFoundError
		if errors.As(err, &nf) {
			return nil
		}
		return err
	}
	err = netlink.AddrDel(link, netlinkAddr(o.Addr))
	if err != nil && !errors.Is(err, syscall.EADDRNOTAVAIL) {
		return fmt.Errorf("remove VIP %s from %s: %w", o.Addr, o.Link, err)
	}
	return nil
}

// AddTo puts address a on interface link (a /32 or /128; IPv6 without
// duplicate address detection); there already is fine.
func AddTo(link string, a netip.Addr) error {
	_, err := addAddr(Owned{Link: link, Addr: a})
	return err
}

// RemoveFrom takes address a off interface link; not there is fine.
func RemoveFrom(link string, a netip.Addr) error {
	return delAddr(Owned{Link: link, Addr: a})
}
