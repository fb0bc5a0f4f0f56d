// Command httpload measures HTTP through a load balancer: new connections
// per second (one request per connection) or keep-alive requests per
// second, with latency percentiles. Bounded in time and in connections.
//
//	httpload -url http://VIP/ -c 32 -d 5s -mode cps|keepalive [-samples FILE]
//
// -url may list several URLs, comma-separated: requests take them in turn
// (each client starts at its own), as a round-robin balancer would spread
// them, so "direct to the servers" loads the same servers the same way.
// Prints "requests rps p50_ms p99_ms errors".
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	urlList := flag.String("url", "", "URL to fetch (or several, comma-separated, taken in turn)")
	conc := flag.Int("c", 32, "concurrent clients")
	dur := flag.Duration("d", 5*time.Second, "duration")
	mode := flag.String("mode", "cps", "cps (a new connection per request) or keepalive")
	samples := flag.String("samples", "", "write every 10th latency (ms) here")
	src := flag.String("src", "", "local address to connect from")
	flag.Parse()
	keep := *mode == "keepalive"
	urls := strings.Split(*urlList, ",")
	dialer := &net.Dialer{Timeout: 2 * time.Second}
	if *src != "" {
		ip := net.ParseIP(*src)
		if ip == nil {
			fmt.Fprintf(os.Stderr, "httpload: -src %q is not an IP address\n", *src)
			os.Exit(2)
		}
		dialer.LocalAddr = &net.TCPAddr{IP: ip}
	}
	var mu sync.Mutex
	var lat []float64
	errs := 0
	var firstErr error
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for worker := range *conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tr := &http.Transport{DisableKeepAlives: !keep, MaxIdleConnsPerHost: 1,
				DialContext: dialer.DialContext}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr, Timeout: 2 * time.Second}
			var mine []float64
			bad := 0
			next := worker
			for time.Now().Before(deadline) {
				url := urls[next%len(urls)]
				if !keep { // a keep-alive client stays with its server, as its connection does
					next++
				}
				t0 := time.Now()
				resp, err := client.Get(url)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				if err != nil {
					bad++
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					time.Sleep(time.Millisecond) // no busy loop against a dead server
					continue
				}
				mine = append(mine, float64(time.Since(t0).Microseconds())/1000)
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	fmt.Printf("%d %.0f %.3f %.3f %d\n", len(lat), float64(len(lat))/dur.Seconds(), pct(0.50), pct(0.99), errs)
	if firstErr != nil {
		fmt.Fprintln(os.Stderr, "httpload: first error:", firstErr)
	}
	if *samples != "" {
		f, err := os.Create(*samples)
		if err == nil {
			for i := 0; i < len(lat); i += 10 {
				fmt.Fprintf(f, "%.3f\n", lat[i])
			}
			f.Close()
		}
	}
}
