package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestKernelSelftest runs the kernel's IPVS selftest scenarios (DR, NAT,
// TUN on a two-arm director) against xvs, with the director's veth peers
// with and without NAPI (test/ipvs-selftest.sh).
func TestKernelSelftest(t *testing.T) {
	requireRoot(t)
	for _, napi := range []bool{false, true} {
		t.Run(fmt.Sprintf("napi=%v", napi), func(t *testing.T) {
			args := []string{filepath.Join(repoDir, "test/ipvs-selftest.sh"), binDir, fmt.Sprintf("xvsk%d%d", os.Getpid()%100000, bedSeq.Add(1))}
			if napi {
				args = append(args, "--napi")
			}
			out, err := exec.Command("bash", args...).CombinedOutput()
			if err != nil || strings.Count(string(out), "PASS") != 3 {
				t.Fatalf("selftest: %v\n%s", err, out)
			}
		})
	}
}
