// Package health runs keepalived's checkers against real servers
// (TCP_CHECK, HTTP_GET, SSL_GET, UDP_CHECK, DNS_CHECK, MISC_CHECK,
// PING_CHECK, SMTP_CHECK, FILE_CHECK) with keepalived 2.2.7's options and
// state rules. Every probe has its own deadline and runs on its own, so a
// slow server never delays another server's check.
package health

import (
	"bufio"
	"context"
	"crypto/md5"
	"crypto/tls"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Kind is a checker type.
type Kind int

// Checker types, as keepalived names them.
const (
	TCP Kind = iota
	HTTP
	SSL
	UDP
	DNS
	Misc
	Ping
	SMTP
	File
)

var kindNames = [...]string{"TCP_CHECK", "HTTP_GET", "SSL_GET", "UDP_CHECK", "DNS_CHECK", "MISC_CHECK", "PING_CHECK", "SMTP_CHECK", "FILE_CHECK"}

func (k Kind) String() string { return kindNames[k] }

// Conn is how a checker reaches its server (keepalived's conn_opts).
type Conn struct {
	Addr     netip.Addr // connect_ip (default: the real server)
	Port     uint16     // connect_port (default: the real server's)
	BindTo   netip.Addr
	BindPort uint16
	BindIf   string
	FWMark   uint32
	Timeout  time.Duration // connect_timeout: for the connection and for each read and write
}

// StatusCodes is a set of HTTP status codes 100..599.
type StatusCodes [8]uint64

// Add puts lo..hi in the set.
func (s *StatusCodes) Add(lo, hi int) {
	for c := lo; c <= hi; c++ {
		s[(c-100)/64] |= 1 << ((c - 100) % 64)
	}
}

// Has tells whether code is in the set.
func (s *StatusCodes) Has(code int) bool {
	return code >= 100 && code <= 599 && s[(code-100)/64]&(1<<((code-100)%64)) != 0
}

// Empty tells whether no code was added.
func (s *StatusCodes) Empty() bool { return *s == StatusCodes{} }

// URL is one url block of HTTP_GET/SSL_GET.
type URL struct {
	Path        string
	Digest      string // md5 of the body, lower-case hex; empty: not checked
	Codes       StatusCodes
	VirtualHost string // the url's own virtualhost (compared on reload)
	Host        string // the Host header sent: url, checker, real server or virtual server virtualhost
}

// Check is one checker of one real server, with every default resolved.
type Check struct {
	Kind             Kind
	Conn             Conn
	DelayLoop        time.Duration
	Retry            int
	DelayBeforeRetry time.Duration
	Warmup           time.Duration
	Alpha            bool // start as failed
	// Disabled never runs: keepalived disables a MISC_CHECK whose script it
	// cannot run after the checker took its initial state, which stays.
	Disabled bool

	// HTTP_GET, SSL_GET
	URLs         []URL
	VirtualHost  string // the checker's own virtualhost (compared on reload)
	HTTPProtocol string // "1.0" (keepalived's default), "1.1" or "1.0C"
	EnableSNI    bool
	FastRecovery bool

	// MISC_CHECK: the command and its arguments, run without a shell
	Script  []string
	Timeout time.Duration // misc_timeout, or the virtual server's delay_loop
	Dynamic bool          // misc_dynamic

	// DNS_CHECK
	DNSType uint16
	DNSName string

	// UDP_CHECK
	Payload      []byte // nil: keepalived's 32-byte filler
	RequireReply bool
	Reply        []byte // expected start of the reply (nil: any reply)
	ReplyMask    []byte // bits of Reply that are not compared (X nibbles)
	MinReply     int
	MaxReply     int

	// SMTP_CHECK
	Helo string

	// FILE_CHECK: the tracked file, and how its number weighs
	TrackFile   string // the track_file's name
	FilePath    string
	FileWeight  int64
	FileReverse bool
}

// DNSTypes are the query types keepalived's DNS_CHECK knows.
var DNSTypes = map[string]uint16{"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "MX": 15, "TXT": 16, "AAAA": 28, "RRSIG": 46, "DNSKEY": 48}

// Result of one probe. Code is a MISC_CHECK's exit status or a
// FILE_CHECK's number.
type Result struct {
	Err  error
	Code int64
}

// Probe runs the check once; for HTTP_GET and SSL_GET, only the url at
// index url (keepalived checks one url per run).
func Probe(ctx context.Context, c *Check, url int) Result {
	switch c.Kind {
	case TCP:
		return Result{Err: c.probeTCP(ctx)}
	case HTTP, SSL:
		return Result{Err: c.probeURL(ctx, &c.URLs[url])}
	case UDP:
		return Result{Err: c.probeUDP(ctx)}
	case DNS:
		return Result{Err: c.probeDNS(ctx)}
	case Misc:
		return c.probeMisc(ctx)
	case Ping:
		return Result{Err: c.probePing(ctx)}
	case SMTP:
		return Result{Err: c.probeSMTP(ctx)}
	case File:
		return Result{Code: readTrackFile(c.FilePath)}
	}
	return Result{Err: fmt.Errorf("unknown checker")}
}

func (c *Check) target() string { return netip.AddrPortFrom(c.Conn.Addr, c.Conn.Port).String() }

// dialer binds (bindto, bind_port, bind_if) and marks (fwmark) as keepalived.
func (c *Check) dialer(network string) *net.Dialer {
	d := &net.Dialer{Timeout: c.Conn.Timeout}
	if c.Conn.BindTo.IsValid() || c.Conn.BindPort != 0 {
		var ip net.IP
		if c.Conn.BindTo.IsValid() {
			ip = c.Conn.BindTo.AsSlice()
		}
		if strings.HasPrefix(network, "udp") {
			d.LocalAddr = &net.UDPAddr{IP: ip, Port: int(c.Conn.BindPort)}
		} else {
			d.LocalAddr = &net.TCPAddr{IP: ip, Port: int(c.Conn.BindPort)}
		}
	}
	if c.Conn.BindIf != "" || c.Conn.FWMark != 0 {
		d.Control = func(_, _ string, rc syscall.RawConn) error {
			var serr error
			err := rc.Control(func(fd uintptr) {
				if c.Conn.BindIf != "" {
					serr = syscall.BindToDevice(int(fd), c.Conn.BindIf)
				}
				if serr == nil && c.Conn.FWMark != 0 {
					serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_MARK, int(c.Conn.FWMark))
				}
			})
			return errors.Join(err, serr)
		}
	}
	return d
}

func (c *Check) probeTCP(ctx context.Context) error {
	conn, err := c.dialer("tcp").DialContext(ctx, "tcp", c.target())
	if err == nil {
		conn.Close()
	}
	return err
}

// ioConn gives every read and write its own deadline, as keepalived's
// timeouts are per I/O operation.
type ioConn struct {
	net.Conn
	timeout time.Duration
}

func (c ioConn) Read(b []byte) (int, error) {
	c.SetReadDeadline(time.Now().Add(c.timeout))
	return c.Conn.Read(b)
}

func (c ioConn) Write(b []byte) (int, error) {
	c.SetWriteDeadline(time.Now().Add(c.timeout))
	return c.Conn.Write(b)
}

// probeURL sends keepalived's request (HTTP/1.0 unless http_protocol says
// otherwise, User-Agent KeepAliveClient) and checks the status code and
// the body's MD5.
func (c *Check) probeURL(ctx context.Context, u *URL) error {
	raw, err := c.dialer("tcp").DialContext(ctx, "tcp", c.target())
	if err != nil {
		return err
	}
	defer raw.Close()
	var conn net.Conn = ioConn{raw, c.Conn.Timeout}
	if c.Kind == SSL {
		cfg := &tls.Config{InsecureSkipVerify: true} // keepalived does not verify certificates either
		if c.EnableSNI && u.Host != "" {
			cfg.ServerName = u.Host
		}
		tc := tls.Client(conn, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			return err
		}
		conn = tc
	}
	if _, err := io.WriteString(conn, c.request(u)); err != nil {
		return err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	sum := md5.New()
	if _, err := io.Copy(sum, io.LimitReader(resp.Body, 64<<20)); err != nil && u.Digest != "" {
		return err
	}
	if !u.Codes.Has(resp.StatusCode) {
		return fmt.Errorf("%s: status %d", u.Path, resp.StatusCode)
	}
	if u.Digest != "" {
		if got := hex.EncodeToString(sum.Sum(nil)); got != u.Digest {
			return fmt.Errorf("%s: digest %s, want %s", u.Path, got, u.Digest)
		}
	}
	return nil
}

// request is keepalived's request_template: the Host is the virtualhost,
// or the address and port connected to.
func (c *Check) request(u *URL) string {
	host := u.Host
	if host == "" {
		host = c.target()
	}
	minor, closeHdr := "0", ""
	switch c.HTTPProtocol {
	case "1.1":
		minor, closeHdr = "1", "Connection: close\r\n"
	case "1.0C":
		closeHdr = "Connection: close\r\n"
	}
	return "GET " + u.Path + " HTTP/1." + minor + "\r\nUser-Agent: KeepAliveClient\r\n" + closeHdr + "Host: " + host + "\r\n\r\n"
}

// udpFiller is what keepalived sends when UDP_CHECK has no payload.
var udpFiller = []byte("keepalived check - keepalived ch")

// probeUDP sends the payload: a port unreachable fails; silence passes
// unless require_reply; a reply is compared with require_reply's bytes
// (and only then are min_reply_length and max_reply_length checked).
func (c *Check) probeUDP(ctx context.Context) error {
	conn, err := c.dialer("udp").DialContext(ctx, "udp", c.target())
	if err != nil {
		return err
	}
	defer conn.Close()
	payload := c.Payload
	if payload == nil {
		payload = udpFiller
	}
	conn.SetDeadline(time.Now().Add(c.Conn.Timeout))
	if _, err := conn.Write(payload); err != nil {
		return err
	}
	buf := make([]byte, max(c.MaxReply+1, 1))
	n, err := conn.Read(buf)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() && !c.RequireReply {
			return nil // silence is fine unless a reply is required
		}
		return err
	}
	if c.Reply != nil {
		return c.checkReply(buf[:n])
	}
	return nil
}

// checkReply is keepalived's check_udp_reply.
func (c *Check) checkReply(got []byte) error {
	if len(got) < c.MinReply || len(got) > c.MaxReply {
		return fmt.Errorf("reply of %d bytes, want %d..%d", len(got), c.MinReply, c.MaxReply)
	}
	for i := 0; i < min(len(got), len(c.Reply)); i++ {
		mask := byte(0)
		if c.ReplyMask != nil {
			mask = c.ReplyMask[i]
		}
		if (got[i]^c.Reply[i])&^mask != 0 {
			return fmt.Errorf("unexpected reply % x", got[:min(len(got), 16)])
		}
	}
	return nil
}

// probeDNS asks one question (recursion desired); an answer with our id and
// rcode 0 passes, any other rcode fails, as keepalived's DNS_CHECK.
func (c *Check) probeDNS(ctx context.Context) error {
	id := uint16(rand.Uint32())
	msg := binary.BigEndian.AppendUint16(nil, id)
	msg = append(msg, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0)
	for _, label := range strings.Split(strings.Trim(c.DNSName, "."), ".") {
		if label != "" {
			msg = append(msg, byte(len(label)))
			msg = append(msg, label...)
		}
	}
	msg = append(msg, 0)
	msg = binary.BigEndian.AppendUint16(msg, c.DNSType)
	msg = binary.BigEndian.AppendUint16(msg, 1)
	conn, err := c.dialer("udp").DialContext(ctx, "udp", c.target())
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(c.Conn.Timeout))
	if _, err := conn.Write(msg); err != nil {
		return err
	}
	buf := make([]byte, 768)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return err
		}
		if n < 12 || binary.BigEndian.Uint16(buf) != id || buf[2]&0x80 == 0 {
			continue
		}
		if rcode := buf[3] & 0xf; rcode != 0 {
			return fmt.Errorf("DNS answer rcode %d", rcode)
		}
		return nil
	}
}

