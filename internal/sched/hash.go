package sched

import (
	"math/bits"
	"net/netip"
)

// Table sizes of the hashing schedulers.
const (
	SHTabSize   = 256  // 1 << CONFIG_IP_VS_SH_TAB_BITS
	DHTabSize   = 256  // 1 << CONFIG_IP_VS_DH_TAB_BITS
	MHTabSize   = 4093 // primes[CONFIG_IP_VS_MH_TAB_INDEX - 8]
	mhTabBits   = 6    // IP_VS_MH_TAB_INDEX / 2
	lblcTabBits = 10
)

// addrFold is the kernel's 32-bit view of an address in host order:
// IPv4 as is, IPv6 (IPv4-mapped ones too: an IPv6 service's) as the XOR of
// its four words.
func addrFold(a netip.Addr) uint32 {
	if a.Is4() {
		b := a.As4()
		return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	}
	b := a.As16()
	var f uint32
	for i := 0; i < 16; i += 4 {
		f ^= uint32(b[i])<<24 | uint32(b[i+1])<<16 | uint32(b[i+2])<<8 | uint32(b[i+3])
	}
	return f
}

// hash32 is the kernel's hash_32(): multiply by the 32-bit golden ratio and
// keep the top bits.
func hash32(v uint32, nbits uint) uint32 { return (v * 0x61C88647) >> (32 - nbits) }

// SHHash is ip_vs_sh_hashkey: the bucket of a source address (and port, with sh-port).
func SHHash(addr netip.Addr, port uint16, offset uint32) uint32 {
	return (offset + hash32(uint32(port)+addrFold(addr), 8)) & (SHTabSize - 1)
}

// DHHash is ip_vs_dh_hashkey: the bucket of a destination address.
func DHHash(addr netip.Addr) uint32 {
	return hash32(addrFold(addr), 8)
}

// lblcHash is ip_vs_lblc_hashkey (only the GC's bucket walk depends on it).
func lblcHash(addr netip.Addr) uint32 { return hash32(addrFold(addr), lblcTabBits) }

// hsiphashKey is an hsiphash_key_t: two unsigned longs.
type hsiphashKey [2]uint64

// The keys ip_vs_mh.c's generate_hash_secret sets.
var (
	mhKey1 = hsiphashKey{2654435761, 2654435761}
	mhKey2 = hsiphashKey{2654446892, 2654446892}
)

func sipround(v0, v1, v2, v3 uint64) (uint64, uint64, uint64, uint64) {
	v0 += v1
	v1 = bits.RotateLeft64(v1, 13)
	v1 ^= v0
	v0 = bits.RotateLeft64(v0, 32)
	v2 += v3
	v3 = bits.RotateLeft64(v3, 16)
	v3 ^= v2
	v0 += v3
	v3 = bits.RotateLeft64(v3, 21)
	v3 ^= v0
	v2 += v1
	v1 = bits.RotateLeft64(v1, 17)
	v1 ^= v2
	v2 = bits.RotateLeft64(v2, 32)
	return v0, v1, v2, v3
}

// hsiphash32 is lib/siphash.c's hsiphash of one u32 on a 64-bit kernel,
// where HalfSipHash-1-3 is SipHash-1-3 truncated to 32 bits.
func hsiphash32(first uint32, key hsiphashKey) uint32 {
	v0 := uint64(0x736f6d6570736575) ^ key[0]
	v1 := uint64(0x646f72616e646f6d) ^ key[1]
	v2 := uint64(0x6c7967656e657261) ^ key[0]
	v3 := uint64(0x7465646279746573) ^ key[1]
	b := uint64(4)<<56 | uint64(first)
	v3 ^= b
	v0, v1, v2, v3 = sipround(v0, v1, v2, v3)
	v0 ^= b
	v2 ^= 0xff
	v0, v1, v2, v3 = sipround(v0, v1, v2, v3)
	v0, v1, v2, v3 = sipround(v0, v1, v2, v3)
	v0, v1, v2, v3 = sipround(v0, v1, v2, v3)
	return uint32((v0 ^ v1) ^ (v2 ^ v3))
}

// mhHashKey is ip_vs_mh_hashkey.
func mhHashKey(addr netip.Addr, port uint16, key hsiphashKey, offset uint32) uint32 {
	return hsiphash32(offset+uint32(port)+addrFold(addr), key)
}

// MHHash is the slot a source address (and port, with mh-port) looks up.
func MHHash(addr netip.Addr, port uint16, offset uint32) uint32 {
	return mhHashKey(addr, port, mhKey1, offset) % MHTabSize
}

