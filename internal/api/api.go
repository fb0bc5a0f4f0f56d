// Package api is xvsd's control protocol: one JSON request and one JSON
// response per connection on a unix socket. The CLI, the tests and any other
// client speak exactly these types; the README documents them.
package api

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"xvs/internal/model"
)

// DefaultSocket is where xvsd listens unless told otherwise.
const DefaultSocket = "/run/xvs/xvsd.sock"

// SocketEnv names the environment variable that selects the socket for clients.
const SocketEnv = "XVS_SOCKET"

// Operations beyond the table mutations named by model.Op.
const (
	OpGet   model.Op = "get"   // the whole table with counters and rates
	OpConns model.Op = "conns" // the connection table
	OpBatch model.Op = "batch" // Batch applied in order, each on its own (ipvsadm -R)
	// OpHealth lists the health checks of real servers (xvsd --config).
	OpHealth model.Op = "health"
	// OpReload re-reads xvsd's --config file and applies the difference.
	OpReload model.Op = "reload"
)

// HealthStatus is one checker of one real server.
type HealthStatus struct {
	Service   string    `json:"service"` // "TCP 198.18.0.100:80", "FWM 7"
	Server    string    `json:"server"`  // "198.18.0.11:80"
	Check     string    `json:"check"`   // "HTTP_GET 198.18.0.11:80"
	Up        bool      `json:"up"`      // this checker's state
	ServerUp  bool      `json:"server_up"`
	Since     time.Time `json:"since"` // last change of this checker's state
	LastError string    `json:"last_error,omitempty"`
	Failures  int       `json:"failures,omitempty"`
	LastRun   time.Time `json:"last_run,omitzero"`
}

// Request is one call. Which fields matter depends on Op:
//
//	add-service, edit-service      Service
//	del-service                    Service (key fields)
//	add-dest, edit-dest, del-dest  Service (key fields), Dest
//	zero                           Service (key fields), or none for all
//	set-timeout                    Timeouts (0 keeps a value)
//	start-daemon, stop-daemon      Daemon (State; for start the rest too)
//	flush, get, conns              nothing
//	batch                          Batch
type Request struct {
	Op       model.Op             `json:"op"`
	Service  *model.ServiceConfig `json:"service,omitempty"`
	Dest     *model.DestConfig    `json:"dest,omitempty"`
	Timeouts *model.Timeouts      `json:"timeouts,omitempty"`
	Daemon   *model.SyncDaemon    `json:"daemon,omitempty"`
	Batch    []Request            `json:"batch,omitempty"`
	MarkRule *model.MarkRule      `json:"mark_rule,omitempty"` // add-mark-rule, del-mark-rule
}

// Error is a refused request. Errno is the kernel's errno for the same
// refusal (0 when the refusal has no kernel equivalent); Message is what
// ipvsadm prints for it.
type Error struct {
	Op      model.Op `json:"op"`
	Errno   int      `json:"errno"`
	Message string   `json:"message"`
}

func (e *Error) Error() string { return e.Message }

// Response answers a Request.
type Response struct {
	Error    *Error         `json:"error,omitempty"`
	Results  []Response     `json:"results,omitempty"`  // batch: one per request, in order
	Table    *Table         `json:"table,omitempty"`    // get
	Conns    []Conn         `json:"conns,omitempty"`    // conns
	Health   []HealthStatus `json:"health,omitempty"`   // health
	Warnings []string       `json:"warnings,omitempty"` // reload: what the configuration reader skipped
}

// Table is the state a listing shows.
type Table struct {
	Version     string             `json:"version"`       // IPVS version the listings claim, "1.2.1"
	ConnTabSize int                `json:"conn_tab_size"` // "size=" in the listing header
	Services    []*model.Service   `json:"services"`      // in kernel (unsorted) order
	Timeouts    model.Timeouts     `json:"timeouts"`
	Daemons     []model.SyncDaemon `json:"daemons"`
	MarkRules   []model.MarkRule   `json:"mark_rules,omitempty"`
}

