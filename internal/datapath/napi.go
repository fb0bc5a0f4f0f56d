package datapath

import (
	"fmt"
	"path/filepath"

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

// peerNAPI checks the veth peer for an XDP program. GRO on the peer is not
// trusted: on the kernels we measured, frames XDP redirected into a veth
// whose peer had GRO on but no XDP program were still dropped.
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
	return false, fmt.Sprintf("veth peer %s has no XDP program, so no NAPI: frames XDP sent into it would be dropped "+
		"(run `xvs-rs napi --dev %s` where it lives for the fast path)", l.Attrs().Name, l.Attrs().Name)
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
