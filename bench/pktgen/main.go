package main

import (
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"os"
	"time"

	"github.com/cilium/ebpf"
	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pktgen send|sink|count|xdpfwd ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "send":
		err = send(os.Args[2:])
	case "sink":
		err = sink(os.Args[2:])
	case "count":
		err = count(os.Args[2:])
	case "xdpfwd":
		err = xdpFwd(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pktgen:", err)
		os.Exit(1)
	}
}

// frame is one Ethernet/IPv4/UDP (or TCP SYN) frame of size bytes (64 = the minimum).
func frame(src, dst net.HardwareAddr, sip, dip netip.Addr, dport uint16, size int, syn bool) []byte {
	b := make([]byte, size)
	copy(b[0:], dst)
	copy(b[6:], src)
	binary.BigEndian.PutUint16(b[12:], 0x0800)
	ip := b[14:]
	iplen := size - 14 - 4 // the FCS is not in the frame
	ip[0], ip[8], ip[9] = 0x45, 64, 17
	binary.BigEndian.PutUint16(ip[2:], uint16(iplen))
	copy(ip[12:], sip.AsSlice())
	copy(ip[16:], dip.AsSlice())
	var s uint32
	for i := 0; i < 20; i += 2 {
		s += uint32(binary.BigEndian.Uint16(ip[i:]))
	}
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	binary.BigEndian.PutUint16(ip[10:], ^uint16(s))
	l4 := ip[20:iplen]
	binary.BigEndian.PutUint16(l4[0:], 1024)
	binary.BigEndian.PutUint16(l4[2:], dport)
	if !syn {
		binary.BigEndian.PutUint16(l4[4:], uint16(iplen-20))
		return b[:14+iplen]
	}
	ip[9] = 6
	binary.BigEndian.PutUint32(l4[4:], 1)
	l4[12], l4[13] = 5<<4, 0x02
	binary.BigEndian.PutUint16(l4[14:], 65535)
	s = 0
	for _, w := range [][]byte{ip[12:20], l4} {
		for i := 0; i+1 < len(w); i += 2 {
			s += uint32(binary.BigEndian.Uint16(w[i:]))
		}
	}
	s += 6 + uint32(len(l4))
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	binary.BigEndian.PutUint16(l4[16:], ^uint16(s))
	ip[10], ip[11] = 0, 0
	s = 0
	for i := 0; i < 20; i += 2 {
		s += uint32(binary.BigEndian.Uint16(ip[i:]))
	}
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	binary.BigEndian.PutUint16(ip[10:], ^uint16(s))
	return b[:14+iplen]
}

func send(args []string) error {
	fs := flag.NewFlagSet("send", flag.ExitOnError)
	dev := fs.String("dev", "", "interface to send from")
	dstMAC := fs.String("dst-mac", "", "destination MAC (the director's)")
	src := fs.String("src", "198.18.0.2", "source address")
	dst := fs.String("dst", "", "destination address")
	dport := fs.Uint("dport", 80, "UDP destination port")
	flows := fs.Uint("flows", 1, "distinct flows (source port and address)")
	n := fs.Uint("count", 1000000, "frames to send")
	size := fs.Int("size", 64, "frame size in bytes (with FCS)")
	syn := fs.Bool("syn", false, "TCP SYNs instead of UDP")
	rate := fs.Uint("rate", 0, "frames per second (0: as fast as it goes)")
	fs.Parse(args)
	l, err := netlink.LinkByName(*dev)
	if err != nil {
		return err
	}
	dmac, err := net.ParseMAC(*dstMAC)
	if err != nil {
		return err
	}
	spec, err := loadPktgen()
	if err != nil {
		return err
	}
	if err := spec.Variables["out_ifindex"].Set(uint32(l.Attrs().Index)); err != nil {
		return err
	}
	if err := spec.Variables["flows"].Set(uint32(*flows)); err != nil {
		return err
	}
	data := frame(l.Attrs().HardwareAddr, dmac, netip.MustParseAddr(*src), netip.MustParseAddr(*dst), uint16(*dport), *size, *syn)
	var tmpl [16]uint64
	for i := range tmpl {
		if (i+1)*8 <= len(data) {
			tmpl[i] = binary.NativeEndian.Uint64(data[i*8:])
		}
	}
	if err := spec.Variables["tmpl"].Set(tmpl); err != nil {
		return err
	}
	var objs pktgenObjects
	if err := spec.LoadAndAssign(&objs, nil); err != nil {
		return err
	}
	defer objs.Close()
	start := time.Now()
	sent := uint64(0)
	chunk := uint64(1 << 20)
	if *rate > 0 {
		chunk = max(uint64(*rate)/1000, 1) // paced in 1 ms steps
	}
	for sent < uint64(*n) {
		batch := min(uint64(*n)-sent, chunk)
		_, err := objs.XvsPktgen.Run(&ebpf.RunOptions{Data: data, Repeat: uint32(batch), Flags: unix.BPF_F_TEST_XDP_LIVE_FRAMES, BatchSize: 64})
		if err != nil {
			return fmt.Errorf("live frames run: %w", err)
		}
		sent += batch
		if *rate > 0 {
			if ahead := time.Duration(float64(sent)/float64(*rate)*float64(time.Second)) - time.Since(start); ahead > 0 {
				time.Sleep(ahead)
			}
		}
	}
	el := time.Since(start)
	fmt.Printf("sent %d %.6f %.0f\n", sent, el.Seconds(), float64(sent)/el.Seconds())
	return nil
}

