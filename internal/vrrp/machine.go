package vrrp

import (
	"net/netip"
	"time"
)

// State is an instance's VRRP state (keepalived adds FAULT: a tracked
// interface is down).
type State int

// States.
const (
	Init State = iota
	Backup
	Master
	Fault
	Stopped
)

func (s State) String() string {
	return [...]string{"INIT", "BACKUP", "MASTER", "FAULT", "STOP"}[s]
}

// MachineConfig is what the state machine needs of an instance.
type MachineConfig struct {
	Version  int
	Priority uint8         // configured (base) priority, 1..255
	Interval time.Duration // advert_int
	Preempt  bool          // false: nopreempt
	// PreemptDelay keeps a backup from taking over from a live master of
	// lower priority for this long after it started, or after it first
	// heard the lower master (a master of this priority or higher before).
	PreemptDelay time.Duration
	Addr         netip.Addr // this router's address: equal priorities are broken by it
}

// Action is what the state machine asks of its runner.
type Action int

// Actions, executed in order.
const (
	SendAdvert   Action = iota // send an advert with the current priority
	SendStop                   // send an advert with priority 0 (leaving)
	EnterMaster                // take the virtual addresses, announce them, notify
	EnterBackup                // release the virtual addresses, notify
	EnterFault                 // release the virtual addresses, notify
	EnterStopped               // release the virtual addresses, notify
)

// Machine is the VRRP state machine of one instance (RFC 5798 6.4), pure:
// the runner feeds it time and adverts and carries out what it returns.
type Machine struct {
	cfg      MachineConfig
	state    State
	priority uint8 // effective: base plus tracking weights
	// masterInterval is the master's advert interval (version 3 learns
	// it from the master's adverts; version 2 has one for all).
	masterInterval time.Duration
	downAt         time.Time // backup: when the master is deemed down
	advertAt       time.Time // master: the next advert
	preemptAfter   time.Time // backup: no preemption of a lower master before this (zero: the delay starts at the next lower advert)
	master         netip.Addr
	faulted        bool
}

// NewMachine is an instance in INIT.
func NewMachine(cfg MachineConfig) *Machine {
	return &Machine{cfg: cfg, priority: cfg.Priority, masterInterval: cfg.Interval}
}

// State is the current state.
func (m *Machine) State() State { return m.state }

// Priority is the priority adverts carry.
func (m *Machine) Priority() uint8 { return m.priority }

// MasterAddr is the master's address as a backup last heard it (the
// router's own as master).
func (m *Machine) MasterAddr() netip.Addr {
	if m.state == Master {
		return m.cfg.Addr
	}
	return m.master
}

// Deadline is when Tick must next be called (zero: no timer runs).
func (m *Machine) Deadline() time.Time {
	switch m.state {
	case Backup:
		return m.downAt
	case Master:
		return m.advertAt
	}
	return time.Time{}
}

// skew is Skew_Time: lower priorities wait longer before taking over.
func (m *Machine) skew() time.Duration {
	if m.cfg.Version == 3 {
		return time.Duration(256-int(m.priority)) * m.masterInterval / 256
	}
	return time.Duration(256-int(m.priority)) * time.Second / 256
}

func (m *Machine) masterDown() time.Duration { return 3*m.masterInterval + m.skew() }

// delaying: preempt_delay holds a lower master in place (from the start,
// or from the first lower advert after a higher one, until the delay is
// over).
func (m *Machine) delaying(now time.Time) bool {
	return m.cfg.PreemptDelay > 0 && (m.preemptAfter.IsZero() || now.Before(m.preemptAfter))
}

// Start leaves INIT: the address owner becomes master at once, the others
// wait as backups for a master's advert (keepalived 2.2.7 waits even for
// an instance whose state is MASTER, as recorded).
func (m *Machine) Start(now time.Time) []Action {
	if m.faulted {
		return m.enterFault()
	}
	m.preemptAfter = now.Add(m.cfg.PreemptDelay)
	if m.priority == PriorityOwner {
		return m.enterMaster(now)
	}
	return m.enterBackup(now)
}

// Resume starts as master at once: the instance replaces one that was
// master (a reload).
func (m *Machine) Resume(now time.Time) []Action {
	m.preemptAfter = now
	return m.enterMaster(now)
}

