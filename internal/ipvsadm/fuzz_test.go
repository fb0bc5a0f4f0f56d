package ipvsadm

import (
	"io"
	"strings"
	"testing"
)

// FuzzRun feeds arbitrary command lines and -R input through the whole CLI
// against a live in-process server: whatever comes in, the CLI answers with
// an exit code, never a panic.
func FuzzRun(f *testing.F) {
	for _, seed := range []string{
		"-A -t 198.18.0.1:80 -s wrr -p",
		"-a -t 198.18.0.1:80 -r 198.18.1.1:8080 -m -w 3 -x 10 -y 5",
		"-Ln --stats --exact",
		"-A -f 1 -6 -s mh -b mh-port,mh-fallback -M 64",
		"-a -u [2001:db8::1]:53 -r [2001:db8::2] -i --tun-type gue --tun-port 1 --tun-remcsum",
		"-R",
		"--set 1 2 3",
		"--start-daemon master --mcast-interface lo --syncid 300",
		"-b , -A -t :",
		"-Lcn --persistent-conn",
	} {
		f.Add(seed, "-A -t 198.18.0.2:80\n-a -t 198.18.0.2:80 -r 198.18.1.9\n")
	}
	srv := newTestServer(f)
	f.Fuzz(func(t *testing.T, args, stdin string) {
		argv := append([]string{"ipvsadm"}, strings.Fields(args)...)
		code := Run(argv, strings.NewReader(stdin), io.Discard, io.Discard, serverClient{t: t, srv: srv})
		if code < 0 || code > 255 {
			t.Fatalf("exit code %d", code)
		}
	})
}