func sink(args []string) error {
	fs := flag.NewFlagSet("sink", flag.ExitOnError)
	dev := fs.String("dev", "", "interface")
	fs.Parse(args)
	return attach(*dev, func(objs *pktgenObjects) (*ebpf.Program, error) { return objs.XvsSink, nil })
}

// xdpFwd attaches plain XDP forwarding (xvs_xdp_fwd) to dev, transmitting
// on out; run it in the namespace of both (the devmap holds its ifindexes).
func xdpFwd(args []string) error {
	fs := flag.NewFlagSet("xdpfwd", flag.ExitOnError)
	dev := fs.String("dev", "", "interface to forward from")
	out := fs.String("out", "", "interface to forward to")
	fs.Parse(args)
	o, err := netlink.LinkByName(*out)
	if err != nil {
		return err
	}
	return attach(*dev, func(objs *pktgenObjects) (*ebpf.Program, error) {
		idx := uint32(o.Attrs().Index)
		return objs.XvsXdpFwd, objs.FwdPorts.Put(idx, idx)
	})
}

// attach loads the objects, lets prepare fill maps and pick the program,
// and attaches it to dev in driver mode (it stays when this process ends).
func attach(dev string, prepare func(*pktgenObjects) (*ebpf.Program, error)) error {
	l, err := netlink.LinkByName(dev)
	if err != nil {
		return err
	}
	var objs pktgenObjects
	if err := loadPktgenObjects(&objs, nil); err != nil {
		return err
	}
	defer objs.Close()
	prog, err := prepare(&objs)
	if err != nil {
		return err
	}
	return netlink.LinkSetXdpFdWithFlags(l, prog.FD(), unix.XDP_FLAGS_DRV_MODE)
}

func count(args []string) error {
	fs := flag.NewFlagSet("count", flag.ExitOnError)
	dev := fs.String("dev", "", "interface")
	fs.Parse(args)
	l, err := netlink.LinkByName(*dev)
	if err != nil {
		return err
	}
	x := l.Attrs().Xdp
	if x == nil || !x.Attached {
		return errors.New("no sink attached")
	}
	prog, err := ebpf.NewProgramFromID(ebpf.ProgramID(x.ProgId))
	if err != nil {
		return err
	}
	defer prog.Close()
	info, err := prog.Info()
	if err != nil {
		return err
	}
	ids, _ := info.MapIDs()
	for _, id := range ids {
		m, err := ebpf.NewMapFromID(id)
		if err != nil {
			continue
		}
		defer m.Close()
		var per []uint64
		if err := m.Lookup(uint32(0), &per); err != nil {
			continue
		}
		var total uint64
		for _, v := range per {
			total += v
		}
		fmt.Println(total)
		return nil
	}
	return errors.New("sink counter not found")
}
