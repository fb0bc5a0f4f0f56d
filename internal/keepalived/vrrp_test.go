package keepalived

import (
	"bytes"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xvs/internal/api"
	"xvs/internal/ipvsadm"
	"xvs/internal/server"
	"xvs/internal/vrrp"
)

// TestReadsVRRP: a vrrp_instance with keepalived's defaults and the
// global_defs it takes them from, a sync group, lvs_sync_daemon.
func TestReadsVRRP(t *testing.T) {
	dir := t.TempDir()
	conf, warns, err := Parse(writeConf(t, dir, `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 2
    authentication {
        auth_type PASS
        auth_pass secret
    }
    virtual_ipaddress {
        198.18.0.100/24 dev eth1
        198.18.0.101
        2001:db8::1
    }
    track_interface {
        eth2 weight -20
    }
    notify_master "/bin/echo master"
}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    nopreempt
    virtual_ipaddress {
        198.19.0.1
    }
}
vrrp_sync_group G {
    group {
        VI_1
        VI_2
    }
    notify /bin/true
}
global_defs {
    vrrp_garp_master_delay 2
    lvs_sync_daemon eth0 inst VI_1 maxlen 1200 port 8849
}
`))
	if err != nil {
		t.Fatal(err)
	}
	v := conf.VRRP
	if len(v.Instances) != 2 || len(v.Groups) != 1 || v.SyncDaemon == nil {
		t.Fatalf("read %+v", v)
	}
	one, two := v.Instances[0], v.Instances[1]
	if one.Name != "VI_1" || one.Interface != "eth0" || one.VRID != 51 || one.Priority != 150 || one.Interval != 2*time.Second ||
		one.AuthPass != "secret" || one.Version != 2 || !one.Preempt || one.GARPDelay != 2*time.Second {
		t.Errorf("VI_1: %+v", one)
	}
	if len(one.VIPs) != 2 || one.VIPs[0].Prefix != netip.MustParsePrefix("198.18.0.100/24") || one.VIPs[0].Dev != "eth1" ||
		one.VIPs[1].Prefix != netip.MustParsePrefix("198.18.0.101/32") || len(one.Excluded) != 1 {
		t.Errorf("VI_1 addresses: %+v excluded %+v", one.VIPs, one.Excluded)
	}
	if len(one.Track) != 1 || one.Track[0].Interface != "eth2" || one.Track[0].Weight != -20 {
		t.Errorf("VI_1 tracking: %+v", one.Track)
	}
	if strings.Join(one.NotifyMaster, " ") != "/bin/echo master" {
		t.Errorf("VI_1 notify_master: %q", one.NotifyMaster)
	}
	// nopreempt without state MASTER holds; priority defaults to 100.
	if two.Priority != 100 || two.Preempt || two.Interval != time.Second {
		t.Errorf("VI_2: %+v", two)
	}
	if g := v.Groups[0]; strings.Join(g.Members, " ") != "VI_1 VI_2" || strings.Join(g.Notify, " ") != "/bin/true" {
		t.Errorf("group: %+v", g)
	}
	d := syncDaemon(&v)
	if d.MCastIfn != "eth0" || d.SyncID != 51 || d.SyncMaxLen != 1200 || d.MCastPort != 8849 {
		t.Errorf("sync daemon: %+v", d)
	}
	// 2001:db8::1 is of the other family: held, not advertised (warned);
	// a sync group member's interface weight is warned about.
	if len(warns) != 2 || !strings.Contains(warns[0].Error(), "another family") || !strings.Contains(warns[1].Error(), "eth2 tracked interface weight in a SYNC group") {
		t.Errorf("warnings: %v", warns)
	}
	addrs := v.Addresses()
	if len(addrs) != 4 {
		t.Errorf("addresses VRRP holds: %v", addrs)
	}
}

