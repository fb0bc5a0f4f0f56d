// Command xvsd is the xvs daemon: it owns the table of virtual services,
// serves the JSON API on a unix socket and drives the XDP datapath.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"xvs/internal/api"
	"xvs/internal/sched"
	"xvs/internal/server"
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
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("xvsd", flag.ContinueOnError)
	fs.StringVar(&o.socket, "socket", api.DefaultSocket, "unix socket of the JSON API")
	fs.StringVar(&o.stateDir, "state-dir", "/var/lib/xvs", "directory where the table is saved")
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
	srv, err := server.New(server.Config{StateDir: o.stateDir, SchedulerKnown: sched.Known})
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