// scriptGrace is how long a timed-out script has between SIGTERM and
// SIGKILL, as keepalived gives it.
const scriptGrace = 2 * time.Second

// probeMisc runs the script without a shell; its exit status is the result.
// Past the timeout its process group gets SIGTERM, then SIGKILL.
func (c *Check) probeMisc(ctx context.Context) Result {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	cmd := scriptCommand(ctx, c.Script)
	err := cmd.Run()
	if err == nil {
		return Result{}
	}
	if ctx.Err() != nil {
		return Result{Err: fmt.Errorf("timed out after %v", c.Timeout), Code: -1}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if code := ee.ExitCode(); code >= 0 {
			return Result{Err: fmt.Errorf("exit status %d", code), Code: int64(code)}
		}
	}
	return Result{Err: err, Code: -1}
}

// scriptCommand runs argv in its own process group, terminated as
// keepalived terminates scripts when ctx ends.
func scriptCommand(ctx context.Context, argv []string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = scriptGrace
	return cmd
}

// probePing sends one ICMP echo and waits for the reply.
func (c *Check) probePing(ctx context.Context) error {
	af, proto, typ := syscall.AF_INET, syscall.IPPROTO_ICMP, byte(8)
	if c.Conn.Addr.Is6() {
		af, proto, typ = syscall.AF_INET6, syscall.IPPROTO_ICMPV6, 128
	}
	fd, err := syscall.Socket(af, syscall.SOCK_DGRAM, proto)
	if err != nil {
		fd, err = syscall.Socket(af, syscall.SOCK_RAW, proto)
		if err != nil {
			return fmt.Errorf("icmp socket: %w", err)
		}
	}
	f := os.NewFile(uintptr(fd), "icmp")
	conn, err := net.FileConn(f)
	f.Close()
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(c.Conn.Timeout))
	id := uint16(rand.Uint32())
	echo := []byte{typ, 0, 0, 0, byte(id >> 8), byte(id), 0, 1}
	echo = append(echo, []byte("xvs-health")...)
	if af == syscall.AF_INET {
		binary.BigEndian.PutUint16(echo[2:], icmpChecksum(echo))
	}
	pc := conn.(net.PacketConn)
	dst := &net.IPAddr{IP: c.Conn.Addr.AsSlice()}
	if _, err := pc.WriteTo(echo, dst); err != nil {
		return err
	}
	buf := make([]byte, 1500)
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			return err
		}
		b := buf[:n]
		if len(b) > 20 && b[0]>>4 == 4 { // raw IPv4 sockets include the header
			b = b[int(b[0]&0xf)*4:]
		}
		if fa, ok := from.(*net.IPAddr); ok && !fa.IP.Equal(dst.IP) {
			continue
		}
		if len(b) >= 8 && (b[0] == 0 || b[0] == 129) {
			return nil
		}
	}
}

