package vrrp

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"

	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

// link is an instance's VRRP sockets on its interface: one that receives
// what arrives for the group (or this router, unicast), one bound to the
// router's address that sends.
type link struct {
	ifi *net.Interface
	v6  bool
	src netip.Addr // this router's address: the adverts' source
	rx  *net.IPConn
	tx  int
}

// openLink opens the sockets of an instance on ifname. src is the
// address adverts go from: unicast_src_ip, or the interface's first IPv4
// address, or its IPv6 link-local address (as keepalived sends).
func openLink(ifname string, v6 bool, src netip.Addr) (*link, error) {
	ifi, err := net.InterfaceByName(ifname)
	if err != nil {
		return nil, fmt.Errorf("interface %s: %w", ifname, err)
	}
	if !src.IsValid() {
		if src, err = interfaceAddr(ifi, v6); err != nil {
			return nil, err
		}
	}
	l := &link{ifi: ifi, v6: v6, src: src}
	if l.rx, err = l.openRx(); err != nil {
		return nil, err
	}
	if l.tx, err = l.openTx(); err != nil {
		l.rx.Close()
		return nil, err
	}
	return l, nil
}

// interfaceAddr is the address an instance speaks from by default.
func interfaceAddr(ifi *net.Interface, v6 bool) (netip.Addr, error) {
	addrs, err := ifi.Addrs()
	if err != nil {
		return netip.Addr{}, err
	}
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok {
			continue
		}
		ip, _ := netip.AddrFromSlice(n.IP)
		ip = ip.Unmap()
		if (!v6 && ip.Is4()) || (v6 && ip.Is6() && ip.IsLinkLocalUnicast()) {
			if v6 {
				ip = ip.WithZone(ifi.Name)
			}
			return ip, nil
		}
	}
	want := "IPv4"
	if v6 {
		want = "IPv6 link-local"
	}
	return netip.Addr{}, fmt.Errorf("interface %s has no %s address to send VRRP adverts from", ifi.Name, want)
}

func (l *link) openRx() (*net.IPConn, error) {
	network, laddr := "ip4:112", "0.0.0.0"
	if l.v6 {
		network, laddr = "ip6:112", "::"
	}
	var serr error
	lc := net.ListenConfig{Control: func(_, _ string, rc syscall.RawConn) error {
		err := rc.Control(func(fd uintptr) { serr = l.rxOptions(int(fd)) })
		return errors.Join(err, serr)
	}}
	pc, err := lc.ListenPacket(context.Background(), network, laddr)
	if err != nil {
		return nil, fmt.Errorf("VRRP socket on %s: %w", l.ifi.Name, err)
	}
	return pc.(*net.IPConn), nil
}

// rxOptions: bound to the interface, member of the group, with the TTL
// (hop limit) and destination of each packet told.
func (l *link) rxOptions(fd int) error {
	if err := unix.BindToDevice(fd, l.ifi.Name); err != nil {
		return err
	}
	if l.v6 {
		mreq := &unix.IPv6Mreq{Interface: uint32(l.ifi.Index)}
		copy(mreq.Multiaddr[:], Group6.AsSlice())
		return errors.Join(
			unix.SetsockoptIPv6Mreq(fd, unix.IPPROTO_IPV6, unix.IPV6_JOIN_GROUP, mreq),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_RECVHOPLIMIT, 1),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_RECVPKTINFO, 1))
	}
	return errors.Join(
		unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP,
			&unix.IPMreqn{Multiaddr: Group4.As4(), Ifindex: int32(l.ifi.Index)}),
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_RECVTTL, 1),
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_PKTINFO, 1))
}

// openTx is the sending socket: bound to the source address, TTL 255,
// precedence "internetwork control" (as keepalived), no loopback.
func (l *link) openTx() (int, error) {
	fam := unix.AF_INET
	if l.v6 {
		fam = unix.AF_INET6
	}
	fd, err := unix.Socket(fam, unix.SOCK_RAW|unix.SOCK_CLOEXEC, Protocol)
	if err != nil {
		return -1, fmt.Errorf("VRRP socket: %w", err)
	}
	if err := l.txOptions(fd); err != nil {
		unix.Close(fd)
		return -1, fmt.Errorf("VRRP socket on %s: %w", l.ifi.Name, err)
	}
	return fd, nil
}

func (l *link) txOptions(fd int) error {
	if err := unix.BindToDevice(fd, l.ifi.Name); err != nil {
		return err
	}
	if l.v6 {
		return errors.Join(
			unix.Bind(fd, &unix.SockaddrInet6{Addr: l.src.As16(), ZoneId: uint32(l.ifi.Index)}),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_IF, l.ifi.Index),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_HOPS, TTL),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_UNICAST_HOPS, TTL),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_LOOP, 0),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_TCLASS, 0xc0))
	}
	return errors.Join(
		unix.Bind(fd, &unix.SockaddrInet4{Addr: l.src.As4()}),
		unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_MULTICAST_IF,
			&unix.IPMreqn{Address: l.src.As4(), Ifindex: int32(l.ifi.Index)}),
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_MULTICAST_TTL, TTL),
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_TTL, TTL),
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_MULTICAST_LOOP, 0),
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_TOS, 0xc0))
}

// send writes a VRRP message to dst (the group or a unicast peer).
func (l *link) send(b []byte, dst netip.Addr) error {
	var sa unix.Sockaddr
	if l.v6 {
		sa = &unix.SockaddrInet6{Addr: dst.As16(), ZoneId: uint32(l.ifi.Index)}
	} else {
		sa = &unix.SockaddrInet4{Addr: dst.As4()}
	}
	return unix.Sendto(l.tx, b, 0, sa)
}

