package datapath

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

// Config says where the datapath runs.
type Config struct {
	// Interfaces get the XDP program (and the tc program that backs it).
	Interfaces []string
	// PinPath is a directory on a bpffs (mounted there if needed) where the
	// programs' links and maps are pinned; one per director.
	PinPath string
	// Logf reports what the datapath decided (nil: silent).
	Logf func(format string, args ...any)
}

// Datapath is the loaded and attached XDP datapath.
type Datapath struct {
	cfg    Config
	objs   xvsObjects
	ifaces []iface

	mu     sync.Mutex
	state  tables                            // what the maps hold, to apply differences
	wrrCW  map[uint32]wrrState               // wrr services: current weight along their table
	marks  map[xvsXvsMarkKey]xvsXvsMarkRules // what the mark_rules trie holds
	shed   int                               // half-open connections the last sweep let go
	ended  map[uint32]xvsXvsConnCounts       // mirror of conn_ended (xvsd is its only writer)
	sweeps int
	// walkDone and walkTook pace the sweeper's walk of the connection
	// tables (see Sweep).
	walkDone time.Time
	walkTook time.Duration
	// stateTimeouts are the timeouts map's values (seconds by state).
	stateTimeouts []uint32
	// addrs4Created: this load made addrs4 (an upgrade moves the IPv4
	// addresses of addrs there).
	addrs4Created bool
	// slots: the IPv4 addresses (and flags) of each addr_slots slot.
	slots map[uint32]map[uint32]uint32
	// replaced are the connection tables an upgrade replaced, still read
	// by the old program until Attach swaps the new one in.
	replaced []replacedMap
}

// iface is an attached interface.
type iface struct {
	name     string
	index    int
	native   bool // XDP in driver mode
	xdpXmit  bool // frames redirected to it arrive
	measured bool
}

func (d *Datapath) logf(format string, args ...any) {
	if d.cfg.Logf != nil {
		d.cfg.Logf(format, args...)
	}
}

// Open loads the programs, re-using maps already pinned at PinPath, so
// that connections survive a restart or an upgrade. Nothing runs them yet:
// the caller writes its table (Apply), then Attach puts them on the
// interfaces, so that a program that replaces a running one never sees a
// half-filled map.
func Open(cfg Config) (*Datapath, error) {
	if len(cfg.Interfaces) == 0 {
		return nil, errors.New("datapath: no interface to attach to")
	}
	if err := ensureBPFFS(cfg.PinPath); err != nil {
		return nil, err
	}
	d := &Datapath{cfg: cfg, ended: map[uint32]xvsXvsConnCounts{}, wrrCW: map[uint32]wrrState{}}
	if err := d.load(); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.loadState(); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.loadMarks(); err != nil {
		d.Close()
		return nil, fmt.Errorf("datapath: read mark rules: %w", err)
	}
	return d, nil
}

// Attach puts the programs on the interfaces, or swaps them into the links
// already pinned there (the kernel swaps atomically: no packet goes
// unhandled), then takes over what the old program still put into tables
// an upgrade replaced.
func (d *Datapath) Attach() error {
	for _, name := range d.cfg.Interfaces {
		if err := d.enableForwarding(name); err != nil {
			return err
		}
		ifc, err := d.attach(name)
		if err != nil {
			return err
		}
		d.ifaces = append(d.ifaces, ifc)
	}
	if err := d.refreshInterfaces(); err != nil {
		return err
	}
	if err := d.dropLegacyAddrs4(); err != nil {
		return err
	}
	return d.catchUp()
}

