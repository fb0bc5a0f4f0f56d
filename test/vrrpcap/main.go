// Command vrrpcap prints the VRRP adverts that arrive on an interface, for
// recording what keepalived sends (the oracle VM) and for tests:
//
//	vrrpcap -i IFNAME [-t SECONDS] [-6]
//
// prints one line per advert: "advert SRC DST TTL HEX" (HEX: the VRRP
// message), until SECONDS pass.
package main

import (
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

func main() {
	ifn := flag.String("i", "", "interface")
	secs := flag.Float64("t", 5, "seconds to listen")
	v6 := flag.Bool("6", false, "IPv6 (ff02::12) instead of IPv4 (224.0.0.18)")
	flag.Parse()
	ifi, err := net.InterfaceByName(*ifn)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fd, err := open(ifi, *v6)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	deadline := time.Now().Add(time.Duration(*secs * float64(time.Second)))
	buf := make([]byte, 2048)
	oob := make([]byte, 256)
	for time.Now().Before(deadline) {
		left := time.Until(deadline)
		tv := unix.NsecToTimeval(left.Nanoseconds())
		unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv)
		n, oobn, _, from, err := unix.Recvmsg(fd, buf, oob, 0)
		if err != nil {
			continue
		}
		if *v6 {
			printV6(buf[:n], oob[:oobn], from)
		} else {
			printV4(buf[:n])
		}
	}
}

func open(ifi *net.Interface, v6 bool) (int, error) {
	if v6 {
		fd, err := unix.Socket(unix.AF_INET6, unix.SOCK_RAW, 112)
		if err != nil {
			return 0, err
		}
		mreq := &unix.IPv6Mreq{Interface: uint32(ifi.Index)}
		copy(mreq.Multiaddr[:], netip.MustParseAddr("ff02::12").AsSlice())
		if err := unix.SetsockoptIPv6Mreq(fd, unix.IPPROTO_IPV6, unix.IPV6_JOIN_GROUP, mreq); err != nil {
			return 0, err
		}
		unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_RECVHOPLIMIT, 1)
		unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_RECVPKTINFO, 1)
		return fd, unix.BindToDevice(fd, ifi.Name)
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_RAW, 112)
	if err != nil {
		return 0, err
	}
	mreq := &unix.IPMreqn{Multiaddr: [4]byte{224, 0, 0, 18}, Ifindex: int32(ifi.Index)}
	if err := unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP, mreq); err != nil {
		return 0, err
	}
	return fd, unix.BindToDevice(fd, ifi.Name)
}

// printV4: a raw IPv4 socket delivers the IP header too.
func printV4(b []byte) {
	if len(b) < 20 {
		return
	}
	hl := int(b[0]&0xf) * 4
	src, _ := netip.AddrFromSlice(b[12:16])
	dst, _ := netip.AddrFromSlice(b[16:20])
	fmt.Printf("advert %s %s %d %s\n", src, dst, b[8], hex.EncodeToString(b[hl:]))
}

func printV6(b, oob []byte, from unix.Sockaddr) {
	sa, ok := from.(*unix.SockaddrInet6)
	if !ok {
		return
	}
	src := netip.AddrFrom16(sa.Addr)
	var dst netip.Addr
	hops := -1
	msgs, _ := unix.ParseSocketControlMessage(oob)
	for _, m := range msgs {
		switch {
		case m.Header.Level == unix.IPPROTO_IPV6 && m.Header.Type == unix.IPV6_HOPLIMIT && len(m.Data) >= 4:
			hops = int(m.Data[0]) | int(m.Data[1])<<8
		case m.Header.Level == unix.IPPROTO_IPV6 && m.Header.Type == unix.IPV6_PKTINFO && len(m.Data) >= 16:
			dst = netip.AddrFrom16([16]byte(m.Data[:16]))
		}
	}
	fmt.Printf("advert %s %s %d %s\n", src, dst, hops, hex.EncodeToString(b))
}
