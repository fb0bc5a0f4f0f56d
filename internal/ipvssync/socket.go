package ipvssync

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"syscall"

	"golang.org/x/sys/unix"

	"xvs/internal/model"
)

// openSender is the master's socket, as make_send_sock sets it up: the
// multicast interface, no loopback, the TTL, fragmentation allowed, bound
// to the interface's IPv4 address, connected to the group and port.
func openSender(d model.SyncDaemon) (net.Conn, error) {
	ifi, err := net.InterfaceByName(d.MCastIfn)
	if err != nil {
		return nil, syscall.ENODEV
	}
	v6 := d.MCastGroup.Is6()
	dialer := net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
		var serr error
		err := rc.Control(func(fd uintptr) { serr = senderOptions(int(fd), v6, ifi.Index, int(d.MCastTTL)) })
		return errors.Join(err, serr)
	}}
	group := d.MCastGroup
	network := "udp4"
	if v6 {
		network = "udp6"
		group = group.WithZone(ifi.Name)
	} else if a, ok := interfaceIPv4(ifi); ok {
		dialer.LocalAddr = &net.UDPAddr{IP: a.AsSlice()}
	}
	return dialer.DialContext(context.Background(), network, netip.AddrPortFrom(group, d.MCastPort).String())
}

func senderOptions(fd int, v6 bool, ifindex, ttl int) error {
	if v6 {
		return errors.Join(
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_IF, ifindex),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_LOOP, 0),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_HOPS, ttl),
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MTU_DISCOVER, unix.IPV6_PMTUDISC_DONT))
	}
	return errors.Join(
		unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_MULTICAST_IF, &unix.IPMreqn{Ifindex: int32(ifindex)}),
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_MULTICAST_LOOP, 0),
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_MULTICAST_TTL, ttl),
		unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_MTU_DISCOVER, unix.IP_PMTUDISC_DONT))
}

// interfaceIPv4 is the address the kernel's master binds to
// (inet_select_addr: the interface's first global IPv4 address).
func interfaceIPv4(ifi *net.Interface) (netip.Addr, bool) {
	addrs, err := ifi.Addrs()
	if err != nil {
		return netip.Addr{}, false
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			if ip, ok := netip.AddrFromSlice(n.IP); ok && ip.Unmap().Is4() && !ip.IsLoopback() {
				return ip.Unmap(), true
			}
		}
	}
	return netip.Addr{}, false
}

// openReceiver is the backup's socket, as make_receive_sock sets it up:
// address reuse, bound to the interface and to the group and port, the
// group joined on the interface.
func openReceiver(d model.SyncDaemon) (net.PacketConn, error) {
	ifi, err := net.InterfaceByName(d.MCastIfn)
	if err != nil {
		return nil, syscall.ENODEV
	}
	fam := unix.AF_INET
	if d.MCastGroup.Is6() {
		fam = unix.AF_INET6
	}
	fd, err := unix.Socket(fam, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, unix.IPPROTO_UDP)
	if err != nil {
		return nil, err
	}
	if err := receiverSetup(fd, d, ifi); err != nil {
		unix.Close(fd)
		return nil, err
	}
	f := os.NewFile(uintptr(fd), fmt.Sprintf("ipvs-sync-%s", d.MCastIfn))
	defer f.Close()
	return net.FilePacketConn(f)
}

func receiverSetup(fd int, d model.SyncDaemon, ifi *net.Interface) error {
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1); err != nil {
		return err
	}
	if err := unix.BindToDevice(fd, ifi.Name); err != nil {
		return err
	}
	if d.MCastGroup.Is6() {
		g := d.MCastGroup.As16()
		if err := unix.Bind(fd, &unix.SockaddrInet6{Port: int(d.MCastPort), Addr: g, ZoneId: uint32(ifi.Index)}); err != nil {
			return err
		}
		return unix.SetsockoptIPv6Mreq(fd, unix.IPPROTO_IPV6, unix.IPV6_JOIN_GROUP,
			&unix.IPv6Mreq{Multiaddr: g, Interface: uint32(ifi.Index)})
	}
	g := d.MCastGroup.As4()
	if err := unix.Bind(fd, &unix.SockaddrInet4{Port: int(d.MCastPort), Addr: g}); err != nil {
		return err
	}
	return unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP,
		&unix.IPMreqn{Multiaddr: g, Ifindex: int32(ifi.Index)})
}