// TestVRRPErrors: what keepalived refuses, and what it drops with a warning.
func TestVRRPErrors(t *testing.T) {
	dir := t.TempDir()
	base := "interface eth0\n virtual_router_id 5\n virtual_ipaddress {\n  198.18.0.1\n }\n"
	for _, c := range []struct{ text, want string }{
		{"vrrp_instance A {\n " + base + " virtual_router_id 0\n}\n", "keepalived.conf:7"},
		{"vrrp_instance A {\n " + base + " priority 256\n}\n", "keepalived.conf:7"},
		{"vrrp_instance A {\n " + base + " state SLAVE\n}\n", "keepalived.conf:7"},
		{"vrrp_instance A {\n " + base + "}\nvrrp_instance B {\n " + base + "}\n", "virtual_router_id 5"},
		{"global_defs {\n lvs_sync_daemon eth0 A group 198.18.0.9\n}\nvrrp_instance A {\n " + base + "}\n", "keepalived.conf:2"},
	} {
		_, _, err := Parse(writeConf(t, dir, c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.text, err, c.want)
		}
	}
	conf, warns, err := Parse(writeConf(t, dir, "vrrp_instance A {\n interface eth0\n}\nvrrp_sync_group G {\n group {\n  A\n }\n}\nglobal_defs {\n lvs_sync_daemon eth0 A\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(conf.VRRP.Instances) != 0 || len(conf.VRRP.Groups[0].Members) != 0 || conf.VRRP.SyncDaemon != nil || len(warns) != 3 {
		t.Errorf("an instance keepalived cannot run: %+v, warnings %v", conf.VRRP, warns)
	}
	// auth_type AH: keepalived runs it, xvs cannot (its adverts without AH
	// would make two masters): the instance is removed, the file is read.
	conf, warns, err = Parse(writeConf(t, dir, "vrrp_instance A {\n "+base+" authentication {\n  auth_type AH\n  auth_pass 1111\n }\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(conf.VRRP.Instances) != 0 || len(warns) != 1 || warns[0].Pos.Line != 8 {
		t.Errorf("auth_type AH: %+v, warnings %v", conf.VRRP, warns)
	}
	// The deprecated lvs_sync_daemon_interface is lvs_sync_daemon IF INSTANCE,
	// unless global_defs has one.
	conf, warns, err = Parse(writeConf(t, dir, "vrrp_instance A {\n "+base+" lvs_sync_daemon_interface eth1\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if sd := conf.VRRP.SyncDaemon; sd == nil || sd.Interface != "eth1" || sd.Instance != "A" || len(warns) != 1 || warns[0].Pos.Line != 7 {
		t.Errorf("lvs_sync_daemon_interface: %+v, warnings %v", sd, warns)
	}
	conf, warns, err = Parse(writeConf(t, dir, "global_defs {\n lvs_sync_daemon eth2 A\n}\nvrrp_instance A {\n "+base+" lvs_sync_daemon_interface eth1\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if sd := conf.VRRP.SyncDaemon; sd == nil || sd.Interface != "eth2" || len(warns) != 1 {
		t.Errorf("lvs_sync_daemon and lvs_sync_daemon_interface: %+v, warnings %v", sd, warns)
	}
	// keepalived's sync group sample names notify scripts that do not
	// exist: disabled, as keepalived disables them.
	conf, warns, err = Parse("testdata/samples/vrrp-sync.conf")
	if err != nil {
		t.Fatal(err)
	}
	if g := conf.VRRP.Groups[0]; g.NotifyMaster != nil || g.NotifyBackup != nil || g.NotifyFault != nil || len(warns) != 3 {
		t.Errorf("sync group scripts %+v, warnings %v", g, warns)
	}
}

// inProcess is the CLI's client talking straight to a server.
type inProcess struct {
	h interface {
		Handle(api.Request) api.Response
	}
}

func (c inProcess) Call(req api.Request) (*api.Response, error) {
	resp := c.h.Handle(req)
	return &resp, nil
}

// TestSyncDaemonFollowsLikeKeepalived replays testdata/syncd: the daemons
// lvs_sync_daemon runs while its instance is BACKUP, MASTER and stopped, as
// `ipvsadm -L --daemon` lists them, against keepalived 2.2.7's recording.
func TestSyncDaemonFollowsLikeKeepalived(t *testing.T) {
	rec, err := os.ReadFile("testdata/syncd/keepalived-syncd.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // "file state" -> listing
	var file, state string
	for _, l := range strings.Split(string(rec), "\n") {
		switch {
		case strings.HasPrefix(l, "=== "):
			file = strings.TrimPrefix(l, "=== ")
		case strings.HasPrefix(l, "-- "):
			state = strings.TrimPrefix(l, "-- ")
			want[file+" "+state] = ""
		case file != "" && l != "":
			want[file+" "+state] += l + "\n"
		}
	}
	if len(want) != 9 {
		t.Fatalf("recording has %d listings", len(want))
	}
	for _, f := range []string{"vrid.conf", "options.conf", "no-instance.conf"} {
		conf, _, err := Parse(filepath.Join("testdata/syncd", f))
		if err != nil {
			t.Fatal(err)
		}
		srv, err := server.New(server.Config{StateDir: t.TempDir(), InterfaceMTU: func(string) (int, error) { return 1500, nil }})
		if err != nil {
			t.Fatal(err)
		}
		r := &Runner{cfg: RunnerConfig{Daemons: srv}, logf: t.Logf}
		follow, _ := r.setSyncDaemon(&conf.VRRP)
		for _, step := range []struct {
			name  string
			state vrrp.State
		}{{"BACKUP", vrrp.Backup}, {"MASTER", vrrp.Master}, {"STOP", vrrp.Stopped}} {
			r.followSync("VI_1", step.state)
			var out bytes.Buffer
			cli := &ipvsadm.CLI{Stdout: &out, Stderr: &out, Client: inProcess{srv}}
			cli.Run([]string{"ipvsadm", "-L", "--daemon"})
			if got := out.String(); got != want[f+" "+step.name] {
				t.Errorf("%s, instance %s: -L --daemon\n%s\nkeepalived's:\n%s", f, step.name, got, want[f+" "+step.name])
			}
		}
		if f == "no-instance.conf" && follow != "" {
			t.Errorf("%s follows %q", f, follow)
		}
		srv.Close()
	}
}