func (d *Datapath) load() error {
	spec, err := loadXvs()
	if err != nil {
		return fmt.Errorf("datapath: %w", err)
	}
	opts := &ebpf.CollectionOptions{Maps: ebpf.MapOptions{PinPath: d.cfg.PinPath}}
	// Maps an older datapath did not have: what is pinned needs moving.
	olderNAT := d.pinIsNew("nat_vips")
	d.addrs4Created = d.pinIsNew("addrs4")
	carried, err := d.replaceStalePins(spec)
	if err != nil {
		return err
	}
	err = spec.LoadAndAssign(&d.objs, opts)
	if errors.Is(err, ebpf.ErrMapIncompatible) {
		// Not seen by replaceStalePins (a pin it could not read): start afresh.
		d.logf("pinned maps in %s do not fit this datapath: replacing them (established connections are dropped)", d.cfg.PinPath)
		if err := removeMapPins(d.cfg.PinPath); err != nil {
			return err
		}
		carried = nil
		err = spec.LoadAndAssign(&d.objs, opts)
	}
	if err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return fmt.Errorf("datapath: verifier: %+v", ve)
		}
		return fmt.Errorf("datapath: load: %w", err)
	}
	if err := d.writeCarried(carried, d.carriedTargets()); err != nil {
		return err
	}
	if olderNAT {
		return d.flagReplyEntries()
	}
	return nil
}

func linkPin(pinPath, kind, ifname string) string {
	return filepath.Join(pinPath, "link_"+kind+"_"+ifname)
}

// attach puts both programs on one interface, or updates the pinned links
// in place: the kernel swaps programs atomically, no packet goes unhandled.
func (d *Datapath) attach(name string) (iface, error) {
	l, err := netlink.LinkByName(name)
	if err != nil {
		return iface{}, fmt.Errorf("datapath: interface %s: %w", name, err)
	}
	ifc := iface{name: name, index: l.Attrs().Index, native: true}
	// Before any program of ours may redirect there.
	if err := d.objs.TxPorts.Put(uint32(ifc.index), uint32(ifc.index)); err != nil {
		return iface{}, fmt.Errorf("datapath: devmap %s: %w", name, err)
	}
	xdpPin := linkPin(d.cfg.PinPath, "xdp", name)
	if old, err := link.LoadPinnedLink(xdpPin, nil); err == nil {
		// The new program's first packets transmit as the old one's did.
		if native, err := readXDPMode(ifc.index); err == nil {
			ifc.native = native
		}
		if err := d.writeXmitFlag(&ifc); err != nil {
			old.Close()
			return iface{}, err
		}
		err = old.Update(d.objs.XvsXdp)
		old.Close()
		if err != nil {
			return iface{}, fmt.Errorf("datapath: update XDP on %s: %w", name, err)
		}
	} else {
		xl, err := link.AttachXDP(link.XDPOptions{Program: d.objs.XvsXdp, Interface: ifc.index, Flags: link.XDPDriverMode})
		if err != nil {
			ifc.native = false
			xl, err = link.AttachXDP(link.XDPOptions{Program: d.objs.XvsXdp, Interface: ifc.index, Flags: link.XDPGenericMode})
		}
		if err != nil {
			return iface{}, fmt.Errorf("datapath: attach XDP to %s: %w", name, err)
		}
		if err := xl.Pin(xdpPin); err != nil {
			xl.Close()
			return iface{}, fmt.Errorf("datapath: pin XDP link: %w", err)
		}
		xl.Close()
	}
	tcPin := linkPin(d.cfg.PinPath, "tc", name)
	if old, err := link.LoadPinnedLink(tcPin, nil); err == nil {
		err = old.Update(d.objs.XvsTcOut)
		old.Close()
		if err != nil {
			return iface{}, fmt.Errorf("datapath: update tc on %s: %w", name, err)
		}
	} else {
		tl, err := link.AttachTCX(link.TCXOptions{Program: d.objs.XvsTcOut, Attach: ebpf.AttachTCXIngress, Interface: ifc.index})
		if err != nil {
			return iface{}, fmt.Errorf("datapath: attach tc to %s: %w", name, err)
		}
		if err := tl.Pin(tcPin); err != nil {
			tl.Close()
			return iface{}, fmt.Errorf("datapath: pin tc link: %w", err)
		}
		tl.Close()
	}
	return ifc, nil
}

