package ipvsadm

import (
	"math"
	"net/netip"
	"strings"
)

// isSpace is C's isspace in the "C" locale.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// strtol10 is strtol(s, &end, 10) on a 64-bit long: it reports the value,
// whether the whole string was consumed with at least one digit, and
// whether the value overflowed (ERANGE).
func strtol10(s string) (v int64, whole, overflow bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var u uint64
	for i < len(s) && isDigit(s[i]) {
		d := uint64(s[i] - '0')
		if u > (math.MaxUint64-d)/10 {
			overflow = true
		} else {
			u = u*10 + d
		}
		i++
	}
	if i == start {
		return 0, false, false
	}
	switch {
	case overflow, !neg && u > math.MaxInt64, neg && u > 1<<63:
		overflow = true
		if neg {
			v = math.MinInt64
		} else {
			v = math.MaxInt64
		}
	case neg:
		v = -int64(u)
	default:
		v = int64(u)
	}
	return v, i == len(s), overflow
}

// stringToNumber is ipvsadm's string_to_number: a whole decimal number in
// [min, max], or -1.
func stringToNumber(s string, min, max int64) int64 {
	v, whole, overflow := strtol10(s)
	if whole && !overflow && min <= v && v <= max {
		return v
	}
	return -1
}

// strIsDigit is ipvsadm's str_is_digit: true for "" and all-digit strings.
func strIsDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// inetAton is glibc's inet_aton: one to four parts in decimal, octal (0...)
// or hex (0x...), the last part filling the remaining bytes; trailing
// whitespace ends the address.
func inetAton(s string) (uint32, bool) {
	var parts [3]uint64
	n := 0
	i := 0
	at := func() byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	var val uint64
	digit := false
	for {
		c := at()
		if !isDigit(c) {
			return 0, false
		}
		base := uint64(10)
		digit = false
		if c == '0' {
			i++
			if c = at(); (c == 'x' || c == 'X') && i+1 < len(s) && isHex(s[i+1]) {
				base = 16
				i++
			} else {
				base, digit = 8, true
			}
		}
		val = 0
		for {
			c = at()
			switch {
			case isDigit(c):
				if base == 8 && (c == '8' || c == '9') {
					return 0, false
				}
				val = val*base + uint64(c-'0')
			case base == 16 && isHex(c):
				val = val<<4 | hexVal(c)
			default:
				goto partDone
			}
			if val > math.MaxUint32 {
				return 0, false
			}
			digit = true
			i++
		}
	partDone:
		if at() != '.' {
			break
		}
		if n > 2 || val > 0xff {
			return 0, false
		}
		parts[n] = val
		n++
		i++
	}
	if c := at(); c != 0 && !isSpace(c) {
		return 0, false
	}
	if !digit {
		return 0, false
	}
	limits := [...]uint64{math.MaxUint32, 0xffffff, 0xffff, 0xff}
	if val > limits[n] {
		return 0, false
	}
	var res uint32
	for k := 0; k < n; k++ {
		res |= uint32(parts[k]) << (24 - 8*k)
	}
	return res | uint32(val), true
}

func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func hexVal(c byte) uint64 {
	switch {
	case isDigit(c):
		return uint64(c - '0')
	case c >= 'a':
		return uint64(c-'a') + 10
	}
	return uint64(c-'A') + 10
}

// inetPton6 is inet_pton(AF_INET6, ...): no zone, no brackets.
func inetPton6(s string) (netip.Addr, bool) {
	if !strings.Contains(s, ":") || strings.ContainsAny(s, "%[]") {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() {
		return netip.Addr{}, false
	}
	return a, true
}

// inetPton4 is inet_pton(AF_INET, ...): exactly four decimal parts.
func inetPton4(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Addr{}, false
	}
	return a, true
}

func addrFromUint32(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

func uint32FromAddr(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}
