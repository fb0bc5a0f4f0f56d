package ipvsadm

import (
	"bytes"
	"errors"
	"net/netip"
	"strings"
	"testing"

	"xvs/internal/api"
	"xvs/internal/model"
)

// run runs one command line against c and returns what it printed.
func run(t *testing.T, c Client, names Resolver, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	if names == nil {
		names = &SystemResolver{Hosts: ParseHosts(strings.NewReader(""))}
	}
	svc, _ := ParseServices(strings.NewReader("http 80/tcp www\ndomain 53/udp\nssh 22/tcp\n"))
	cli := &CLI{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Client: c, Resolver: names, Services: svc}
	rc := cli.Run(append([]string{"ipvsadm"}, args...))
	return out.String(), errOut.String(), rc
}

// TestCommands runs command sequences against an in-process xvsd; the
// expected text follows ipvsadm's format strings and messages.
func TestCommands(t *testing.T) {
	type cmd struct {
		args                  string
		stdin, stdout, stderr string
		rc                    int
	}
	const hdr = "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
	tests := []struct {
		name string
		cmds []cmd
	}{
		{"add and list", []cmd{
			{args: "-A -t 198.18.0.1:80 -s rr"},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.1:8080 -m -w 3"},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.2:8080 -g"},
			{args: "-Ln", stdout: hdr + "TCP  198.18.0.1:80 rr\n  -> 198.18.1.1:8080              Masq    3      0          0         \n  -> 198.18.1.2:80                Route   1      0          0         \n"},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.1:8080 -m", stderr: "Destination already exists\n", rc: 255},
			{args: "-e -t 198.18.0.1:80 -r 198.18.1.1:8080 -m -w 0"},
			{args: "-d -t 198.18.0.1:80 -r 198.18.1.9", stderr: "No such destination\n", rc: 255},
			{args: "-Sn", stdout: "-A -t 198.18.0.1:80 -s rr\n-a -t 198.18.0.1:80 -r 198.18.1.1:8080 -m -w 0\n-a -t 198.18.0.1:80 -r 198.18.1.2:80 -g -w 1\n"},
			{args: "-E -t 198.18.0.1:80"},
			{args: "-Sn -t 198.18.0.1:80", stderr: "Illegal 'service-address' option with the 'save' command\n", rc: 2},
			{args: "-S", stdout: "-A -t 198.18.0.1:http -s wlc\n-a -t 198.18.0.1:http -r 198.18.1.1:8080 -m -w 0\n-a -t 198.18.0.1:http -r 198.18.1.2:http -g -w 1\n"},
			{args: "-D -t 198.18.0.1:www"},
			{args: "-Ln", stdout: hdr},
		}},
		{"options and matrix", []cmd{
			{args: "-A -t 198.18.0.1:80 -s rr -s wlc", stderr: "multiple 'scheduler' options specified\n", rc: 2},
			{args: "-A -u 198.18.0.1:53 -t 198.18.0.1:53", stderr: "multiple 'service-address' options specified\n", rc: 2},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.1 -m -i", stderr: "multiple 'forwarding-method' options specified\n", rc: 2},
			{args: "-L --rate --thresholds --stats", stdout: "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n  -> RemoteAddress:Port\n"},
			{args: "-L -c --timeout", stderr: "The option 'timeout' conflicts with the 'connection' option in the 'list' command\n", rc: 2},
			{args: "-L --daemon --persistent-conn", stderr: "options conflicts in the list command\n", rc: 2},
			{args: "-A -t 198.18.0.1:80 -m", stderr: "Illegal 'forwarding-method' option with the 'add-service' command\n", rc: 2},
			{args: "-d -t 198.18.0.1:80", stderr: "You need to supply the 'real-server' option for the 'delete-server' command\n", rc: 2},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-type gue", stderr: "You need to supply the 'tun-port' option for the 'gue' tunnel type\n", rc: 2},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-type gue --tun-port 1 --tun-csum --tun-remcsum", stderr: "The option 'tun-remcsum' conflicts with the 'tun-csum' option in the 'gue' tunnel type\n", rc: 2},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-type gre --tun-port 1", stderr: "Illegal 'tun-port' option with the 'gre' tunnel type\n", rc: 2},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.1 --tun-csum", stderr: "Tunnel options conflict with forward method\n", rc: 2},
			{args: "-a -f 1 -r 2001:db8::1", stderr: "Different address family is allowed only for tunneling servers\n", rc: 2},
			{args: "-A -t 198.18.0.1:80 -b sh-port -s rr", stderr: "incompatible scheduler flag `sh-port'\n", rc: 2},
			{args: "-A -t 198.18.0.1:80 -b mh-port,bogus -s mh", stderr: "invalid scheduler flag `bogus'\n", rc: 2},
			{args: "-A -t 198.18.0.1:80 -M 24 -p -b sh-fallback -s sh"},
			{args: "-A -f 1 -6 -M 48 -p 5"},
			{args: "-A -f 4294967295"},
			// fwmark 2^32-1 prints as -1 and, by ipvsadm's int subtraction, sorts first.
			{args: "-Sn", stdout: "-A -f -1 -s wlc\n-A -t 198.18.0.1:80 -s sh -p 360 -M 0.0.0.24 -b sh-fallback\n-A -f 1 -6 -s wlc -p 5 -M 48\n"},
			{args: "-A -t 198.18.0.1:80 -p 0", stderr: "invalid timeout value `0' specified\n", rc: 2},
			{args: "-A -u 198.18.0.2 -p 10 -o -M 255.255.0.0 --pe sip -s rr"},
			{args: "-L -n -u 198.18.0.2:0", stdout: "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nUDP  198.18.0.2:0 rr persistent 10 mask 255.255.0.0 pe sip ops\n"},
			{args: "-L -n -u 198.18.0.3:0", stderr: "No such service\n", rc: 1},
			{args: "--set 1 2", stderr: "--set option requires 3 timeout values\n", rc: 2},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.1 --events", stderr: "--events goes with -L only\n", rc: 2},
			{args: "-Z --health", stderr: "--health goes with -L only\n", rc: 2},
			{args: "--set 0 5 2678400"},
			{args: "-L --timeout", stdout: "Timeout (tcp tcpfin udp): 900 5 2678400\n"},
			{args: "-Z -t 198.18.9.9:80", stderr: "No such service\n", rc: 255},
			{args: "-Z"},
			{args: "-C"},
			{args: "-Sn"},
		}},
		{"tunnels", []cmd{
			{args: "-A -t 198.18.0.1:80"},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.1 -i --tun-type gue --tun-port 6080 --tun-remcsum -x 10 -y 5"},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.2 -i --tun-type gre --tun-csum"},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.3 -i"},
			{args: "-a -t 198.18.0.1:80 -r 198.18.1.4 -m -x 5 -y 6", stderr: "Numerical result out of range\n", rc: 255},
			{args: "-Ln --tun-info", stdout: "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\nTCP  198.18.0.1:80 wlc\n" +
				"  -> 198.18.1.1:80                Tunnel  gue:6080:r+c  1      0          0         \n  -> 198.18.1.2:80                Tunnel  gre:+c        1      0          0         \n  -> 198.18.1.3:80                Tunnel  ipip          1      0          0         \n"},
			{args: "-Ln --thresholds -t 198.18.0.1:80", stdout: "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n  -> RemoteAddress:Port\nTCP  198.18.0.1:80 wlc\n" +
				"  -> 198.18.1.1:80                10         5          0          0         \n  -> 198.18.1.2:80                0          0          0          0         \n  -> 198.18.1.3:80                0          0          0          0         \n"},
			{args: "-Sn", stdout: "-A -t 198.18.0.1:80 -s wlc\n-a -t 198.18.0.1:80 -r 198.18.1.1:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-remcsum\n" +
				"-a -t 198.18.0.1:80 -r 198.18.1.2:80 -i -w 1 --tun-type gre --tun-csum\n-a -t 198.18.0.1:80 -r 198.18.1.3:80 -i -w 1 --tun-type ipip\n"},
		}},
		{"daemons", []cmd{
			{args: "--start-daemon master --mcast-interface lo --syncid 3"},
			{args: "--start-daemon master --mcast-interface lo", stderr: "Daemon has already run\n", rc: 255},
			{args: "--start-daemon backup --mcast-interface lo --mcast-group 239.1.1.1 --mcast-port 9 --mcast-ttl 2 --sync-maxlen 1100"},
			{args: "-L --daemon", stdout: "master sync daemon (mcast=lo, syncid=3, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\nbackup sync daemon (mcast=lo, syncid=0, maxlen=1100, group=239.1.1.1, port=9, ttl=2)\n"},
			{args: "--stop-daemon backup"},
			{args: "--stop-daemon backup", stderr: "No daemon is running\n", rc: 255},
			{args: "--start-daemon primary", stderr: "illegal start-daemon parameter specified\n", rc: 2},
			{args: "--stop-daemon primary", stderr: "illegal start_daemon specified\n", rc: 2},
			{args: "--start-daemon master --syncid 256", stderr: "illegal syncid specified\n", rc: 2},
		}},
		{"restore", []cmd{
			{args: "-R", stdin: "-A -t 198.18.0.1:80\n-A -t 198.18.0.1:80\n-a -t 198.18.0.1:80 -r 198.18.1.1\n-A -t 198.18.0.2:80\n", stderr: "Service already exists\n"},
			{args: "-R", stdin: "-A -t 198.18.0.3:80\n-A -t 198.18.0.3:80\n", stderr: "Service already exists\n", rc: 255},
			{args: "-R", stdin: "-A -t 198.18.0.4:80\n-L -n -t 198.18.0.4:80\n-A -t 198.18.0.5\n-A -t 198.18.0.6:80\n",
				stdout: "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nTCP  198.18.0.4:80 wlc\n",
				stderr: "Zero port specified for non-persistent service\n", rc: 2},
			{args: "-Sn", stdout: "-A -t 198.18.0.1:80 -s wlc\n-a -t 198.18.0.1:80 -r 198.18.1.1:80 -g -w 1\n-A -t 198.18.0.2:80 -s wlc\n-A -t 198.18.0.3:80 -s wlc\n-A -t 198.18.0.4:80 -s wlc\n"},
			{args: "-R", stdin: "-C\n-R\n-A -t 198.18.0.7:80\n", stderr: "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n", rc: 255},
			{args: "-Sn"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := serverClient{t, newTestServer(t)}
			for _, cm := range tt.cmds {
				args, _ := shellWords(cm.args)
				out, errOut, rc := run(t, c, nil, cm.stdin, args...)
				if out != cm.stdout || errOut != cm.stderr || rc != cm.rc {
					t.Errorf("ipvsadm %s\n got rc %d, stdout:\n%s stderr:\n%s\nwant rc %d, stdout:\n%s stderr:\n%s",
						cm.args, rc, out, errOut, cm.rc, cm.stdout, cm.stderr)
				}
			}
		})
	}
}

