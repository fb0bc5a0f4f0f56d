package sched

// MH is Maglev hashing (ip_vs_mh.c).
type MH struct {
	Flags Flags
	table []int
}

// Name implements Scheduler.
func (*MH) Name() string { return "mh" }

// Update rebuilds the table (from last weights: quiescing does not move slots).
func (m *MH) Update(dests []Dest) { m.table = MHTable(dests) }

// Schedule looks the source address (and port with mh-port) up.
func (m *MH) Schedule(dests []Dest, p Packet) int {
	if m.table == nil {
		m.Update(dests)
	}
	var port uint16
	if m.Flags&HashPort != 0 {
		port = p.SrcPort
	}
	return hashedPick(m.table, dests, m.Flags&Fallback != 0, MHTabSize, func(off uint32) uint32 {
		return MHHash(p.SrcAddr, port, off)
	})
}