func icmpChecksum(b []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if len(b)%2 == 1 {
		s += uint32(b[len(b)-1]) << 8
	}
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return ^uint16(s)
}

// probeSMTP is keepalived's SMTP conversation: a 220 greeting (its first
// line: "220-" continuation lines are a bad greeting to keepalived), HELO
// answered by 250, QUIT and any answer.
func (c *Check) probeSMTP(ctx context.Context) error {
	raw, err := c.dialer("tcp").DialContext(ctx, "tcp", c.target())
	if err != nil {
		return err
	}
	defer raw.Close()
	conn := ioConn{raw, c.Conn.Timeout}
	r := bufio.NewReader(conn)
	steps := []struct {
		send string
		want int
		what string
	}{{"", 220, "greeting banner"}, {"HELO " + c.Helo + "\r\n", 250, "HELO response"}, {"QUIT\r\n", 0, "QUIT response"}}
	for _, s := range steps {
		if s.send != "" {
			if _, err := io.WriteString(conn, s.send); err != nil {
				return fmt.Errorf("write: %w", err)
			}
		}
		line, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		if s.want != 0 && smtpStatus(line) != s.want {
			return fmt.Errorf("bad %s %q", s.what, strings.TrimSpace(line))
		}
	}
	return nil
}

// smtpStatus is keepalived's smtp_get_status: three digits, then a blank or
// the end of the line.
func smtpStatus(line string) int {
	line = strings.TrimRight(line, "\r\n")
	if len(line) < 3 || (len(line) > 3 && line[3] != ' ') {
		return -1
	}
	v, err := strconv.Atoi(line[:3])
	if err != nil {
		return -1
	}
	return v
}

