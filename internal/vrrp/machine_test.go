package vrrp

import (
	"net/netip"
	"slices"
	"testing"
	"time"
)

var (
	t0    = time.Unix(1000, 0)
	self  = netip.MustParseAddr("198.18.0.1")
	other = netip.MustParseAddr("198.18.0.2")
)

func machine(version int, prio uint8, preempt bool) *Machine {
	return NewMachine(MachineConfig{Version: version, Priority: prio, Interval: time.Second, Preempt: preempt, Addr: self})
}

func advert(prio uint8, interval time.Duration) *Advert {
	return &Advert{Version: 3, Priority: prio, Interval: interval}
}

func expect(t *testing.T, what string, got []Action, want ...Action) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: %v, want %v", what, got, want)
	}
}

// TestElection: a lone backup takes over after Master_Down_Interval
// (3 x interval + skew, as keepalived's recorded start shows: 3.6 s at
// priority 100 and 1 s), sends adverts every interval, and yields to a
// higher priority or to an equal one from a higher address.
func TestElection(t *testing.T) {
	m := machine(2, 100, true)
	expect(t, "start", m.Start(t0), EnterBackup)
	down := 3*time.Second + 156*time.Second/256 // skew (256-100)/256 s
	if d := m.Deadline(); d != t0.Add(down) {
		t.Fatalf("master down at %v, want %v", d.Sub(t0), down)
	}
	expect(t, "early tick", m.Tick(t0.Add(down-time.Millisecond)))
	expect(t, "down", m.Tick(t0.Add(down)), SendAdvert, EnterMaster)
	now := t0.Add(down)
	expect(t, "advert", m.Tick(now.Add(time.Second)), SendAdvert)
	expect(t, "lower priority", m.Receive(now, advert(90, time.Second), other))
	expect(t, "equal from below", m.Receive(now, advert(100, time.Second), netip.MustParseAddr("198.18.0.0")))
	expect(t, "equal from above", m.Receive(now, advert(100, time.Second), other), EnterBackup)
	if m.MasterAddr() != other {
		t.Errorf("master %s", m.MasterAddr())
	}
}

// TestPreemption: a backup of higher priority lets a lower master's adverts
// pass and takes over when its down timer runs out; with nopreempt it
// keeps the lower master; a priority-0 advert brings the take-over forward
// to the skew time.
func TestPreemption(t *testing.T) {
	for _, preempt := range []bool{true, false} {
		m := machine(3, 200, preempt)
		m.Start(t0)
		var got []Action
		for i := 1; i <= 5 && len(got) == 0; i++ {
			now := t0.Add(time.Duration(i) * time.Second)
			m.Receive(now, advert(100, time.Second), other)
			got = m.Tick(now.Add(500 * time.Millisecond))
		}
		if preempt {
			expect(t, "preempt", got, SendAdvert, EnterMaster)
		} else {
			expect(t, "nopreempt", got)
			if m.State() != Backup {
				t.Errorf("nopreempt: %v", m.State())
			}
		}
	}
	m := machine(3, 100, true)
	m.Start(t0)
	m.Receive(t0, advert(PriorityStop, time.Second), other)
	skew := 156 * time.Second / 256
	if d := m.Deadline(); d != t0.Add(skew) {
		t.Errorf("after priority 0: down in %v, want the skew %v", d.Sub(t0), skew)
	}
}

// TestLearnedInterval: a version 3 backup times the master by the
// master's interval.
func TestLearnedInterval(t *testing.T) {
	m := machine(3, 100, true)
	m.Start(t0)
	m.Receive(t0, advert(150, 200*time.Millisecond), other)
	want := 600*time.Millisecond + 156*200*time.Millisecond/256
	if d := m.Deadline(); d != t0.Add(want) {
		t.Errorf("down in %v, want %v", d.Sub(t0), want)
	}
}

// TestOwnerFaultStop: the address owner starts as master; a tracked
// interface going down faults it (leaving with priority 0) and coming back
// makes it a backup; stopping a master sends priority 0.
func TestOwnerFaultStop(t *testing.T) {
	m := machine(2, PriorityOwner, true)
	expect(t, "owner", m.Start(t0), SendAdvert, EnterMaster)
	expect(t, "fault", m.SetTracking(t0, true, PriorityOwner), SendStop, EnterFault)
	expect(t, "fault again", m.SetTracking(t0, true, PriorityOwner))
	expect(t, "back", m.SetTracking(t0, false, PriorityOwner), EnterBackup)
	m.Tick(m.Deadline())
	if m.State() != Master {
		t.Fatalf("%v", m.State())
	}
	expect(t, "stop", m.Stop(), SendStop, EnterStopped)
	expect(t, "master answers priority 0", func() []Action {
		m2 := machine(2, 100, true)
		m2.Start(t0)
		m2.Tick(m2.Deadline())
		return m2.Receive(t0, advert(PriorityStop, time.Second), other)
	}(), SendAdvert)
}

// TestPreemptDelay: a backup that has just started leaves a lower master
// in place for preempt_delay.
func TestPreemptDelay(t *testing.T) {
	m := NewMachine(MachineConfig{Version: 2, Priority: 200, Interval: time.Second, Preempt: true,
		PreemptDelay: 10 * time.Second, Addr: self})
	m.Start(t0)
	for i := 1; i <= 8; i++ {
		m.Receive(t0.Add(time.Duration(i)*time.Second), advert(100, time.Second), other)
		if acts := m.Tick(t0.Add(time.Duration(i)*time.Second + 500*time.Millisecond)); len(acts) != 0 {
			t.Fatalf("took over at %d s: %v", i, acts)
		}
	}
	m.Receive(t0.Add(11*time.Second), advert(100, time.Second), other)
	expect(t, "after the delay", m.Tick(t0.Add(15*time.Second)), SendAdvert, EnterMaster)
}

// TestPreemptDelayRestarts: as keepalived 2.2.7's, the delay starts again
// when a master heard at this priority or higher drops below it (a
// tracked interface): the backup takes over preempt_delay after the first
// lower advert, not at once because it started long ago.
func TestPreemptDelayRestarts(t *testing.T) {
	m := NewMachine(MachineConfig{Version: 2, Priority: 100, Interval: time.Second, Preempt: true,
		PreemptDelay: 10 * time.Second, Addr: self})
	m.Start(t0)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	for i := 1; i <= 30; i++ {
		m.Receive(at(float64(i)), advert(150, time.Second), other)
	}
	for i := 31; i <= 40; i++ {
		m.Receive(at(float64(i)), advert(50, time.Second), other)
		if acts := m.Tick(at(float64(i) + 0.5)); len(acts) != 0 {
			t.Fatalf("took over at %d s, %d s after the master dropped to 50: %v", i, i-31, acts)
		}
	}
	// 41 s: the delay (31..41) is over, the lower adverts are let pass.
	m.Receive(at(41.5), advert(50, time.Second), other)
	m.Receive(at(42), advert(50, time.Second), other)
	expect(t, "master-down after the last advert let in", m.Tick(at(40+3.61)), SendAdvert, EnterMaster)
}
