package vrrp

import (
	"fmt"
	"testing"
)

// TestScriptCounter: rise and fall count as keepalived's result counter
// does (testdata of internal/keepalived: chk_flag, rise 3 fall 2, went
// GOOD 4, GOOD 3, BAD 0 on failures and BAD 1, BAD 2, GOOD 4 on successes);
// the first run decides at once either way.
func TestScriptCounter(t *testing.T) {
	r := &scriptRunner{cfg: Script{Rise: 3, Fall: 2}}
	r.status.Result = r.cfg.Rise - 1
	var got string
	for _, ok := range []bool{true, false, false, true, true, true, false} {
		changed := r.record(ok)
		got += fmt.Sprintf("%s %d %v; ", r.status, r.status.Result, changed)
	}
	want := "GOOD 4 true; GOOD 3 false; BAD 0 true; BAD 1 false; BAD 2 false; GOOD 4 true; GOOD 3 false; "
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	first := &scriptRunner{cfg: Script{Rise: 3, Fall: 2}}
	first.status.Result = 2
	if !first.record(false) || first.status.Good || first.status.Result != 0 {
		t.Errorf("a first failure: %+v", first.status)
	}
}

// TestScriptVerdict: weights by sign, reverse, weight 0 faulting, and what
// a script that has not run yet counts for.
func TestScriptVerdict(t *testing.T) {
	st := map[string]ScriptStatus{
		"good": {Ran: true, Good: true}, "bad": {Ran: true}, "new": {}, "newfail": {InitFail: true},
	}
	status := func(n string) ScriptStatus { return st[n] }
	for _, c := range []struct {
		tracks           []TrackScript
		pending, faulted bool
		delta            int
	}{
		{[]TrackScript{{Name: "good", Weight: 10}, {Name: "bad", Weight: -20}}, false, false, -10},
		{[]TrackScript{{Name: "good", Weight: -20}, {Name: "bad", Weight: 10}}, false, false, 0},
		{[]TrackScript{{Name: "good", Weight: 7, Reverse: true}, {Name: "bad", Weight: -9, Reverse: true}}, false, false, 2},
		{[]TrackScript{{Name: "bad"}}, false, true, 0},
		{[]TrackScript{{Name: "good", Reverse: true}}, false, true, 0},
		{[]TrackScript{{Name: "bad", Reverse: true}, {Name: "good"}}, false, false, 0},
		{[]TrackScript{{Name: "new"}, {Name: "new", Weight: -5}}, true, false, 0},
		{[]TrackScript{{Name: "newfail"}, {Name: "newfail", Weight: -5}}, false, true, -5},
	} {
		p, f, d := scriptVerdict(c.tracks, status)
		if p != c.pending || f != c.faulted || d != c.delta {
			t.Errorf("%+v: pending %v faulted %v delta %d, want %v %v %d", c.tracks, p, f, d, c.pending, c.faulted, c.delta)
		}
	}
}
