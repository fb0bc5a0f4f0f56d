// Command xvsd is the xvs daemon: it owns the table of virtual services,
// serves the JSON API on a unix socket and drives the XDP datapath.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"xvs/internal/api"
	"xvs/internal/datapath"
	"xvs/internal/ipvssync"
	"xvs/internal/keepalived"
	"xvs/internal/metrics"
	"xvs/internal/sched"
	"xvs/internal/server"
	"xvs/internal/vip"
)

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	log.SetPrefix("xvsd: ")
	// The daemon's garbage comes in bursts (decoding a large batch, saving
	// the table) on top of a table that stays: collecting at twice the live
	// heap instead of once took a 10 000-service restore from ~1.0 to
	// ~0.9 s. $GOGC still overrides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "xvsd: %v\n", err)
		os.Exit(1)
	}
}

type options struct {
	socket   string
	stateDir string
	attach   string
	pinPath  string
	detach   bool
	config   string
	metrics  string
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("xvsd", flag.ContinueOnError)
	fs.StringVar(&o.socket, "socket", api.DefaultSocket, "unix socket of the JSON API")
	fs.StringVar(&o.stateDir, "state-dir", "/var/lib/xvs", "directory where the table is saved")
	fs.StringVar(&o.attach, "attach", "", "attach the XDP datapath to these interfaces (IF[,IF...]) in this network namespace")
	fs.StringVar(&o.pinPath, "pin-path", "/sys/fs/bpf/xvs", "bpffs directory for the datapath's pinned programs and maps (one per director)")
	fs.BoolVar(&o.detach, "detach", false, "remove the datapath (programs, maps, VIPs) and exit")
	fs.StringVar(&o.config, "config", "", "keepalived.conf whose virtual_server blocks xvsd runs, with their health checks (reloaded on SIGHUP)")
	fs.StringVar(&o.metrics, "metrics", "", "serve Prometheus metrics on this address (HOST:PORT) at /metrics")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return o, nil
}

func run(args []string) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	if o.detach {
		return detach(o)
	}
	cfg := server.Config{StateDir: o.stateDir, SchedulerKnown: sched.Known}
	var dp *xdp
	var conns ipvssync.Table // the sync daemons' connection table: the datapath's
	if o.attach != "" {
		if dp, err = openDatapath(o); err != nil {
			return err
		}
		defer dp.dp.Close()
		cfg.Datapath = dp
		conns = dp.dp
	}
	syncd := ipvssync.NewManager(conns, log.Printf)
	defer syncd.Close()
	cfg.Sync = syncd
	if dp != nil && o.config != "" {
		// The addresses VRRP holds are the master's to place: none of them
		// goes on lo when the table is first applied (a backup that owns
		// a VIP answers ARP for it). A file that does not parse fails below.
		if conf, _, perr := keepalived.Parse(o.config); perr == nil {
			if err := dp.vips.SetManaged(conf.VRRP.Addresses()); err != nil {
				return err
			}
		}
	}
	srv, err := server.New(cfg)
	if err != nil {
		return err
	}
	if dp != nil {
		// The table is in the maps: now the programs may run.
		if err := dp.dp.Attach(); err != nil {
			return err
		}
		log.Printf("datapath attached to %s, pinned in %s", o.attach, o.pinPath)
	}
	h := &handler{srv: srv, dp: dp, sync: syncd}
	if o.config != "" {
		// The services the file made are remembered beside the table, so
		// that those removed from it while xvsd was stopped go at start.
		rc := keepalived.RunnerConfig{Path: o.config, To: srv, Daemons: srv, Logf: log.Printf,
			OwnedFile: filepath.Join(o.stateDir, "keepalived-services.json")}
		if dp != nil {
			rc.Managed = dp.vips.SetManaged
		}
		r, err := keepalived.NewRunner(rc)
		if err != nil {
			return err
		}
		defer r.Close()
		h.config = r
	}
	if o.metrics != "" {
		ml, err := metrics.Listen(o.metrics, h)
		if err != nil {
			return fmt.Errorf("--metrics: %w", err)
		}
		defer ml.Close()
		log.Printf("metrics on http://%s/metrics", ml.Addr())
	}
	l, err := api.Listen(o.socket)
	if err != nil {
		return err
	}
	srv.Start()
	defer srv.Close()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		for s := range sig {
			if s == syscall.SIGHUP {
				h.reload()
				continue
			}
			log.Printf("%v: shutting down", s)
			l.Close()
			return
		}
	}()
	log.Printf("listening on %s, state in %s", o.socket, o.stateDir)
	err = api.Serve(l, h)
	os.Remove(o.socket)
	return err
}

func openDatapath(o *options) (*xdp, error) {
	ifaces := strings.Split(o.attach, ",")
	dp, err := datapath.Open(datapath.Config{Interfaces: ifaces, PinPath: o.pinPath, Logf: log.Printf})
	if err != nil {
		return nil, err
	}
	vips, err := vip.New(o.stateDir, ifaces)
	if err != nil {
		dp.Close()
		return nil, err
	}
	return &xdp{dp: dp, vips: vips}, nil
}

// detach removes the datapath and the VIPs xvsd added; the saved table stays.
func detach(o *options) error {
	var ifaces []string
	if o.attach != "" {
		ifaces = strings.Split(o.attach, ",")
	}
	err := datapath.Detach(datapath.Config{Interfaces: ifaces, PinPath: o.pinPath})
	if vips, verr := vip.New(o.stateDir, nil); verr == nil {
		err = errors.Join(err, vips.Remove())
	}
	return err
}

// handler is the API: the server's operations plus those of --config and
// of the datapath itself.
type handler struct {
	srv    *server.Server
	config *keepalived.Runner
	dp     *xdp // nil without --attach
	sync   *ipvssync.Manager
}

func (h *handler) Handle(req api.Request) api.Response {
	switch req.Op {
	case api.OpEvents:
		if h.dp == nil {
			return api.Response{Error: &api.Error{Op: req.Op, Message: "xvsd runs without a datapath (no --attach)"}}
		}
		events, err := h.dp.Events()
		if err != nil {
			return api.Response{Error: &api.Error{Op: req.Op, Message: err.Error()}}
		}
		return api.Response{Events: events}
	case api.OpSync:
		return api.Response{Sync: (*api.SyncStats)(ptr(h.sync.Stats()))}
	case api.OpHealth:
		if h.config == nil {
			return api.Response{}
		}
		return api.Response{Health: h.config.Status()}
	case api.OpVRRP:
		if h.config == nil {
			return api.Response{}
		}
		return api.Response{VRRP: h.config.VRRPStatus()}
	case api.OpReload:
		warnings, err := h.reload()
		resp := api.Response{Warnings: warnings}
		if err != nil {
			resp.Error = &api.Error{Op: req.Op, Message: err.Error()}
		}
		return resp
	}
	return h.srv.Handle(req)
}

func (h *handler) reload() ([]string, error) {
	if h.config == nil {
		return nil, keepalived.ErrNoConfig
	}
	warnings, err := h.config.Reload()
	if err != nil {
		log.Printf("reload: %v", err)
	}
	return warnings, err
}

func ptr[T any](v T) *T { return &v }
