// Package health runs keepalived's checkers against real servers (TCP_CHECK,
// HTTP_GET, SSL_GET, UDP_CHECK, DNS_CHECK, MISC_CHECK, PING_CHECK) with
// keepalived's options and state rules, from a bounded pool of workers.
package health

import (
	"bytes"
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
	"os/exec"
	"strconv"
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
)

var kindNames = [...]string{"TCP_CHECK", "HTTP_GET", "SSL_GET", "UDP_CHECK", "DNS_CHECK", "MISC_CHECK", "PING_CHECK"}

func (k Kind) String() string { return kindNames[k] }

// URL is one url block of HTTP_GET/SSL_GET.
type URL struct {
	Path        string
	Digest      string // md5 of the body, hex; empty: not checked
	StatusCode  int    // 0: any 2xx
	VirtualHost string
}

// Check is one checker of one real server.
type Check struct {
	Kind             Kind
	Addr             netip.Addr // connect_ip (default: the real server)
	Port             uint16     // connect_port (default: the real server's)
	BindTo           netip.Addr
	BindPort         uint16
	DelayLoop        time.Duration
	ConnectTimeout   time.Duration // misc_timeout for MISC_CHECK
	Retry            int
	DelayBeforeRetry time.Duration
	Warmup           time.Duration
	Alpha            bool // start as failed
	URLs             []URL
	VirtualHost      string
	Script           string
	Dynamic          bool // misc_dynamic
	DNSType, DNSName string
	Payload, Expect  []byte
	RequireReply     bool
}

// DNSTypes are the query types DNS_CHECK takes.
var DNSTypes = map[string]uint16{"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16, "AAAA": 28, "SRV": 33}

// Result of one probe. Weight is misc_dynamic's weight (-1: unchanged).
type Result struct {
	Err    error
	Weight int
}

// Probe runs the check once.
func Probe(ctx context.Context, c *Check) Result {
	ctx, cancel := context.WithTimeout(ctx, max(c.ConnectTimeout, 10*time.Millisecond))
	defer cancel()
	switch c.Kind {
	case TCP:
		conn, err := c.dialer().DialContext(ctx, "tcp", c.target())
		if err == nil {
			conn.Close()
		}
		return Result{Err: err, Weight: -1}
	case HTTP, SSL:
		return Result{Err: c.probeHTTP(ctx), Weight: -1}
	case UDP:
		return Result{Err: c.probeUDP(ctx), Weight: -1}
	case DNS:
		return Result{Err: c.probeDNS(ctx), Weight: -1}
	case Misc:
		return c.probeMisc(ctx)
	case Ping:
		return Result{Err: c.probePing(ctx), Weight: -1}
	}
	return Result{Err: fmt.Errorf("unknown checker"), Weight: -1}
}

func (c *Check) target() string { return netip.AddrPortFrom(c.Addr, c.Port).String() }

func (c *Check) dialer() *net.Dialer {
	d := &net.Dialer{}
	if c.BindTo.IsValid() || c.BindPort != 0 {
		ip := net.IP(nil)
		if c.BindTo.IsValid() {
			ip = c.BindTo.AsSlice()
		}
		d.LocalAddr = &net.TCPAddr{IP: ip, Port: int(c.BindPort)}
	}
	return d
}

func (c *Check) probeHTTP(ctx context.Context) error {
	scheme := "http"
	if c.Kind == SSL {
		scheme = "https"
	}
	tr := &http.Transport{DialContext: c.dialer().DialContext, DisableKeepAlives: true,
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}} // keepalived does not verify certificates either
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	urls := c.URLs
	if len(urls) == 0 {
		urls = []URL{{Path: "/"}}
	}
	for _, u := range urls {
		req, err := http.NewRequestWithContext(ctx, "GET", scheme+"://"+c.target()+u.Path, nil)
		if err != nil {
			return err
		}
		if vh := firstNonEmpty(u.VirtualHost, c.VirtualHost); vh != "" {
			req.Host = vh
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
		resp.Body.Close()
		if err != nil {
			return err
		}
		if u.StatusCode != 0 && resp.StatusCode != u.StatusCode {
			return fmt.Errorf("%s: status %d, want %d", u.Path, resp.StatusCode, u.StatusCode)
		}
		if u.StatusCode == 0 && (resp.StatusCode < 200 || resp.StatusCode > 299) {
			return fmt.Errorf("%s: status %d", u.Path, resp.StatusCode)
		}
		if u.Digest != "" {
			sum := md5.Sum(body)
			if got := hex.EncodeToString(sum[:]); got != u.Digest {
				return fmt.Errorf("%s: digest %s, want %s", u.Path, got, u.Digest)
			}
		}
	}
	return nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// probeUDP sends the payload; a port unreachable fails it, as does no
// reply (or a different one) when a reply is required.
func (c *Check) probeUDP(ctx context.Context) error {
	d := c.dialer()
	if d.LocalAddr != nil {
		t := d.LocalAddr.(*net.TCPAddr)
		d.LocalAddr = &net.UDPAddr{IP: t.IP, Port: t.Port}
	}
	conn, err := d.DialContext(ctx, "udp", c.target())
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	payload := c.Payload
	if len(payload) == 0 {
		payload = []byte{0}
	}
	if _, err := conn.Write(payload); err != nil {
		return err
	}
	buf := make([]byte, 65536)
	n, err := conn.Read(buf)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() && !c.RequireReply {
			return nil // silence is fine unless a reply is required
		}
		return err
	}
	if len(c.Expect) > 0 && !bytes.HasPrefix(buf[:n], c.Expect) {
		return fmt.Errorf("unexpected reply % x", buf[:min(n, 16)])
	}
	return nil
}

// probeDNS asks one question; any answer with our id and no server
// failure passes, as keepalived's DNS_CHECK.
func (c *Check) probeDNS(ctx context.Context) error {
	qtype := DNSTypes[c.DNSType]
	id := uint16(rand.Uint32())
	msg := binary.BigEndian.AppendUint16(nil, id)
	msg = append(msg, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0) // RD, one question
	for _, label := range splitName(c.DNSName) {
		msg = append(msg, byte(len(label)))
		msg = append(msg, label...)
	}
	msg = append(msg, 0)
	msg = binary.BigEndian.AppendUint16(msg, qtype)
	msg = binary.BigEndian.AppendUint16(msg, 1)
	conn, err := (&net.Dialer{}).DialContext(ctx, "udp", c.target())
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	if _, err := conn.Write(msg); err != nil {
		return err
	}
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return err
		}
		if n < 12 || binary.BigEndian.Uint16(buf) != id || buf[2]&0x80 == 0 {
			continue
		}
		if rcode := buf[3] & 0xf; rcode == 2 || rcode == 5 {
			return fmt.Errorf("DNS answer rcode %d", rcode)
		}
		return nil
	}
}

