package ipvsadm

import (
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"

	"xvs/internal/api"
	"xvs/internal/model"
)

// printer renders listings exactly as ipvsadm 1.31's printf calls do.
type printer struct {
	w        io.Writer
	format   uint
	names    Resolver
	services Services
}

func (p *printer) printf(format string, args ...any) { fmt.Fprintf(p.w, format, args...) }

// header is list_all's first line.
func (p *printer) header(t *api.Table) {
	p.printf("IP Virtual Server version %s (size=%d)\n", t.Version, t.ConnTabSize)
}

// title is print_title.
func (p *printer) title() {
	f := p.format
	switch {
	case f&fmtStats != 0:
		p.printf("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes")
	case f&fmtRate != 0:
		p.printf("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS")
	case f&fmtThresholds != 0:
		p.printf("%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "Uthreshold", "Lthreshold", "ActiveConn", "InActConn")
	case f&fmtPersistentConn != 0:
		p.printf("%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "Weight", "PersistConn", "ActiveConn", "InActConn")
	case f&fmtTunInfo != 0:
		p.printf("Prot LocalAddress:Port Scheduler Flags\n" +
			"  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n")
	case f&fmtRule == 0:
		p.printf("Prot LocalAddress:Port Scheduler Flags\n" +
			"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n")
	}
}

// listAll is list_all after the header: sorted services with their destinations.
func (p *printer) listAll(t *api.Table) {
	svcs := t.Services
	if p.format&fmtNoSort == 0 {
		svcs = sortServices(svcs)
	}
	p.title()
	for _, s := range svcs {
		p.serviceEntry(s)
	}
}

// largenum is print_largenum: scaled to K/M/G/T unless --exact.
func (p *printer) largenum(i uint64) {
	if p.format&fmtExact != 0 {
		n := len(strconv.FormatUint(i, 10))
		w := n + 1
		if n <= 8 {
			w = 9
		}
		p.printf("%*d", w, i)
		return
	}
	switch {
	case i < 100000000:
		p.printf("%9d", i)
	case i < 1000000000:
		p.printf("%8dK", i/1000)
	case i < 100000000000:
		p.printf("%8dM", i/1000000)
	case i < 100000000000000:
		p.printf("%8dG", i/1000000000)
	default:
		p.printf("%8dT", i/1000000000000)
	}
}

// schedFlags is print_sched_flags: names depend on the scheduler.
func schedFlags(s *model.Service) string {
	var names [3]string
	switch s.Scheduler {
	case "sh":
		names = [3]string{"sh-fallback", "sh-port", ""}
	case "mh":
		names = [3]string{"mh-fallback", "mh-port", ""}
	default:
		names = [3]string{"flag-1", "flag-2", "flag-3"}
	}
	var out []string
	for i, f := range []uint32{model.SvcSched1, model.SvcSched2, model.SvcSched3} {
		if s.Flags&f != 0 && names[i] != "" {
			out = append(out, names[i])
		}
	}
	return strings.Join(out, ",")
}

// svcName is the service column (or, for -S, the service option).
func (p *printer) svcName(s *model.Service) string {
	rule := p.format&fmtRule != 0
	if s.FWMark != 0 {
		// %d of an unsigned fwmark: marks from 2^31 print negative.
		mark := int32(s.FWMark)
		switch {
		case rule && s.AF == model.AFInet6:
			return fmt.Sprintf("-f %d -6", mark)
		case rule:
			return fmt.Sprintf("-f %d", mark)
		case s.AF == model.AFInet6:
			return fmt.Sprintf("FWM  %d IPv6", mark)
		}
		return fmt.Sprintf("FWM  %d", mark)
	}
	vname := p.addrPort(s.AF, s.Addr, s.Port, s.Protocol)
	if rule {
		stype := map[uint8]string{model.ProtoTCP: "-t", model.ProtoUDP: "-u", model.ProtoSCTP: "--sctp-service"}[s.Protocol]
		if stype == "" {
			stype = "--xxx-service"
		}
		return stype + " " + vname
	}
	ptype := map[uint8]string{model.ProtoTCP: "TCP", model.ProtoUDP: "UDP", model.ProtoSCTP: "SCTP"}[s.Protocol]
	if ptype == "" {
		ptype = "?"
	}
	name := fmt.Sprintf("%-4s %s", ptype, vname)
	if s.AF != model.AFInet6 {
		name = truncate(name, 33)
	}
	return name
}

// serviceEntry is print_service_entry.
func (p *printer) serviceEntry(s *model.Service) {
	name := p.svcName(s)
	f := p.format
	switch {
	case f&fmtRule != 0:
		p.printf("-A %s -s %s", name, s.Scheduler)
		if s.Flags&model.SvcPersistent != 0 {
			p.printf(" -p %d", s.Timeout)
			if m := p.mask(s); m != "" {
				p.printf(" -M %s", m)
			}
		}
		if s.PE != "" {
			p.printf(" --pe %s", s.PE)
		}
		if s.Flags&model.SvcOnePacket != 0 {
			p.printf(" -o")
		}
		if s.Flags&model.SvcSchedMask != 0 {
			p.printf(" -b %s", schedFlags(s))
		}
	case f&fmtStats != 0:
		p.printf("%-33s", name)
		st := s.Stats
		for _, v := range []uint64{st.Conns, st.InPkts, st.OutPkts, st.InBytes, st.OutBytes} {
			p.largenum(v)
		}
	case f&fmtRate != 0:
		p.printf("%-33s", name)
		st := s.Stats
		for _, v := range []uint64{st.CPS, st.InPPS, st.OutPPS, st.InBPS, st.OutBPS} {
			p.largenum(v)
		}
	default:
		p.printf("%s %s", name, s.Scheduler)
		if s.Flags&model.SvcSchedMask != 0 {
			p.printf(" (%s)", schedFlags(s))
		}
		if s.Flags&model.SvcPersistent != 0 {
			p.printf(" persistent %d", s.Timeout)
			if m := p.mask(s); m != "" {
				p.printf(" mask %s", m)
			}
			if s.PE != "" {
				p.printf(" pe %s", s.PE)
			}
		}
		if s.Flags&model.SvcOnePacket != 0 {
			p.printf(" ops")
		}
	}
	p.printf("\n")
	dests := s.Dests
	if f&fmtNoSort == 0 {
		dests = sortDests(dests)
	}
	for _, d := range dests {
		p.destEntry(s, name, d)
	}
}

// mask is the persistence granularity when it is not a single host.
func (p *printer) mask(s *model.Service) string {
	switch s.AF {
	case model.AFInet:
		if s.Netmask != 0xffffffff {
			return addrFromUint32(s.Netmask).String()
		}
	case model.AFInet6:
		if s.Netmask != 128 {
			return strconv.Itoa(int(int32(s.Netmask)))
		}
	}
	return ""
}

var fwdNames = map[uint8]string{model.FwdMasq: "Masq", model.FwdLocal: "Local", model.FwdTunnel: "Tunnel", model.FwdRoute: "Route"}
var fwdSwitches = map[uint8]string{model.FwdMasq: "-m", model.FwdTunnel: "-i", model.FwdLocal: "-g", model.FwdRoute: "-g"}

// tunInfo is fwd_tun_info: "" for destinations that are not tunnels.
func tunInfo(d *model.Dest) string {
	if d.Fwd != model.FwdTunnel || int(d.TunFlags) >= len(tunFlagNames) {
		return ""
	}
	switch d.TunType {
	case model.TunIPIP:
		return tunNames[d.TunType]
	case model.TunGUE:
		return truncate(fmt.Sprintf("%s:%d:%s", tunNames[d.TunType], d.TunPort, tunFlagNames[d.TunFlags]), 15)
	case model.TunGRE:
		return fmt.Sprintf("%s:%s", tunNames[d.TunType], tunFlagNames[d.TunFlags])
	}
	return ""
}

// reportedProtocol is the protocol the kernel reports for a service: none
// for a fwmark service (ip_vs_genl_fill_service sends the fwmark instead),
// so ipvsadm finds no service names for its destinations' ports.
func reportedProtocol(s *model.Service) uint8 {
	if s.IsFWMark() {
		return 0
	}
	return s.Protocol
}

// destEntry prints one destination line of print_service_entry.
func (p *printer) destEntry(s *model.Service, svcName string, d *model.Dest) {
	f := p.format
	dname := p.addrPort(d.AF, d.Addr, d.Port, reportedProtocol(s))
	if f&fmtRule == 0 && d.AF != model.AFInet6 {
		dname = truncate(dname, 28)
	}
	switch {
	case f&fmtRule != 0:
		p.printf("-a %s -r %s %s -w %d", svcName, dname, fwdSwitches[d.Fwd], d.Weight)
		if d.Fwd == model.FwdTunnel && int(d.TunFlags) < len(tunFlagOpts) {
			switch d.TunType {
			case model.TunGRE:
				p.printf(" --tun-type %s %s", tunNames[d.TunType], tunFlagOpts[d.TunFlags])
			case model.TunGUE:
				p.printf(" --tun-type %s --tun-port %d %s", tunNames[d.TunType], d.TunPort, tunFlagOpts[d.TunFlags])
			case model.TunIPIP:
				p.printf(" --tun-type %s", tunNames[d.TunType])
			}
		}
		p.printf("\n")
	case f&fmtStats != 0:
		p.printf("  -> %-28s", dname)
		st := d.Stats
		for _, v := range []uint64{st.Conns, st.InPkts, st.OutPkts, st.InBytes, st.OutBytes} {
			p.largenum(v)
		}
		p.printf("\n")
	case f&fmtRate != 0:
		st := d.Stats
		p.printf("  -> %-28s %8d %8d %8d", dname, st.CPS, st.InPPS, st.OutPPS)
		p.largenum(st.InBPS)
		p.largenum(st.OutBPS)
		p.printf("\n")
	case f&fmtThresholds != 0:
		p.printf("  -> %-28s %-10d %-10d %-10d %-10d\n", dname, d.UThreshold, d.LThreshold, d.ActiveConns, d.InactConns)
	case f&fmtPersistentConn != 0:
		p.printf("  -> %-28s %-9d %-11d %-10d %-10d\n", dname, uint32(d.Weight), d.PersistConns, d.ActiveConns, d.InactConns)
	case f&fmtTunInfo != 0:
		ti := tunInfo(d)
		if ti == "" {
			ti = "n/a"
		}
		p.printf("  -> %-28s %-7s %-13s %-6d %-10d %-10d\n", dname, fwdNames[d.Fwd], ti, d.Weight, d.ActiveConns, d.InactConns)
	default:
		p.printf("  -> %-28s %-7s %-6d %-10d %-10d\n", dname, fwdNames[d.Fwd], d.Weight, d.ActiveConns, d.InactConns)
	}
}

// addrPort is addrport_to_anyname: numeric with -n, else host and service
// names where they exist; brackets around IPv6; at most 59 characters
// (ipvsadm's 60-byte buffer).
func (p *printer) addrPort(af uint16, addr netip.Addr, port uint16, proto uint8) string {
	open, close := "", ""
	if af != model.AFInet {
		open, close = "[", "]"
	}
	host := addrString(af, addr)
	portStr := strconv.Itoa(int(port))
	if p.format&fmtNumeric == 0 {
		if addr.IsValid() {
			if n, ok := p.names.LookupName(addr); ok {
				host = n
			}
		}
		if pn := protoName(proto); pn != "" {
			if n, ok := p.services.Name(port, pn); ok {
				portStr = n
			}
		}
	}
	return truncate(open+host+close+":"+portStr, 59)
}

// addrString is inet_ntop of the address as the family says.
func addrString(af uint16, addr netip.Addr) string {
	if !addr.IsValid() {
		if af == model.AFInet6 {
			return "::"
		}
		return "0.0.0.0"
	}
	if af == model.AFInet6 && addr.Is4() {
		// A v4 address read as the start of a v6 one.
		b := addr.As4()
		var a16 [16]byte
		copy(a16[:], b[:])
		return inetNtop(netip.AddrFrom16(a16))
	}
	return inetNtop(addr)
}

// inetNtop is glibc's inet_ntop. For IPv6 it writes what Go writes (the
// first longest run of two or more zero words as "::", lower-case hex)
// except for one of glibc's IPv4 forms: when the first 96 bits are zero
// and the seventh word is not, the last 32 bits are dotted ("::10.1.1.2";
// "::1" and "::0.0.1.0"'s "::100" stay hex). IPv4-mapped addresses are
// dotted by both ("::ffff:1.2.3.4").
func inetNtop(a netip.Addr) string {
	if a.Is6() && !a.Is4In6() {
		b := a.As16()
		if [12]byte(b[:12]) == [12]byte{} && (b[12] != 0 || b[13] != 0) {
			return "::" + netip.AddrFrom4([4]byte(b[12:])).String()
		}
	}
	return a.WithZone("").String()
}

// timeouts is list_timeout.
func (p *printer) timeouts(t model.Timeouts) {
	p.printf("Timeout (tcp tcpfin udp): %d %d %d\n", t.TCP, t.TCPFin, t.UDP)
}

// daemons is list_daemon: master first, then backup.
func (p *printer) daemons(ds []model.SyncDaemon) {
	for _, state := range []uint32{model.SyncMaster, model.SyncBackup} {
		for _, d := range ds {
			if d.State != state {
				continue
			}
			typ := map[uint32]string{model.SyncMaster: "master", model.SyncBackup: "backup"}[state]
			p.printf("%s sync daemon (mcast=%s, syncid=%d", typ, d.MCastIfn, d.SyncID)
			if d.SyncMaxLen != 0 {
				p.printf(", maxlen=%d", d.SyncMaxLen)
			}
			if d.MCastGroup.IsValid() {
				p.printf(", group=%s", inetNtop(d.MCastGroup))
			}
			if d.MCastPort != 0 {
				p.printf(", port=%d", d.MCastPort)
			}
			if d.MCastTTL != 0 {
				p.printf(", ttl=%d", d.MCastTTL)
			}
			p.printf(")\n")
		}
	}
}
