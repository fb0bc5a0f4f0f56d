package atomicfile

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteReplacesOrLeaves: a write replaces the file; a failed one
// leaves it and no temporary file behind.
func TestWriteReplacesOrLeaves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "f.json")
	put := func(s string) error {
		return Write(path, func(w *bufio.Writer) error { _, err := w.WriteString(s); return err })
	}
	if err := put("one"); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := Write(path, func(w *bufio.Writer) error { w.WriteString("half"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("failed write: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("after a failed write: %q", b)
	}
	if m, _ := filepath.Glob(path + ".tmp*"); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
	if err := put("two"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two" {
		t.Errorf("after the second write: %q", b)
	}
}
