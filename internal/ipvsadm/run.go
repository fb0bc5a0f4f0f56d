package ipvsadm

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"xvs/internal/api"
	"xvs/internal/model"
)

// Client sends one request to xvsd. A refusal comes back in
// Response.Error; an error means the daemon could not be asked.
type Client interface {
	Call(req api.Request) (*api.Response, error)
}

// CLI is one run of xvsadm with everything it talks to.
type CLI struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Client Client
	// Resolver and Services default to the system's (/etc/hosts and DNS,
	// /etc/services); tests inject their own.
	Resolver Resolver
	Services Services
}

// Run runs ipvsadm with argv (argv[0] is the program name as typed) and
// returns the exit status, with the system's name resolution.
func Run(argv []string, stdin io.Reader, stdout, stderr io.Writer, c Client) int {
	return (&CLI{Stdin: stdin, Stdout: stdout, Stderr: stderr, Client: c}).Run(argv)
}

// daemonError means xvsd could not be asked at all.
type daemonError struct{ err error }

func (e *daemonError) Error() string { return e.err.Error() }

// runner is the state of one run.
type runner struct {
	cli *CLI
	out *bufio.Writer
	// lineBuffered: stdout is a terminal, flushed before stderr is written.
	lineBuffered bool
	parser       *parser
	table        *api.Table // fetched once per listing
}

// Run runs one command line and returns its exit status.
func (cli *CLI) Run(argv []string) int {
	if len(argv) == 0 {
		argv = []string{"ipvsadm"}
	}
	if rc, ok := cli.wrapper(argv); ok {
		return rc
	}
	if cli.Resolver == nil {
		cli.Resolver = NewSystemResolver()
	}
	if cli.Services == nil {
		cli.Services = loadServices()
	}
	r := &runner{
		cli:          cli,
		out:          bufio.NewWriterSize(cli.Stdout, stdoutBuffer),
		lineBuffered: isTerminal(cli.Stdout),
		parser:       &parser{program: argv[0], names: cli.Resolver, services: cli.Services},
	}
	defer r.out.Flush()
	var err error
	result := 0
	if len(argv) == 1 {
		err = r.listAll(0)
	} else {
		result, err = r.process(argv, false)
	}
	return r.finish(result, err)
}

// finish turns the outcome of a run into output and an exit status.
func (r *runner) finish(result int, err error) int {
	var ex *exit
	var de *daemonError
	switch {
	case errors.As(err, &ex):
		r.out.WriteString(ex.stdout)
		r.stderr(ex.stderr)
		return ex.code
	case errors.As(err, &de):
		r.stderr(de.Error() + "\n")
		return 2
	case err != nil:
		r.stderr(err.Error() + "\n")
		return 2
	}
	return result & 0xff
}

// stderr writes to stderr at once, as ipvsadm's unbuffered stderr. Stdout
// is buffered as stdio buffers it: by line on a terminal, so the two come
// in the order ipvsadm printed them; in blocks of stdoutBuffer bytes to a
// pipe or file, so there an error message of -R comes before the listings
// printed ahead of it (or in the middle of one), as ipvsadm's does.
func (r *runner) stderr(s string) {
	if s == "" {
		return
	}
	if r.lineBuffered {
		r.out.Flush()
	}
	io.WriteString(r.cli.Stderr, s)
}

// isTerminal tells whether w is a terminal (stdio's test for line buffering).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

func (r *runner) call(req api.Request) (*api.Response, error) {
	resp, err := r.cli.Client.Call(req)
	if err != nil {
		return nil, &daemonError{err}
	}
	return resp, nil
}

// process is ipvsadm's process_options: parse one command line and carry
// it out. The result is 0 or -1 (a refusal, exit 255); err ends the run.
func (r *runner) process(argv []string, readingStdin bool) (int, error) {
	if res, err, ok := r.markRuleCommand(argv); ok {
		return res, err
	}
	c, err := r.parser.parse(argv)
	var oe *optionError
	if errors.As(err, &oe) {
		r.stderr(oe.msg)
		return -1, nil
	}
	if err != nil {
		return 0, err
	}
	if ext := c.extension.listing(); ext != "" && c.cmd != cmdList {
		return 0, &exit{code: 2, stderr: ext + " goes with -L only\n"} // a parse error, as ipvsadm's
	}
	switch c.cmd {
	case cmdList:
		if c.extension.health {
			return 0, r.listHealth()
		}
		if c.extension.events {
			return 0, r.listEvents()
		}
		if c.extension.vrrp {
			return 0, r.listVRRP()
		}
		return 0, r.list(c)
	case cmdRestore:
		if readingStdin {
			return 0, tryHelp(r.parser.program)
		}
		return r.restore()
	case cmdSave:
		return 0, r.listAll(c.format | fmtRule)
	}
	resp, err := r.call(request(c))
	if err != nil {
		return 0, err
	}
	return r.report(resp.Error), nil
}

