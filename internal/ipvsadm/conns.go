package ipvsadm

import (
	"fmt"
	"net/netip"
	"strconv"

	"xvs/internal/api"
	"xvs/internal/model"
)

// connections is list_conn: the connection table, one entry per line.
func (p *printer) connections(conns []api.Conn) {
	p.printf("IPVS connection entries\n")
	if p.format&fmtPersistentConn != 0 {
		p.printf("pro expire %-11s %-18s %-18s %-18s %-16s %s\n",
			"state", "source", "virtual", "destination", "pe name", "pe_data")
	} else {
		p.printf("pro expire %-11s %-18s %-18s %s\n", "state", "source", "virtual", "destination")
	}
	for i := range conns {
		p.conn(&conns[i])
	}
}

// connAddr reads an address of a connection entry: dotted or colon
// notation, or the kernel's /proc hex form of an IPv4 address.
func connAddr(s string) (netip.Addr, uint16) {
	if a, err := netip.ParseAddr(s); err == nil {
		if a.Is4() {
			return a, model.AFInet
		}
		return a, model.AFInet6
	}
	v, _ := strconv.ParseUint(s, 16, 32)
	return addrFromUint32(uint32(v)), model.AFInet
}

// conn is print_conn.
func (p *printer) conn(c *api.Conn) {
	var proto uint8
	switch c.Protocol {
	case "TCP":
		proto = model.ProtoTCP
	case "UDP":
		proto = model.ProtoUDP
	case "SCTP":
		proto = model.ProtoSCTP
	}
	caddr, af := connAddr(c.CAddr)
	vaddr, _ := connAddr(c.VAddr)
	daddr, daf := connAddr(c.DAddr)
	cname := p.addrPort(af, caddr, c.CPort, proto)
	vname := p.addrPort(af, vaddr, c.VPort, proto)
	dname := p.addrPort(daf, daddr, c.DPort, proto)
	expires := uint32(c.ExpiresSec)
	expire := fmt.Sprintf("%02d:%02d", expires/60, expires%60)
	if p.format&fmtPersistentConn != 0 && c.PEName != "" {
		p.printf("%-3s %-6s %-11s %-18s %-18s %-16s %-18s %s\n",
			c.Protocol, expire, c.State, cname, vname, dname, c.PEName, c.PEData)
		return
	}
	p.printf("%-3s %-6s %-11s %-18s %-18s %s\n", c.Protocol, expire, c.State, cname, vname, dname)
}