func (m *Machine) enterMaster(now time.Time) []Action {
	m.state = Master
	m.advertAt = now.Add(m.cfg.Interval)
	return []Action{SendAdvert, EnterMaster}
}

func (m *Machine) enterBackup(now time.Time) []Action {
	m.state = Backup
	m.masterInterval = m.cfg.Interval
	m.downAt = now.Add(m.masterDown())
	return []Action{EnterBackup}
}

func (m *Machine) enterFault() []Action {
	leaving := m.state == Master
	m.state = Fault
	if leaving {
		return []Action{SendStop, EnterFault}
	}
	return []Action{EnterFault}
}

// Receive takes an advert from src (already checked: TTL, checksum,
// virtual router id, authentication).
func (m *Machine) Receive(now time.Time, a *Advert, src netip.Addr) []Action {
	switch m.state {
	case Backup:
		switch {
		case a.Priority == PriorityStop:
			m.downAt = now.Add(m.skew())
		case !m.cfg.Preempt || a.Priority >= m.priority || m.delaying(now):
			if m.cfg.Version == 3 && a.Interval > 0 {
				m.masterInterval = a.Interval
			}
			m.master = src
			m.downAt = now.Add(m.masterDown())
			// keepalived 2.2.7's preempt_delay: a master of this
			// priority or higher stops the delay; the first lower
			// one after it starts it anew.
			switch {
			case m.cfg.PreemptDelay == 0:
			case a.Priority >= m.priority:
				m.preemptAfter = time.Time{}
			case m.preemptAfter.IsZero():
				m.preemptAfter = now.Add(m.cfg.PreemptDelay)
			}
		}
		// A lower master, preempted: its adverts are let pass, the
		// down timer runs out and this router takes over.
	case Master:
		switch {
		case a.Priority == PriorityStop:
			m.advertAt = now.Add(m.cfg.Interval)
			return []Action{SendAdvert}
		case a.Priority > m.priority || (a.Priority == m.priority && addrGreater(src, m.cfg.Addr)):
			m.master = src
			acts := m.enterBackup(now)
			if m.cfg.Version == 3 && a.Interval > 0 {
				m.masterInterval = a.Interval
				m.downAt = now.Add(m.masterDown())
			}
			return acts
		}
	}
	return nil
}

// Tick runs the timer that fell due.
func (m *Machine) Tick(now time.Time) []Action {
	switch {
	case m.state == Backup && !now.Before(m.downAt):
		return m.enterMaster(now)
	case m.state == Master && !now.Before(m.advertAt):
		m.advertAt = m.advertAt.Add(m.cfg.Interval)
		if m.advertAt.Before(now) {
			m.advertAt = now.Add(m.cfg.Interval) // late: do not send a burst
		}
		return []Action{SendAdvert}
	}
	return nil
}

// SetTracking applies the tracked interfaces' verdict: faulted (one
// without weight is down) or the priority their weights give.
func (m *Machine) SetTracking(now time.Time, faulted bool, priority uint8) []Action {
	m.priority = priority
	wasFaulted := m.faulted
	m.faulted = faulted
	switch {
	case faulted && !wasFaulted && (m.state == Master || m.state == Backup):
		return m.enterFault()
	case !faulted && wasFaulted && m.state == Fault:
		return m.enterBackup(now)
	}
	return nil
}

// Force moves the instance to the state its sync group is in (a member
// of a vrrp_sync_group follows the others): master at once, backup, or
// fault.
func (m *Machine) Force(now time.Time, s State) []Action {
	if s == m.state || m.state == Stopped || m.state == Init {
		return nil
	}
	switch {
	case s == Master && m.state == Backup:
		return m.enterMaster(now)
	case s == Backup && m.state == Master:
		return m.enterBackup(now)
	case s == Fault:
		return m.enterFault()
	}
	return nil
}

// Stop shuts the instance down; a master tells the backups to take over.
func (m *Machine) Stop() []Action {
	leaving := m.state == Master
	m.state = Stopped
	if leaving {
		return []Action{SendStop, EnterStopped}
	}
	return []Action{EnterStopped}
}

// addrGreater compares primary addresses as numbers (RFC 5798 6.4.3).
func addrGreater(a, b netip.Addr) bool { return a.Compare(b) > 0 }
