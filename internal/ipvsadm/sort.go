package ipvsadm

import (
	"net/netip"
	"slices"

	"xvs/internal/model"
)

// words is an address as the kernel's union nf_inet_addr holds it, in host
// order: an IPv4 address is the first word, the rest zero.
func words(a netip.Addr) [4]uint32 {
	var w [4]uint32
	switch {
	case a.Is4():
		w[0] = uint32FromAddr(a)
	case a.Is6():
		b := a.As16()
		for i := range w {
			w[i] = uint32(b[4*i])<<24 | uint32(b[4*i+1])<<16 | uint32(b[4*i+2])<<8 | uint32(b[4*i+3])
		}
	}
	return w
}

// diff is libipvs's "int r = a - b" on unsigned 32-bit values: wrong for
// values 2^31 or more apart, which is what makes ipvsadm's order
// non-transitive there.
func diff(a, b uint32) int { return int(int32(a - b)) }

func cmpAddr(af uint16, a, b netip.Addr) int {
	wa, wb := words(a), words(b)
	if af == model.AFInet6 {
		for i := range wa {
			if r := diff(wa[i], wb[i]); r != 0 {
				return r
			}
		}
		return 0
	}
	return diff(wa[0], wb[0])
}

// cmpServices is libipvs's ipvs_cmp_services.
func cmpServices(a, b *model.Service) int {
	if r := diff(a.FWMark, b.FWMark); r != 0 {
		return r
	}
	if r := int(a.AF) - int(b.AF); r != 0 {
		return r
	}
	if r := int(a.Protocol) - int(b.Protocol); r != 0 {
		return r
	}
	if r := cmpAddr(a.AF, a.Addr, b.Addr); r != 0 {
		return r
	}
	return int(a.Port) - int(b.Port)
}

// cmpDests is libipvs's ipvs_cmp_dests.
func cmpDests(a, b *model.Dest) int {
	if r := cmpAddr(a.AF, a.Addr, b.Addr); r != 0 {
		return r
	}
	return int(a.Port) - int(b.Port)
}

// msort is glibc's qsort as Debian 12's glibc runs it: a top-down merge
// sort (msort_with_tmp). With ipvsadm's non-transitive comparisons the
// result depends on the algorithm, so it is reproduced step by step.
func msort[T any](s []T, cmp func(a, b T) int) []T {
	out := slices.Clone(s)
	tmp := make([]T, len(s))
	msortRec(out, tmp, cmp)
	return out
}

func msortRec[T any](b, tmp []T, cmp func(a, b T) int) {
	n := len(b)
	if n <= 1 {
		return
	}
	n1 := n / 2
	b1, b2 := b[:n1], b[n1:]
	msortRec(b1, tmp, cmp)
	msortRec(b2, tmp, cmp)
	i, j, k := 0, 0, 0
	for i < len(b1) && j < len(b2) {
		if cmp(b1[i], b2[j]) <= 0 {
			tmp[k] = b1[i]
			i++
		} else {
			tmp[k] = b2[j]
			j++
		}
		k++
	}
	k += copy(tmp[k:], b1[i:])
	copy(b, tmp[:k])
}

func sortServices(s []*model.Service) []*model.Service { return msort(s, cmpServices) }

func sortDests(d []*model.Dest) []*model.Dest { return msort(d, cmpDests) }
