// Package metrics exports xvsd's state to Prometheus: the counters and
// connection counts `ipvsadm -Ln --stats` shows, the health checks and the
// datapath's event counters.
//
// Names and labels follow node_exporter's ipvs collector with the prefix
// xvs_ instead of node_ipvs_ (xvs_backend_connections_active{local_address,
// local_port, local_mark, proto, remote_address, remote_port}, ...), so the
// dashboards and alerts of a site that ran IPVS carry over by a rename.
// Counters are read when Prometheus scrapes, from the same API the CLI
// uses; `ipvsadm -Z` restarts them from zero, which rate() treats as a
// counter reset.
package metrics

import (
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"xvs/internal/api"
	"xvs/internal/model"
)

// Source answers API requests: xvsd's handler.
type Source interface {
	Handle(api.Request) api.Response
}

var (
	serviceLabels = []string{"local_address", "local_port", "local_mark", "proto"}
	backendLabels = append(append([]string{}, serviceLabels...), "remote_address", "remote_port")
)

// counterSet is the five IPVS counters of one kind of object.
type counterSet struct {
	conns, inPkts, outPkts, inBytes, outBytes *prometheus.Desc
}

func newCounterSet(prefix, of string, labels []string) counterSet {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(prefix+name, help+of+".", labels, nil)
	}
	return counterSet{
		conns:    d("connections_total", "Connections scheduled to "),
		inPkts:   d("incoming_packets_total", "Packets from clients to "),
		outPkts:  d("outgoing_packets_total", "Packets from real servers back through the director for "),
		inBytes:  d("incoming_bytes_total", "Bytes from clients to "),
		outBytes: d("outgoing_bytes_total", "Bytes from real servers back through the director for "),
	}
}

func (c counterSet) describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.conns, c.inPkts, c.outPkts, c.inBytes, c.outBytes} {
		ch <- d
	}
}

func (c counterSet) collect(ch chan<- prometheus.Metric, s model.Stats, labels ...string) {
	for _, m := range []struct {
		d *prometheus.Desc
		v uint64
	}{{c.conns, s.Conns}, {c.inPkts, s.InPkts}, {c.outPkts, s.OutPkts}, {c.inBytes, s.InBytes}, {c.outBytes, s.OutBytes}} {
		ch <- prometheus.MustNewConstMetric(m.d, prometheus.CounterValue, float64(m.v), labels...)
	}
}

// Collector is a prometheus.Collector over xvsd's API.
type Collector struct {
	src                                      Source
	total, service, backend                  counterSet
	services                                 *prometheus.Desc
	active, inactive, persistent, weight     *prometheus.Desc
	checkUp, checkFailures, serverUp, events *prometheus.Desc
	scrapeErrors                             *prometheus.Desc
	vrrpState, vrrpPriority, vrrpScript      *prometheus.Desc
	sync                                     []syncCounter
}

// syncCounter is one of the sync daemons' counters.
type syncCounter struct {
	desc  *prometheus.Desc
	value func(*api.SyncStats) uint64
}

func syncCounters() []syncCounter {
	d := func(name, help string, v func(*api.SyncStats) uint64) syncCounter {
		return syncCounter{prometheus.NewDesc("xvs_sync_"+name+"_total", help, nil, nil), v}
	}
	return []syncCounter{
		d("sent_messages", "Sync datagrams the master daemon sent.", func(s *api.SyncStats) uint64 { return s.SentMessages }),
		d("sent_connections", "Connection records the master daemon sent.", func(s *api.SyncStats) uint64 { return s.SentConns }),
		d("received_messages", "Sync datagrams the backup daemon took.", func(s *api.SyncStats) uint64 { return s.ReceivedMessages }),
		d("received_connections", "Connection records the backup daemon received.", func(s *api.SyncStats) uint64 { return s.ReceivedConns }),
		d("placed_connections", "Received connections the backup daemon put into the connection table.",
			func(s *api.SyncStats) uint64 { return s.PlacedConns }),
		d("dropped_messages", "Sync datagrams dropped: malformed, of another syncid, or not sent.",
			func(s *api.SyncStats) uint64 { return s.DroppedMessages }),
	}
}

