// Command backend is the real server of xvs's tests and demo: it answers
// every HTTP request, TCP connection and UDP datagram with its name, so a
// client can see which real server it reached.
//
//	backend -name rs1 -listen 198.18.1.1:80 [-listen [2001:db8:1::1]:80 ...]
//
// Each -listen opens HTTP on TCP and an echo-name responder on UDP at the same
// address. TCP connections are kept open until the client closes them, and
// every line the client sends is answered with the name (for long-lived
// connection tests).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
)

type listens []string

func (l *listens) String() string     { return strings.Join(*l, ",") }
func (l *listens) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	name := flag.String("name", "", "name to answer with")
	var addrs listens
	flag.Var(&addrs, "listen", "address:port to serve HTTP (TCP) and UDP on; repeatable")
	raw := flag.Bool("raw-tcp", false, "answer TCP with name lines instead of HTTP")
	flag.Parse()
	if *name == "" || len(addrs) == 0 {
		fmt.Fprintln(os.Stderr, "usage: backend -name NAME -listen ADDR:PORT [-listen ...] [-raw-tcp]")
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
		if *raw {
			go func() { errc <- serveLines(tl, *name) }()
		} else {
			go func() { errc <- http.Serve(tl, nameHandler(*name)) }()
		}
		go func() { errc <- serveUDP(ul, *name) }()
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
		_, from, err := c.ReadFrom(buf)
		if err != nil {
			return err
		}
		c.WriteTo([]byte(name+"\n"), from)
	}
}
