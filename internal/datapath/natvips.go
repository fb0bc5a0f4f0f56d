package datapath

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cilium/ebpf"
)

// A NAT connection is one entry in the connection table: its replies
// (RIP:rport -> CIP:cport) find the forward entry through nat_vips, the
// VIP:vport of every service that sends to RIP:rport. Services it cannot
// list keep a reverse entry per connection (their destinations carry
// xvsDestFReplyEntry): fwmark services (any address may be the VIP), port-0
// services (any port) and, past xvsNatVIPs, the further services of one
// real server's port.

const (
	xvsNatVIPs         = 4    // XVS_NAT_VIPS
	xvsDestFReplyEntry = 0x1  // XVS_DEST_F_REPLY_ENTRY
	xvsConnFReplyEntry = 0x40 // XVS_CONN_F_REPLY_ENTRY
)

// natVIP is one VIP:vport of a real server's port.
type natVIP struct {
	addr [4]uint32
	port uint16 // network order, as in the maps
}

// natPlan is what Apply computed: each RIP:rport's VIPs as the map will hold
// them, the ones the configuration wants (the others linger for live
// connections until the sweeper sees them go), and the destinations whose
// connections need a reverse entry.
type natPlan struct {
	lists      map[xvsXvsNatKey][]natVIP
	wanted     map[xvsXvsNatKey][]natVIP
	replyEntry map[uint32]bool
}

func natKeyOf(d *Dest, s *Service) xvsXvsNatKey {
	port := d.Port
	if port == 0 {
		port = s.Port // a port-0 destination gets the virtual port
	}
	return xvsXvsNatKey{Addr: addrWords(d.Addr), Port: be16(port), Af: uint8(d.AF), Proto: s.Protocol}
}

// planNATVIPs lists the services' VIPs by real server port. A list keeps
// what it held (a VIP stays while connections may still answer from it) and
// takes new VIPs while there is room; a service that finds none keeps
// reverse entries for that destination.
func planNATVIPs(svcs []Service, old map[xvsXvsNatKey][]natVIP) natPlan {
	p := natPlan{lists: map[xvsXvsNatKey][]natVIP{}, wanted: map[xvsXvsNatKey][]natVIP{}, replyEntry: map[uint32]bool{}}
	for k, l := range old {
		p.lists[k] = slices.Clone(l)
	}
	for i := range svcs {
		s := &svcs[i]
		for j := range s.Dests {
			d := &s.Dests[j]
			if d.Fwd != xvsFwdMasq {
				continue
			}
			if s.FWMark != 0 || s.Port == 0 {
				p.replyEntry[d.ID] = true
				continue
			}
			k := natKeyOf(d, s)
			v := natVIP{addr: addrWords(s.Addr), port: be16(s.Port)}
			if !slices.Contains(p.wanted[k], v) {
				p.wanted[k] = append(p.wanted[k], v)
			}
			switch l := p.lists[k]; {
			case slices.Contains(l, v):
			case len(l) < xvsNatVIPs:
				p.lists[k] = append(l, v)
			default:
				p.replyEntry[d.ID] = true
			}
		}
	}
	return p
}

func natVIPsValue(l []natVIP) xvsXvsNatVips {
	v := xvsXvsNatVips{N: uint32(len(l))}
	for i, e := range l {
		v.Vip[i].Addr, v.Vip[i].Port = e.addr, e.port
	}
	return v
}

// writeNATVIPs makes nat_vips hold lists (before the destinations and
// services that rely on it are written: a reply may follow the first packet).
func (d *Datapath) writeNATVIPs(lists map[xvsXvsNatKey][]natVIP) error {
	for k, l := range lists {
		if slices.Equal(d.state.natVIPs[k], l) {
			continue
		}
		if err := d.objs.NatVips.Put(k, natVIPsValue(l)); err != nil {
			return fmt.Errorf("datapath: NAT VIPs: %w", err)
		}
		d.state.natVIPs[k] = l
	}
	return nil
}

// pruneNATVIPs drops the VIPs the configuration no longer wants once no live
// connection (live: those the sweeper saw) answers from them. A VIP must
// have been unwanted since before the sweep (wantedBefore): a connection
// started while the sweep read the table may be missing from live.
func (d *Datapath) pruneNATVIPs(wantedBefore, live map[xvsXvsNatKey][]natVIP) error {
	for k, l := range d.state.natVIPs {
		kept := slices.DeleteFunc(slices.Clone(l), func(v natVIP) bool {
			return !slices.Contains(d.state.natWanted[k], v) && !slices.Contains(wantedBefore[k], v) &&
				!slices.Contains(live[k], v)
		})
		if len(kept) == len(l) {
			continue
		}
		var err error
		if len(kept) == 0 {
			err = d.objs.NatVips.Delete(k)
			delete(d.state.natVIPs, k)
		} else {
			err = d.objs.NatVips.Put(k, natVIPsValue(kept))
			d.state.natVIPs[k] = kept
		}
		if err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
			return fmt.Errorf("datapath: NAT VIPs: %w", err)
		}
	}
	return nil
}

// answersByVIPs: v is the forward entry of a NAT connection without a
// reverse entry, whose replies nat_vips finds.
func answersByVIPs(v *xvsXvsConn) bool {
	return v.Fwd == xvsFwdMasq && v.Flags&(xvsConnFReverse|xvsConnFTemplate|xvsConnFReplyEntry) == 0
}

// liveNATVIP notes the VIP a live NAT connection without a reverse entry
// answers from.
func liveNATVIP(live map[xvsXvsNatKey][]natVIP, k *xvsXvsConnKey, v *xvsXvsConn) {
	if !answersByVIPs(v) {
		return
	}
	nk := xvsXvsNatKey{Addr: v.Addr, Port: v.Port, Af: v.Af, Proto: k.Proto}
	vip := natVIP{addr: k.Daddr, port: k.Dport}
	if !slices.Contains(live[nk], vip) {
		live[nk] = append(live[nk], vip)
	}
}

// loadNATVIPs reads a pinned nat_vips back into the state.
func (d *Datapath) loadNATVIPs(st *tables) error {
	var k xvsXvsNatKey
	var v xvsXvsNatVips
	it := d.objs.NatVips.Iterate()
	for it.Next(&k, &v) {
		var l []natVIP
		for i := 0; i < int(v.N) && i < xvsNatVIPs; i++ {
			l = append(l, natVIP{addr: v.Vip[i].Addr, port: v.Vip[i].Port})
		}
		st.natVIPs[k] = l
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("datapath: read NAT VIPs: %w", err)
	}
	return nil
}

// flagReplyEntries marks the NAT connections an older datapath left with a
// reverse entry, so that the entry goes with its connection.
func (d *Datapath) flagReplyEntries() error {
	var flag []xvsXvsConnKey
	err := d.forEachConn(func(k *xvsXvsConnKey, v *xvsXvsConn) {
		if !answersByVIPs(v) {
			return
		}
		var r xvsXvsConn
		rk := reverseKey(k, v)
		if d.connLookup(&rk, &r) == nil && r.Flags&xvsConnFReverse != 0 {
			flag = append(flag, *k)
		}
	})
	if err != nil {
		return fmt.Errorf("datapath: reverse entries: %w", err)
	}
	for i := range flag {
		var v xvsXvsConn
		if d.connLookup(&flag[i], &v) != nil {
			continue
		}
		v.Flags |= xvsConnFReplyEntry
		if err := d.connUpdate(&flag[i], &v, ebpf.UpdateExist); err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
			return fmt.Errorf("datapath: reverse entries: %w", err)
		}
	}
	return nil
}