// NewCollector returns a collector reading src at every scrape.
func NewCollector(src Source) *Collector {
	health := []string{"service", "server"}
	return &Collector{
		src:        src,
		total:      newCounterSet("xvs_", "all virtual services", nil),
		service:    newCounterSet("xvs_service_", "the virtual service", serviceLabels),
		backend:    newCounterSet("xvs_backend_", "the real server of the virtual service", backendLabels),
		services:   prometheus.NewDesc("xvs_services", "Virtual services in the table.", nil, nil),
		active:     prometheus.NewDesc("xvs_backend_connections_active", "ActiveConn of ipvsadm -L: established connections.", backendLabels, nil),
		inactive:   prometheus.NewDesc("xvs_backend_connections_inactive", "InActConn of ipvsadm -L: connections in any other state.", backendLabels, nil),
		persistent: prometheus.NewDesc("xvs_backend_connections_persistent", "Persistence templates pointing at the real server.", backendLabels, nil),
		weight:     prometheus.NewDesc("xvs_backend_weight", "Weight of the real server (0: quiesced).", backendLabels, nil),
		checkUp: prometheus.NewDesc("xvs_health_check_up", "1 while the health checker finds the real server up.",
			append(append([]string{}, health...), "check"), nil),
		checkFailures: prometheus.NewDesc("xvs_health_check_failures", "Failed attempts of the checker since its last success.",
			append(append([]string{}, health...), "check"), nil),
		serverUp: prometheus.NewDesc("xvs_health_server_up", "1 while the real server is in service by its health checks.", health, nil),
		events: prometheus.NewDesc("xvs_datapath_events_total", "Packets the datapath did not forward the usual way, by reason.",
			[]string{"event"}, nil),
		scrapeErrors: prometheus.NewDesc("xvs_scrape_errors", "Requests of this scrape that xvsd refused.", nil, nil),
		sync:         syncCounters(),
		vrrpState: prometheus.NewDesc("xvs_vrrp_state",
			"State of the VRRP instance: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT, 4 STOP.", vrrpLabels, nil),
		vrrpPriority: prometheus.NewDesc("xvs_vrrp_priority", "Effective priority of the VRRP instance (tracking included).",
			vrrpLabels, nil),
		vrrpScript: prometheus.NewDesc("xvs_vrrp_script_good",
			"1 while a script the VRRP instance tracks (track_script) counts as good, 0 while bad or not run yet.",
			append(slices.Clone(vrrpLabels), "script"), nil),
	}
}

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	c.total.describe(ch)
	c.service.describe(ch)
	c.backend.describe(ch)
	for _, d := range []*prometheus.Desc{c.services, c.active, c.inactive, c.persistent, c.weight,
		c.checkUp, c.checkFailures, c.serverUp, c.events, c.scrapeErrors, c.vrrpState, c.vrrpPriority, c.vrrpScript} {
		ch <- d
	}
	for _, s := range c.sync {
		ch <- s.desc
	}
}

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	errs := 0
	if resp := c.src.Handle(api.Request{Op: api.OpGet}); resp.Error != nil || resp.Table == nil {
		errs++
	} else {
		c.collectTable(ch, resp.Table)
	}
	if resp := c.src.Handle(api.Request{Op: api.OpHealth}); resp.Error != nil {
		errs++
	} else {
		c.collectHealth(ch, resp.Health)
	}
	// Without a datapath there are no events to show; that is no error.
	if resp := c.src.Handle(api.Request{Op: api.OpEvents}); resp.Error == nil {
		for _, e := range resp.Events {
			ch <- prometheus.MustNewConstMetric(c.events, prometheus.CounterValue, float64(e.Count), e.Name)
		}
	}
	if resp := c.src.Handle(api.Request{Op: api.OpSync}); resp.Error == nil && resp.Sync != nil {
		for _, s := range c.sync {
			ch <- prometheus.MustNewConstMetric(s.desc, prometheus.CounterValue, float64(s.value(resp.Sync)))
		}
	}
	// Without --config there are no instances; that is no error either.
	if resp := c.src.Handle(api.Request{Op: api.OpVRRP}); resp.Error == nil {
		c.collectVRRP(ch, resp.VRRP)
	}
	ch <- prometheus.MustNewConstMetric(c.scrapeErrors, prometheus.GaugeValue, float64(errs))
}

// vrrpLabels name an instance.
var vrrpLabels = []string{"instance", "interface", "vrid"}

