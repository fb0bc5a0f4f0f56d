package server

import (
	"errors"
	"fmt"
	"slices"
	"syscall"

	"xvs/internal/model"
)

// Desired is one service as a configuration file wants it.
type Desired struct {
	Service model.ServiceConfig
	Dests   []model.DestConfig // in the order they were written
}

// ServiceError is a service the table refused while reconciling, so that
// the caller can say where the service was written.
type ServiceError struct {
	Key model.ServiceKey
	Err error
}

func (e *ServiceError) Error() string { return e.Err.Error() }
func (e *ServiceError) Unwrap() error { return e.Err }

// Reconcile makes the services in want exist exactly as given, removes the
// services in drop (that want does not name), and sets timeouts when not
// nil: all or nothing. Services and destinations that do not change are not
// touched, so they keep their connections and counters. An error about one
// service of want is a *ServiceError.
func (s *Server) Reconcile(want []Desired, drop []model.ServiceKey, timeouts *model.Timeouts) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.table.Clone()
	if err := reconcile(next, want, drop, timeouts); err != nil {
		return err
	}
	return s.commit(next)
}

func reconcile(t *model.Table, want []Desired, drop []model.ServiceKey, timeouts *model.Timeouts) error {
	wanted := map[model.ServiceKey]bool{}
	for _, w := range want {
		wanted[w.Service.ServiceKey] = true
	}
	for _, k := range drop {
		if !wanted[k] && t.Service(k) != nil {
			if err := t.DelService(k); err != nil {
				return fmt.Errorf("remove %v: %w", k, err)
			}
		}
	}
	for _, w := range want {
		if err := reconcileService(t, w); err != nil {
			return &ServiceError{Key: w.Service.ServiceKey, Err: err}
		}
	}
	if timeouts != nil {
		return t.SetTimeouts(*timeouts)
	}
	return nil
}

func reconcileService(t *model.Table, w Desired) error {
	k := w.Service.ServiceKey
	cur := t.Service(k)
	if cur == nil {
		if _, err := t.AddService(w.Service); err != nil {
			return fmt.Errorf("add service %s: %w", describe(k), err)
		}
		cur = t.Service(k)
	} else if cur.ServiceConfig != w.Service {
		if err := t.EditService(w.Service); err != nil {
			return fmt.Errorf("edit service %s: %w", describe(k), err)
		}
	}
	keep := map[model.DestKey]bool{}
	for _, d := range w.Dests {
		keep[d.DestKey] = true
	}
	for _, d := range append([]*model.Dest(nil), cur.Dests...) {
		if !keep[d.DestKey] {
			if err := t.DelDest(k, d.DestKey); err != nil {
				return fmt.Errorf("remove %s from %s: %w", d.Addr, describe(k), err)
			}
		}
	}
	for _, d := range w.Dests {
		var have *model.Dest
		for _, x := range t.Service(k).Dests {
			if x.DestKey == d.DestKey {
				have = x
			}
		}
		switch {
		case have == nil:
			if _, err := t.AddDest(k, d); err != nil {
				return fmt.Errorf("add %s to %s: %w", d.Addr, describe(k), err)
			}
		case have.DestConfig != d:
			if err := t.EditDest(k, d); err != nil {
				return fmt.Errorf("edit %s in %s: %w", d.Addr, describe(k), err)
			}
		}
	}
	return nil
}

func describe(k model.ServiceKey) string {
	if k.IsFWMark() {
		return fmt.Sprintf("fwmark %d", k.FWMark)
	}
	return fmt.Sprintf("%s port %d", k.Addr, k.Port)
}

// FollowSyncDaemon runs d as the only sync daemon of d.State (SyncMaster or
// SyncBackup) and stops the daemon of the other state, as keepalived's
// lvs_sync_daemon follows its VRRP instance: master daemon while the
// instance is master, backup daemon otherwise. d.State 0 stops both. A
// daemon already running as wanted is not restarted.
func (s *Server) FollowSyncDaemon(d model.SyncDaemon) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.table.Clone()
	for _, state := range []uint32{model.SyncMaster, model.SyncBackup} {
		if err := next.StopDaemon(state); err != nil && !errors.Is(err, syscall.ESRCH) {
			return err
		}
	}
	if d.State != 0 {
		if err := next.StartDaemon(d); err != nil {
			return err
		}
	}
	if slices.Equal(next.Daemons, s.table.Daemons) {
		return nil
	}
	return s.commit(next)
}
