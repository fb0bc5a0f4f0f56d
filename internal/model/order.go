package model

import (
	"encoding/binary"
	"slices"
)

// svcTabBits is IP_VS_SVC_TAB_BITS: both service hash tables have 256 buckets.
const svcTabBits = 8

// svcBucket is the bucket of a service in the kernel's service tables:
// ip_vs_svc_fwm_hashkey for a fwmark service, else ip_vs_svc_hashkey
// (protocol, the address in host order, IPv6 folded to the XOR of its
// words, and the port). Both mix in (size_t)ipvs >> 8, a pointer the
// kernel allocates at boot; only its low byte, seed, reaches the bucket.
func svcBucket(k ServiceKey, seed uint8) int {
	mask := uint32(1)<<svcTabBits - 1
	if k.IsFWMark() {
		return int((uint32(seed) ^ k.FWMark) & mask)
	}
	var fold uint32
	if k.Addr.Is4() {
		b := k.Addr.As4()
		fold = binary.BigEndian.Uint32(b[:])
	} else {
		b := k.Addr.As16()
		for i := 0; i < 16; i += 4 {
			fold ^= binary.BigEndian.Uint32(b[i:])
		}
	}
	porth := uint32(k.Port)
	return int((uint32(k.Protocol) ^ fold ^ uint32(seed) ^ porth>>svcTabBits ^ porth) & mask)
}

// KernelOrder is the order the kernel lists services in
// (ip_vs_genl_dump_services): bucket by bucket through the table of
// protocol/address/port services, then through the fwmark table; within a
// bucket newest first, as ip_vs_svc_hash adds at the head of the chain
// (an edit leaves a service where it is). seed is svcBucket's.
func (t *Table) KernelOrder(seed uint8) []*Service {
	// t.Services is oldest first: reversed, a stable sort by table and
	// bucket keeps the newest first within each bucket.
	out := slices.Clone(t.Services)
	slices.Reverse(out)
	slices.SortStableFunc(out, func(a, b *Service) int {
		if a.IsFWMark() != b.IsFWMark() {
			if a.IsFWMark() {
				return 1
			}
			return -1
		}
		return svcBucket(a.ServiceKey, seed) - svcBucket(b.ServiceKey, seed)
	})
	return out
}
