package datapath

import (
	"errors"
	"os"
	"testing"

	"github.com/cilium/ebpf"
)

func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to load BPF programs")
	}
}

// loadObjects loads the datapath without pinning, for BPF_PROG_TEST_RUN.
func loadObjects(t *testing.T) *xvsObjects {
	t.Helper()
	requireRoot(t)
	var objs xvsObjects
	spec, err := loadXvs()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range spec.Maps {
		m.Pinning = ebpf.PinNone
	}
	if err := spec.LoadAndAssign(&objs, nil); err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			t.Fatalf("verifier: %+v", ve)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() { objs.Close() })
	return &objs
}

// TestVerifierAccepts: the programs load on this kernel.
func TestVerifierAccepts(t *testing.T) {
	loadObjects(t)
}
