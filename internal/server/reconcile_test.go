package server

import (
	"errors"
	"testing"

	"xvs/internal/model"
)

// TestReconcileNamesTheRefusedService: the table's refusal of one service
// comes back as a ServiceError with its key, and nothing is applied.
func TestReconcileNamesTheRefusedService(t *testing.T) {
	s, err := New(Config{StateDir: t.TempDir(), SchedulerKnown: func(n string) bool { return n == "rr" }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	good, bad := *svc("198.18.0.1:80"), *svc("198.18.0.2:80")
	bad.Scheduler = "nosuch"
	err = s.Reconcile([]Desired{{Service: good, Dests: []model.DestConfig{*dest("198.18.1.1:80")}}, {Service: bad}}, nil, nil)
	var se *ServiceError
	if !errors.As(err, &se) || se.Key != bad.ServiceKey {
		t.Fatalf("error %v (%T), want a ServiceError for %v", err, err, bad.ServiceKey)
	}
	if len(s.table.Services) != 0 {
		t.Errorf("a refused reconcile applied %d services", len(s.table.Services))
	}
}
