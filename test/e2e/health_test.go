package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const healthConf = `! health-checked NAT service, as keepalived runs it
virtual_server 198.18.0.100 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    sorry_server 198.18.0.13 81
    real_server 198.18.0.11 80 {
        weight 1
        HTTP_GET {
            url {
                path /
                status_code 200
            }
            connect_timeout 1
            retry 1
            delay_before_retry 0.2
        }
    }
    real_server 198.18.0.12 80 {
        weight 1
        inhibit_on_failure
        TCP_CHECK {
            connect_timeout 1
            retry 0
        }
    }
}
`

// TestHealthChecks: a keepalived.conf runs under xvsd; a real server that
// stops leaves the pool (or goes to weight 0 with inhibit_on_failure) and
// comes back when it answers again; with none alive the sorry server takes
// the traffic; a broken reload changes nothing.
func TestHealthChecks(t *testing.T) {
	b := newBed(t, false)
	rs1 := b.bg("r1", bin("xvs-backend"), "-name", "rs1", "-listen", "198.18.0.11:80")
	rs2 := b.bg("r2", bin("xvs-backend"), "-name", "rs2", "-listen", "198.18.0.12:80")
	b.bg("r3", bin("xvs-backend"), "-name", "sorry", "-listen", "198.18.0.13:81")
	b.waitTCP("r1", "198.18.0.11:80")
	b.waitTCP("r2", "198.18.0.12:80")
	conf := filepath.Join(b.dir, "keepalived.conf")
	if err := os.WriteFile(conf, []byte(healthConf), 0o644); err != nil {
		t.Fatal(err)
	}
	b.startXVSD("--config", conf, "--metrics", "127.0.0.1:9469")
	listing := func() string { return b.ipvsadm("-Ln") }
	has := func(s string) func() bool { return func() bool { return strings.Contains(listing(), s) } }
	hasNot := func(s string) func() bool { return func() bool { return !strings.Contains(listing(), s) } }
	waitFor(t, has("198.18.0.11:80               Masq    1"))
	waitFor(t, has("198.18.0.12:80               Masq    1"))

	stop := func(c *exec.Cmd) {
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
	}
	stop(rs1)
	waitFor(t, hasNot("198.18.0.11:80"))
	if h := b.ipvsadm("-L", "--health"); !strings.Contains(h, "198.18.0.11:80") || !strings.Contains(h, "DOWN") {
		t.Fatalf("-L --health after rs1 stopped:\n%s", h)
	}
	m := b.must("d", "curl", "-s", "-m", "5", "http://127.0.0.1:9469/metrics")
	for _, want := range []string{
		`xvs_health_server_up{server="198.18.0.11:80",service="TCP 198.18.0.100:80"} 0`,
		`xvs_health_server_up{server="198.18.0.12:80",service="TCP 198.18.0.100:80"} 1`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s:\n%s", want, m)
		}
	}
	if got, _ := b.httpGet("198.18.0.100", 80); got != "rs2" {
		t.Fatalf("with rs1 down the client got %q", got)
	}
	rs1 = b.bg("r1", bin("xvs-backend"), "-name", "rs1", "-listen", "198.18.0.11:80")
	waitFor(t, has("198.18.0.11:80               Masq    1"))

	stop(rs2)
	waitFor(t, has("198.18.0.12:80               Masq    0")) // inhibit_on_failure
	stop(rs1)
	waitFor(t, has("198.18.0.13:81               Masq    1")) // the sorry server
	if got, _ := b.httpGet("198.18.0.100", 80); got != "sorry" {
		t.Fatalf("with every real server down the client got %q", got)
	}

	before := b.ipvsadm("-Sn")
	os.WriteFile(conf, []byte("virtual_server 198.18.0.100 80 {\n lb_algo nosuch\n}\n"), 0o644)
	b.xvsd.Process.Signal(syscall.SIGHUP)
	time.Sleep(500 * time.Millisecond)
	if after := b.ipvsadm("-Sn"); after != before {
		t.Fatalf("a broken reload changed the table:\n%s\nwas\n%s", after, before)
	}
}

// TestHealthDynamicWeightAndRestart: a misc_dynamic weight is programmed
// as soon as the script gives it (keepalived does); a virtual_server
// removed from the file while xvsd was stopped is gone after the restart
// (keepalived removes its services when it stops, xvsd keeps them and
// remembers which are the file's), the others keep their state.
func TestHealthDynamicWeightAndRestart(t *testing.T) {
	b := newBed(t, false)
	code := filepath.Join(b.dir, "code")
	script := filepath.Join(b.dir, "dyn.sh")
	if err := os.WriteFile(code, []byte("5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(script, []byte("#!/bin/sh\nexit $(cat "+code+")\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	dynamic := "virtual_server 198.18.0.100 80 {\n delay_loop 0.5\n warmup 0\n lb_algo wrr\n lb_kind NAT\n protocol TCP\n" +
		" real_server 198.18.0.11 80 {\n  weight 10\n  MISC_CHECK {\n   misc_path " + script + "\n   misc_dynamic\n  }\n }\n}\n"
	plain := "virtual_server 198.18.0.101 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n real_server 198.18.0.12 80 {\n }\n}\n"
	conf := filepath.Join(b.dir, "keepalived.conf")
	if err := os.WriteFile(conf, []byte(dynamic+plain), 0o644); err != nil {
		t.Fatal(err)
	}
	b.startXVSD("--config", conf)
	has := func(s string) func() bool { return func() bool { return strings.Contains(b.ipvsadm("-Sn"), s) } }
	waitFor(t, has("-a -t 198.18.0.100:80 -r 198.18.0.11:80 -m -w 3"))
	os.WriteFile(code, []byte("7\n"), 0o644)
	waitFor(t, has("-a -t 198.18.0.100:80 -r 198.18.0.11:80 -m -w 5"))

	b.stopXVSD()
	if err := os.WriteFile(conf, []byte(dynamic), 0o644); err != nil {
		t.Fatal(err)
	}
	b.startXVSD("--config", conf)
	out := b.ipvsadm("-Sn")
	if strings.Contains(out, "198.18.0.101") || !strings.Contains(out, "198.18.0.100:80") {
		t.Fatalf("after a restart without 198.18.0.101 in the file:\n%s", out)
	}
}
