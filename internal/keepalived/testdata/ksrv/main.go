// Command ksrv is the set of tiny servers the keepalived recordings check
// against in the oracle VM (../../oracle-runtime.sh builds it and passes it
// along). Every server logs what it was asked, one line each, so the
// recording shows what keepalived's checkers sent.
//
//	ksrv http ADDR CODE|FILE    every GET answers CODE (or the number in FILE, read per request)
//	ksrv dns ADDR RCODE         every query answers RCODE
//	ksrv smtp ADDR ok|multi|bad the banner: "220 ...", "220-..." then "220 ...", or "554 ..."
//	ksrv udp ADDR HEX           every datagram is answered with the bytes HEX
//	ksrv tcp ADDR               TCP connections are accepted and closed
//	ksrv silent ADDR            TCP connections are accepted and never answered
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: ksrv http|dns|smtp|udp|tcp|silent ADDR [ARG]")
		os.Exit(2)
	}
	mode, addr, arg := os.Args[1], os.Args[2], ""
	if len(os.Args) > 3 {
		arg = os.Args[3]
	}
	var err error
	switch mode {
	case "http":
		err = serveHTTP(addr, arg)
	case "dns":
		err = serveDNS(addr, arg)
	case "smtp":
		err = serveSMTP(addr, arg)
	case "udp":
		err = serveUDP(addr, arg)
	case "tcp":
		err = serveTCP(addr)
	case "silent":
		err = serveSilent(addr)
	default:
		err = fmt.Errorf("unknown mode %q", mode)
	}
	fmt.Fprintln(os.Stderr, "ksrv:", err)
	os.Exit(1)
}

func logf(format string, args ...any) { fmt.Printf(format+"\n", args...) }

func serveHTTP(addr, codeArg string) error {
	return http.ListenAndServe(addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code := codeArg
		if strings.HasPrefix(codeArg, "/") {
			b, _ := os.ReadFile(codeArg)
			code = strings.TrimSpace(string(b))
		}
		n, err := strconv.Atoi(code)
		if err != nil {
			n = 500
		}
		logf("http %s %s %s host=%s -> %d", addr, r.Proto, r.URL.Path, r.Host, n)
		w.WriteHeader(n)
		fmt.Fprintln(w, "hello")
	}))
}

func serveDNS(addr, rcodeArg string) error {
	rcode, _ := strconv.Atoi(rcodeArg)
	c, err := net.ListenPacket("udp", addr)
	if err != nil {
		return err
	}
	buf := make([]byte, 1500)
	for {
		n, from, err := c.ReadFrom(buf)
		if err != nil {
			return err
		}
		if n < 12 {
			continue
		}
		name, qtype := question(buf[12:n])
		logf("dns %s query name=%q type=%d -> rcode %d", addr, name, qtype, rcode)
		r := append([]byte{}, buf[:n]...)
		r[2] = 0x81 // QR, RD
		r[3] = 0x80 | byte(rcode)
		c.WriteTo(r, from)
	}
}

// question reads the first question's name and type.
func question(b []byte) (string, uint16) {
	var labels []string
	i := 0
	for i < len(b) && b[i] != 0 {
		l := int(b[i])
		if i+1+l > len(b) {
			return "?", 0
		}
		labels = append(labels, string(b[i+1:i+1+l]))
		i += 1 + l
	}
	if i+3 > len(b) {
		return "?", 0
	}
	return strings.Join(labels, ".") + ".", binary.BigEndian.Uint16(b[i+1:])
}

func serveSMTP(addr, banner string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go smtpSession(c, addr, banner)
	}
}

func smtpSession(c net.Conn, addr, banner string) {
	defer c.Close()
	switch banner {
	case "multi":
		fmt.Fprint(c, "220-ksrv first line\r\n220 ksrv ready\r\n")
	case "bad":
		fmt.Fprint(c, "554 ksrv refuses\r\n")
	default:
		fmt.Fprint(c, "220 ksrv ready\r\n")
	}
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		logf("smtp %s <- %s", addr, line)
		switch {
		case strings.HasPrefix(strings.ToUpper(line), "HELO"), strings.HasPrefix(strings.ToUpper(line), "EHLO"):
			fmt.Fprint(c, "250 ksrv\r\n")
		case strings.ToUpper(line) == "QUIT":
			fmt.Fprint(c, "221 bye\r\n")
			return
		default:
			fmt.Fprint(c, "500 what\r\n")
		}
	}
}

func serveUDP(addr, replyHex string) error {
	reply, err := hex.DecodeString(replyHex)
	if err != nil {
		return err
	}
	c, err := net.ListenPacket("udp", addr)
	if err != nil {
		return err
	}
	buf := make([]byte, 65536)
	for {
		n, from, err := c.ReadFrom(buf)
		if err != nil {
			return err
		}
		got := hex.EncodeToString(buf[:min(n, 32)])
		logf("udp %s <- %d bytes %s", addr, n, got)
		c.WriteTo(reply, from)
	}
}

func serveTCP(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		c.Close()
		logf("tcp %s accepted", addr)
	}
}

func serveSilent(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	var held []net.Conn
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		held = append(held, c) // never answered, never closed
		logf("silent %s accepted", addr)
	}
}
