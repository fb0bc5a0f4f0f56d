package datapath

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"unsafe"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
	"golang.org/x/sys/unix"
)

// xdpXmitWorks tells whether frames XDP redirects to this interface arrive.
// A veth delivers them only when its peer has NAPI (an XDP program or GRO
// on); otherwise the kernel drops them without a trace. Other interfaces
// are trusted when our program runs on them in driver mode.
func xdpXmitWorks(ifindex int, native bool) (bool, string) {
	l, err := netlink.LinkByIndex(ifindex)
	if err != nil {
		return false, err.Error()
	}
	if l.Type() != "veth" {
		if native {
			return true, ""
		}
		return false, "XDP runs in generic mode"
	}
	peer, err := netlink.VethPeerIndex(l.(*netlink.Veth))
	if err != nil {
		return false, "veth peer unknown: " + err.Error()
	}
	nsid := l.Attrs().NetNsID
	if nsid < 0 {
		return peerNAPI(netlink.Handle{}, peer, nil)
	}
	fd, err := findNetns(nsid)
	if err != nil {
		return false, err.Error()
	}
	defer unix.Close(fd)
	h, err := netlink.NewHandleAt(netns.NsHandle(fd))
	if err != nil {
		return false, err.Error()
	}
	defer h.Close()
	return peerNAPI(*h, peer, &fd)
}

// peerNAPI checks the veth peer: XDP attached, or GRO on.
func peerNAPI(h netlink.Handle, index int, nsfd *int) (bool, string) {
	var l netlink.Link
	var err error
	if nsfd == nil {
		l, err = netlink.LinkByIndex(index)
	} else {
		l, err = h.LinkByIndex(index)
	}
	if err != nil {
		return false, "veth peer: " + err.Error()
	}
	if x := l.Attrs().Xdp; x != nil && x.Attached {
		return true, ""
	}
	gro, err := groEnabled(l.Attrs().Name, nsfd)
	if err != nil {
		return false, "veth peer GRO: " + err.Error()
	}
	if gro {
		return true, ""
	}
	return false, fmt.Sprintf("veth peer %s has neither XDP nor GRO (no NAPI: XDP_REDIRECT into it would be dropped)", l.Attrs().Name)
}

// findNetns opens the network namespace that has id nsid here, looking at
// named namespaces and at those of running processes.
func findNetns(nsid int) (int, error) {
	cands, _ := filepath.Glob("/run/netns/*")
	procs, _ := filepath.Glob("/proc/[0-9]*/ns/net")
	seen := map[uint64]bool{}
	for _, p := range append(cands, procs...) {
		var st unix.Stat_t
		if unix.Stat(p, &st) != nil || seen[st.Ino] {
			continue
		}
		seen[st.Ino] = true
		fd, err := unix.Open(p, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			continue
		}
		if id, err := netlink.GetNetNsIdByFd(fd); err == nil && id == nsid {
			return fd, nil
		}
		unix.Close(fd)
	}
	return -1, fmt.Errorf("veth peer namespace (nsid %d) not found", nsid)
}

const ethtoolGGRO = 0x0000002b

type ethtoolValue struct{ cmd, data uint32 }

type ifreqData struct {
	name [unix.IFNAMSIZ]byte
	data uintptr
}

// groEnabled asks ethtool (ETHTOOL_GGRO) about an interface, in the
// namespace nsfd when given.
func groEnabled(name string, nsfd *int) (bool, error) {
	fd, err := socketIn(nsfd)
	if err != nil {
		return false, err
	}
	defer unix.Close(fd)
	v := ethtoolValue{cmd: ethtoolGGRO}
	var ifr ifreqData
	copy(ifr.name[:], name)
	ifr.data = uintptr(unsafe.Pointer(&v))
	_, _, errno := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), unix.SIOCETHTOOL, uintptr(unsafe.Pointer(&ifr)))
	runtime.KeepAlive(&v)
	if errno != 0 {
		return false, errno
	}
	return v.data != 0, nil
}

// socketIn opens a datagram socket in namespace nsfd (a socket stays in the
// namespace it was made in). The switch happens on a thread of its own,
// which is discarded if it cannot be switched back.
func socketIn(nsfd *int) (int, error) {
	if nsfd == nil {
		return unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	}
	type result struct {
		fd  int
		err error
	}
	ch := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		orig, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			runtime.UnlockOSThread()
			ch <- result{-1, err}
			return
		}
		defer orig.Close()
		if err := unix.Setns(*nsfd, unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			ch <- result{-1, err}
			return
		}
		fd, serr := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
		if unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET) == nil {
			runtime.UnlockOSThread() // else the locked thread ends with this goroutine
		}
		ch <- result{fd, serr}
	}()
	r := <-ch
	return r.fd, r.err
}
