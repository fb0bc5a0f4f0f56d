package ipvsadm

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestWrappers runs wrappers.sh's cases in order against one in-process
// xvsd, xvsadm run as ipvsadm-save and ipvsadm-restore, and compares them
// with ipvsadm 1.31's wrappers as recorded (testdata/wrappers.txt).
func TestWrappers(t *testing.T) {
	rec, err := os.ReadFile("testdata/wrappers.txt")
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		out string
		rc  int
	}
	want := map[string]*result{}
	var cur *result
	for _, line := range strings.SplitAfter(string(rec), "\n") {
		if rc, ok := strings.CutPrefix(line, "=== rc "); ok {
			cur.rc, _ = strconv.Atoi(strings.TrimSpace(rc))
			cur = nil
			continue
		}
		if name, ok := strings.CutPrefix(line, "=== "); ok {
			cur = &result{}
			want[strings.TrimSpace(name)] = cur
			continue
		}
		if cur != nil {
			cur.out += line
		}
	}
	cases := []struct {
		name, stdin string
		argv        []string
	}{
		{"restore", "# saved\n-A -t 198.18.0.1:80 -s rr\n#-A -t 198.18.0.2:80\n-a -t 198.18.0.1:80 -r 198.18.1.1 -m\n\n\n", []string{"ipvsadm-restore"}},
		{"save", "", []string{"ipvsadm-save"}},
		{"save-n", "", []string{"ipvsadm-save", "-n"}},
		{"save-n-n-extra", "", []string{"ipvsadm-save", "-n", "foo", "-n"}},
		{"save-x", "", []string{"ipvsadm-save", "-x"}},
		{"save-help", "", []string{"ipvsadm-save", "--help"}},
		{"save-dash", "", []string{"ipvsadm-save", "-"}},
		{"restore-again", "-A -t 198.18.0.3:80\n", []string{"ipvsadm-restore", "-x", "foo"}},
		{"after", "", []string{"ipvsadm", "-Sn"}},
		{"restore-empty", "", []string{"ipvsadm-restore"}},
		{"after-empty", "", []string{"ipvsadm", "-Sn"}},
		{"restore-error", "-A -t 198.18.0.4:80\n #-A -t 198.18.0.5:80\n-A -t 198.18.0.6:80\n", []string{"ipvsadm-restore"}},
		{"after-error", "", []string{"ipvsadm", "-Sn"}},
		{"restore-refused", "-A -t 198.18.0.4:80\n-A -t 198.18.0.4:80", []string{"ipvsadm-restore"}},
		{"restore-comment-last", "-A -t 198.18.0.7:80\n# end", []string{"ipvsadm-restore"}},
		{"after-last", "", []string{"ipvsadm", "-Sn"}},
	}
	srv := newTestServer(t)
	names, services := testNames(t, "")
	for _, c := range cases {
		w := want[c.name]
		if w == nil {
			t.Fatalf("%s: not in the recording", c.name)
		}
		var out bytes.Buffer
		cli := &CLI{Stdin: strings.NewReader(c.stdin), Stdout: &out, Stderr: &out, Client: serverClient{t, srv},
			Resolver: names, Services: services}
		rc := cli.Run(c.argv)
		if rc != w.rc || out.String() != w.out {
			t.Errorf("%s: %q\ngot rc %d:\n%s\nwant rc %d:\n%s", c.name, c.argv, rc, out.String(), w.rc, w.out)
		}
	}
}
