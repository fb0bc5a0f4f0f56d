package keepalived

import (
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Values are read as keepalived reads them. A value keepalived cannot read
// is an error here: keepalived logs it and goes on with a default, which
// would run something else than what was written.

// oneArg is the only value of a statement.
func oneArg(n *node) (string, error) {
	if len(n.args()) != 1 {
		return "", errorf(n.Pos, "%s takes one value", n.key())
	}
	return n.args()[0], nil
}

// firstArg is the first value of a statement (keepalived ignores the rest).
func firstArg(n *node) (string, error) {
	if len(n.args()) == 0 {
		return "", errorf(n.Pos, "%s needs a value", n.key())
	}
	return n.args()[0], nil
}

// unsignedArg reads a decimal number in lo..hi.
func unsignedArg(n *node, lo, hi uint64) (uint64, error) {
	s, err := firstArg(n)
	if err != nil {
		return 0, err
	}
	return unsignedValue(n, s, lo, hi)
}

func unsignedValue(n *node, s string, lo, hi uint64) (uint64, error) {
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v < lo || v > hi {
		return 0, errorf(n.Pos, "%s: invalid number %q (%d..%d)", n.key(), s, lo, hi)
	}
	return v, nil
}

// timerArg reads keepalived's timers: seconds with up to six decimals
// (read_timer), at least min.
func timerArg(n *node, min time.Duration) (time.Duration, error) {
	s, err := firstArg(n)
	if err != nil {
		return 0, err
	}
	whole, frac, _ := strings.Cut(s, ".")
	sec, err1 := strconv.ParseUint(whole, 10, 32)
	us := uint64(0)
	var err2 error
	if frac != "" {
		if len(frac) > 6 {
			frac = frac[:6]
		}
		us, err2 = strconv.ParseUint(frac+strings.Repeat("0", 6-len(frac)), 10, 32)
	}
	d := time.Duration(sec)*time.Second + time.Duration(us)*time.Microsecond
	if err1 != nil || err2 != nil || (whole == "" && frac == "") || d < min {
		return 0, errorf(n.Pos, "%s: invalid time %q (seconds, at least %v)", n.key(), s, min)
	}
	return d, nil
}

// boolArg is keepalived's optional <BOOL>: no value is true, otherwise
// true/on/yes or false/off/no.
func boolArg(n *node) (bool, error) {
	if len(n.args()) == 0 {
		return true, nil
	}
	switch n.args()[0] {
	case "true", "on", "yes":
		return true, nil
	case "false", "off", "no":
		return false, nil
	}
	return false, errorf(n.Pos, "%s: %q is not true/on/yes or false/off/no", n.key(), n.args()[0])
}

// addrPort reads "IP [PORT]" as keepalived's inet_stosockaddr: a missing
// port, or port 0, is no port.
func addrPort(n *node, args []string) (netip.Addr, uint16, error) {
	if len(args) == 0 {
		return netip.Addr{}, 0, errorf(n.Pos, "%s needs an address", n.key())
	}
	a, err := netip.ParseAddr(args[0])
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, 0, errorf(n.Pos, "%s: invalid address %q", n.key(), args[0])
	}
	if len(args) < 2 {
		return a, 0, nil
	}
	p, err := unsignedValue(n, args[1], 0, math.MaxUint16)
	if err != nil {
		return netip.Addr{}, 0, err
	}
	return a, uint16(p), nil
}

// hexBytes is keepalived's read_hex_str: hex digits, blanks between octets
// allowed, a lone digit before a blank is one octet; with wildcards an X
// (or x) is a nibble not compared, returned in the mask.
func hexBytes(s string, wildcards bool) (data, mask []byte, ok bool) {
	usedMask := false
	for i := 0; i < len(s); {
		if s[i] == ' ' || s[i] == '\t' {
			i++
			continue
		}
		hi, hiMask, good := nibble(s[i], wildcards)
		if !good {
			return nil, nil, false
		}
		i++
		v, m := hi, hiMask
		if i < len(s) && s[i] != ' ' && s[i] != '\t' {
			lo, loMask, good := nibble(s[i], wildcards)
			if !good {
				return nil, nil, false
			}
			i++
			v, m = hi<<4|lo, hiMask<<4|loMask
		}
		data, mask = append(data, v), append(mask, m)
		usedMask = usedMask || m != 0
	}
	if len(data) == 0 {
		return nil, nil, false
	}
	if !usedMask {
		mask = nil
	}
	return data, mask, true
}

func nibble(c byte, wildcards bool) (v, mask byte, ok bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', 0, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, 0, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, 0, true
	case wildcards && (c == 'x' || c == 'X'):
		return 0, 0xf, true
	}
	return 0, 0, false
}