// report prints a refusal as ipvsadm does and returns the line's result.
func (r *runner) report(e *api.Error) int {
	if e == nil {
		return 0
	}
	r.stderr(e.Message + "\n")
	return -1
}

// request turns a mutating command into its API request.
func request(c *command) api.Request {
	svc := &model.ServiceConfig{
		ServiceKey: model.ServiceKey{AF: c.svc.af, Protocol: c.svc.protocol, Addr: c.svc.addr, Port: c.svc.port, FWMark: c.svc.fwmark},
		Scheduler:  c.svc.sched,
		PE:         c.svc.pe,
		Flags:      c.svc.flags,
		Timeout:    c.svc.timeout,
		Netmask:    c.svc.netmask,
	}
	// A destination's service is named by its key alone (the kernel reads
	// nothing else of it): fewer bytes per line of a restore.
	svcKey := &model.ServiceConfig{ServiceKey: svc.ServiceKey}
	d := &model.DestConfig{
		DestKey:    model.DestKey{AF: c.dest.af, Addr: c.dest.addr, Port: c.dest.port},
		Fwd:        c.dest.fwd,
		Weight:     c.dest.weight,
		UThreshold: c.dest.uThreshold,
		LThreshold: c.dest.lThreshold,
		TunType:    c.dest.tunType,
		TunPort:    c.dest.tunPort,
		TunFlags:   c.dest.tunFlags,
	}
	switch c.cmd {
	case cmdFlush:
		return api.Request{Op: model.OpFlush}
	case cmdAdd:
		return api.Request{Op: model.OpAddService, Service: svc}
	case cmdEdit:
		return api.Request{Op: model.OpEditService, Service: svc}
	case cmdDel:
		return api.Request{Op: model.OpDelService, Service: svc}
	case cmdZero:
		// libipvs sends no service (zero everything) when none is named.
		if c.svc.fwmark == 0 && (!c.svc.addr.IsValid() || c.svc.addr.IsUnspecified()) && c.svc.port == 0 {
			return api.Request{Op: model.OpZero}
		}
		return api.Request{Op: model.OpZero, Service: svc}
	case cmdAddDest:
		return api.Request{Op: model.OpAddDest, Service: svcKey, Dest: d}
	case cmdEditDest:
		return api.Request{Op: model.OpEditDest, Service: svcKey, Dest: d}
	case cmdDelDest:
		return api.Request{Op: model.OpDelDest, Service: svcKey, Dest: d}
	case cmdTimeout:
		t := c.timeouts
		return api.Request{Op: model.OpSetTimeout, Timeouts: &t}
	case cmdStartDaemon:
		dm := c.daemon
		return api.Request{Op: model.OpStartDaemon, Daemon: &dm}
	case cmdStopDaemon:
		return api.Request{Op: model.OpStopDaemon, Daemon: &model.SyncDaemon{State: c.daemon.State}}
	}
	panic(fmt.Sprintf("ipvsadm: command %d has no request", c.cmd))
}

// isMutation tells the commands that change the table (what -R batches).
func isMutation(cmd int) bool {
	switch cmd {
	case cmdList, cmdRestore, cmdSave:
		return false
	}
	return true
}

func (r *runner) printer(format uint) *printer {
	return &printer{w: r.out, format: format, names: r.cli.Resolver, services: r.cli.Services}
}

// getTable fetches the table; failing to list exits 1 as ipvsadm does.
func (r *runner) getTable() (*api.Table, error) {
	resp, err := r.call(api.Request{Op: api.OpGet})
	if err != nil {
		return nil, err
	}
	if resp.Error != nil || resp.Table == nil {
		msg := "No table in the daemon's answer"
		if resp.Error != nil {
			msg = resp.Error.Message
		}
		return nil, &exit{code: 1, stderr: msg + "\n"}
	}
	return resp.Table, nil
}

// listAll is list_all: the header (not for -S), then every service.
func (r *runner) listAll(format uint) error {
	t, err := r.getTable()
	if err != nil {
		return err
	}
	p := r.printer(format)
	if format&fmtRule == 0 {
		p.header(t)
	}
	p.listAll(t)
	if format&fmtRule != 0 {
		// xvs's mark rules, after ipvsadm's lines, so that -R restores them.
		for _, m := range t.MarkRules {
			fmt.Fprintf(r.out, "--add-mark-rule %s\n", m)
		}
	}
	return nil
}

// list is the -L command.
func (r *runner) list(c *command) error {
	switch {
	case c.has(optConnection):
		resp, err := r.call(api.Request{Op: api.OpConns})
		if err != nil {
			return err
		}
		if resp.Error != nil {
			return &exit{code: 1, stderr: resp.Error.Message + "\n"}
		}
		r.printer(c.format).connections(resp.Conns)
		return nil
	case c.has(optService):
		return r.listService(c)
	case c.has(optTimeout):
		t, err := r.getTable()
		if err != nil {
			return err
		}
		r.printer(c.format).timeouts(t.Timeouts)
		return nil
	case c.has(optDaemon):
		t, err := r.getTable()
		if err != nil {
			return err
		}
		r.printer(c.format).daemons(t.Daemons)
		return nil
	}
	return r.listAll(c.format)
}