// vrrpStates numbers the states in the order keepalived's vrrp.h does
// (INIT 0, BACKUP 1, MASTER 2, FAULT 3), with STOP after them.
var vrrpStates = map[string]float64{"INIT": 0, "BACKUP": 1, "MASTER": 2, "FAULT": 3, "STOP": 4}

func (c *Collector) collectVRRP(ch chan<- prometheus.Metric, instances []api.VRRPStatus) {
	for _, v := range instances {
		l := []string{v.Name, v.Interface, strconv.Itoa(int(v.VRID))}
		ch <- prometheus.MustNewConstMetric(c.vrrpState, prometheus.GaugeValue, vrrpStates[v.State], l...)
		ch <- prometheus.MustNewConstMetric(c.vrrpPriority, prometheus.GaugeValue, float64(v.Priority), l...)
		for _, sc := range v.Scripts {
			good := 0.0
			if sc.Status == "GOOD" {
				good = 1
			}
			ch <- prometheus.MustNewConstMetric(c.vrrpScript, prometheus.GaugeValue, good, append(slices.Clone(l), sc.Name)...)
		}
	}
}

func (c *Collector) collectTable(ch chan<- prometheus.Metric, t *api.Table) {
	var total model.Stats
	for _, s := range t.Services {
		sl := serviceLabelValues(s)
		c.service.collect(ch, s.Stats, sl...)
		total.Conns += s.Stats.Conns
		total.InPkts += s.Stats.InPkts
		total.OutPkts += s.Stats.OutPkts
		total.InBytes += s.Stats.InBytes
		total.OutBytes += s.Stats.OutBytes
		for _, d := range s.Dests {
			bl := append(append([]string{}, sl...), d.Addr.String(), strconv.Itoa(int(d.Port)))
			c.backend.collect(ch, d.Stats, bl...)
			gauge := func(desc *prometheus.Desc, v float64) {
				ch <- prometheus.MustNewConstMetric(desc, prometheus.GaugeValue, v, bl...)
			}
			gauge(c.active, float64(d.ActiveConns))
			gauge(c.inactive, float64(d.InactConns))
			gauge(c.persistent, float64(d.PersistConns))
			gauge(c.weight, float64(d.Weight))
		}
	}
	c.total.collect(ch, total)
	ch <- prometheus.MustNewConstMetric(c.services, prometheus.GaugeValue, float64(len(t.Services)))
}

// serviceLabelValues are node_exporter's: the address and port of a
// service, or its mark (then proto is "FWM" and the address empty).
func serviceLabelValues(s *model.Service) []string {
	if s.IsFWMark() {
		return []string{"", "0", strconv.FormatUint(uint64(s.FWMark), 10), "FWM"}
	}
	return []string{s.Addr.String(), strconv.Itoa(int(s.Port)), "", strings.ToUpper(model.ProtocolName(s.Protocol))}
}

func (c *Collector) collectHealth(ch chan<- prometheus.Metric, hs []api.HealthStatus) {
	seen := map[[2]string]bool{}
	for _, h := range hs {
		ch <- prometheus.MustNewConstMetric(c.checkUp, prometheus.GaugeValue, boolValue(h.Up), h.Service, h.Server, h.Check)
		ch <- prometheus.MustNewConstMetric(c.checkFailures, prometheus.GaugeValue, float64(h.Failures), h.Service, h.Server, h.Check)
		if k := [2]string{h.Service, h.Server}; !seen[k] {
			seen[k] = true
			ch <- prometheus.MustNewConstMetric(c.serverUp, prometheus.GaugeValue, boolValue(h.ServerUp), h.Service, h.Server)
		}
	}
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Handler serves /metrics: the collector plus Go's and the process's own.
func Handler(src Source) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(src), collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	return mux
}

// Server is the metrics endpoint of xvsd --metrics.
type Server struct {
	l   net.Listener
	srv *http.Server
}

// Listen serves Handler(src) on addr (HOST:PORT) until Close.
func Listen(addr string, src Source) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{l: l, srv: &http.Server{Handler: Handler(src), ReadHeaderTimeout: 10 * time.Second}}
	go func() {
		if err := s.srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			l.Close()
		}
	}()
	return s, nil
}

// Addr is the address the endpoint listens on.
func (s *Server) Addr() net.Addr { return s.l.Addr() }

// Close stops the endpoint.
func (s *Server) Close() error { return s.srv.Close() }