func splitName(name string) []string {
	var out []string
	cur := ""
	for _, r := range name {
		if r == '.' {
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
			continue
		}
		cur += string(r)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// probeMisc runs the script: exit 0 passes, 1 fails; with misc_dynamic
// 2..255 pass and set the weight to the code minus 2.
func (c *Check) probeMisc(ctx context.Context) Result {
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", c.Script)
	err := cmd.Run()
	if err == nil {
		return Result{Weight: -1}
	}
	if ctx.Err() != nil {
		return Result{Err: fmt.Errorf("misc_path timed out"), Weight: -1}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code := ee.ExitCode()
		if c.Dynamic && code >= 2 && code <= 255 {
			return Result{Weight: code - 2}
		}
		return Result{Err: fmt.Errorf("exit status %d", code), Weight: -1}
	}
	return Result{Err: err, Weight: -1}
}

// probePing sends one ICMP echo and waits for the reply.
func (c *Check) probePing(ctx context.Context) error {
	af, proto, typ := syscall.AF_INET, syscall.IPPROTO_ICMP, byte(8)
	if c.Addr.Is6() {
		af, proto, typ = syscall.AF_INET6, syscall.IPPROTO_ICMPV6, 128
	}
	fd, err := syscall.Socket(af, syscall.SOCK_DGRAM, proto)
	if err != nil {
		fd, err = syscall.Socket(af, syscall.SOCK_RAW, proto)
		if err != nil {
			return fmt.Errorf("icmp socket: %w", err)
		}
	}
	f := newFile(fd)
	conn, err := net.FileConn(f)
	f.Close()
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	id := uint16(rand.Uint32())
	echo := []byte{typ, 0, 0, 0, byte(id >> 8), byte(id), 0, 1}
	echo = append(echo, []byte("xvs-health")...)
	if af == syscall.AF_INET {
		binary.BigEndian.PutUint16(echo[2:], icmpChecksum(echo))
	}
	pc := conn.(net.PacketConn)
	dst := &net.IPAddr{IP: c.Addr.AsSlice()}
	if _, err := pc.WriteTo(echo, dst); err != nil {
		return err
	}
	buf := make([]byte, 1500)
	for {
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

// Describe is a short name of the check for listings and logs.
func (c *Check) Describe() string {
	switch c.Kind {
	case Misc:
		return c.Kind.String() + " " + c.Script
	case Ping:
		return c.Kind.String() + " " + c.Addr.String()
	}
	return c.Kind.String() + " " + net.JoinHostPort(c.Addr.String(), strconv.Itoa(int(c.Port)))
}
