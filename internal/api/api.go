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
	"net/netip"
	"os"
	"path/filepath"
	"strings"
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
	// OpEvents lists the datapath's global event counters.
	OpEvents model.Op = "events"
	// OpSync tells what the connection sync daemons did.
	OpSync model.Op = "sync"
	// OpVRRP lists the VRRP instances of xvsd's --config.
	OpVRRP model.Op = "vrrp"
)

// SyncStats count what the sync daemons did since xvsd started.
type SyncStats struct {
	SentMessages     uint64 `json:"sent_messages"`     // datagrams the master sent
	SentConns        uint64 `json:"sent_conns"`        // connection records in them
	ReceivedMessages uint64 `json:"received_messages"` // datagrams the backup took
	ReceivedConns    uint64 `json:"received_conns"`    // records in them
	PlacedConns      uint64 `json:"placed_conns"`      // records the backup put into the connection table
	DroppedMessages  uint64 `json:"dropped_messages"`  // datagrams dropped: malformed, another syncid, send errors
}

// Event is one of the datapath's global counters: packets it did not
// forward the usual way, and why.
type Event struct {
	Name  string `json:"name"`  // "table_full"
	Count uint64 `json:"count"` // packets since the datapath was loaded
	Help  string `json:"help"`  // what it counts and what became of the packets
}

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
//	flush, get, conns, events      nothing
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
	Events   []Event        `json:"events,omitempty"`   // events
	Sync     *SyncStats     `json:"sync,omitempty"`     // sync
	VRRP     []VRRPStatus   `json:"vrrp,omitempty"`     // vrrp
}

// VRRPStatus is one VRRP instance (keepalived.conf's vrrp_instance).
type VRRPStatus struct {
	Name      string         `json:"name"`
	Interface string         `json:"interface"`
	VRID      uint8          `json:"vrid"`
	State     string         `json:"state"`           // INIT, BACKUP, MASTER, FAULT, STOP
	Priority  uint8          `json:"priority"`        // effective (tracking included)
	Master    netip.Addr     `json:"master,omitzero"` // the master last heard (itself when master)
	Since     time.Time      `json:"since"`
	VIPs      []netip.Prefix `json:"vips"`
	Scripts   []VRRPScript   `json:"scripts,omitempty"`   // track_script
	Files     []VRRPFile     `json:"files,omitempty"`     // track_file
	Processes []VRRPProcess  `json:"processes,omitempty"` // track_process
}

// VRRPProcess is a process an instance tracks (track_process): how many
// run and whether that is a quorum.
type VRRPProcess struct {
	Name    string `json:"name"`
	Weight  int    `json:"weight"`
	Reverse bool   `json:"reverse,omitempty"`
	Count   int    `json:"count"`
	Quorum  bool   `json:"quorum"`
}

// VRRPFile is a file an instance tracks (track_file) and its number now.
type VRRPFile struct {
	Name    string `json:"name"`
	Path    string `json:"path"`
	Weight  int    `json:"weight"`
	Reverse bool   `json:"reverse,omitempty"`
	Value   int64  `json:"value"`
}

// VRRPScript is a script an instance tracks (track_script).
type VRRPScript struct {
	Name    string `json:"name"`
	Weight  int    `json:"weight"`
	Reverse bool   `json:"reverse,omitempty"`
	Status  string `json:"status"` // GOOD, BAD, INIT (not run yet)
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
	return readResponse(c)
}

func readResponse(c net.Conn) (*Response, error) {
	var resp Response
	if err := json.NewDecoder(bufio.NewReaderSize(c, 1<<16)).Decode(&resp); err != nil {
		return nil, fmt.Errorf("read response from xvsd: %w", err)
	}
	return &resp, nil
}

// BatchStream sends one batch request an element at a time, so that xvsd
// decodes while the client is still producing it (ipvsadm -R of a large
// table reads, sends and decodes in step instead of one after the other).
type BatchStream struct {
	c   net.Conn
	w   *bufio.Writer
	n   int
	err error
}

// StartBatch opens a batch request to the daemon on socket.
func StartBatch(socket string) (*BatchStream, error) {
	c, err := net.DialTimeout("unix", socket, 5*time.Second)
	if err != nil {
		return nil, &NotRunningError{Socket: socket, Err: err}
	}
	s := &BatchStream{c: c, w: bufio.NewWriterSize(c, 1<<16)}
	_, s.err = s.w.WriteString(`{"op":"` + string(OpBatch) + `","batch":[`)
	return s, nil
}

// Add appends req to the batch.
func (s *BatchStream) Add(req Request) error {
	if s.err != nil {
		return s.err
	}
	if s.n > 0 {
		s.err = s.w.WriteByte(',')
	}
	b, err := json.Marshal(req)
	if err != nil {
		s.err = err
	} else if s.err == nil {
		_, s.err = s.w.Write(b)
	}
	s.n++
	if s.err != nil {
		return fmt.Errorf("send request to xvsd: %w", s.err)
	}
	return nil
}

// Len is how many requests the batch holds.
func (s *BatchStream) Len() int { return s.n }

// Finish ends the batch and returns xvsd's response.
func (s *BatchStream) Finish() (*Response, error) {
	defer s.c.Close()
	if s.err == nil {
		_, s.err = s.w.WriteString("]}\n")
	}
	if s.err == nil {
		s.err = s.w.Flush()
	}
	if s.err != nil {
		return nil, fmt.Errorf("send request to xvsd: %w", s.err)
	}
	return readResponse(s.c)
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
	if err := decodeRequest(dec, &req); err != nil {
		resp.Error = &Error{Message: "bad request: " + err.Error()}
	} else {
		resp = h.Handle(req)
	}
	w := bufio.NewWriterSize(c, 1<<16)
	_ = json.NewEncoder(w).Encode(resp)
	_ = w.Flush()
}

// decodeRequest reads one Request as encoding/json would, but a batch an
// element at a time: a large batch is decoded while it arrives, and never
// held as one buffer of JSON text.
func decodeRequest(dec *json.Decoder, req *Request) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if strings.EqualFold(key, "batch") {
			if err := decodeBatch(dec, req); err != nil {
				return err
			}
			continue
		}
		field := requestField(req, key)
		if field == nil {
			field = new(json.RawMessage) // unknown fields are ignored, as encoding/json does
		}
		if err := dec.Decode(field); err != nil {
			return err
		}
	}
	return expectDelim(dec, '}')
}

func decodeBatch(dec *json.Decoder, req *Request) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil { // "batch": null
		req.Batch = nil
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("batch: want an array, got %v", tok)
	}
	for dec.More() {
		var r Request
		if err := dec.Decode(&r); err != nil {
			return err
		}
		req.Batch = append(req.Batch, r)
	}
	return expectDelim(dec, ']')
}

// requestField is where the value of a Request's JSON key goes (nil for
// an unknown key; "batch" is decodeBatch's). TestDecodeRequestFields keeps
// it in step with the struct's tags.
func requestField(req *Request, key string) any {
	switch strings.ToLower(key) {
	case "op":
		return &req.Op
	case "service":
		return &req.Service
	case "dest":
		return &req.Dest
	case "timeouts":
		return &req.Timeouts
	case "daemon":
		return &req.Daemon
	case "mark_rule":
		return &req.MarkRule
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %v, got %v", want, tok)
	}
	return nil
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
