package model

import "testing"

func TestMarkRules(t *testing.T) {
	for in, want := range map[string]string{
		"tcp,198.18.3.7/24,80,7":      "tcp,198.18.3.0/24,80,7",
		"any,2001:db8::/32,any,9":     "any,2001:db8::/32,any,9",
		"UDP,198.18.0.1,5000-5100,42": "udp,198.18.0.1/32,5000-5100,42",
		"sctp,198.18.0.0/15,any,1":    "sctp,198.18.0.0/15,any,1",
	} {
		r, err := ParseMarkRule(in)
		if err != nil || r.String() != want {
			t.Errorf("%q: %v %q, want %q", in, err, r.String(), want)
		}
	}
	for _, bad := range []string{"tcp,198.18.0.0/24,80", "icmp,198.18.0.0/24,any,1", "tcp,nonsense,any,1",
		"tcp,198.18.0.0/24,90-80,1", "tcp,198.18.0.0/24,0,1", "tcp,198.18.0.0/24,any,0"} {
		if _, err := ParseMarkRule(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	tb := NewTable()
	r, _ := ParseMarkRule("tcp,198.18.3.0/24,80,7")
	if err := tb.AddMarkRule(r); err != nil {
		t.Fatal(err)
	}
	if err := tb.AddMarkRule(r); err == nil || err.Error() != "Mark rule already exists" {
		t.Errorf("duplicate: %v", err)
	}
	if err := tb.DelMarkRule(r); err != nil {
		t.Fatal(err)
	}
	if err := tb.DelMarkRule(r); err == nil || err.Error() != "No such mark rule" {
		t.Errorf("missing: %v", err)
	}
}
