package realserver

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"

	"xvs/internal/vip"
)

// Tunnel types, as xvs-rs --type spells them.
var tunnelTypes = map[string]uint32{"ipip": 0, "gue": 1, "gre": 2}

// filterName marks our tc filter among others on the interface.
const filterName = "xvs_decap"

// SetupDR makes this host a DR real server for vip: the VIP on lo, and the
// ARP settings that keep it from answering for the VIP (arp_ignore=1,
// arp_announce=2), as every LVS-DR real server needs.
func SetupDR(vip netip.Addr) error {
	if err := arpSettings(); err != nil {
		return err
	}
	return addLoopbackVIP(vip)
}

// SetupTUN makes this host a TUN real server: the VIP on lo, the ARP
// settings, and the decapsulator on dev's ingress for tunnel type typ.
func SetupTUN(vip netip.Addr, dev, typ string, port uint16) error {
	t, ok := tunnelTypes[typ]
	if !ok {
		return fmt.Errorf("unknown tunnel type %q (ipip, gue or gre)", typ)
	}
	if typ == "gue" && port == 0 {
		return errors.New("gue needs --port")
	}
	if err := arpSettings(); err != nil {
		return err
	}
	if err := addLoopbackVIP(vip); err != nil {
		return err
	}
	// Decapsulated packets arrive on dev from the client's address.
	for _, k := range []string{"all", dev} {
		if err := sysctl("net/ipv4/conf/"+k+"/rp_filter", "0"); err != nil {
			return err
		}
	}
	return attachDecap(dev, t, port, vip)
}

// Undo removes vip from lo and from the decapsulator (which goes away with
// its last VIP).
func Undo(addr netip.Addr, dev string) error {
	errs := []error{vip.RemoveFrom("lo", addr)}
	if dev != "" {
		errs = append(errs, detachDecapVIP(dev, addr))
	}
	return errors.Join(errs...)
}

// EnableNAPI puts an XDP program that passes everything on dev: a veth with
// an XDP program has NAPI, so frames XDP redirects into it are delivered.
func EnableNAPI(dev string) error {
	l, err := netlink.LinkByName(dev)
	if err != nil {
		return err
	}
	var objs decapObjects
	if err := loadDecapObjects(&objs, nil); err != nil {
		return err
	}
	defer objs.Close()
	return netlink.LinkSetXdpFdWithFlags(l, objs.XvsXdpPass.FD(), unix.XDP_FLAGS_DRV_MODE)
}

func addLoopbackVIP(addr netip.Addr) error {
	lo, err := netlink.LinkByName("lo")
	if err != nil {
		return err
	}
	if err := netlink.LinkSetUp(lo); err != nil {
		return err
	}
	return vip.AddTo("lo", addr)
}

func arpSettings() error {
	for _, k := range []string{"all", "lo"} {
		if err := sysctl("net/ipv4/conf/"+k+"/arp_ignore", "1"); err != nil {
			return err
		}
		if err := sysctl("net/ipv4/conf/"+k+"/arp_announce", "2"); err != nil {
			return err
		}
	}
	return nil
}

func sysctl(name, value string) error {
	if err := os.WriteFile(filepath.Join("/proc/sys", name), []byte(value), 0o644); err != nil {
		return fmt.Errorf("sysctl %s: %w", name, err)
	}
	return nil
}

func vipKey(vip netip.Addr) decapXvsVip {
	var k decapXvsVip
	b := vip.As16()
	if vip.Is4() {
		a := vip.As4()
		copy(b[:], a[:])
		clear(b[4:])
	}
	for i := range k.Addr {
		k.Addr[i] = uint32(b[i*4]) | uint32(b[i*4+1])<<8 | uint32(b[i*4+2])<<16 | uint32(b[i*4+3])<<24
	}
	return k
}

// attachedMaps are the maps of the decapsulator attached to an interface.
type attachedMaps struct {
	vips, guePorts *ebpf.Map
}

func (m *attachedMaps) Close() {
	if m.vips != nil {
		m.vips.Close()
	}
	if m.guePorts != nil {
		m.guePorts.Close()
	}
}