// enableForwarding turns IPv4 and IPv6 forwarding on for one interface:
// the XDP FIB lookup answers "forwarding disabled" otherwise, even for DR and
// TUN, which IPVS sends as local output. Only the attached interface changes.
func (d *Datapath) enableForwarding(name string) error {
	for _, f := range []string{"/proc/sys/net/ipv4/conf/" + name + "/forwarding", "/proc/sys/net/ipv6/conf/" + name + "/forwarding"} {
		cur, err := os.ReadFile(f)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue // IPv6 disabled on this host
			}
			return fmt.Errorf("datapath: %w", err)
		}
		if strings.TrimSpace(string(cur)) == "1" {
			continue
		}
		if err := os.WriteFile(f, []byte("1"), 0o644); err != nil {
			return fmt.Errorf("datapath: enable forwarding: %w", err)
		}
		d.logf("%s: forwarding enabled (%s): the XDP FIB lookup needs it", name, strings.TrimPrefix(f, "/proc/sys/"))
	}
	return nil
}

// readXDPMode tells whether the XDP program on ifindex runs in driver mode.
func readXDPMode(ifindex int) (bool, error) {
	l, err := netlink.LinkByIndex(ifindex)
	if err != nil {
		return false, err
	}
	x := l.Attrs().Xdp
	return x != nil && x.AttachMode == unix.XDP_FLAGS_DRV_MODE, nil
}

// refreshInterfaces measures whether XDP can transmit on each interface and
// tells the program: where it cannot, frames leave through the kernel.
func (d *Datapath) refreshInterfaces() error {
	for i := range d.ifaces {
		if err := d.writeXmitFlag(&d.ifaces[i]); err != nil {
			return err
		}
	}
	return nil
}

// writeXmitFlag measures whether XDP can transmit on an interface and
// tells the program.
func (d *Datapath) writeXmitFlag(ifc *iface) error {
	ok, why := xdpXmitWorks(ifc.index, ifc.native)
	if ok != ifc.xdpXmit || !ifc.measured {
		if ok {
			d.logf("%s: XDP transmits directly", ifc.name)
		} else {
			d.logf("%s: frames leave through the kernel (tc redirect): %s", ifc.name, why)
		}
	}
	ifc.xdpXmit, ifc.measured = ok, true
	var flags uint32
	if ok {
		flags = xvsIfXDPXmit
	}
	if err := d.objs.IfaceFlags.Put(uint32(ifc.index), flags); err != nil {
		return fmt.Errorf("datapath: interface flags: %w", err)
	}
	return nil
}

const xvsIfXDPXmit = 0x1 // XVS_IF_XDP_XMIT

// Close releases this process's handles; the pinned datapath keeps running.
func (d *Datapath) Close() error {
	for _, r := range d.replaced {
		r.old.Close()
	}
	d.replaced = nil
	return d.objs.Close()
}

// Detach removes the datapath: links (which detaches the programs) and
// pinned maps. Interfaces not named are found from the pins.
func Detach(cfg Config) error {
	if cfg.PinPath == "" {
		return errors.New("datapath: no pin path")
	}
	entries, err := os.ReadDir(cfg.PinPath)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		p := filepath.Join(cfg.PinPath, e.Name())
		if strings.HasPrefix(e.Name(), "link_") {
			if l, err := link.LoadPinnedLink(p, nil); err == nil {
				errs = append(errs, l.Unpin(), l.Close())
				continue
			}
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if err := os.Remove(cfg.PinPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func removeMapPins(pinPath string) error {
	entries, err := os.ReadDir(pinPath)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "link_") {
			if err := os.Remove(filepath.Join(pinPath, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// ensureBPFFS makes dir exist on a bpffs, mounting one on its parent when
// the parent is not (no bpffs is mounted on many hosts, and `ip netns exec`
// remounts /sys without one).
func ensureBPFFS(dir string) error {
	if dir == "" {
		return errors.New("datapath: no pin path")
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return fmt.Errorf("datapath: %w", err)
	}
	var st unix.Statfs_t
	if err := unix.Statfs(parent, &st); err != nil {
		return fmt.Errorf("datapath: %w", err)
	}
	if st.Type != unix.BPF_FS_MAGIC {
		if err := unix.Mount("bpffs", parent, "bpf", 0, "mode=0700"); err != nil {
			return fmt.Errorf("datapath: mount bpffs on %s: %w", parent, err)
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("datapath: %w", err)
	}
	return nil
}