// Conn is one connection entry or persistence template. Addresses are in
// their usual text form (198.18.0.1, 2001:db8::1); a fwmark template's
// virtual address is the fwmark as an IPv4 address (0.0.0.1 for mark 1), as
// /proc/net/ip_vs_conn shows it.
type Conn struct {
	Protocol   string `json:"protocol"` // "TCP", "UDP", "SCTP", or "IP" for fwmark templates
	AF         uint16 `json:"af"`
	CAddr      string `json:"caddr"`
	CPort      uint16 `json:"cport"`
	VAddr      string `json:"vaddr"`
	VPort      uint16 `json:"vport"`
	DAddr      string `json:"daddr"`
	DPort      uint16 `json:"dport"`
	State      string `json:"state"`
	ExpiresSec int64  `json:"expires_sec"`
	PEName     string `json:"pe_name,omitempty"`
	PEData     string `json:"pe_data,omitempty"`
	Template   bool   `json:"template,omitempty"`
}

// ErrorFrom converts a control-plane error into its wire form.
func ErrorFrom(op model.Op, err error) *Error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return &Error{Op: me.Op, Errno: int(me.Errno), Message: me.Error()}
	}
	return &Error{Op: op, Message: err.Error()}
}

// ErrnoValue returns the kernel errno carried by an API error.
func (e *Error) ErrnoValue() syscall.Errno { return syscall.Errno(e.Errno) }

// SocketPath is the socket a client should use: $XVS_SOCKET or the default.
func SocketPath() string {
	if p := os.Getenv(SocketEnv); p != "" {
		return p
	}
	return DefaultSocket
}

// NotRunningError says the daemon cannot be reached and how to start it.
type NotRunningError struct {
	Socket string
	Err    error
}

func (e *NotRunningError) Error() string {
	return fmt.Sprintf("cannot reach xvsd at %s (%v): is it running? Start it with `xvsd --socket %s` or set %s", e.Socket, errors.Unwrap(e.Err), e.Socket, SocketEnv)
}

// Call sends one request to the daemon listening on socket and returns its
// response. A refusal comes back in Response.Error, not as err.
func Call(socket string, req Request) (*Response, error) {
	c, err := net.DialTimeout("unix", socket, 5*time.Second)
	if err != nil {
		return nil, &NotRunningError{Socket: socket, Err: err}
	}
	defer c.Close()
	if err := json.NewEncoder(c).Encode(req); err != nil {
		return nil, fmt.Errorf("send request to xvsd: %w", err)
	}
	var resp Response
	dec := json.NewDecoder(bufio.NewReaderSize(c, 1<<16))
	if err := dec.Decode(&resp); err != nil {
		return nil, fmt.Errorf("read response from xvsd: %w", err)
	}
	return &resp, nil
}

// Handler serves requests.
type Handler interface {
	Handle(req Request) Response
}

// Serve answers requests on l until it is closed. Each connection carries
// one request and its response.
func Serve(l net.Listener, h Handler) error {
	for {
		c, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go serveConn(c, h)
	}
}

func serveConn(c net.Conn, h Handler) {
	defer c.Close()
	var req Request
	dec := json.NewDecoder(bufio.NewReaderSize(c, 1<<16))
	var resp Response
	if err := dec.Decode(&req); err != nil {
		resp.Error = &Error{Message: "bad request: " + err.Error()}
	} else {
		resp = h.Handle(req)
	}
	w := bufio.NewWriterSize(c, 1<<16)
	_ = json.NewEncoder(w).Encode(resp)
	_ = w.Flush()
}

// Listen creates the unix socket (mode 0600, parent directory created),
// replacing a stale socket file left by a previous run.
func Listen(path string) (net.Listener, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create socket directory: %w", err)
	}
	if _, err := os.Stat(path); err == nil {
		if c, err := net.Dial("unix", path); err == nil {
			c.Close()
			return nil, fmt.Errorf("socket %s is in use: another xvsd is running", path)
		}
		os.Remove(path)
	}
	old := syscall.Umask(0o177)
	l, err := net.Listen("unix", path)
	syscall.Umask(old)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}