// TestSaveRestoreRoundTrip: `-S -n` fed to `-R` on a fresh daemon gives the same `-S -n`.
func TestSaveRestoreRoundTrip(t *testing.T) {
	src := serverClient{t, newTestServer(t)}
	setup := []string{
		"-A -t 198.18.0.1:80 -s wrr -p 60 -M 255.255.255.0",
		"-A -u 198.18.0.1:53 -s sh -b sh-fallback,sh-port -o",
		"-A -f 7 -6 -s mh -b mh-port -p 100 -M 64 --pe sip",
		"-A -t [2001:db8::1]:443 -s lc",
		"-A --sctp-service 198.18.0.2:9 -s nq",
		"-a -t 198.18.0.1:80 -r 198.18.1.1:8080 -m -w 5",
		"-a -t 198.18.0.1:80 -r 198.18.1.2 -i --tun-type gue --tun-port 7 --tun-csum",
		"-a -t 198.18.0.1:80 -r 198.18.1.3 -i --tun-type gre",
		"-a -u 198.18.0.1:53 -r 198.18.1.4 -w 0",
		"-a -f 7 -6 -r [2001:db8::9]:80 -m",
		"-a -t [2001:db8::1]:443 -r 198.18.1.5 -i",
	}
	for _, l := range setup {
		args, _ := shellWords(l)
		if _, e, rc := run(t, src, nil, "", args...); rc != 0 {
			t.Fatalf("%s: rc %d %s", l, rc, e)
		}
	}
	saved, _, _ := run(t, src, nil, "", "-S", "-n")
	dst := serverClient{t, newTestServer(t)}
	if _, e, rc := run(t, dst, nil, saved, "-R"); rc != 0 || e != "" {
		t.Fatalf("restore: rc %d, stderr %q", rc, e)
	}
	again, _, _ := run(t, dst, nil, "", "-S", "-n")
	if again != saved || strings.Count(saved, "\n") != len(setup) {
		t.Errorf("restored table saves as\n%s\nwant\n%s", again, saved)
	}
}

// fakeNames resolves from a fixed table and counts reverse lookups.
type fakeNames struct {
	names   map[netip.Addr]string
	lookups int
}

func (f *fakeNames) LookupIPv4(name string) (netip.Addr, bool) {
	for a, n := range f.names {
		if n == name && a.Is4() {
			return a, true
		}
	}
	return netip.Addr{}, false
}

func (f *fakeNames) LookupName(a netip.Addr) (string, bool) {
	f.lookups++
	n, ok := f.names[a]
	return n, ok
}

// TestNames: without -n, host names (truncated as ipvsadm truncates them)
// and protocol-specific service names replace numbers.
func TestNames(t *testing.T) {
	names := &fakeNames{names: map[netip.Addr]string{
		netip.MustParseAddr("198.18.0.1"):  "vip.example",
		netip.MustParseAddr("198.18.1.1"):  "a-very-long-real-server-name.example.org",
		netip.MustParseAddr("2001:db8::1"): "v6.example",
	}}
	c := serverClient{t, newTestServer(t)}
	for _, l := range []string{
		"-A -t vip.example:www", "-A -u 198.18.0.1:domain", "-A -t [2001:db8::1]:22",
		"-a -t 198.18.0.1:80 -r 198.18.1.1:ssh -m", "-a -u 198.18.0.1:53 -r 198.18.1.2:22 -m",
	} {
		args, _ := shellWords(l)
		if _, e, rc := run(t, c, names, "", args...); rc != 0 {
			t.Fatalf("%s: %s", l, e)
		}
	}
	out, _, rc := run(t, c, names, "", "-L")
	want := "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n" +
		"TCP  vip.example:http wlc\n  -> a-very-long-real-server-name Masq    1      0          0         \n" +
		"UDP  vip.example:domain wlc\n  -> 198.18.1.2:22                Masq    1      0          0         \n" +
		"TCP  [v6.example]:ssh wlc\n"
	if rc != 0 || out != want {
		t.Errorf("-L printed\n%s\nwant\n%s", out, want)
	}
	out, _, _ = run(t, c, names, "", "-S")
	if !strings.Contains(out, "-a -t vip.example:http -r a-very-long-real-server-name.example.org:ssh -m -w 1\n") {
		t.Errorf("-S does not keep full names:\n%s", out)
	}
	names.lookups = 0
	run(t, c, names, "", "-L", "-n")
	if names.lookups != 0 {
		t.Errorf("-L -n made %d name lookups", names.lookups)
	}
}

// tableClient answers listings from a fixed table (counters, connections).
type tableClient struct {
	table *api.Table
	conns []api.Conn
}

func (c tableClient) Call(req api.Request) (*api.Response, error) {
	switch req.Op {
	case api.OpGet:
		return &api.Response{Table: c.table}, nil
	case api.OpConns:
		return &api.Response{Conns: c.conns}, nil
	}
	return &api.Response{}, nil
}

func TestStatsAndConnections(t *testing.T) {
	st := model.Stats{Conns: 1234, InPkts: 99999999, OutPkts: 100000000, InBytes: 123456789012, OutBytes: 1 << 62,
		CPS: 12, InPPS: 300, OutPPS: 1000000000, InBPS: 45000, OutBPS: 999999999999999}
	svc := &model.Service{
		ServiceConfig: model.ServiceConfig{ServiceKey: model.ServiceKey{AF: model.AFInet, Protocol: model.ProtoTCP, Addr: netip.MustParseAddr("10.0.0.1"), Port: 80}, Scheduler: "wlc"},
		Stats:         st,
		Dests: []*model.Dest{{DestConfig: model.DestConfig{DestKey: model.DestKey{AF: model.AFInet, Addr: netip.MustParseAddr("192.168.1.2"), Port: 80}, Weight: 1},
			ActiveConns: 3, InactConns: 1, PersistConns: 2, Stats: st}},
	}
	c := tableClient{
		table: &api.Table{Version: "1.2.1", ConnTabSize: 4096, Services: []*model.Service{svc}},
		conns: []api.Conn{
			{Protocol: "TCP", CAddr: "10.0.0.100", CPort: 51234, VAddr: "10.0.0.1", VPort: 80, DAddr: "192.168.1.2", DPort: 80, State: "ESTABLISHED", ExpiresSec: 898},
			{Protocol: "UDP", CAddr: "0A000064", CPort: 40000, VAddr: "0A000001", VPort: 53, DAddr: "C0A80102", DPort: 53, State: "UDP", ExpiresSec: 299},
			{Protocol: "IP", CAddr: "10.0.0.100", VAddr: "0.0.0.1", DAddr: "192.168.1.2", State: "NONE", ExpiresSec: 3700, PEName: "sip", PEData: "abc"},
		},
	}
	tests := []struct {
		args string
		want string
	}{
		{"-Ln --stats", "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n  -> RemoteAddress:Port\n" +
			"TCP  10.0.0.1:80                      1234 99999999  100000K     123G 4611686T\n  -> 192.168.1.2:80                   1234 99999999  100000K     123G 4611686T\n"},
		{"-Ln --stats --exact", "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n  -> RemoteAddress:Port\n" +
			"TCP  10.0.0.1:80                      1234 99999999 100000000 123456789012 4611686018427387904\n  -> 192.168.1.2:80                   1234 99999999 100000000 123456789012 4611686018427387904\n"},
		{"-Ln --rate", "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n  -> RemoteAddress:Port\n" +
			"TCP  10.0.0.1:80                        12      300    1000M    45000     999T\n  -> 192.168.1.2:80                     12      300 1000000000    45000     999T\n"},
		{"-Ln --persistent-conn", "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n  -> RemoteAddress:Port\n" +
			"TCP  10.0.0.1:80 wlc\n  -> 192.168.1.2:80               1         2           3          1         \n"},
		{"-Lnc", "IPVS connection entries\npro expire state       source             virtual            destination\n" +
			"TCP 14:58  ESTABLISHED 10.0.0.100:51234   10.0.0.1:80        192.168.1.2:80\n" +
			"UDP 04:59  UDP         10.0.0.100:40000   10.0.0.1:53        192.168.1.2:53\n" +
			"IP  61:40  NONE        10.0.0.100:0       0.0.0.1:0          192.168.1.2:0\n"},
		{"-Lnc --persistent-conn", "IPVS connection entries\npro expire state       source             virtual            destination        pe name          pe_data\n" +
			"TCP 14:58  ESTABLISHED 10.0.0.100:51234   10.0.0.1:80        192.168.1.2:80\n" +
			"UDP 04:59  UDP         10.0.0.100:40000   10.0.0.1:53        192.168.1.2:53\n" +
			"IP  61:40  NONE        10.0.0.100:0       0.0.0.1:0          192.168.1.2:0    sip                abc\n"},
	}
	for _, tt := range tests {
		args, _ := shellWords(tt.args)
		out, errOut, rc := run(t, c, nil, "", args...)
		if out != tt.want || errOut != "" || rc != 0 {
			t.Errorf("ipvsadm %s: rc %d stderr %q\n got:\n%s\nwant:\n%s", tt.args, rc, errOut, out, tt.want)
		}
	}
}

// downClient is a daemon that is not running.
type downClient struct{}

func (downClient) Call(api.Request) (*api.Response, error) {
	return nil, &api.NotRunningError{Socket: "/run/xvs/xvsd.sock", Err: errors.New("dial: no such file")}
}

// TestDaemonDown: help, version and parse errors work without a daemon;
// anything that needs it says how to start it and exits 2.
func TestDaemonDown(t *testing.T) {
	tests := []struct {
		args   string
		rc     int
		stdout string
		stderr string
	}{
		{"-v", 0, versionLine, ""},
		{"-A -t 198.18.0.1", 2, "", "Zero port specified for non-persistent service\n"},
		{"-L -x 5", 2, "", "Illegal 'u-threshold' option with the 'list' command\n"},
		{"-Ln", 2, "", "start it with"},
		{"-A -t 198.18.0.1:80", 2, "", "start it with"},
	}
	for _, tt := range tests {
		args, _ := shellWords(tt.args)
		out, errOut, rc := run(t, downClient{}, nil, "", args...)
		okErr := errOut == tt.stderr || (strings.Contains(strings.ToLower(errOut), tt.stderr) && strings.Count(errOut, "\n") == 1)
		if rc != tt.rc || out != tt.stdout || !okErr {
			t.Errorf("ipvsadm %s: rc %d stdout %q stderr %q", tt.args, rc, out, errOut)
		}
	}
	out, _, rc := run(t, nil, nil, "", "-h")
	if rc != 0 || !strings.HasPrefix(out, versionLine+"Usage:\n  ipvsadm -A|E virtual-service") {
		t.Errorf("-h without a daemon: rc %d, %q", rc, out[:min(len(out), 80)])
	}
}
