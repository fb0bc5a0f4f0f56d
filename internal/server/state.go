package server

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"xvs/internal/atomicfile"
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

// saveState writes the table atomically (internal/atomicfile).
func saveState(dir string, t *model.Table, bases stats.Bases) error {
	err := atomicfile.Write(filepath.Join(dir, stateFile), func(w *bufio.Writer) error { return writeState(w, t, bases) })
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	return nil
}

// writeState streams savedState{stateVersion, t, bases} to w as JSON, one
// service or trashed destination at a time. json.Marshal of the whole would
// build the file (megabytes for 10 000 services) in a buffer grown by
// doubling, and on a VM the page faults of that growth cost more than the
// encoding: a fifth of a 10 000-service restore. TestWriteStateMatchesMarshal
// keeps it in step with the types' own encoding.
func writeState(w *bufio.Writer, t *model.Table, bases stats.Bases) error {
	enc := json.NewEncoder(w)
	fmt.Fprintf(w, `{"version":%d,"table":{"services":`, stateVersion)
	if err := encodeList(w, enc, t.Services); err != nil {
		return err
	}
	w.WriteString(`,"timeouts":`)
	if err := enc.Encode(t.Timeouts); err != nil {
		return err
	}
	w.WriteString(`,"daemons":`)
	if err := encodeList(w, enc, t.Daemons); err != nil {
		return err
	}
	w.WriteString(`,"trash":`)
	if err := encodeList(w, enc, t.Trash); err != nil {
		return err
	}
	if len(t.MarkRules) > 0 {
		w.WriteString(`,"mark_rules":`)
		if err := encodeList(w, enc, t.MarkRules); err != nil {
			return err
		}
	}
	w.WriteString("}")
	if len(bases) > 0 {
		w.WriteString(`,"stat_bases":`)
		if err := enc.Encode(bases); err != nil {
			return err
		}
	}
	w.WriteString("}\n")
	return w.Flush()
}

// encodeList writes a slice as json.Marshal would (nil is null), element by element.
func encodeList[T any](w *bufio.Writer, enc *json.Encoder, list []T) error {
	if list == nil {
		_, err := w.WriteString("null")
		return err
	}
	w.WriteByte('[')
	for i := range list {
		if i > 0 {
			w.WriteByte(',')
		}
		if err := enc.Encode(list[i]); err != nil {
			return err
		}
	}
	return w.WriteByte(']')
}

// ratesFile keeps the estimators' averages from one xvsd to the next.
const ratesFile = "rates.json"

// rateMaxAge is how old saved rates may be and still be taken: a restart
// or an upgrade takes a second or two; after a longer stop the traffic is
// not what it was.
const rateMaxAge = 10 * time.Second

// saveRates writes the averages atomically: a torn file is never read.
func saveRates(dir string, r stats.Rates) error {
	err := atomicfile.Write(filepath.Join(dir, ratesFile), func(w *bufio.Writer) error { return json.NewEncoder(w).Encode(r) })
	if err != nil {
		return fmt.Errorf("save rates: %w", err)
	}
	return nil
}

// loadRates reads and removes the saved averages; false when there are
// none, or they are too old or unreadable (rates then start from zero, as
// they always may).
func loadRates(dir string, now time.Time) (stats.Rates, bool) {
	path := filepath.Join(dir, ratesFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return stats.Rates{}, false
	}
	os.Remove(path)
	var r stats.Rates
	if json.Unmarshal(b, &r) != nil || now.Sub(r.At) > rateMaxAge || now.Before(r.At) {
		return stats.Rates{}, false
	}
	return r, true
}