// findDecap returns our filter on dev's ingress, with its maps.
func findDecap(dev netlink.Link) (*netlink.BpfFilter, *attachedMaps, error) {
	filters, err := netlink.FilterList(dev, netlink.HANDLE_MIN_INGRESS)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range filters {
		bf, ok := f.(*netlink.BpfFilter)
		if !ok || bf.Name != filterName {
			continue
		}
		prog, err := ebpf.NewProgramFromID(ebpf.ProgramID(bf.Id))
		if err != nil {
			return nil, nil, err
		}
		defer prog.Close()
		info, err := prog.Info()
		if err != nil {
			return nil, nil, err
		}
		ids, _ := info.MapIDs()
		maps := &attachedMaps{}
		for _, id := range ids {
			m, err := ebpf.NewMapFromID(id)
			if err != nil {
				continue
			}
			mi, err := m.Info()
			switch {
			case err == nil && mi.Name == "decap_vips":
				maps.vips = m
			case err == nil && strings.HasPrefix(mi.Name, "decap_gue_port"):
				maps.guePorts = m
			default:
				m.Close()
			}
		}
		if maps.vips == nil || maps.guePorts == nil {
			maps.Close()
			return bf, nil, errors.New("decapsulator without its maps")
		}
		return bf, maps, nil
	}
	return nil, nil, nil
}

// attachDecap adds vip to the decapsulator on dev, loading and attaching
// it (clsact qdisc, direct-action filter) when it is not there yet.
func attachDecap(devName string, typ uint32, port uint16, vip netip.Addr) error {
	dev, err := netlink.LinkByName(devName)
	if err != nil {
		return err
	}
	bf, maps, err := findDecap(dev)
	if err != nil {
		return err
	}
	if bf != nil {
		defer maps.Close()
		return addDecapEntries(maps.vips, maps.guePorts, typ, port, vip)
	}
	var objs decapObjects
	if err := loadDecapObjects(&objs, nil); err != nil {
		return err
	}
	defer objs.Close()
	if err := addDecapEntries(objs.DecapVips, objs.DecapGuePorts, typ, port, vip); err != nil {
		return err
	}
	qdisc := &netlink.GenericQdisc{QdiscAttrs: netlink.QdiscAttrs{LinkIndex: dev.Attrs().Index,
		Handle: netlink.MakeHandle(0xffff, 0), Parent: netlink.HANDLE_CLSACT}, QdiscType: "clsact"}
	if err := netlink.QdiscAdd(qdisc); err != nil && !errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("clsact on %s: %w", devName, err)
	}
	filter := &netlink.BpfFilter{FilterAttrs: netlink.FilterAttrs{LinkIndex: dev.Attrs().Index,
		Parent: netlink.HANDLE_MIN_INGRESS, Handle: 1, Protocol: unix.ETH_P_ALL, Priority: 1},
		Fd: objs.XvsDecap.FD(), Name: filterName, DirectAction: true}
	if err := netlink.FilterAdd(filter); err != nil {
		return fmt.Errorf("tc filter on %s: %w", devName, err)
	}
	return nil
}

func addDecapEntries(vips, guePorts *ebpf.Map, typ uint32, port uint16, vip netip.Addr) error {
	if typ == tunnelTypes["gue"] {
		if err := guePorts.Put(port<<8|port>>8, uint8(1)); err != nil {
			return err
		}
	}
	return vips.Put(vipKey(vip), uint8(1))
}

func detachDecapVIP(devName string, vip netip.Addr) error {
	dev, err := netlink.LinkByName(devName)
	if err != nil {
		return err
	}
	bf, maps, err := findDecap(dev)
	if err != nil || bf == nil {
		return err
	}
	defer maps.Close()
	vips := maps.vips
	k := vipKey(vip)
	if err := vips.Delete(k); err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
		return err
	}
	var nk decapXvsVip
	var v uint8
	if vips.Iterate().Next(&nk, &v) {
		return nil // other VIPs still use it
	}
	return netlink.FilterDel(bf)
}
