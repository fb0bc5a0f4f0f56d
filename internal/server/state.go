package server

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"xvs/internal/model"
	"xvs/internal/stats"
)

// stateFile is the table's file in the state directory.
const stateFile = "state.json"

// stateVersion is bumped when the file format changes incompatibly.
const stateVersion = 1

type savedState struct {
	Version int          `json:"version"`
	Table   *model.Table `json:"table"`
	Bases   stats.Bases  `json:"stat_bases,omitempty"`
}

// loadState reads the saved table; a missing file is an empty table, a
// corrupt one is an error (never silently an empty table).
func loadState(dir string) (*model.Table, stats.Bases, error) {
	path := filepath.Join(dir, stateFile)
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return model.NewTable(), nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read state: %w", err)
	}
	var s savedState
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, nil, fmt.Errorf("state file %s is corrupt (%v): fix or move it away to start with an empty table", path, err)
	}
	if s.Version != stateVersion || s.Table == nil {
		return nil, nil, fmt.Errorf("state file %s has version %d, this xvsd reads version %d", path, s.Version, stateVersion)
	}
	t := s.Table
	if err := t.Check(); err != nil {
		return nil, nil, fmt.Errorf("state file %s is inconsistent: %v", path, err)
	}
	return t, s.Bases, nil
}

// saveState writes the table atomically: temp file, fsync, rename, fsync dir.
func saveState(dir string, t *model.Table, bases stats.Bases) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create state dir: %w", err)
	}
	b, err := json.Marshal(savedState{Version: stateVersion, Table: t, Bases: bases})
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, stateFile+".tmp*")
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("save state: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("save state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, stateFile)); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	defer d.Close()
	return d.Sync()
}
