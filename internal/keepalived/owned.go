package keepalived

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"xvs/internal/atomicfile"
	"xvs/internal/model"
)

// ownedState is the file that says which services a configuration made.
type ownedState struct {
	Version  int                `json:"version"`
	Config   string             `json:"config"`
	Services []model.ServiceKey `json:"services"`
}

const ownedVersion = 1

// loadOwned reads the services the configuration made before this start;
// a missing file is none, a corrupt one an error (never silently none: the
// services would stay forever).
func loadOwned(path string) ([]model.ServiceKey, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var s ownedState
	if err := json.Unmarshal(b, &s); err != nil || s.Version != ownedVersion {
		return nil, fmt.Errorf("%s is not a list of the services keepalived.conf made (version %d): fix or remove it", path, ownedVersion)
	}
	return s.Services, nil
}

// saveOwned writes the list atomically (internal/atomicfile).
func saveOwned(path, config string, keys []model.ServiceKey) error {
	if path == "" {
		return nil
	}
	err := atomicfile.Write(path, func(w *bufio.Writer) error {
		return json.NewEncoder(w).Encode(ownedState{Version: ownedVersion, Config: config, Services: keys})
	})
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}