// listService is list_service: one service, no header; a missing one exits 1.
func (r *runner) listService(c *command) error {
	t, err := r.getTable()
	if err != nil {
		return err
	}
	key := model.ServiceKey{AF: c.svc.af, Protocol: c.svc.protocol, Addr: c.svc.addr, Port: c.svc.port, FWMark: c.svc.fwmark}
	for _, s := range t.Services {
		if s.ServiceKey.Same(key) {
			p := r.printer(c.format)
			p.title()
			p.serviceEntry(s)
			return nil
		}
	}
	return &exit{code: 1, stderr: model.Message(model.OpGetService, syscall.ESRCH) + "\n"}
}

// listEvents prints -L --events: the datapath's counters of packets it did
// not forward the usual way (--exact is implied: these are for diagnosis).
func (r *runner) listEvents() error {
	resp, err := r.query(api.OpEvents)
	if err != nil {
		return err
	}
	fmt.Fprintf(r.out, "%-12s %20s  %s\n", "Event", "Packets", "Meaning")
	for _, e := range resp.Events {
		fmt.Fprintf(r.out, "%-12s %20d  %s\n", e.Name, e.Count, e.Help)
	}
	return nil
}

// query asks xvsd for one of its lists; a refusal exits 1 with its message.
func (r *runner) query(op model.Op) (*api.Response, error) {
	resp, err := r.call(api.Request{Op: op})
	if err != nil {
		return nil, err
	}
	if resp.Error != nil {
		return nil, &exit{code: 1, stderr: resp.Error.Message + "\n"}
	}
	return resp, nil
}

// listVRRP prints -L --vrrp: the VRRP instances of xvsd's --config.
func (r *runner) listVRRP() error {
	resp, err := r.query(api.OpVRRP)
	if err != nil {
		return err
	}
	w := r.out
	fmt.Fprintf(w, "%-16s %-12s %4s %-6s %4s %-28s %-20s %s\n", "Instance", "Interface", "VRID", "State", "Prio", "Master", "Since", "Addresses")
	for _, v := range resp.VRRP {
		master := "-"
		if v.Master.IsValid() {
			master = v.Master.String()
		}
		var addrs []string
		for _, a := range v.VIPs {
			addrs = append(addrs, a.String())
		}
		line := fmt.Sprintf("%-16s %-12s %4d %-6s %4d %-28s %-20s %s", v.Name, v.Interface, v.VRID, v.State, v.Priority, master,
			v.Since.Local().Format("2006-01-02 15:04:05"), strings.Join(addrs, " "))
		fmt.Fprintln(w, strings.TrimRight(line, " "))
		for _, sc := range v.Scripts {
			rev := ""
			if sc.Reverse {
				rev = " reverse"
			}
			fmt.Fprintf(w, "  -> track_script %s weight %d%s: %s\n", sc.Name, sc.Weight, rev, sc.Status)
		}
		for _, f := range v.Files {
			rev := ""
			if f.Reverse {
				rev = " reverse"
			}
			fmt.Fprintf(w, "  -> track_file %s (%s) weight %d%s: %d\n", f.Name, f.Path, f.Weight, rev, f.Value)
		}
		for _, p := range v.Processes {
			rev, quorum := "", "quorum"
			if p.Reverse {
				rev = " reverse"
			}
			if !p.Quorum {
				quorum = "no quorum"
			}
			fmt.Fprintf(w, "  -> track_process %s weight %d%s: %d running, %s\n", p.Name, p.Weight, rev, p.Count, quorum)
		}
	}
	return nil
}

// listHealth prints -L --health: every checker of every real server, as
// xvsd runs them for its --config (keepalived.conf) services.
func (r *runner) listHealth() error {
	resp, err := r.query(api.OpHealth)
	if err != nil {
		return err
	}
	w := r.out
	fmt.Fprintf(w, "%-28s %-28s %-6s %-6s %-20s %s\n", "Service", "RealServer", "Server", "Check", "Since", "Checker (last error)")
	for _, h := range resp.Health {
		state := func(up bool) string {
			if up {
				return "UP"
			}
			return "DOWN"
		}
		line := fmt.Sprintf("%-28s %-28s %-6s %-6s %-20s %s", h.Service, h.Server, state(h.ServerUp), state(h.Up),
			h.Since.Local().Format("2006-01-02 15:04:05"), h.Check)
		if h.LastError != "" {
			line += " (" + h.LastError + ")"
		}
		fmt.Fprintln(w, line)
	}
	return nil
}

// stdoutBuffer is the size of stdio's buffer for a stdout that is not a
// terminal (st_blksize of a pipe or file): ipvsadm's output goes out in
// writes of this size, so a reader that goes away early (ipvsadm -Ln |
// head -1) kills a long listing with SIGPIPE part way, exit status 141.
const stdoutBuffer = 4096
