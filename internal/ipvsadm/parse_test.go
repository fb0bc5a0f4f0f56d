package ipvsadm

import (
	"bufio"
	"fmt"
	"net/netip"
	"strings"
	"testing"
)

func TestPopt(t *testing.T) {
	tests := []struct {
		argv []string
		want string // tag:arg pairs, then the end code and leftovers
	}{
		{[]string{"-Ln"}, "L n | -1 []"},
		{[]string{"-L", "-n", "foo", "--", "-x"}, "L n | -1 [foo -x]"},
		{[]string{"-t1.2.3.4:80"}, "t=1.2.3.4:80 | -1 []"},
		{[]string{"-t=1.2.3.4:80"}, "t=1.2.3.4:80 | -1 []"},
		{[]string{"--tcp-service=1.2.3.4:80"}, "t=1.2.3.4:80 | -1 []"},
		{[]string{"--tcp-service", "-L"}, "t=-L | -1 []"},
		{[]string{"-p", "-s", "rr"}, "p s=rr | -1 []"},
		{[]string{"-p", "30"}, "p=30 | -1 []"},
		{[]string{"-p"}, "p | -1 []"},
		{[]string{"-t"}, "| -10 []"},
		{[]string{"-Lq"}, "L | -11 []"},
		{[]string{"--foo"}, "| -11 []"},
		{[]string{"--list=x"}, "| -12 []"},
		{[]string{"-L=x"}, "| -12 []"},
		{[]string{"-", ""}, "| -1 [- ]"},
	}
	for _, tt := range tests {
		p := newPopt(optionTable, append([]string{"ipvsadm"}, tt.argv...))
		var got []string
		for {
			tag, arg := p.nextOpt()
			if tag < 0 {
				got = append(got, fmt.Sprintf("| %d %q", tag, p.leftovers))
				break
			}
			s := string(rune(tag))
			if arg != nil {
				s += "=" + *arg
			}
			got = append(got, s)
		}
		g := strings.ReplaceAll(strings.Join(got, " "), `"`, "")
		if g != tt.want {
			t.Errorf("popt %q = %s, want %s", tt.argv, g, tt.want)
		}
	}
}

func TestInetAton(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = invalid
	}{
		{"198.18.0.1", "198.18.0.1"},
		{"198.18.2", "198.18.0.2"},
		{"198.1179650", "198.18.0.2"},
		{"24", "0.0.0.24"},
		{"0x7f.1", "127.0.0.1"},
		{"010.0.0.1", "8.0.0.1"},
		{"255.255.255.255", "255.255.255.255"},
		{"1.2.3.4 trailing", "1.2.3.4"},
		{"4294967295", "255.255.255.255"},
		{"4294967296", ""},
		{"1.2.3.256", ""},
		{"256.1.1.1", ""},
		{"1.2.3.4.5", ""},
		{"08", ""},
		{"0x", ""},
		{"0x.1", ""},
		{"", ""},
		{"a.b.c.d", ""},
		{"1.2.", ""},
	}
	for _, tt := range tests {
		v, ok := inetAton(tt.in)
		got := ""
		if ok {
			got = addrFromUint32(v).String()
		}
		if got != tt.want {
			t.Errorf("inetAton(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStringToNumber(t *testing.T) {
	tests := []struct {
		in       string
		min, max int64
		want     int64
	}{
		{"5", 0, 10, 5},
		{" +5", 0, 10, 5},
		{"-0", 0, 10, 0},
		{"11", 0, 10, -1},
		{"5x", 0, 10, -1},
		{"", 0, 10, -1},
		{"2147483647", 0, 1<<31 - 1, 1<<31 - 1},
		{"2147483648", 0, 1<<31 - 1, -1},
		{"99999999999999999999", 0, 1 << 62, -1},
	}
	for _, tt := range tests {
		if got := stringToNumber(tt.in, tt.min, tt.max); got != tt.want {
			t.Errorf("stringToNumber(%q, %d, %d) = %d, want %d", tt.in, tt.min, tt.max, got, tt.want)
		}
	}
}

// TestMsortMatchesGlibc checks the non-transitive order against what
// glibc 2.36's qsort makes of the same input with the same comparison.
func TestMsortMatchesGlibc(t *testing.T) {
	in := []string{"255.255.255.255", "1.0.0.1", "128.0.0.1", "129.0.0.1", "0.0.0.1", "10.0.0.1", "200.0.0.1", "127.0.0.1"}
	want := []string{"128.0.0.1", "129.0.0.1", "255.255.255.255", "0.0.0.1", "1.0.0.1", "10.0.0.1", "127.0.0.1", "200.0.0.1"}
	var v []uint32
	for _, s := range in {
		v = append(v, uint32FromAddr(netip.MustParseAddr(s)))
	}
	var got []string
	for _, x := range msort(v, diff) {
		got = append(got, addrFromUint32(x).String())
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("msort = %v, want %v", got, want)
	}
}

func TestConfigStream(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"-A -t 1.2.3.4:80\n", "[x -A -t 1.2.3.4:80]"},
		{"ipvsadm -C ipvsadm\n\n", "[x -C] [x]"},
		{"  \t-C\r\n", "[x -C]"},
		{"# c\n", "[x # c]"},
		{"-C", "[x -C]"},
		{"-C\n-Z  \t", "[x -C]"},
		{"ipvsadm", ""},
		{"", ""},
	}
	for _, tt := range tests {
		s := &configStream{r: newReader(tt.in), program: "x"}
		var got []string
		for a := s.next(); a != nil; a = s.next() {
			got = append(got, fmt.Sprint(a))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("configStream(%q) = %s, want %s", tt.in, g, tt.want)
		}
	}
}

func newReader(s string) *bufio.Reader { return bufio.NewReader(strings.NewReader(s)) }
