// Package atomicfile replaces a file so that a reader, or a crash, sees the
// old content or the new, never a torn mix: xvsd's state files.
package atomicfile

import (
	"bufio"
	"os"
	"path/filepath"
)

// Write makes path hold what write writes: a temporary file beside it,
// fsync, rename over path, fsync of the directory (created 0700 if need
// be). On any error path is left as it was.
func Write(path string, write func(w *bufio.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	w := bufio.NewWriterSize(f, 256<<10)
	if err := write(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
