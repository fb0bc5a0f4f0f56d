package ipvsadm

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestStdioOrder runs stdio-order.sh's -R inputs with stdout and stderr
// into one writer, as a pipe: the refusals come before the listings ahead
// of them, or in the middle of one where a 4096-byte block ends, as
// ipvsadm 1.31 printed them (testdata/stdio-order.txt).
func TestStdioOrder(t *testing.T) {
	rec, err := os.ReadFile("testdata/stdio-order.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	var name string
	for _, line := range strings.SplitAfter(string(rec), "\n") {
		switch {
		case strings.HasPrefix(line, "=== rc "):
			name = ""
		case strings.HasPrefix(line, "=== "):
			name = strings.TrimSpace(strings.TrimPrefix(line, "=== "))
		case name != "":
			want[name] += line
		}
	}
	var big strings.Builder
	for i := 1; i <= 100; i++ {
		fmt.Fprintf(&big, "-A -t 198.18.1.%d:80\n", i)
	}
	big.WriteString("-L -n\n-A -t 198.18.1.1:80\n-L -n\n-A -t 198.18.1.1:80\n")
	inputs := map[string]string{
		"small": "-A -t 198.18.0.1:80\n-L -n\n-A -t 198.18.0.1:80\n-S -n\n-A -t 198.18.0.1:80\n",
		"big":   big.String(),
	}
	for name, in := range inputs {
		if want[name] == "" {
			t.Fatalf("%s: no recording", name)
		}
		var out bytes.Buffer
		cli := &CLI{Stdin: strings.NewReader(in), Stdout: &out, Stderr: &out, Client: serverClient{t, newTestServer(t)}}
		if rc := cli.Run([]string{"ipvsadm", "-R"}); rc != 255 {
			t.Errorf("%s: rc %d, want 255", name, rc)
		}
		if out.String() != want[name] {
			t.Errorf("%s: got\n%s\nwant\n%s", name, out.String(), want[name])
		}
	}
}