// SHTable is ip_vs_sh_reassign: walking the list, each dest takes as many
// consecutive buckets as its weight (at least one), wrapping round.
func SHTable(dests []Dest) [SHTabSize]int {
	var t [SHTabSize]int
	if len(dests) == 0 {
		for i := range t {
			t[i] = -1
		}
		return t
	}
	p, count := 0, int32(0)
	for i := range t {
		t[i] = p
		count++
		if count >= dests[p].Weight {
			p = (p + 1) % len(dests)
			count = 0
		}
	}
	return t
}

// DHTable is ip_vs_dh_reassign: buckets dealt round robin, weights ignored.
func DHTable(dests []Dest) [DHTabSize]int {
	var t [DHTabSize]int
	for i := range t {
		t[i] = -1
		if len(dests) > 0 {
			t[i] = i % len(dests)
		}
	}
	return t
}

// unavailable is sh's and mh's is_unavailable.
func unavailable(d *Dest) bool { return d.Weight <= 0 || d.Overloaded }

// hashedPick looks a key up in a table with the kernel's optional fallback:
// on an unavailable dest, probe offsets (i+ihash) until an empty slot.
func hashedPick(table []int, dests []Dest, fallback bool, size uint32, hash func(offset uint32) uint32) int {
	ihash := hash(0)
	i := table[ihash]
	if i < 0 {
		return -1
	}
	if !unavailable(&dests[i]) {
		return i
	}
	if !fallback {
		return -1
	}
	for off := uint32(0); off < size; off++ {
		j := table[hash((off+ihash)%size)]
		if j < 0 {
			return -1
		}
		if !unavailable(&dests[j]) {
			return j
		}
	}
	return -1
}

// SH is source hashing (ip_vs_sh.c).
type SH struct {
	Flags Flags
	table [SHTabSize]int
	built bool
}

// Name implements Scheduler.
func (*SH) Name() string { return "sh" }

// Update rebuilds the buckets.
func (s *SH) Update(dests []Dest) { s.table, s.built = SHTable(dests), true }

// Schedule hashes the source address (and port with sh-port).
func (s *SH) Schedule(dests []Dest, p Packet) int {
	if !s.built {
		s.Update(dests)
	}
	var port uint16
	if s.Flags&HashPort != 0 {
		port = p.SrcPort
	}
	return hashedPick(s.table[:], dests, s.Flags&Fallback != 0, SHTabSize, func(off uint32) uint32 {
		return SHHash(p.SrcAddr, port, off)
	})
}

// DH is destination hashing (ip_vs_dh.c): no fallback, weights ignored but
// for zero.
type DH struct {
	table [DHTabSize]int
	built bool
}

// Name implements Scheduler.
func (*DH) Name() string { return "dh" }

// Update rebuilds the buckets.
func (d *DH) Update(dests []Dest) { d.table, d.built = DHTable(dests), true }

// Schedule hashes the destination address.
func (d *DH) Schedule(dests []Dest, p Packet) int {
	if !d.built {
		d.Update(dests)
	}
	i := d.table[DHHash(p.DstAddr)]
	if i < 0 || !dests[i].Available || dests[i].Weight <= 0 || dests[i].Overloaded {
		return -1
	}
	return i
}

// MHTable is ip_vs_mh_permutate + ip_vs_mh_populate: Maglev's table over
// the dests' last non-zero weights.
func MHTable(dests []Dest) []int {
	t := make([]int, MHTabSize)
	for i := range t {
		t[i] = -1
	}
	g := weightGCD(dests, lastWeight)
	if g < 1 {
		return t
	}
	shift := bits.Len32(uint32(maxWeightOf(dests, lastWeight)/g)) - mhTabBits
	shift = max(shift, 0)
	type setup struct{ perm, skip, turns uint32 }
	ds := make([]setup, len(dests))
	for i := range dests {
		d := &dests[i]
		off := mhHashKey(d.Addr, d.Port, mhKey1, 0) % MHTabSize
		skip := mhHashKey(d.Addr, d.Port, mhKey2, 0)%(MHTabSize-1) + 1
		lw := d.LastWeight
		turns := uint32((lw / g) >> shift)
		if turns == 0 && lw != 0 {
			turns = 1
		}
		ds[i] = setup{perm: off, skip: skip, turns: turns}
	}
	used := make([]bool, MHTabSize)
	n, dtCount := 0, uint32(0)
	for n < MHTabSize {
		for i := 0; i < len(dests); {
			s := &ds[i]
			if s.turns < 1 {
				i++
				continue
			}
			c := s.perm
			for used[c] {
				s.perm += s.skip
				if s.perm >= MHTabSize {
					s.perm -= MHTabSize
				}
				c = s.perm
			}
			used[c] = true
			t[c] = i
			if n++; n == MHTabSize {
				return t
			}
			// A dest takes its turns in a row before the next one.
			if dtCount++; dtCount >= s.turns {
				dtCount = 0
				i++
			}
		}
	}
	return t
}
