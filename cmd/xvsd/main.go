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
	"strings"
	"syscall"

	"xvs/internal/api"
	"xvs/internal/datapath"
	"xvs/internal/sched"
	"xvs/internal/server"
	"xvs/internal/vip"
)

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	log.SetPrefix("xvsd: ")
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
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("xvsd", flag.ContinueOnError)
	fs.StringVar(&o.socket, "socket", api.DefaultSocket, "unix socket of the JSON API")
	fs.StringVar(&o.stateDir, "state-dir", "/var/lib/xvs", "directory where the table is saved")
	fs.StringVar(&o.attach, "attach", "", "attach the XDP datapath to these interfaces (IF[,IF...]) in this network namespace")
	fs.StringVar(&o.pinPath, "pin-path", "/sys/fs/bpf/xvs", "bpffs directory for the datapath's pinned programs and maps (one per director)")
	fs.BoolVar(&o.detach, "detach", false, "remove the datapath (programs, maps, VIPs) and exit")
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
	if o.attach != "" {
		dp, err := openDatapath(o)
		if err != nil {
			return err
		}
		defer dp.dp.Close()
		cfg.Datapath = dp
	}
	srv, err := server.New(cfg)
	if err != nil {
		return err
	}
	l, err := api.Listen(o.socket)
	if err != nil {
		return err
	}
	srv.Start()
	defer srv.Close()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		s := <-sig
		log.Printf("%v: shutting down", s)
		l.Close()
	}()
	log.Printf("listening on %s, state in %s", o.socket, o.stateDir)
	err = api.Serve(l, srv)
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
	log.Printf("datapath attached to %s, pinned in %s", o.attach, o.pinPath)
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