// packet is a received VRRP message with what its IP header said.
type packet struct {
	msg      []byte
	src, dst netip.Addr
	ttl      int
}

// read waits for the next VRRP message (until the deadline set on rx).
func (l *link) read(buf, oob []byte) (packet, error) {
	n, oobn, _, from, err := l.rx.ReadMsgIP(buf, oob)
	if err != nil {
		return packet{}, err
	}
	p := packet{msg: buf[:n], ttl: -1}
	if !l.v6 && n >= 20 && buf[0]>>4 == 4 {
		// A raw IPv4 socket hands over the IP header too.
		if hl := int(buf[0]&0xf) * 4; hl <= n {
			p.msg = buf[hl:n]
		}
	}
	p.src, _ = netip.AddrFromSlice(from.IP)
	p.src = p.src.Unmap()
	msgs, _ := unix.ParseSocketControlMessage(oob[:oobn])
	for _, m := range msgs {
		switch {
		case m.Header.Level == unix.IPPROTO_IP && m.Header.Type == unix.IP_TTL && len(m.Data) >= 1:
			p.ttl = int(m.Data[0])
		case m.Header.Level == unix.IPPROTO_IP && m.Header.Type == unix.IP_PKTINFO && len(m.Data) >= 12:
			p.dst = netip.AddrFrom4([4]byte(m.Data[8:12])) // ipi_addr: the header's destination
		case m.Header.Level == unix.IPPROTO_IPV6 && m.Header.Type == unix.IPV6_HOPLIMIT && len(m.Data) >= 4:
			p.ttl = int(binary.NativeEndian.Uint32(m.Data))
		case m.Header.Level == unix.IPPROTO_IPV6 && m.Header.Type == unix.IPV6_PKTINFO && len(m.Data) >= 16:
			p.dst = netip.AddrFrom16([16]byte(m.Data[:16]))
		}
	}
	return p, nil
}

func (l *link) close() {
	l.rx.Close()
	unix.Close(l.tx)
}

// addAddress puts a virtual address on its interface (IPv6 without DAD: the
// master must answer for it at once).
func addAddress(ifname string, p netip.Prefix) error {
	nl, a, err := netlinkAddr(ifname, p)
	if err != nil {
		return err
	}
	if err := netlink.AddrAdd(nl, a); err != nil && !errors.Is(err, syscall.EEXIST) {
		return fmt.Errorf("add %s to %s: %w", p, ifname, err)
	}
	return nil
}

// delAddress takes a virtual address off its interface.
func delAddress(ifname string, p netip.Prefix) error {
	nl, a, err := netlinkAddr(ifname, p)
	if err != nil {
		return err
	}
	if err := netlink.AddrDel(nl, a); err != nil && !errors.Is(err, syscall.EADDRNOTAVAIL) {
		return fmt.Errorf("remove %s from %s: %w", p, ifname, err)
	}
	return nil
}

func netlinkAddr(ifname string, p netip.Prefix) (netlink.Link, *netlink.Addr, error) {
	nl, err := netlink.LinkByName(ifname)
	if err != nil {
		return nil, nil, fmt.Errorf("interface %s: %w", ifname, err)
	}
	a := &netlink.Addr{IPNet: &net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())}}
	if p.Addr().Is6() {
		a.Flags = unix.IFA_F_NODAD
	}
	return nl, a, nil
}

// announce tells the segment that the virtual address is here now:
// a gratuitous ARP for IPv4, an unsolicited neighbour advertisement for
// IPv6 (what keepalived sends on becoming master).
func announce(ifname string, a netip.Addr) error {
	ifi, err := net.InterfaceByName(ifname)
	if err != nil {
		return err
	}
	if a.Is4() {
		return gratuitousARP(ifi, a)
	}
	return unsolicitedNA(ifi, a)
}

func gratuitousARP(ifi *net.Interface, a netip.Addr) error {
	if len(ifi.HardwareAddr) != 6 {
		return nil // no Ethernet, no ARP
	}
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, int(htons(unix.ETH_P_ARP)))
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	frame := make([]byte, 0, 42)
	frame = append(frame, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
	frame = append(frame, ifi.HardwareAddr...)
	frame = binary.BigEndian.AppendUint16(frame, unix.ETH_P_ARP)
	frame = append(frame, 0, 1, 8, 0, 6, 4, 0, 1) // Ethernet, IPv4, request
	frame = append(frame, ifi.HardwareAddr...)
	frame = append(frame, a.AsSlice()...)
	frame = append(frame, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
	frame = append(frame, a.AsSlice()...)
	sa := &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ARP), Ifindex: ifi.Index, Halen: 6,
		Addr: [8]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}
	return unix.Sendto(fd, frame, 0, sa)
}

func unsolicitedNA(ifi *net.Interface, a netip.Addr) error {
	fd, err := unix.Socket(unix.AF_INET6, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.IPPROTO_ICMPV6)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	if err := errors.Join(unix.BindToDevice(fd, ifi.Name),
		unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_HOPS, 255),
		unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_IF, ifi.Index)); err != nil {
		return err
	}
	// Neighbour advertisement: override, the target and its link-layer
	// address; the kernel fills in the checksum.
	msg := []byte{136, 0, 0, 0, 0x20, 0, 0, 0}
	msg = append(msg, a.AsSlice()...)
	if len(ifi.HardwareAddr) == 6 {
		msg = append(msg, 2, 1)
		msg = append(msg, ifi.HardwareAddr...)
	}
	all := netip.MustParseAddr("ff02::1")
	return unix.Sendto(fd, msg, 0, &unix.SockaddrInet6{Addr: all.As16(), ZoneId: uint32(ifi.Index)})
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }
