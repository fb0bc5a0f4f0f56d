package metrics

import (
	"io"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"xvs/internal/api"
	"xvs/internal/model"
)

// answers is a Source with fixed answers per operation.
type answers map[model.Op]api.Response

func (a answers) Handle(req api.Request) api.Response {
	if resp, ok := a[req.Op]; ok {
		return resp
	}
	return api.Response{Error: &api.Error{Op: req.Op, Message: "unknown operation"}}
}

func table() *api.Table {
	tcp := &model.Service{
		ServiceConfig: model.ServiceConfig{ServiceKey: model.ServiceKey{AF: model.AFInet, Protocol: model.ProtoTCP,
			Addr: netip.MustParseAddr("198.18.0.100"), Port: 80}, Scheduler: "wlc"},
		Stats: model.Stats{Conns: 6, InPkts: 40, OutPkts: 30, InBytes: 4000, OutBytes: 9000},
		Dests: []*model.Dest{
			{DestConfig: model.DestConfig{DestKey: model.DestKey{AF: model.AFInet, Addr: netip.MustParseAddr("198.18.0.12"), Port: 8080}, Weight: 0},
				ActiveConns: 1, InactConns: 2, Stats: model.Stats{Conns: 2, InPkts: 15}},
			{DestConfig: model.DestConfig{DestKey: model.DestKey{AF: model.AFInet, Addr: netip.MustParseAddr("198.18.0.11"), Port: 8080}, Weight: 3},
				ActiveConns: 3, PersistConns: 1, Stats: model.Stats{Conns: 4, InPkts: 25}},
		},
	}
	fwm := &model.Service{
		ServiceConfig: model.ServiceConfig{ServiceKey: model.ServiceKey{AF: model.AFInet6, FWMark: 7}, Scheduler: "rr"},
		Stats:         model.Stats{Conns: 1, InPkts: 2},
		Dests: []*model.Dest{{DestConfig: model.DestConfig{DestKey: model.DestKey{AF: model.AFInet6,
			Addr: netip.MustParseAddr("2001:db8:18::11"), Port: 0}, Weight: 1}, Stats: model.Stats{Conns: 1, InPkts: 2}}},
	}
	return &api.Table{Services: []*model.Service{tcp, fwm}}
}

func TestCollectorMapsTheTable(t *testing.T) {
	src := answers{
		api.OpGet: {Table: table()},
		api.OpHealth: {Health: []api.HealthStatus{
			{Service: "TCP 198.18.0.100:80", Server: "198.18.0.12:8080", Check: "TCP_CHECK 198.18.0.12:8080", Up: false, ServerUp: false, Failures: 3},
			{Service: "TCP 198.18.0.100:80", Server: "198.18.0.12:8080", Check: "HTTP_GET 198.18.0.12:8080", Up: true, ServerUp: false},
		}},
		api.OpEvents: {Events: []api.Event{{Name: "pass", Count: 5}, {Name: "table_full", Count: 0}}},
		api.OpSync:   {Sync: &api.SyncStats{SentMessages: 3, SentConns: 70, ReceivedMessages: 1, PlacedConns: 9}},
		api.OpVRRP: {VRRP: []api.VRRPStatus{{Name: "VI_1", Interface: "eth0", VRID: 51, State: "MASTER", Priority: 150,
			Scripts: []api.VRRPScript{{Name: "chk_haproxy", Weight: -20, Status: "GOOD"}, {Name: "chk_disk", Status: "BAD"}}},
			{Name: "VI_2", Interface: "eth1", VRID: 52, State: "FAULT", Priority: 80}}},
	}
	want := `
# HELP xvs_vrrp_state State of the VRRP instance: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT, 4 STOP.
# TYPE xvs_vrrp_state gauge
xvs_vrrp_state{instance="VI_1",interface="eth0",vrid="51"} 2
xvs_vrrp_state{instance="VI_2",interface="eth1",vrid="52"} 3
# HELP xvs_vrrp_priority Effective priority of the VRRP instance (tracking included).
# TYPE xvs_vrrp_priority gauge
xvs_vrrp_priority{instance="VI_1",interface="eth0",vrid="51"} 150
xvs_vrrp_priority{instance="VI_2",interface="eth1",vrid="52"} 80
# HELP xvs_vrrp_script_good 1 while a script the VRRP instance tracks (track_script) counts as good, 0 while bad or not run yet.
# TYPE xvs_vrrp_script_good gauge
xvs_vrrp_script_good{instance="VI_1",interface="eth0",script="chk_disk",vrid="51"} 0
xvs_vrrp_script_good{instance="VI_1",interface="eth0",script="chk_haproxy",vrid="51"} 1
# HELP xvs_backend_connections_active ActiveConn of ipvsadm -L: established connections.
# TYPE xvs_backend_connections_active gauge
xvs_backend_connections_active{local_address="",local_mark="7",local_port="0",proto="FWM",remote_address="2001:db8:18::11",remote_port="0"} 0
xvs_backend_connections_active{local_address="198.18.0.100",local_mark="",local_port="80",proto="TCP",remote_address="198.18.0.11",remote_port="8080"} 3
xvs_backend_connections_active{local_address="198.18.0.100",local_mark="",local_port="80",proto="TCP",remote_address="198.18.0.12",remote_port="8080"} 1
# HELP xvs_backend_weight Weight of the real server (0: quiesced).
# TYPE xvs_backend_weight gauge
xvs_backend_weight{local_address="",local_mark="7",local_port="0",proto="FWM",remote_address="2001:db8:18::11",remote_port="0"} 1
xvs_backend_weight{local_address="198.18.0.100",local_mark="",local_port="80",proto="TCP",remote_address="198.18.0.11",remote_port="8080"} 3
xvs_backend_weight{local_address="198.18.0.100",local_mark="",local_port="80",proto="TCP",remote_address="198.18.0.12",remote_port="8080"} 0
# HELP xvs_backend_incoming_packets_total Packets from clients to the real server of the virtual service.
# TYPE xvs_backend_incoming_packets_total counter
xvs_backend_incoming_packets_total{local_address="",local_mark="7",local_port="0",proto="FWM",remote_address="2001:db8:18::11",remote_port="0"} 2
xvs_backend_incoming_packets_total{local_address="198.18.0.100",local_mark="",local_port="80",proto="TCP",remote_address="198.18.0.11",remote_port="8080"} 25
xvs_backend_incoming_packets_total{local_address="198.18.0.100",local_mark="",local_port="80",proto="TCP",remote_address="198.18.0.12",remote_port="8080"} 15
# HELP xvs_service_connections_total Connections scheduled to the virtual service.
# TYPE xvs_service_connections_total counter
xvs_service_connections_total{local_address="",local_mark="7",local_port="0",proto="FWM"} 1
xvs_service_connections_total{local_address="198.18.0.100",local_mark="",local_port="80",proto="TCP"} 6
# HELP xvs_connections_total Connections scheduled to all virtual services.
# TYPE xvs_connections_total counter
xvs_connections_total 7
# HELP xvs_outgoing_bytes_total Bytes from real servers back through the director for all virtual services.
# TYPE xvs_outgoing_bytes_total counter
xvs_outgoing_bytes_total 9000
# HELP xvs_services Virtual services in the table.
# TYPE xvs_services gauge
xvs_services 2
# HELP xvs_health_check_up 1 while the health checker finds the real server up.
# TYPE xvs_health_check_up gauge
xvs_health_check_up{check="HTTP_GET 198.18.0.12:8080",server="198.18.0.12:8080",service="TCP 198.18.0.100:80"} 1
xvs_health_check_up{check="TCP_CHECK 198.18.0.12:8080",server="198.18.0.12:8080",service="TCP 198.18.0.100:80"} 0
# HELP xvs_health_server_up 1 while the real server is in service by its health checks.
# TYPE xvs_health_server_up gauge
xvs_health_server_up{server="198.18.0.12:8080",service="TCP 198.18.0.100:80"} 0
# HELP xvs_datapath_events_total Packets the datapath did not forward the usual way, by reason.
# TYPE xvs_datapath_events_total counter
xvs_datapath_events_total{event="pass"} 5
xvs_datapath_events_total{event="table_full"} 0
# HELP xvs_scrape_errors Requests of this scrape that xvsd refused.
# TYPE xvs_scrape_errors gauge
xvs_scrape_errors 0
# HELP xvs_sync_sent_connections_total Connection records the master daemon sent.
# TYPE xvs_sync_sent_connections_total counter
xvs_sync_sent_connections_total 70
# HELP xvs_sync_placed_connections_total Received connections the backup daemon put into the connection table.
# TYPE xvs_sync_placed_connections_total counter
xvs_sync_placed_connections_total 9
`
	names := []string{"xvs_vrrp_state", "xvs_vrrp_priority", "xvs_vrrp_script_good", "xvs_sync_sent_connections_total", "xvs_sync_placed_connections_total", "xvs_backend_connections_active", "xvs_backend_weight", "xvs_backend_incoming_packets_total",
		"xvs_service_connections_total", "xvs_connections_total", "xvs_outgoing_bytes_total", "xvs_services",
		"xvs_health_check_up", "xvs_health_server_up", "xvs_datapath_events_total", "xvs_scrape_errors"}
	if err := testutil.CollectAndCompare(NewCollector(src), strings.NewReader(want), names...); err != nil {
		t.Fatal(err)
	}
	if n, err := testutil.CollectAndLint(NewCollector(src)); err != nil || len(n) > 0 {
		t.Fatalf("lint: %v %v", n, err)
	}
}

// A daemon without a datapath has no events: that is not a scrape error; a
// refused table request is.
func TestCollectorWithoutDatapath(t *testing.T) {
	src := answers{api.OpGet: {Table: &api.Table{}}, api.OpHealth: {}}
	want := "# HELP xvs_scrape_errors Requests of this scrape that xvsd refused.\n# TYPE xvs_scrape_errors gauge\nxvs_scrape_errors 0\n"
	if err := testutil.CollectAndCompare(NewCollector(src), strings.NewReader(want), "xvs_scrape_errors"); err != nil {
		t.Fatal(err)
	}
	if n := testutil.CollectAndCount(NewCollector(src), "xvs_datapath_events_total"); n != 0 {
		t.Fatalf("%d event metrics without a datapath", n)
	}
	delete(src, api.OpGet)
	want = strings.Replace(want, "errors 0", "errors 1", 1)
	if err := testutil.CollectAndCompare(NewCollector(src), strings.NewReader(want), "xvs_scrape_errors"); err != nil {
		t.Fatal(err)
	}
}

func TestListenServesMetrics(t *testing.T) {
	s, err := Listen("127.0.0.1:0", answers{api.OpGet: {Table: table()}, api.OpHealth: {}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get("http://" + s.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`xvs_services 2`, `go_goroutines `, `xvs_backend_connections_total{local_address="198.18.0.100",local_mark="",local_port="80",proto="TCP",remote_address="198.18.0.11",remote_port="8080"} 4`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("no %q in:\n%s", want, body)
		}
	}
	if _, err := Listen(s.Addr().String(), answers{}); err == nil {
		t.Error("a second endpoint on the same address started")
	}
}