// ReadTrackFile reads a track_file as FILE_CHECK and VRRP's track_file
// do.
func ReadTrackFile(path string) int64 { return readTrackFile(path) }

// readTrackFile is keepalived's process_track_file: the number at the start
// of the file (C strtol, base 0); a file that is missing, empty or not a
// number reads as 0.
func readTrackFile(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	buf := make([]byte, 127)
	n, _ := f.Read(buf)
	return strtol(string(buf[:n]))
}

// strtol parses like C's strtol(s, NULL, 0): blanks, a sign, then a 0x
// (hex) or 0 (octal) prefix, and as many digits as there are.
func strtol(s string) int64 {
	s = strings.TrimLeft(s, " \t\n\r\f\v")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	base := 10
	switch {
	case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isHexDigit(s[2]):
		base, s = 16, s[2:]
	case len(s) > 1 && s[0] == '0':
		base = 8
	}
	var v int64
	for _, ch := range s {
		d := digitValue(ch)
		if d < 0 || d >= base {
			break
		}
		if v > (1<<62)/int64(base) {
			v = 1 << 62 // out of range either way: keepalived ignores such numbers too
			break
		}
		v = v*int64(base) + int64(d)
	}
	if neg {
		return -v
	}
	return v
}

func isHexDigit(c byte) bool { return digitValue(rune(c)) >= 0 && digitValue(rune(c)) < 16 }

func digitValue(c rune) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// Describe is a short name of the check for listings and logs.
func (c *Check) Describe() string {
	switch c.Kind {
	case Misc:
		return c.Kind.String() + " " + strings.Join(c.Script, " ")
	case Ping:
		return c.Kind.String() + " " + c.Conn.Addr.String()
	case File:
		return c.Kind.String() + " " + c.TrackFile
	}
	return c.Kind.String() + " " + net.JoinHostPort(c.Conn.Addr.String(), strconv.Itoa(int(c.Conn.Port)))
}
