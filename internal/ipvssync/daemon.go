package ipvssync

import (
	"errors"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"xvs/internal/model"
)

// Stats count what the sync daemons did since xvsd started.
type Stats struct {
	SentMessages     uint64 // datagrams the master sent
	SentConns        uint64 // connection records in them
	ReceivedMessages uint64 // datagrams the backup took
	ReceivedConns    uint64 // records in them
	PlacedConns      uint64 // records the backup put into the connection table
	DroppedMessages  uint64 // datagrams dropped: malformed, other syncid, send errors
}

type counters struct {
	sentMsgs, sentConns, recvMsgs, recvConns, placed, dropped atomic.Uint64
}

// Manager runs the sync daemons the table lists: a master, a backup, or
// both, as `ipvsadm --start-daemon` starts them in the kernel.
type Manager struct {
	table Table
	logf  func(format string, args ...any)

	mu      sync.Mutex
	running map[uint32]*daemon // by state: master, backup
	c       counters
}

type daemon struct {
	cfg  model.SyncDaemon
	conn interface{ Close() error }
	stop chan struct{}
	done chan struct{}
}

// ScanPeriod is how often the master looks for connections to send.
const ScanPeriod = time.Second

// NewManager runs sync daemons over table (nil: a control plane without a
// datapath, which has no connections to send and nowhere to put received
// ones, but still opens the sockets and counts what arrives).
func NewManager(table Table, logf func(format string, args ...any)) *Manager {
	if table == nil {
		table = noTable{}
	}
	return &Manager{table: table, logf: logf, running: map[uint32]*daemon{}}
}

// Apply makes the running daemons those of ds. The sockets of new daemons
// are opened first: if one cannot be, nothing changes and the error is the
// kernel's errno for --start-daemon.
func (m *Manager) Apply(ds []model.SyncDaemon) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	var start []*daemon
	for _, d := range ds {
		if r := m.running[d.State]; r != nil && r.cfg == d {
			continue
		}
		nd, err := open(d)
		if err != nil {
			for _, s := range start {
				s.conn.Close()
			}
			return startError(err)
		}
		start = append(start, nd)
	}
	for state, r := range m.running {
		if !slices.ContainsFunc(ds, func(d model.SyncDaemon) bool { return d == r.cfg }) {
			r.halt()
			delete(m.running, state)
			m.logf("sync daemon stopped: state = %s, mcast_ifn = %s, syncid = %d", stateName(state), r.cfg.MCastIfn, r.cfg.SyncID)
		}
	}
	for _, d := range start {
		if r := m.running[d.cfg.State]; r != nil {
			r.halt()
		}
		m.running[d.cfg.State] = d
		m.logf("sync daemon started: state = %s, mcast_ifn = %s, syncid = %d, group %s port %d",
			stateName(d.cfg.State), d.cfg.MCastIfn, d.cfg.SyncID, d.cfg.MCastGroup, d.cfg.MCastPort)
		if d.cfg.State == model.SyncMaster {
			go m.runMaster(d)
		} else {
			go m.runBackup(d)
		}
	}
	return nil
}

func stateName(state uint32) string {
	if state == model.SyncMaster {
		return "MASTER"
	}
	return "BACKUP"
}

func open(d model.SyncDaemon) (*daemon, error) {
	nd := &daemon{cfg: d, stop: make(chan struct{}), done: make(chan struct{})}
	var err error
	if d.State == model.SyncMaster {
		nd.conn, err = openSender(d)
	} else {
		nd.conn, err = openReceiver(d)
	}
	return nd, err
}

// startError is the errno ipvsadm reports for a socket that failed.
func startError(err error) error {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		errno = syscall.EINVAL
	}
	return &model.Error{Op: model.OpStartDaemon, Errno: errno}
}

func (d *daemon) halt() {
	close(d.stop)
	d.conn.Close()
	<-d.done
}

// Close stops every daemon.
func (m *Manager) Close() {
	m.Apply(nil)
}

// Stats returns the counters.
func (m *Manager) Stats() Stats {
	return Stats{
		SentMessages: m.c.sentMsgs.Load(), SentConns: m.c.sentConns.Load(),
		ReceivedMessages: m.c.recvMsgs.Load(), ReceivedConns: m.c.recvConns.Load(),
		PlacedConns: m.c.placed.Load(), DroppedMessages: m.c.dropped.Load(),
	}
}

// runMaster scans the table every ScanPeriod and sends what is due.
func (m *Manager) runMaster(d *daemon) {
	defer close(d.done)
	conn := d.conn.(net.Conn)
	master := NewMaster()
	enc := NewEncoder(d.cfg.SyncID, int(d.cfg.SyncMaxLen))
	tick := time.NewTicker(ScanPeriod)
	defer tick.Stop()
	failing := false
	for {
		select {
		case <-d.stop:
			return
		case <-tick.C:
		}
		n, err := master.Collect(m.table, enc, time.Now())
		if err != nil {
			m.logf("sync master: read connections: %v", err)
		}
		m.c.sentConns.Add(uint64(n))
		for _, msg := range enc.Messages() {
			if _, err := conn.Write(msg); err != nil {
				m.c.dropped.Add(1)
				if !failing {
					m.logf("sync master: send: %v", err)
				}
				failing = true
				continue
			}
			failing = false
			m.c.sentMsgs.Add(1)
		}
	}
}

// runBackup reads the masters' datagrams and puts their connections into
// the table, as sync_thread_backup and ip_vs_process_message do.
func (m *Manager) runBackup(d *daemon) {
	defer close(d.done)
	pc := d.conn.(net.PacketConn)
	// A datagram longer than sync_maxlen is cut short by the read and then
	// fails the size check, as in the kernel.
	buf := make([]byte, d.cfg.SyncMaxLen)
	for {
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			select {
			case <-d.stop:
			default:
				m.logf("sync backup: receive: %v", err)
			}
			return
		}
		msg, err := Decode(buf[:n])
		if errors.Is(err, ErrShort) || errors.Is(err, ErrSize) ||
			(msg != nil && d.cfg.SyncID != 0 && msg.SyncID != d.cfg.SyncID) {
			m.c.dropped.Add(1)
			continue
		}
		m.c.recvMsgs.Add(1)
		m.c.recvConns.Add(uint64(len(msg.Conns)))
		placed, perr := m.table.InsertSynced(msg.Conns)
		m.c.placed.Add(uint64(placed))
		if perr != nil {
			m.logf("sync backup: %v", perr)
		}
	}
}

type noTable struct{}

func (noTable) SyncConns(func(*Conn, time.Duration, bool)) error { return nil }
func (noTable) InsertSynced([]Conn) (int, error)                 { return 0, nil }
