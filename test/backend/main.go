// Command backend is the real server of xvs's tests and demo: it answers
// every HTTP request, TCP connection and UDP datagram with its name, so a
// client can see which real server it reached.
//
//	backend -name rs1 -listen 198.18.1.1:80 [-listen [2001:db8:1::1]:80 ...]
//
// Each -listen opens HTTP on TCP and an echo-name responder on UDP at the same
// address; a datagram longer than a line gets its own bytes back after the
// name's line (large datagrams: fragments through the director both ways). Each -lines opens a TCP line service: it sends the name when a
// connection opens and answers every line with the name again, for as long
// as the client keeps the connection (long-lived connection tests).
//
// As a client (in the client namespace of a test):
//
//	backend -dial VIP:PORT -conns N -rounds R -interval 200ms
//
// opens N line connections, prints "conn I NAME" for each, then R times sends
// a line on every connection and checks the same name answers; it prints
// "round K ok", or the failures and "round K failed F", and exits non-zero
// on any failure. Between
// rounds it waits -interval, or for a line on stdin with -step.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"time"
)

type listens []string

func (l *listens) String() string     { return strings.Join(*l, ",") }
func (l *listens) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	name := flag.String("name", "", "name to answer with")
	var addrs listens
	flag.Var(&addrs, "listen", "address:port to serve HTTP (TCP) and UDP on; repeatable")
	var lines listens
	flag.Var(&lines, "lines", "address:port of a TCP line service; repeatable")
	dial := flag.String("dial", "", "client mode: line service to connect to")
	conns := flag.Int("conns", 1, "client mode: connections to hold open")
	rounds := flag.Int("rounds", 1, "client mode: rounds of requests on every connection")
	interval := flag.Duration("interval", 200*time.Millisecond, "client mode: pause between rounds")
	step := flag.Bool("step", false, "client mode: wait for a line on stdin before each round after the first")
	ask := flag.String("ask", "", "UDP client mode: send one datagram to ADDR:PORT, print the answer")
	from := flag.String("from", "", "UDP client mode: local ADDR[:PORT] to send from")
	size := flag.Int("size", 0, "UDP client mode: send a datagram of this many bytes and check that it comes back")
	flag.Parse()
	if *ask != "" {
		os.Exit(askUDP(*ask, *from, *size))
	}
	if *dial != "" {
		os.Exit(client(*dial, *conns, *rounds, *interval, *step))
	}
	if *name == "" || len(addrs)+len(lines) == 0 {
		fmt.Fprintln(os.Stderr, "usage: backend -name NAME -listen ADDR:PORT [-listen ...] [-lines ADDR:PORT ...]")
		os.Exit(2)
	}
	errc := make(chan error)
	for _, a := range addrs {
		tl, err := net.Listen("tcp", a)
		if err != nil {
			log.Fatal(err)
		}
		ul, err := net.ListenPacket("udp", a)
		if err != nil {
			log.Fatal(err)
		}
		go func() { errc <- http.Serve(tl, nameHandler(*name)) }()
		go func() { errc <- serveUDP(ul, *name) }()
	}
	for _, a := range lines {
		tl, err := net.Listen("tcp", a)
		if err != nil {
			log.Fatal(err)
		}
		go func() { errc <- serveLines(tl, *name) }()
	}
	log.Fatal(<-errc)
}

func nameHandler(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, name)
	})
}

func serveLines(l net.Listener, name string) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go func() {
			defer c.Close()
			fmt.Fprintln(c, name)
			s := bufio.NewScanner(c)
			for s.Scan() {
				fmt.Fprintln(c, name)
			}
		}()
	}
}

func serveUDP(c net.PacketConn, name string) error {
	buf := make([]byte, 65536)
	for {
		n, from, err := c.ReadFrom(buf)
		if err != nil {
			return err
		}
		answer := []byte(name + "\n")
		if n > 64 {
			answer = append(answer, buf[:n]...)
		}
		c.WriteTo(answer, from)
	}
}

// client holds n line connections to addr and checks that every round is
// answered by the server that answered first.
func client(addr string, n, rounds int, interval time.Duration, step bool) int {
	type conn struct {
		c    net.Conn
		r    *bufio.Reader
		name string
	}
	cs := make([]*conn, 0, n)
	for i := 0; i < n; i++ {
		c, err := net.DialTimeout("tcp", addr, 3*time.Second)
		if err != nil {
			fmt.Printf("conn %d dial: %v\n", i, err)
			return 1
		}
		defer c.Close()
		r := bufio.NewReader(c)
		c.SetReadDeadline(time.Now().Add(3 * time.Second))
		name, err := r.ReadString('\n')
		if err != nil {
			fmt.Printf("conn %d greeting: %v\n", i, err)
			return 1
		}
		cs = append(cs, &conn{c, r, strings.TrimSpace(name)})
		fmt.Printf("conn %d %s\n", i, strings.TrimSpace(name))
	}
	stdin := bufio.NewReader(os.Stdin)
	failed := 0
	for k := 1; k <= rounds; k++ {
		if step {
			stdin.ReadString('\n')
		} else {
			time.Sleep(interval)
		}
		bad := 0
		for i, c := range cs {
			c.c.SetDeadline(time.Now().Add(3 * time.Second))
			_, err := fmt.Fprintln(c.c, "ping")
			var got string
			if err == nil {
				got, err = c.r.ReadString('\n')
			}
			if err != nil || strings.TrimSpace(got) != c.name {
				fmt.Printf("round %d conn %d: answer %q err %v, want %s\n", k, i, strings.TrimSpace(got), err, c.name)
				bad++
			}
		}
		if bad == 0 {
			fmt.Printf("round %d ok\n", k)
		} else {
			fmt.Printf("round %d failed %d\n", k, bad)
		}
		failed += bad
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// askUDP sends one datagram on a connected socket and prints the answer, or
// "refused" when an ICMP port unreachable comes back (exit 3), within 2 s.
// With size, the datagram is that long and the answer must echo it after
// the name's line ("bad echo" and exit 4 otherwise).
func askUDP(addr, from string, size int) int {
	d := net.Dialer{}
	if from != "" {
		if !strings.Contains(from, ":") || strings.Count(from, ":") > 1 && !strings.HasPrefix(from, "[") {
			from = net.JoinHostPort(from, "0")
		}
		la, err := net.ResolveUDPAddr("udp", from)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		d.LocalAddr = la
	}
	c, err := d.Dial("udp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	req := []byte("hi\n")
	for len(req) < size {
		req = append(req, byte('a'+len(req)%26))
	}
	buf := make([]byte, 65536)
	for try := 0; try < 4; try++ {
		if _, err := c.Write(req); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		n, err := c.Read(buf)
		if err == nil {
			name, echo, _ := strings.Cut(string(buf[:n]), "\n")
			fmt.Println(strings.TrimSpace(name))
			if size > 64 && echo != string(req) {
				fmt.Printf("bad echo: %d bytes back of %d\n", len(echo), len(req))
				return 4
			}
			return 0
		}
		if errors.Is(err, syscall.ECONNREFUSED) {
			fmt.Println("refused")
			return 3
		}
	}
	fmt.Fprintln(os.Stderr, "no answer")
	return 1
}
